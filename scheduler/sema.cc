#include "scheduler/sema.h"

#include "base/check.h"
#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"

namespace gostep::sched {
namespace {

constexpr YieldPoint kAcquirePoint{"sema.acquire", YieldKind::kRuntime, cost::kAtomicNs};
constexpr YieldPoint kAcquireSlowPoint{"sema.acquire.slow", YieldKind::kRuntime, cost::kAtomicNs};
constexpr YieldPoint kReleasePoint{"sema.release", YieldKind::kRuntime, cost::kAtomicNs};

// Models runtime/sema.go:cansemacquire.
bool CanAcquire(Sema* sema) {
  if (sema->value == 0) return false;
  --sema->value;
  return true;
}

// Models semaRoot.queue for one address: lifo puts s first.
void Queue(Sema* sema, Sudog* s, bool lifo) {
  s->waitlink = nullptr;
  if (sema->head == nullptr) {
    sema->head = sema->tail = s;
  } else if (lifo) {
    s->waitlink = sema->head;
    sema->head = s;
  } else {
    sema->tail->waitlink = s;
    sema->tail = s;
  }
}

// Models semaRoot.dequeue for one address.
Sudog* Dequeue(Sema* sema) {
  Sudog* s = sema->head;
  if (s == nullptr) return nullptr;
  sema->head = s->waitlink;
  if (sema->head == nullptr) sema->tail = nullptr;
  s->waitlink = nullptr;
  return s;
}

}  // namespace

// Models runtime/sema.go:semacquire1.
void Semacquire(Scheduler& s, Sema* sema, bool lifo, WaitReason why, RtFrames frames, SourcePos pos) {
  s.Yield(kAcquirePoint);
  if (CanAcquire(sema)) return;
  s.Yield(kAcquireSlowPoint);
  Sudog* sg = s.sudogs().Acquire();
  sg->g = s.CurrentG();
  sg->sema = sema;
  sg->ticket = 0;
  for (;;) {
    // Add ourselves to nwait to disable "easy case" in semrelease.
    ++sema->nwait;
    // Check cansemacquire to avoid missed wakeup.
    if (CanAcquire(sema)) {
      --sema->nwait;
      break;
    }
    Queue(sema, sg, lifo);
    s.Park(why, frames, pos);
    if (sg->ticket != 0 || CanAcquire(sema)) break;
  }
  s.sudogs().Release(sg);
}

// Models runtime/sema.go:semrelease1.
void Semrelease(Scheduler& s, Sema* sema, bool handoff) {
  ++sema->value;
  s.Yield(kReleasePoint);
  // Easy case: no waiters?
  if (sema->nwait == 0) return;
  Sudog* sg = Dequeue(sema);
  if (sg == nullptr) return;
  --sema->nwait;
  GOSTEP_CHECK(sg->ticket == 0) << "corrupted semaphore ticket";
  if (handoff && CanAcquire(sema)) sg->ticket = 1;
  s.Ready(sg->g);
  if (sg->ticket == 1) {
    // Direct G handoff: the waiter is in runnext and inherits our time slice.
    s.GoYield();
  }
}

}  // namespace gostep::sched
