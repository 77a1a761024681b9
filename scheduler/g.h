// scheduler/g.h — the goroutine (runtime2.go's g), as gostep models it.
//
// A G is created by Scheduler::Go (newproc), runs its body on a fiber, and
// moves between the GStatus states of runtime2.go:
//
//   kIdle --newproc--> kRunnable --execute--> kRunning --gopark--> kWaiting
//                         ^   ^                 |  |                  |
//                         |   +---preempt/Gosched+  +--goexit--> kDead |
//                         +----------------- ready <-------------------+
//
// Ownership: a kRunnable G is on exactly one run queue (a P's runnext, a P's
// local ring, or the global queue: `where`); a kRunning G is its P's curg; a
// kWaiting G is referenced only by what it waits on (a wait queue, a timer).
#pragma once

#include <cstdint>
#include <functional>
#include <source_location>
#include <vector>

#include "base/go_output.h"
#include "scheduler/fiber.h"
#include "scheduler/frames.h"
#include "scheduler/types.h"

namespace gostep::sched {

struct Sudog;
struct Timer;

// SourcePos is a position in the simulated program, printed in dumps. For C++
// API goroutines it defaults to the C++ call site of the blocking call; tests
// that mirror a Go program pass Go positions explicitly (At("main.go", 12)).
struct SourcePos {
  const char* file = nullptr;
  uint32_t line = 0;
#if defined(__cpp_lib_source_location)
  // NOLINTNEXTLINE(google-explicit-constructor): deliberate, for defaults.
  SourcePos(std::source_location l = std::source_location::current())
      : file(l.file_name()), line(l.line()) {}
  SourcePos(const char* f, uint32_t l) : file(f), line(l) {}
#else
  // clang 14 on libstdc++ 12 (the fuzz build) has no std::source_location;
  // the builtins give the caller's position the same way.
  SourcePos(const char* f = __builtin_FILE(), uint32_t l = __builtin_LINE()) : file(f), line(l) {}
#endif
};
inline SourcePos At(const char* file, uint32_t line) { return SourcePos(file, line); }

// FrameSource supplies a goroutine's user frames, innermost first (the
// interpreter implements it; C++ API goroutines have none).
class FrameSource {
 public:
  virtual ~FrameSource() = default;
  virtual void AppendFrames(std::vector<base::GoFrame>* out) const = 0;
};

// Where a runnable G is queued.
enum class QueueLoc : uint8_t { kNone, kRunnext, kLocal, kGlobal };

struct G {
  uint64_t goid = 0;
  GStatus status = GStatus::kIdle;
  WaitReason waitreason = WaitReason::kZero;
  QueueLoc where = QueueLoc::kNone;
  bool preempt = false;   // a preemption was requested (runtime2.go: g.preempt)
  bool system = false;    // runtime-internal goroutine: hidden in dumps
  int32_t p = -1;         // P it runs on, or whose queue holds it
  Nanos clock = 0;        // it cannot run before this time (causality)
  Nanos waitsince = 0;    // set by the GC's stack scan (mgcmark.go), cleared by execute
  G* schedlink = nullptr; // run-queue link (global queue)
  uint32_t prio = 0;      // pct policy priority

  Context ctx;  // fiber and stack residency
  std::function<void()> body;

  // For dumps.
  uint32_t name = 0;          // interned function name, "main.main.func1"
  uint32_t creator_name = 0;  // interned name of the function that ran `go`
  uint64_t creator_goid = 0;
  SourcePos created_at{nullptr, 0};
  SourcePos pos{nullptr, 0};  // user position of the current blocking call
  RtFrames rtframes = nullptr;  // runtime frames while blocked
  const FrameSource* frames = nullptr;

  // Wait state (runtime2.go: waiting, param, selectDone, timer).
  Sudog* waiting = nullptr;
  Sudog* param = nullptr;
  bool select_done = false;
  Timer* sleep_timer = nullptr;

  // Owned by the layer above (runtime/): the goroutine's GC roots.
  void* gc_stack = nullptr;
};

}  // namespace gostep::sched
