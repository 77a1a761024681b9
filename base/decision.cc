#include "base/decision.h"

#include <algorithm>

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

DecisionPath::DecisionPath(uint64_t seed, bool record) : replaying_(false), record_(record), rng_(seed) {}

DecisionPath::DecisionPath(std::vector<Decision> recorded)
    : replaying_(true), rng_(0), replay_(std::move(recorded)) {}

namespace {

uint8_t* PutVarint(uint8_t* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<uint8_t>(v);
  return p;
}

}  // namespace

void DecisionPath::Append(uint64_t step, uint64_t goid, DecisionKind kind, uint64_t value, uint64_t bound,
                          const char* point) {
  constexpr size_t kMaxRecord = 1 + 5 * 10;  // kind + five 64-bit varints
  if (buf_.size() - used_ < kMaxRecord) buf_.resize(std::max<size_t>(2 * buf_.size(), 4096));
  uint8_t* p = buf_.data() + used_;
  *p++ = static_cast<uint8_t>(kind);
  p = PutVarint(p, step - last_step_);
  last_step_ = step;
  p = PutVarint(p, goid);
  p = PutVarint(p, value);
  if (kind == DecisionKind::kRand) {
    p = PutVarint(p, bound);
  } else if (kind == DecisionKind::kPreempt) {
    // Yield-point names are static strings: intern them by address.
    size_t i = 0;
    while (i < points_.size() && points_[i] != point) ++i;
    if (i == points_.size()) points_.push_back(point);
    p = PutVarint(p, i);
  }
  used_ = static_cast<size_t>(p - buf_.data());
}

std::vector<Decision> DecisionPath::decisions() const {
  std::vector<Decision> out;
  ForEach([&out](const Decision& d) { out.push_back(d); });
  return out;
}

const Decision* DecisionPath::Next() const {
  return cursor_ < replay_.size() ? &replay_[cursor_] : nullptr;
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
  *out = replay_[cursor_++];
  return true;
}

uint64_t DecisionPath::ReplayDraw(uint64_t step, uint64_t goid, uint64_t bound) {
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

uint64_t DecisionPath::Rand64(uint64_t step, uint64_t goid) {
  if (!replaying_) {
    uint64_t v = rng_.Next64();
    if (record_) Append(step, goid, DecisionKind::kRand, v, 0, nullptr);
    return v;
  }
  return ReplayDraw(step, goid, 0);
}

void DecisionPath::CheckpointSlow(uint64_t step, uint64_t goid, DecisionKind kind, uint64_t value,
                                  const char* point, bool implied) {
  if (!replaying_) {
    Append(step, goid, kind, value, 0, point);
    return;
  }
  Verify({.step = step, .goid = goid, .kind = kind, .value = value, .point = point ? point : ""}, implied);
}

void DecisionPath::Verify(const Decision& d, bool implied) {
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
