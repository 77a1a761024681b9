#include "scheduler/types.h"

namespace gostep::sched {

std::string_view GStatusString(GStatus s) {
  switch (s) {
    case GStatus::kIdle: return "idle";
    case GStatus::kRunnable: return "runnable";
    case GStatus::kRunning: return "running";
    case GStatus::kSyscall: return "syscall";
    case GStatus::kWaiting: return "waiting";
    case GStatus::kDead: return "dead";
    case GStatus::kPreempted: return "preempted";
  }
  return "???";
}

std::string_view WaitReasonString(WaitReason r, const base::VersionProfile& p) {
  switch (r) {
    case WaitReason::kZero: return "";
    case WaitReason::kGCAssistMarking: return "GC assist marking";
    case WaitReason::kIOWait: return "IO wait";
    case WaitReason::kChanReceiveNilChan: return "chan receive (nil chan)";
    case WaitReason::kChanSendNilChan: return "chan send (nil chan)";
    case WaitReason::kDumpingHeap: return "dumping heap";
    case WaitReason::kGarbageCollection: return "garbage collection";
    case WaitReason::kGarbageCollectionScan: return "garbage collection scan";
    case WaitReason::kPanicWait: return "panicwait";
    case WaitReason::kSelect: return "select";
    case WaitReason::kSelectNoCases: return "select (no cases)";
    case WaitReason::kGCAssistWait: return "GC assist wait";
    case WaitReason::kGCSweepWait: return "GC sweep wait";
    case WaitReason::kGCScavengeWait: return "GC scavenge wait";
    case WaitReason::kChanReceive: return "chan receive";
    case WaitReason::kChanSend: return "chan send";
    case WaitReason::kFinalizerWait: return "finalizer wait";
    case WaitReason::kForceGCIdle: return "force gc (idle)";
    case WaitReason::kSemacquire: return "semacquire";
    case WaitReason::kSleep: return "sleep";
    case WaitReason::kSyncCondWait: return "sync.Cond.Wait";
    case WaitReason::kTimerGoroutineIdle: return "timer goroutine (idle)";
    case WaitReason::kTraceReaderBlocked: return "trace reader (blocked)";
    case WaitReason::kWaitForGCCycle: return "wait for GC cycle";
    case WaitReason::kGCWorkerIdle: return "GC worker (idle)";
    case WaitReason::kPreempted: return "preempted";
    case WaitReason::kDebugCall: return "debug call";
    case WaitReason::kSyncMutexLock: return p.sync_wait_reasons ? "sync.Mutex.Lock" : "semacquire";
    case WaitReason::kSyncRWMutexRLock: return p.sync_wait_reasons ? "sync.RWMutex.RLock" : "semacquire";
    case WaitReason::kSyncRWMutexLock: return p.sync_wait_reasons ? "sync.RWMutex.Lock" : "semacquire";
    case WaitReason::kStoppingTheWorld: return "running";
  }
  return "";
}

}  // namespace gostep::sched
