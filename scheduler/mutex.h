// scheduler/mutex.h — sync.Mutex, sync.RWMutex, sync.WaitGroup, sync.Once.
//
// Models sync/mutex.go, rwmutex.go, waitgroup.go and once.go (go1.14–go1.23;
// go1.19.8 is the reference text), statement for statement, with their
// atomics as runtime yield points so that, at the runtime grain, another P can
// act between two atomic operations exactly where it could in Go.
//
// sync.Mutex's two modes (mutex.go's header comment):
//   normal     waiters queue FIFO, but a woken waiter competes with new
//              arrivals and usually loses; it then re-queues at the front.
//   starvation entered when a waiter has waited > 1 ms (starvationThresholdNs);
//              Unlock hands the mutex directly to the front waiter
//              (semrelease with handoff). Left when the waiter that gets it is
//              the last one, or waited < 1 ms.
// Misuse is fatal, not a panic: "sync: unlock of unlocked mutex" (runtime.fatal
// from go1.19, throw before). A negative WaitGroup counter is a panic.
#pragma once

#include <cstdint>
#include <functional>

#include "scheduler/g.h"
#include "scheduler/sema.h"

namespace gostep::sched {

class Scheduler;

struct Mutex {
  int32_t state = 0;
  Sema sema;

  static constexpr int32_t kLocked = 1;       // mutexLocked
  static constexpr int32_t kWoken = 2;        // mutexWoken
  static constexpr int32_t kStarving = 4;     // mutexStarving
  static constexpr int kWaiterShift = 3;      // mutexWaiterShift
  bool starving() const { return (state & kStarving) != 0; }
  int32_t waiters() const { return state >> kWaiterShift; }
};

void MutexLock(Scheduler& s, Mutex* m, SourcePos pos, RtFrames frames = frames::kMutexLock);
bool MutexTryLock(Scheduler& s, Mutex* m);
void MutexUnlock(Scheduler& s, Mutex* m, SourcePos pos);

struct RWMutex {
  Mutex w;                  // held if there are pending writers
  Sema writer_sem;          // semaphore for writers to wait for completing readers
  Sema reader_sem;          // semaphore for readers to wait for completing writers
  int32_t reader_count = 0; // number of pending readers
  int32_t reader_wait = 0;  // number of departing readers
  static constexpr int32_t kMaxReaders = 1 << 30;  // rwmutexMaxReaders
};

void RWMutexRLock(Scheduler& s, RWMutex* rw, SourcePos pos);
bool RWMutexTryRLock(Scheduler& s, RWMutex* rw);
void RWMutexRUnlock(Scheduler& s, RWMutex* rw, SourcePos pos);
void RWMutexLock(Scheduler& s, RWMutex* rw, SourcePos pos);
bool RWMutexTryLock(Scheduler& s, RWMutex* rw);
void RWMutexUnlock(Scheduler& s, RWMutex* rw, SourcePos pos);

struct WaitGroup {
  uint64_t state = 0;  // high 32 bits: counter; low 32 bits: waiter count
  Sema sema;
};

// WaitGroupAdd panics "sync: negative WaitGroup counter" and the misuse panics
// of waitgroup.go. `done` selects the frames of WaitGroup.Done for dumps.
void WaitGroupAdd(Scheduler& s, WaitGroup* wg, int64_t delta, SourcePos pos, bool done = false);
void WaitGroupWait(Scheduler& s, WaitGroup* wg, SourcePos pos);

struct Once {
  uint32_t done = 0;
  Mutex m;
};

void OnceDo(Scheduler& s, Once* o, const std::function<void()>& f, SourcePos pos);

}  // namespace gostep::sched
