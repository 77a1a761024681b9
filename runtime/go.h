// runtime/go.h — what C++ goroutine code calls: the `go` statement and
// package runtime, on the simulation running on this thread.
//
// Every function here must be called from inside a goroutine of a running
// Runtime (gostep::Go may also be called from timer callbacks). Positions
// default to the C++ call site; pass At("main.go", 12) to print Go positions
// in goroutine dumps.
#pragma once

#include <functional>
#include <string_view>

#include <fmt/format.h>

#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"

namespace gostep {

[[noreturn]] void NoSimulation();

using sched::At;
using sched::Nanos;
using sched::SourcePos;

constexpr Nanos kMicrosecond = sched::kMicrosecond;
constexpr Nanos kMillisecond = sched::kMillisecond;
constexpr Nanos kSecond = sched::kSecond;
constexpr Nanos kMinute = sched::kMinute;

// S returns the simulation of this thread; it aborts outside one.
inline sched::Scheduler& S() {
  sched::Scheduler* s = sched::Scheduler::Current();
  if (s == nullptr) [[unlikely]] NoSimulation();
  return *s;
}

struct GoOptions {
  std::string_view name = {};  // the goroutine's function, e.g. "main.worker"
  SourcePos at = SourcePos();   // the `go` statement
};

// Go starts a goroutine (the `go` statement).
void Go(std::function<void()> fn, GoOptions opts = {});

void Gosched();                       // runtime.Gosched
[[noreturn]] void Goexit();           // runtime.Goexit
[[noreturn]] void Exit(int code);     // os.Exit
int NumGoroutine();                   // runtime.NumGoroutine
Nanos Now();                          // time.Now on the virtual clock (ns since start)

// Call is a yield point for a function call: the goroutine may be preempted
// here, and another P may act. Loop is a loop back-edge: preemptible only with
// asynchronous preemption (a call-free loop under GODEBUG=asyncpreemptoff=1
// is never preempted, as before Go 1.14).
void Call(SourcePos pos = SourcePos());
inline void Loop() {
  static constexpr sched::YieldPoint kLoopPoint{"loop", sched::YieldKind::kLoop, sched::cost::kLoopNs};
  S().Yield(kLoopPoint);
}

// Panic panics with `value` (printed after "panic: "); catching
// sched::GoPanic is recover().
[[noreturn]] void Panic(std::string value, SourcePos pos = SourcePos());

// CheckStack is the stack-depth check of a simulated call: deep recursion
// ends in Go's "fatal error: stack overflow", never in a host crash.
void CheckStack();

// Print writes to the program's stdout; Println adds a newline.
void Print(std::string_view s);
template <typename... Args>
void Printf(fmt::format_string<Args...> f, Args&&... args) {
  Print(fmt::format(f, std::forward<Args>(args)...));
}

// StopTheWorld/StartTheWorld stop every other goroutine at a safe point, as
// the runtime does for a GC phase change.
void StopTheWorld(const char* reason = "gostep test");
void StartTheWorld();

}  // namespace gostep
