// scheduler/policy_go.h — Go's own order.
//
// Models the choosing half of runtime/proc.go:findRunnable (go1.14–go1.23):
//   1. every 61st schedtick, one G from the global queue (fairness);
//   2. the local queue: runnext first (the G inherits the time slice), then
//      the ring;
//   3. the global queue (a fair batch, globrunqget);
//   4. if spinning, or fewer than half the busy Ps spin: steal, 4 passes over
//      the Ps in a random order (stealOrder); the last pass may take a
//      running P's runnext, after runqgrab's usleep(3).
// Preemption is sysmon's: a G is preempted only when the runtime asked
// (g.preempt, set by retake after 10 ms on one schedtick, or by preemptall).
// The P that steps next is the one with the smallest clock, so Ps doing equal
// work advance in turn.
#pragma once

#include <vector>

#include "scheduler/policy.h"

namespace gostep::sched {

class GoPolicy : public Policy {
 public:
  std::string Describe() const override { return "go"; }
  bool TimeOrdered() const override { return true; }
  P* PickP(Scheduler& s, std::span<P* const> active, P* dflt) override;
  bool ShouldPreempt(Scheduler& s, G* g, const YieldPoint& yp) override { return g->preempt; }
  PickResult FindRunnable(Scheduler& s, P* p) override;

 private:
  PickResult StealWork(Scheduler& s, P* p);
  void ResetOrder(int count);

  // proc.go:randomOrder (stealOrder).
  int order_count_ = 0;
  std::vector<uint32_t> coprimes_;
};

}  // namespace gostep::sched
