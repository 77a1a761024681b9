#include "scheduler/policy_pct.h"

#include <algorithm>

#include <fmt/format.h>

#include "scheduler/scheduler.h"

namespace gostep::sched {

std::string PctPolicy::Describe() const { return fmt::format("pct:{}:{}", depth_, steps_); }

void PctPolicy::OnGoCreated(Scheduler& s, G* g) {
  // Random initial priority in [d, d + 2^20); ties go to the older goroutine.
  g->prio = static_cast<uint32_t>(depth_) + s.Draw(1u << 20);
}

void PctPolicy::OnStep(Scheduler& s) {
  if (!drawn_) {
    drawn_ = true;
    for (int i = 0; i + 1 < depth_; ++i) {
      change_points_.push_back(1 + s.Draw(static_cast<uint32_t>(std::min<uint64_t>(steps_, UINT32_MAX))));
    }
    std::sort(change_points_.begin(), change_points_.end());
  }
  while (next_change_ < change_points_.size() && change_points_[next_change_] <= s.step()) {
    if (G* g = s.CurrentG()) g->prio = static_cast<uint32_t>(depth_ - 1 - static_cast<int>(next_change_));
    ++next_change_;
  }
}

static bool Higher(const G* a, const G* b) {
  return a->prio > b->prio || (a->prio == b->prio && a->goid < b->goid);
}

G* PctPolicy::BestRunnable(Scheduler& s) {
  G* best = nullptr;
  s.ForEachRunnable([&](G* g) {
    if (best == nullptr || Higher(g, best)) best = g;
  });
  return best;
}

P* PctPolicy::PickP(Scheduler& s, std::span<P* const> active, P* dflt) {
  P* best = nullptr;
  for (P* p : active) {
    if (p->curg == nullptr) return p;  // a P looking for work goes first
    if (best == nullptr || Higher(p->curg, best->curg)) best = p;
  }
  return best;
}

bool PctPolicy::ShouldPreempt(Scheduler& s, G* g, const YieldPoint& yp) {
  if (g->preempt) return true;
  G* best = BestRunnable(s);
  return best != nullptr && Higher(best, g);
}

PickResult PctPolicy::FindRunnable(Scheduler& s, P* p) {
  G* g = BestRunnable(s);
  if (g == nullptr) return {};
  bool inherit = g->where == QueueLoc::kRunnext && g->p == p->id;
  s.TakeRunnable(g);
  g->p = p->id;
  return {.g = g, .inherit_time = inherit};
}

}  // namespace gostep::sched
