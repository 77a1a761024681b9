// base/decision.h — the one recorded decision stream.
//
// Every source of nondeterminism in a gostep run goes through a DecisionPath.
// It is loom's path.rs: replay is a run with a fixed path.
//
// Two kinds of entries are recorded:
//   R  kRand     every random draw, in [0, bound) (bound 0: 64 raw bits). The
//                policies draw here (the random policy's choices, the go
//                policy's steal order) and so does the simulated program
//                (select order; later map hash seeds, iterator starts).
//   P  kPickP    checkpoints: the decisions the policy made from those draws.
//   G  kPickG    They are recorded so that a schedule file can be read, and so
//   X  kPreempt  that replay can verify each one (see below).
//
// Recording: draws come from a Wyrand seeded with the run's seed.
// Replaying: the same policy runs again and every draw returns the recorded
// value; every checkpoint is compared with the recording. The first mismatch
// — a draw or decision the recording does not hold at that step, a different
// value, a different goroutine — is the divergence, reported with its step.
// Because the policy itself runs again, everything it does as a side effect
// (queue moves, clock charges) is reproduced exactly.
//
// Checkpoints that are implied are not written, to keep files short:
//   P  only when the chosen P is not the default (the active P with the
//      smallest clock, ties round-robin; sched::Scheduler::PickP),
//   X  only when a preemption is taken,
//   G  always (value 0: none, the P goes idle; kPickWait: the P sleeps in
//      runqgrab's usleep(3) and looks again).
//
// Invariants: entries are ordered by step; several may share a step, in the
// order the run made them. Each carries the goid active on the host when it
// was made (0: none) as a fingerprint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/prng.h"

namespace gostep::base {

enum class DecisionKind : uint8_t {
  kPickP,    // value = P id
  kPickG,    // value = goid, 0 = none, kPickWait = retry after usleep
  kPreempt,  // value unused; `point` names the yield point
  kRand,     // value in [0, bound)
};

constexpr uint64_t kPickWait = ~uint64_t{0};

// KindLetter returns the schedule-file letter of k ('P', 'G', 'X', 'R').
char KindLetter(DecisionKind k);

struct Decision {
  uint64_t step = 0;
  uint64_t goid = 0;  // fingerprint: G active on the host, 0 = none
  DecisionKind kind = DecisionKind::kPickG;
  uint64_t value = 0;
  uint64_t bound = 0;  // kRand only
  std::string point;   // kPreempt only: the yield point's name
  bool operator==(const Decision&) const = default;
};

// DescribeDecision renders d for messages: "step 15 on goroutine 5: pick-g 7".
std::string DescribeDecision(const Decision& d);

class DecisionPath {
 public:
  // Recording: draws from a Wyrand seeded with `seed`. With record=false the
  // draws are made but nothing is kept (a seed then names the run; used when
  // no schedule file is wanted).
  explicit DecisionPath(uint64_t seed, bool record = true);
  // Replaying: hands back `recorded`.
  explicit DecisionPath(std::vector<Decision> recorded);

  bool replaying() const { return replaying_; }

  // RandN returns a draw in [0, n) (runtime.fastrandn's reduction), recorded
  // or replayed. n must be > 0.
  uint32_t RandN(uint64_t step, uint64_t goid, uint32_t n) {
    if (!replaying_) {
      uint32_t v = rng_.FastrandN(n);
      if (record_) Append(step, goid, DecisionKind::kRand, v, n, nullptr);
      return v;
    }
    return static_cast<uint32_t>(ReplayDraw(step, goid, n));
  }
  // Rand64 returns 64 random bits, recorded or replayed.
  uint64_t Rand64(uint64_t step, uint64_t goid);

  // Checkpoint records (or, replaying, verifies) a decision. `implied`
  // decisions are not written (see the header comment) but are still
  // verified against the recording. `point` is a static yield-point name.
  void Checkpoint(uint64_t step, uint64_t goid, DecisionKind kind, uint64_t value, const char* point,
                  bool implied) {
    if (!replaying_ && (implied || !record_)) return;
    CheckpointSlow(step, goid, kind, value, point, implied);
  }

  // Diverge records the first divergence (later ones are ignored).
  void Diverge(uint64_t step, std::string message);
  bool diverged() const { return !divergence_.empty(); }
  const std::string& divergence() const { return divergence_; }
  uint64_t divergence_step() const { return divergence_step_; }

  // Finish checks, in replay mode, that the run used the whole recording.
  void Finish(uint64_t final_step);

  // decisions returns the recorded (or replayed) decisions in order.
  std::vector<Decision> decisions() const;
  // ForEach calls fn with each recorded (or replayed) decision, in order.
  template <typename Fn>
  void ForEach(Fn fn) const;
  // size_bytes is the memory the recording takes.
  size_t size_bytes() const { return used_; }

 private:
  void Append(uint64_t step, uint64_t goid, DecisionKind kind, uint64_t value, uint64_t bound, const char* point);
  uint64_t ReplayDraw(uint64_t step, uint64_t goid, uint64_t bound);
  void Verify(const Decision& d, bool implied);
  void CheckpointSlow(uint64_t step, uint64_t goid, DecisionKind kind, uint64_t value, const char* point,
                      bool implied);
  const Decision* Next() const;
  bool TakeMatching(uint64_t step, DecisionKind kind, Decision* out);

  bool replaying_;
  bool record_ = true;
  Wyrand rng_;
  // Recording: a compact varint stream (kind, step delta, goid, value, and
  // the bound of a draw or the index of a preemption's point name).
  std::vector<uint8_t> buf_;  // [0, used_) holds records; the rest is room
  size_t used_ = 0;
  uint64_t last_step_ = 0;
  std::vector<const char*> points_;  // point names by index
  // Replaying: the recording, and the next entry to consume.
  std::vector<Decision> replay_;
  size_t cursor_ = 0;
  std::string divergence_;
  uint64_t divergence_step_ = 0;
};

template <typename Fn>
void DecisionPath::ForEach(Fn fn) const {
  if (replaying_) {
    for (const Decision& d : replay_) fn(d);
    return;
  }
  const uint8_t* p = buf_.data();
  const uint8_t* end = p + used_;
  auto varint = [&p]() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t b = *p++;
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  };
  Decision d;
  uint64_t step = 0;
  while (p < end) {
    d.kind = static_cast<DecisionKind>(*p++);
    step += varint();
    d.step = step;
    d.goid = varint();
    d.value = varint();
    d.bound = d.kind == DecisionKind::kRand ? varint() : 0;
    if (d.kind == DecisionKind::kPreempt) {
      d.point = points_[varint()];
    } else {
      d.point.clear();
    }
    fn(d);
  }
}

}  // namespace gostep::base
