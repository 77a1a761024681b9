#include "scheduler/policy_go.h"

#include <numeric>

#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"

namespace gostep::sched {

// The P with the smallest clock steps: that is the scheduler's default
// (time order), so Ps doing equal work advance in turn.
P* GoPolicy::PickP(Scheduler& s, std::span<P* const> active, P* dflt) { return dflt; }

PickResult GoPolicy::FindRunnable(Scheduler& s, P* p) {
  RunQueues& q = s.runqs();
  // A runnext steal that slept in runqgrab's usleep(3): take it if it is
  // still there, else steal the ring, else search again.
  if (G* g = p->steal_runnext; g != nullptr) {
    P* victim = s.ps()[p->steal_victim].get();
    p->steal_runnext = nullptr;
    if (victim->runq.runnext == g) {
      victim->runq.runnext = nullptr;
      g->where = QueueLoc::kNone;
      g->p = p->id;
      return {.g = g};
    }
    if (G* got = q.RunqSteal(p->runq, p->id, victim->runq, false)) return {.g = got};
  }
  // Check the global runnable queue once in a while to ensure fairness.
  if (p->schedtick % 61 == 0 && q.global_size() > 0) {
    if (G* g = q.GlobRunqGet(p->runq, p->id, 1)) return {.g = g};
  }
  bool inherit = false;
  if (G* g = q.RunqGet(p->runq, &inherit)) return {.g = g, .inherit_time = inherit};
  if (q.global_size() > 0) {
    if (G* g = q.GlobRunqGet(p->runq, p->id, 0)) return {.g = g};
  }
  // Spinning Ms: steal work from other Ps. Limit the number of spinning Ms to
  // half the number of busy Ps.
  int procs = s.gomaxprocs();
  if (p->spinning || 2 * s.nmspinning_ < procs - s.npidle_) {
    if (!p->spinning) {
      p->spinning = true;
      ++s.nmspinning_;
    }
    return StealWork(s, p);
  }
  return {};
}

void GoPolicy::ResetOrder(int count) {
  order_count_ = count;
  coprimes_.clear();
  for (int i = 1; i <= count; ++i) {
    if (std::gcd(i, count) == 1) coprimes_.push_back(static_cast<uint32_t>(i));
  }
}

// Models runtime/proc.go:stealWork (timers are run by the mechanism).
PickResult GoPolicy::StealWork(Scheduler& s, P* p) {
  constexpr int kStealTries = 4;
  int count = s.gomaxprocs();
  if (order_count_ != count) ResetOrder(count);
  for (int i = 0; i < kStealTries; ++i) {
    bool steal_runnext = i == kStealTries - 1;
    uint32_t r = s.Draw(UINT32_MAX);  // fastrand()
    uint32_t pos = r % count;
    uint32_t inc = coprimes_[r / count % coprimes_.size()];
    for (int n = 0; n < count; ++n, pos = (pos + inc) % count) {
      P* p2 = s.ps()[pos].get();
      if (p2 == p || p2->status == PStatus::kIdle) continue;
      LocalRunq& v = p2->runq;
      if (steal_runnext && v.tail == v.head && v.runnext != nullptr && p2->status == PStatus::kRunning) {
        // runqgrab: sleep to ensure that p2 isn't about to run the G we are
        // about to steal; look again next step.
        p->steal_runnext = v.runnext;
        p->steal_victim = p2->id;
        p->clock += cost::kUsleep3Ns;
        return {.wait = true};
      }
      if (G* g = s.runqs().RunqSteal(p->runq, p->id, v, steal_runnext)) return {.g = g};
    }
  }
  return {};
}

}  // namespace gostep::sched
