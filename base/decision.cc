#include "base/decision.h"

#include <fmt/format.h>

#include "base/check.h"

namespace gostep::base {

char KindLetter(DecisionKind k) {
  switch (k) {
    case DecisionKind::kPickP: return 'P';
    case DecisionKind::kPickG: return 'G';
    case DecisionKind::kPreempt: return 'X';
    case DecisionKind::kRand: return 'R';
  }
  return '?';
}

std::string DescribeDecision(const Decision& d) {
  std::string what;
  switch (d.kind) {
    case DecisionKind::kPickP: what = fmt::format("P{} steps", d.value); break;
    case DecisionKind::kPickG:
      what = d.value == 0           ? std::string("its P finds no goroutine")
             : d.value == kPickWait ? std::string("its P waits to steal a runnext")
                                    : fmt::format("goroutine {} is picked to run", d.value);
      break;
    case DecisionKind::kPreempt: what = fmt::format("preemption at {}", d.point); break;
    case DecisionKind::kRand:
      what = d.bound ? fmt::format("random draw {} of [0,{})", d.value, d.bound)
                     : fmt::format("random 64-bit draw {:#x}", d.value);
      break;
  }
  return fmt::format("step {}, goroutine {}: {}", d.step, d.goid, what);
}

DecisionPath::DecisionPath(uint64_t seed) : replaying_(false), rng_(seed) {}

DecisionPath::DecisionPath(std::vector<Decision> recorded)
    : replaying_(true), rng_(0), decisions_(std::move(recorded)) {}

const Decision* DecisionPath::Next() const {
  return cursor_ < decisions_.size() ? &decisions_[cursor_] : nullptr;
}

// TakeMatching consumes the next entry if it is a `kind` entry at `step`. It
// reports a divergence if the recording holds an entry the run has passed.
bool DecisionPath::TakeMatching(uint64_t step, DecisionKind kind, Decision* out) {
  const Decision* next = Next();
  if (next == nullptr) return false;
  if (next->step < step) {
    Diverge(step, fmt::format("the recording has an entry the run never reached ({})", DescribeDecision(*next)));
    return false;
  }
  if (next->step != step || next->kind != kind) return false;
  *out = decisions_[cursor_++];
  return true;
}

uint64_t DecisionPath::Draw(uint64_t step, uint64_t goid, uint64_t bound) {
  if (!replaying_) {
    uint64_t v = bound ? rng_.FastrandN(static_cast<uint32_t>(bound)) : rng_.Next64();
    decisions_.push_back({.step = step, .goid = goid, .kind = DecisionKind::kRand, .value = v, .bound = bound});
    return v;
  }
  if (diverged()) return 0;
  Decision d;
  if (!TakeMatching(step, DecisionKind::kRand, &d)) {
    if (!diverged()) {
      const Decision* next = Next();
      Diverge(step, fmt::format("at step {} goroutine {} draws a random number, but the recording has none "
                                "there (next recorded: {})",
                                step, goid, next ? DescribeDecision(*next) : "end of recording"));
    }
    return 0;
  }
  if (d.goid != goid || d.bound != bound) {
    Diverge(step, fmt::format("at step {} goroutine {} draws from [0,{}), but the recording has {}", step, goid,
                              bound, DescribeDecision(d)));
    return 0;
  }
  return bound == 0 || d.value < bound ? d.value : 0;
}

uint32_t DecisionPath::RandN(uint64_t step, uint64_t goid, uint32_t n) {
  GOSTEP_CHECK(n > 0) << "RandN(0)";
  return static_cast<uint32_t>(Draw(step, goid, n));
}

uint64_t DecisionPath::Rand64(uint64_t step, uint64_t goid) { return Draw(step, goid, 0); }

void DecisionPath::Checkpoint(Decision d, bool implied) {
  if (!replaying_) {
    if (!implied) decisions_.push_back(std::move(d));
    return;
  }
  if (diverged()) return;
  Decision rec;
  if (TakeMatching(d.step, d.kind, &rec)) {
    if (rec.goid != d.goid || rec.value != d.value) {
      Diverge(d.step, fmt::format("the recording has {}, but the run has {}", DescribeDecision(rec),
                                  DescribeDecision(d)));
    }
    return;
  }
  if (!implied && !diverged()) {
    const Decision* next = Next();
    Diverge(d.step, fmt::format("the run has {}, but the recording has no such decision there (next recorded: {})",
                                DescribeDecision(d), next ? DescribeDecision(*next) : "end of recording"));
  }
}

void DecisionPath::Diverge(uint64_t step, std::string message) {
  if (diverged()) return;
  divergence_step_ = step;
  divergence_ = std::move(message);
}

void DecisionPath::Finish(uint64_t final_step) {
  if (!replaying_ || diverged()) return;
  if (const Decision* next = Next()) {
    Diverge(final_step, fmt::format("the run ended at step {}, but the recording continues ({})", final_step,
                                    DescribeDecision(*next)));
  }
}

}  // namespace gostep::base
