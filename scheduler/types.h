// scheduler/types.h — goroutine states, wait reasons and yield points.
//
// Models runtime/runtime2.go's _G* status constants and waitReason strings
// (go1.14–go1.23). The status values keep Go's numbering so that a dump of a
// status matches Go's.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/version_profile.h"

namespace gostep::sched {

using Nanos = int64_t;  // virtual nanoseconds since the simulated process started

constexpr Nanos kMicrosecond = 1000;
constexpr Nanos kMillisecond = 1000 * kMicrosecond;
constexpr Nanos kSecond = 1000 * kMillisecond;
constexpr Nanos kMinute = 60 * kSecond;
constexpr Nanos kMaxWhen = INT64_MAX;  // runtime/time.go: maxWhen

// GStatus models runtime2.go's _G* constants (same values).
enum class GStatus : uint8_t {
  kIdle = 0,       // just allocated, not yet initialised
  kRunnable = 1,   // on a run queue (or runnext); not executing; owns no P
  kRunning = 2,    // executing on a P (owns it) — possibly not the one on the host
  kSyscall = 3,    // unused by gostep: no system calls are modelled
  kWaiting = 4,    // blocked in the runtime (waitreason says on what); on no run queue
  kDead = 6,       // exited; its G struct may be reused
  kPreempted = 9,  // stopped by suspendG (GC stack scan); waits to be resumed
};

// GStatusString returns traceback.go's gStatusStrings entry.
std::string_view GStatusString(GStatus s);

// WaitReason models runtime2.go's waitReason. The go1.20+ sync reasons are
// appended; WaitReasonString applies the profile (older releases print
// "semacquire" for them).
enum class WaitReason : uint8_t {
  kZero,
  kGCAssistMarking,
  kIOWait,
  kChanReceiveNilChan,
  kChanSendNilChan,
  kDumpingHeap,
  kGarbageCollection,
  kGarbageCollectionScan,
  kPanicWait,
  kSelect,
  kSelectNoCases,
  kGCAssistWait,
  kGCSweepWait,
  kGCScavengeWait,
  kChanReceive,
  kChanSend,
  kFinalizerWait,
  kForceGCIdle,
  kSemacquire,
  kSleep,
  kSyncCondWait,
  kTimerGoroutineIdle,
  kTraceReaderBlocked,
  kWaitForGCCycle,
  kGCWorkerIdle,
  kPreempted,
  kDebugCall,
  // go1.20+ (runtime2.go [1.20src]); "semacquire" before.
  kSyncMutexLock,
  kSyncRWMutexRLock,
  kSyncRWMutexLock,
  // gostep-only: a G waiting for stop-the-world to complete is shown as
  // running, as in Go (it spins in stopTheWorldWithSema on its own M).
  kStoppingTheWorld,
};

// WaitReasonString returns the text Go prints for r under profile p.
std::string_view WaitReasonString(WaitReason r, const base::VersionProfile& p);

// YieldKind says who may act at a yield point (DESIGN.md, "The concurrency model").
enum class YieldKind : uint8_t {
  // A function call: Go's prologue stack check. Another P may step here, and a
  // G with a pending preemption request is preempted (synchronous preemption).
  kCall,
  // A loop back-edge (or a statement): no call, so only asynchronous
  // preemption can stop the G here (profile async_preemption, and not
  // GODEBUG=asyncpreemptoff=1). Another P may step here.
  kLoop,
  // A named point inside a runtime operation where another P could act in real
  // Go (runtime grain only). The G is never preempted here: runtime code is not
  // async-preemptible (preempt.go:isAsyncSafePoint).
  kRuntime,
  // A point in a runtime loop that polls its own preemption flag (a GC mark
  // worker's gcDrain checks gp.preempt and sched.gcwaiting): another P may
  // step here at either grain, and the G is never preempted by the scheduler.
  kPoll,
};

// YieldPoint is a static descriptor: `static constexpr YieldPoint kX{...}`.
struct YieldPoint {
  const char* name;  // stable, dotted: "chan.send", "sync.Mutex.Lock.cas"
  YieldKind kind;
  Nanos cost;  // virtual time charged for the work since the previous point
};

}  // namespace gostep::sched
