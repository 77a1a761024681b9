// scheduler/policy_random.h — uniformly random scheduling, random(seed).
//
// At every step, a uniformly random active P advances. At every preemptible
// yield point the running G keeps its P with probability 1/(n+1), where n is
// the number of runnable Gs (a random walk over "who runs next"); the
// runtime's own preemption requests (sysmon, stop-the-world) are honoured.
// A P looking for work takes a uniformly random runnable G from any queue.
// Every choice is a recorded draw, so a seed names one schedule.
#pragma once

#include "scheduler/policy.h"

namespace gostep::sched {

class RandomPolicy : public Policy {
 public:
  std::string Describe() const override { return "random"; }
  P* PickP(Scheduler& s, std::span<P* const> active, P* dflt) override;
  bool ShouldPreempt(Scheduler& s, G* g, const YieldPoint& yp) override;
  PickResult FindRunnable(Scheduler& s, P* p) override;
};

}  // namespace gostep::sched
