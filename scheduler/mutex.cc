#include "scheduler/mutex.h"

#include "base/check.h"
#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"

namespace gostep::sched {
namespace {

constexpr Nanos kStarvationThresholdNs = 1000 * 1000;  // mutex.go: starvationThresholdNs = 1e6
constexpr int kActiveSpin = 4;                         // proc.go: active_spin

constexpr YieldPoint kLockCall{"sync.Mutex.Lock", YieldKind::kCall, cost::kCallNs};
constexpr YieldPoint kUnlockCall{"sync.Mutex.Unlock", YieldKind::kCall, cost::kCallNs};
constexpr YieldPoint kMutexAtomic{"sync.Mutex.state", YieldKind::kRuntime, cost::kAtomicNs};
constexpr YieldPoint kMutexSpin{"sync.Mutex.spin", YieldKind::kRuntime, cost::kSpinNs};
constexpr YieldPoint kRWCall{"sync.RWMutex", YieldKind::kCall, cost::kCallNs};
constexpr YieldPoint kRWAtomic{"sync.RWMutex.state", YieldKind::kRuntime, cost::kAtomicNs};
constexpr YieldPoint kWGCall{"sync.WaitGroup", YieldKind::kCall, cost::kCallNs};
constexpr YieldPoint kWGAtomic{"sync.WaitGroup.state", YieldKind::kRuntime, cost::kAtomicNs};
constexpr YieldPoint kOnceCall{"sync.Once.Do", YieldKind::kCall, cost::kCallNs};

// CAS is atomic.CompareAndSwapInt32 with a yield point before it.
bool Cas(Scheduler& s, int32_t* addr, int32_t old, int32_t neu) {
  s.Yield(kMutexAtomic);
  if (*addr != old) return false;
  *addr = neu;
  return true;
}

int32_t Load(Scheduler& s, const int32_t* addr) {
  s.Yield(kMutexAtomic);
  return *addr;
}

// Models runtime/proc.go:sync_runtime_canSpin. The simulated machine has
// GOMAXPROCS CPUs.
bool CanSpin(Scheduler& s, int i) {
  if (i >= kActiveSpin || s.gomaxprocs() <= 1 || s.gomaxprocs() <= s.npidle() + s.nmspinning() + 1) return false;
  return s.CurrentP()->runq.empty();
}

// Models sync/mutex.go:(*Mutex).lockSlow.
void LockSlow(Scheduler& s, Mutex* m, SourcePos pos, RtFrames frames) {
  Nanos wait_start = 0;
  bool starving = false;
  bool awoke = false;
  int iter = 0;
  int32_t old = Load(s, &m->state);
  for (;;) {
    // Don't spin in starvation mode, ownership is handed off to waiters.
    if ((old & (Mutex::kLocked | Mutex::kStarving)) == Mutex::kLocked && CanSpin(s, iter)) {
      // Try to set mutexWoken flag to inform Unlock to not wake other blocked goroutines.
      if (!awoke && (old & Mutex::kWoken) == 0 && (old >> Mutex::kWaiterShift) != 0 &&
          Cas(s, &m->state, old, old | Mutex::kWoken)) {
        awoke = true;
      }
      s.Yield(kMutexSpin);  // runtime_doSpin: procyield(30)
      ++iter;
      old = Load(s, &m->state);
      continue;
    }
    int32_t neu = old;
    // Don't try to acquire starving mutex, new arriving goroutines must queue.
    if ((old & Mutex::kStarving) == 0) neu |= Mutex::kLocked;
    if ((old & (Mutex::kLocked | Mutex::kStarving)) != 0) neu += 1 << Mutex::kWaiterShift;
    // The current goroutine switches mutex to starvation mode. But if the
    // mutex is currently unlocked, don't do the switch.
    if (starving && (old & Mutex::kLocked) != 0) neu |= Mutex::kStarving;
    if (awoke) {
      // The goroutine has been woken from sleep, so we need to reset the flag in either case.
      if ((neu & Mutex::kWoken) == 0) s.Throw("sync: inconsistent mutex state");
      neu &= ~Mutex::kWoken;
    }
    if (Cas(s, &m->state, old, neu)) {
      if ((old & (Mutex::kLocked | Mutex::kStarving)) == 0) break;  // locked the mutex with CAS
      // If we were already waiting before, queue at the front of the queue.
      bool queue_lifo = wait_start != 0;
      if (wait_start == 0) wait_start = s.Now();
      WaitReason why = WaitReason::kSyncMutexLock;
      Semacquire(s, &m->sema, queue_lifo, why, frames, pos);
      starving = starving || s.Now() - wait_start > kStarvationThresholdNs;
      old = Load(s, &m->state);
      if ((old & Mutex::kStarving) != 0) {
        // Ownership was handed off to us, but the state is inconsistent:
        // mutexLocked is not set and we are still accounted as a waiter.
        if ((old & (Mutex::kLocked | Mutex::kWoken)) != 0 || (old >> Mutex::kWaiterShift) == 0) {
          s.Throw("sync: inconsistent mutex state");
        }
        int32_t delta = Mutex::kLocked - (1 << Mutex::kWaiterShift);
        if (!starving || (old >> Mutex::kWaiterShift) == 1) {
          // Exit starvation mode.
          delta -= Mutex::kStarving;
        }
        s.Yield(kMutexAtomic);
        m->state += delta;
        if (s.log().on()) {
          s.log().Begin(s.step(), s.Now(), "mutex").Str("op", "handoff").Bool("starving", m->starving());
        }
        break;
      }
      awoke = true;
      iter = 0;
    } else {
      old = m->state;
    }
  }
}

// Models sync/mutex.go:(*Mutex).unlockSlow.
void UnlockSlow(Scheduler& s, Mutex* m, int32_t neu, SourcePos pos) {
  if (((neu + Mutex::kLocked) & Mutex::kLocked) == 0) {
    s.Fatal("sync: unlock of unlocked mutex", frames::kMutexUnlockFatal, pos);
  }
  if ((neu & Mutex::kStarving) == 0) {
    int32_t old = neu;
    for (;;) {
      // If there are no waiters or a goroutine has already been woken or
      // grabbed the lock, no need to wake anyone.
      if ((old >> Mutex::kWaiterShift) == 0 || (old & (Mutex::kLocked | Mutex::kWoken | Mutex::kStarving)) != 0) {
        return;
      }
      // Grab the right to wake someone.
      int32_t next = (old - (1 << Mutex::kWaiterShift)) | Mutex::kWoken;
      if (Cas(s, &m->state, old, next)) {
        Semrelease(s, &m->sema, false);
        return;
      }
      old = m->state;
    }
  }
  // Starving mode: hand off ownership to the next waiter and yield our time slice.
  Semrelease(s, &m->sema, true);
}

}  // namespace

void MutexLock(Scheduler& s, Mutex* m, SourcePos pos, RtFrames frames) {
  s.Yield(kLockCall);
  // Fast path: grab unlocked mutex.
  if (Cas(s, &m->state, 0, Mutex::kLocked)) return;
  LockSlow(s, m, pos, frames);
}

// Models sync/mutex.go:(*Mutex).TryLock (go1.18+).
bool MutexTryLock(Scheduler& s, Mutex* m) {
  s.Yield(kLockCall);
  int32_t old = Load(s, &m->state);
  if ((old & (Mutex::kLocked | Mutex::kStarving)) != 0) return false;
  return Cas(s, &m->state, old, old | Mutex::kLocked);
}

void MutexUnlock(Scheduler& s, Mutex* m, SourcePos pos) {
  s.Yield(kUnlockCall);
  // Fast path: drop lock bit.
  s.Yield(kMutexAtomic);
  int32_t neu = m->state -= Mutex::kLocked;
  if (neu != 0) UnlockSlow(s, m, neu, pos);
}

// ==== RWMutex (sync/rwmutex.go) =============================================

namespace {

int32_t AddInt32(Scheduler& s, int32_t* addr, int32_t delta) {
  s.Yield(kRWAtomic);
  return *addr += delta;
}

}  // namespace

void RWMutexRLock(Scheduler& s, RWMutex* rw, SourcePos pos) {
  s.Yield(kRWCall);
  if (AddInt32(s, &rw->reader_count, 1) < 0) {
    // A writer is pending, wait for it.
    Semacquire(s, &rw->reader_sem, false, WaitReason::kSyncRWMutexRLock, frames::kRWMutexRLock, pos);
  }
}

bool RWMutexTryRLock(Scheduler& s, RWMutex* rw) {
  s.Yield(kRWCall);
  for (;;) {
    s.Yield(kRWAtomic);
    int32_t c = rw->reader_count;
    if (c < 0) return false;
    if (Cas(s, &rw->reader_count, c, c + 1)) return true;
  }
}

void RWMutexRUnlock(Scheduler& s, RWMutex* rw, SourcePos pos) {
  s.Yield(kRWCall);
  int32_t r = AddInt32(s, &rw->reader_count, -1);
  if (r >= 0) return;
  // rUnlockSlow
  if (r + 1 == 0 || r + 1 == -RWMutex::kMaxReaders) {
    s.Fatal("sync: RUnlock of unlocked RWMutex", frames::kRWMutexRUnlockFatal, pos);
  }
  // A writer is pending: the last reader unblocks it.
  if (AddInt32(s, &rw->reader_wait, -1) == 0) Semrelease(s, &rw->writer_sem, false);
}

void RWMutexLock(Scheduler& s, RWMutex* rw, SourcePos pos) {
  s.Yield(kRWCall);
  // First, resolve competition with other writers.
  MutexLock(s, &rw->w, pos, frames::kRWMutexLockW);
  // Announce to readers there is a pending writer.
  int32_t r = AddInt32(s, &rw->reader_count, -RWMutex::kMaxReaders) + RWMutex::kMaxReaders;
  // Wait for active readers.
  if (r != 0 && AddInt32(s, &rw->reader_wait, r) != 0) {
    Semacquire(s, &rw->writer_sem, false, WaitReason::kSyncRWMutexLock, frames::kRWMutexLockSem, pos);
  }
}

bool RWMutexTryLock(Scheduler& s, RWMutex* rw) {
  s.Yield(kRWCall);
  if (!MutexTryLock(s, &rw->w)) return false;
  if (!Cas(s, &rw->reader_count, 0, -RWMutex::kMaxReaders)) {
    MutexUnlock(s, &rw->w, SourcePos(nullptr, 0));
    return false;
  }
  return true;
}

void RWMutexUnlock(Scheduler& s, RWMutex* rw, SourcePos pos) {
  s.Yield(kRWCall);
  // Announce to readers there is no active writer.
  int32_t r = AddInt32(s, &rw->reader_count, RWMutex::kMaxReaders);
  if (r >= RWMutex::kMaxReaders) s.Fatal("sync: Unlock of unlocked RWMutex", frames::kRWMutexUnlockFatal, pos);
  // Unblock blocked readers, if any.
  for (int32_t i = 0; i < r; ++i) Semrelease(s, &rw->reader_sem, false);
  // Allow other writers to proceed.
  MutexUnlock(s, &rw->w, pos);
}

// ==== WaitGroup (sync/waitgroup.go) ==========================================

void WaitGroupAdd(Scheduler& s, WaitGroup* wg, int64_t delta, SourcePos pos, bool done) {
  s.Yield(kWGCall);
  RtFrames fr = done ? frames::kWaitGroupDone : frames::kWaitGroupAdd;
  s.Yield(kWGAtomic);
  uint64_t state = wg->state += static_cast<uint64_t>(delta) << 32;
  int32_t v = static_cast<int32_t>(state >> 32);
  uint32_t w = static_cast<uint32_t>(state);
  if (v < 0) throw GoPanic{.value = "sync: negative WaitGroup counter", .frames = fr, .pos = pos};
  if (w != 0 && delta > 0 && v == static_cast<int32_t>(delta)) {
    throw GoPanic{.value = "sync: WaitGroup misuse: Add called concurrently with Wait", .frames = fr, .pos = pos};
  }
  if (v > 0 || w == 0) return;
  // This goroutine has set counter to 0 when waiters > 0: no concurrent state
  // mutation may happen now.
  s.Yield(kWGAtomic);
  if (wg->state != state) {
    throw GoPanic{.value = "sync: WaitGroup misuse: Add called concurrently with Wait", .frames = fr, .pos = pos};
  }
  // Reset waiters count to 0.
  wg->state = 0;
  for (; w != 0; --w) Semrelease(s, &wg->sema, false);
}

void WaitGroupWait(Scheduler& s, WaitGroup* wg, SourcePos pos) {
  s.Yield(kWGCall);
  for (;;) {
    s.Yield(kWGAtomic);
    uint64_t state = wg->state;
    int32_t v = static_cast<int32_t>(state >> 32);
    if (v == 0) return;  // counter is 0, no need to wait
    // Increment waiters count.
    s.Yield(kWGAtomic);
    if (wg->state == state) {
      wg->state = state + 1;
      Semacquire(s, &wg->sema, false, WaitReason::kSemacquire, frames::kWaitGroupWait, pos);
      if (wg->state != 0) {
        throw GoPanic{.value = "sync: WaitGroup is reused before previous Wait has returned", .pos = pos};
      }
      return;
    }
  }
}

// ==== Once (sync/once.go) ====================================================

void OnceDo(Scheduler& s, Once* o, const std::function<void()>& f, SourcePos pos) {
  s.Yield(kOnceCall);
  s.Yield(kWGAtomic);
  if (o->done != 0) return;
  // doSlow: defer o.m.Unlock(); if o.done == 0 { defer atomic.StoreUint32(&o.done, 1); f() }
  MutexLock(s, &o->m, pos, frames::kOnceDoLock);
  struct Unlocker {
    Scheduler& s;
    Once* o;
    SourcePos pos;
    bool run;
    ~Unlocker() noexcept(false) {
      if (run) o->done = 1;
      MutexUnlock(s, &o->m, pos);
    }
  } unlock{s, o, pos, o->done == 0};
  if (unlock.run) f();
}

}  // namespace gostep::sched
