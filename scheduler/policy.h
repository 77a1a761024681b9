// scheduler/policy.h — who runs next: the policy half of the scheduler.
//
// The scheduler is split as loom splits it: mechanism (fiber.h: switching;
// scheduler.h: G/P states, queues, timers, STW), policy (this file: choosing),
// and record (base/decision.h: the path). A policy answers three questions,
// drawing any randomness from the recorded path (Scheduler::Draw):
//
//   PickP          which active P advances its G by one step;
//   ShouldPreempt  whether the G at a preemptible yield point is preempted;
//   FindRunnable   which runnable G a P without one takes.
//
// The mechanism has already done everything Go does before choosing (stop for
// STW, run safe-point functions, run due timers); FindRunnable only chooses,
// and moves Gs between queues as its algorithm does. Replay runs the same
// policy again on the recorded path, so a policy must be a pure function of
// the scheduler state and its draws.
//
// Policies: go (policy_go.h), random (policy_random.h), pct (policy_pct.h).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "scheduler/g.h"
#include "scheduler/p.h"
#include "scheduler/types.h"

namespace gostep::sched {

class Scheduler;

struct PickResult {
  G* g = nullptr;            // null: nothing to run
  bool inherit_time = false; // g came from this P's runnext (proc.go:runqget)
  bool wait = false;         // the P sleeps (usleep) and looks again next step
};

class Policy {
 public:
  virtual ~Policy() = default;
  virtual std::string Describe() const = 0;  // "go", "random", "pct depth=3 steps=10000"

  // OnGoCreated is called for every new goroutine, before it is queued.
  virtual void OnGoCreated(Scheduler& s, G* g) {}
  // OnStep is called at every step, before anything else happens in it,
  // if WantsSteps.
  virtual bool WantsSteps() const { return false; }
  virtual void OnStep(Scheduler& s) {}

  // TimeOrdered reports that PickP always returns `dflt` (it is then not called).
  virtual bool TimeOrdered() const { return false; }
  // PickP returns one of `active` (non-empty). `dflt` is the time-ordered
  // choice: the smallest clock, ties round-robin after the last P stepped.
  virtual P* PickP(Scheduler& s, std::span<P* const> active, P* dflt) = 0;
  // ShouldPreempt is asked at yield points where g may be preempted.
  virtual bool ShouldPreempt(Scheduler& s, G* g, const YieldPoint& yp) = 0;
  // FindRunnable chooses a G for p (which has none) and takes it off its queue.
  virtual PickResult FindRunnable(Scheduler& s, P* p) = 0;
};

enum class PolicyKind : uint8_t { kGo, kRandom, kPct };

struct PolicyConfig {
  PolicyKind kind = PolicyKind::kGo;
  int pct_depth = 3;           // PCT bug depth d: d-1 priority change points
  uint64_t pct_steps = 10000;  // PCT estimate of the run length k
};

// ParsePolicy parses "go", "random", "pct", "pct:3", "pct:3:20000".
bool ParsePolicy(std::string_view text, PolicyConfig* out);
std::string PolicyName(const PolicyConfig& c);

std::unique_ptr<Policy> MakePolicy(const PolicyConfig& c);

}  // namespace gostep::sched
