#include "scheduler/runq.h"

#include "base/check.h"

namespace gostep::sched {

void GQueue::PushBack(G* g) {
  g->schedlink = nullptr;
  if (tail != nullptr) {
    tail->schedlink = g;
  } else {
    head = g;
  }
  tail = g;
  ++size;
}

void GQueue::PushFront(G* g) {
  g->schedlink = head;
  head = g;
  if (tail == nullptr) tail = g;
  ++size;
}

G* GQueue::Pop() {
  G* g = head;
  if (g == nullptr) return nullptr;
  head = g->schedlink;
  if (head == nullptr) tail = nullptr;
  g->schedlink = nullptr;
  --size;
  return g;
}

void GQueue::Remove(G* g) {
  G* prev = nullptr;
  for (G* x = head; x != nullptr; prev = x, x = x->schedlink) {
    if (x != g) continue;
    (prev ? prev->schedlink : head) = x->schedlink;
    if (tail == x) tail = prev;
    x->schedlink = nullptr;
    --size;
    return;
  }
  GOSTEP_CHECK(false) << "goroutine " << g->goid << " is not on the global run queue";
}

// Models runtime/proc.go:runqput (go1.14–go1.23), without the race-build
// randomisation (randomizeScheduler is only on with -race).
void RunQueues::RunqPut(LocalRunq& q, int32_t p, G* g, bool next) {
  g->p = p;
  if (next) {
    G* old = q.runnext;
    q.runnext = g;
    g->where = QueueLoc::kRunnext;
    if (old == nullptr) return;
    g = old;  // kick the old runnext out to the regular run queue
  }
  if (q.tail - q.head < kRunqSize) {
    q.ring[q.tail % kRunqSize] = g;
    ++q.tail;
    g->where = QueueLoc::kLocal;
    g->p = p;
    return;
  }
  PutSlow(q, p, g);
}

// Models runtime/proc.go:runqputslow: half the ring plus g go to the global queue.
void RunQueues::PutSlow(LocalRunq& q, int32_t p, G* g) {
  uint32_t n = (q.tail - q.head) / 2;
  GOSTEP_CHECK(n == kRunqSize / 2) << "runqputslow: queue is not full";
  for (uint32_t i = 0; i < n; ++i) GlobRunqPut(q.ring[(q.head + i) % kRunqSize]);
  q.head += n;
  GlobRunqPut(g);
}

// Models runtime/proc.go:runqget.
G* RunQueues::RunqGet(LocalRunq& q, bool* inherit_time) {
  if (G* next = q.runnext; next != nullptr) {
    q.runnext = nullptr;
    next->where = QueueLoc::kNone;
    *inherit_time = true;
    return next;
  }
  *inherit_time = false;
  if (q.head == q.tail) return nullptr;
  G* g = q.ring[q.head % kRunqSize];
  ++q.head;
  g->where = QueueLoc::kNone;
  return g;
}

// Models runtime/proc.go:runqsteal/runqgrab. The usleep(3) before taking a
// running victim's runnext is charged by the caller (Scheduler::StealWork).
G* RunQueues::RunqSteal(LocalRunq& thief, int32_t thief_p, LocalRunq& victim, bool steal_runnext) {
  uint32_t n = victim.tail - victim.head;
  n = n - n / 2;
  if (n == 0) {
    if (!steal_runnext || victim.runnext == nullptr) return nullptr;
    G* g = victim.runnext;
    victim.runnext = nullptr;
    g->where = QueueLoc::kNone;
    g->p = thief_p;
    return g;
  }
  // The last grabbed G is returned; the others go to the thief's ring.
  std::array<G*, kRunqSize / 2> batch{};
  for (uint32_t i = 0; i < n; ++i) batch[i] = victim.ring[(victim.head + i) % kRunqSize];
  victim.head += n;
  G* gp = batch[n - 1];
  for (uint32_t i = 0; i + 1 < n; ++i) {
    G* g = batch[i];
    thief.ring[thief.tail % kRunqSize] = g;
    ++thief.tail;
    g->where = QueueLoc::kLocal;
    g->p = thief_p;
  }
  gp->where = QueueLoc::kNone;
  gp->p = thief_p;
  return gp;
}

void RunQueues::GlobRunqPut(G* g) {
  global_.PushBack(g);
  g->where = QueueLoc::kGlobal;
  g->p = -1;
}

void RunQueues::GlobRunqPutHead(G* g) {
  global_.PushFront(g);
  g->where = QueueLoc::kGlobal;
  g->p = -1;
}

// Models runtime/proc.go:globrunqget.
G* RunQueues::GlobRunqGet(LocalRunq& q, int32_t p, int32_t max) {
  int32_t size = global_.size;
  if (size == 0) return nullptr;
  int32_t n = size / gomaxprocs_ + 1;
  if (n > size) n = size;
  if (max > 0 && n > max) n = max;
  if (n > static_cast<int32_t>(kRunqSize / 2)) n = kRunqSize / 2;
  G* gp = global_.Pop();
  gp->where = QueueLoc::kNone;
  for (--n; n > 0; --n) RunqPut(q, p, global_.Pop(), false);
  return gp;
}

void RunQueues::Remove(G* g, LocalRunq* q) {
  switch (g->where) {
    case QueueLoc::kGlobal: global_.Remove(g); break;
    case QueueLoc::kRunnext: q->runnext = nullptr; break;
    case QueueLoc::kLocal: {
      uint32_t i = q->head;
      while (i != q->tail && q->ring[i % kRunqSize] != g) ++i;
      GOSTEP_CHECK(i != q->tail) << "goroutine " << g->goid << " is not on its P's run queue";
      for (; i + 1 != q->tail; ++i) q->ring[i % kRunqSize] = q->ring[(i + 1) % kRunqSize];
      --q->tail;
      break;
    }
    case QueueLoc::kNone: GOSTEP_CHECK(false) << "goroutine " << g->goid << " is on no run queue";
  }
  g->where = QueueLoc::kNone;
}

}  // namespace gostep::sched
