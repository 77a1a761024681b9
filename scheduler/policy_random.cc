#include "scheduler/policy_random.h"

#include "scheduler/scheduler.h"

namespace gostep::sched {

P* RandomPolicy::PickP(Scheduler& s, std::span<P* const> active, P* dflt) {
  return active[s.Draw(static_cast<uint32_t>(active.size()))];
}

bool RandomPolicy::ShouldPreempt(Scheduler& s, G* g, const YieldPoint& yp) {
  if (g->preempt) return true;
  int32_t n = s.nrunnable();
  if (n == 0) return false;
  return s.Draw(static_cast<uint32_t>(n) + 1) != 0;
}

PickResult RandomPolicy::FindRunnable(Scheduler& s, P* p) {
  int32_t n = s.nrunnable();
  if (n == 0) return {};
  uint32_t k = s.Draw(static_cast<uint32_t>(n));
  G* pick = nullptr;
  s.ForEachRunnable([&](G* g) {
    if (k-- == 0) pick = g;
  });
  bool inherit = pick->where == QueueLoc::kRunnext && pick->p == p->id;
  s.TakeRunnable(pick);
  pick->p = p->id;
  return {.g = pick, .inherit_time = inherit};
}

}  // namespace gostep::sched
