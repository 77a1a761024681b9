// scheduler/policy_pct.h — probabilistic concurrency testing, pct(seed, depth).
//
// Burckhardt, Kothari, Musuvathi, Nagarakatte, "A Randomized Scheduler with
// Probabilistic Guarantees of Finding Bugs" (ASPLOS 2010). Each goroutine gets
// a random priority >= d when created; d-1 change points are drawn uniformly
// in [1, k] steps; at change point i the running goroutine's priority drops to
// d-1-i, below every initial one. The highest-priority runnable goroutine
// always runs: a bug of depth d is found with probability >= 1/(n k^(d-1)).
// Adapted to Ps: the P running the highest-priority G steps; a G is preempted
// (where Go can preempt) as soon as a higher-priority G is runnable.
#pragma once

#include <vector>

#include "scheduler/policy.h"

namespace gostep::sched {

class PctPolicy : public Policy {
 public:
  PctPolicy(int depth, uint64_t steps) : depth_(depth < 1 ? 1 : depth), steps_(steps ? steps : 1) {}
  std::string Describe() const override;
  void OnGoCreated(Scheduler& s, G* g) override;
  bool WantsSteps() const override { return true; }
  void OnStep(Scheduler& s) override;
  P* PickP(Scheduler& s, std::span<P* const> active, P* dflt) override;
  bool ShouldPreempt(Scheduler& s, G* g, const YieldPoint& yp) override;
  PickResult FindRunnable(Scheduler& s, P* p) override;

 private:
  G* BestRunnable(Scheduler& s);

  int depth_;
  uint64_t steps_;
  bool drawn_ = false;
  std::vector<uint64_t> change_points_;  // sorted
  size_t next_change_ = 0;
};

}  // namespace gostep::sched
