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

namespace {
constexpr YieldPoint kNotifyAddPoint{"sync.runtime_notifyListAdd", YieldKind::kRuntime, cost::kAtomicNs};
constexpr YieldPoint kNotifyPoint{"sync.runtime_notifyListNotify", YieldKind::kRuntime, cost::kAtomicNs};

// less (sema.go): a < b for tickets that may wrap around.
bool Less(uint32_t a, uint32_t b) { return static_cast<int32_t>(a - b) < 0; }
}  // namespace

// Models runtime/sema.go:notifyListAdd (atomic.Xadd(&l.wait, 1) - 1).
uint32_t NotifyListAdd(Scheduler& s, NotifyList* l) {
  s.Yield(kNotifyAddPoint);
  return l->wait++;
}

// Models runtime/sema.go:notifyListWait: already notified, or queue and park.
void NotifyListWait(Scheduler& s, NotifyList* l, uint32_t t, RtFrames frames, SourcePos pos) {
  if (Less(t, l->notify)) return;
  Sudog* sg = s.sudogs().Acquire();
  sg->g = s.CurrentG();
  sg->ticket = t;
  sg->next = nullptr;
  if (l->tail == nullptr) {
    l->head = sg;
  } else {
    l->tail->next = sg;
  }
  l->tail = sg;
  s.Park(WaitReason::kSyncCondWait, frames, pos);
  s.sudogs().Release(sg);
}

// Models runtime/sema.go:notifyListNotifyAll.
void NotifyListNotifyAll(Scheduler& s, NotifyList* l) {
  s.Yield(kNotifyPoint);
  if (l->wait == l->notify) return;  // fast path: no new waiters since the last notification
  Sudog* sg = l->head;
  l->head = l->tail = nullptr;
  l->notify = l->wait;
  while (sg != nullptr) {
    Sudog* next = sg->next;
    sg->next = nullptr;
    s.Ready(sg->g);
    sg = next;
  }
}

// Models runtime/sema.go:notifyListNotifyOne: wake the waiter holding ticket
// l->notify; if it has not queued yet, its notifyListWait returns at once.
void NotifyListNotifyOne(Scheduler& s, NotifyList* l) {
  s.Yield(kNotifyPoint);
  if (l->wait == l->notify) return;
  uint32_t t = l->notify;
  l->notify = t + 1;
  for (Sudog *p = nullptr, *sg = l->head; sg != nullptr; p = sg, sg = sg->next) {
    if (sg->ticket != t) continue;
    Sudog* n = sg->next;
    if (p != nullptr) {
      p->next = n;
    } else {
      l->head = n;
    }
    if (n == nullptr) l->tail = p;
    sg->next = nullptr;
    s.Ready(sg->g);
    return;
  }
}

}  // namespace gostep::sched
