// scheduler/runq.h — Go's run queues: the per-P ring with runnext, and the
// global queue.
//
// Models runtime/proc.go (go1.14–go1.23; unchanged in substance over the
// range): runqput, runqputslow, runqget, runqgrab/runqsteal, globrunqput,
// globrunqputbatch, globrunqget. gostep runs one simulation on one thread, so
// the atomics and CAS retry loops of the originals are plain operations; the
// order of goroutines is exactly theirs.
//
// Invariants:
//  - runqtail - runqhead <= kRunqSize; a G is in at most one queue, and
//    G::where/G::p say which.
//  - runnext holds at most one G; it runs before the ring (runqget).
#pragma once

#include <array>
#include <cstdint>

#include "scheduler/g.h"

namespace gostep::sched {

constexpr uint32_t kRunqSize = 256;  // runtime2.go: runq [256]guintptr

// GQueue is runtime2.go's gQueue: a FIFO linked through G::schedlink.
struct GQueue {
  G* head = nullptr;
  G* tail = nullptr;
  int32_t size = 0;

  bool empty() const { return head == nullptr; }
  void PushBack(G* g);
  void PushFront(G* g);
  G* Pop();
  // Remove unlinks g (O(n)); it must be in the queue.
  void Remove(G* g);
};

// The per-P part of the run queue.
struct LocalRunq {
  std::array<G*, kRunqSize> ring{};
  uint32_t head = 0;
  uint32_t tail = 0;
  G* runnext = nullptr;

  uint32_t size() const { return tail - head; }
  bool empty() const { return head == tail && runnext == nullptr; }  // proc.go:runqempty
};

class RunQueues {
 public:
  explicit RunQueues(int gomaxprocs) : gomaxprocs_(gomaxprocs) {}

  // runqput: put g on p's queue; with next, into runnext, kicking the old
  // runnext to the tail. A full ring sends half of it and g to the global
  // queue (runqputslow).
  void RunqPut(LocalRunq& q, int32_t p, G* g, bool next);
  // runqget: runnext first (inherit_time = true), then the ring head.
  G* RunqGet(LocalRunq& q, bool* inherit_time);
  // runqsteal: grab half of victim's ring (or its runnext when
  // steal_runnext and the ring is empty) onto thief's ring; returns one G.
  G* RunqSteal(LocalRunq& thief, int32_t thief_p, LocalRunq& victim, bool steal_runnext);

  // Global queue (sched.runq).
  void GlobRunqPut(G* g);
  void GlobRunqPutHead(G* g);
  // globrunqget: take a fair batch for p (max 0 = no limit), returns one G
  // and puts the rest on p's ring.
  G* GlobRunqGet(LocalRunq& q, int32_t p, int32_t max);
  int32_t global_size() const { return global_.size; }
  const GQueue& global() const { return global_; }

  // Remove takes g out of whichever queue holds it (used by policies that do
  // not follow Go's order). `q` is the local queue of g->p when it is local.
  void Remove(G* g, LocalRunq* q);

  void set_gomaxprocs(int n) { gomaxprocs_ = n; }

 private:
  void PutSlow(LocalRunq& q, int32_t p, G* g);

  GQueue global_;
  int gomaxprocs_;
};

}  // namespace gostep::sched
