#include "base/schedule_file.h"

#include <doctest/doctest.h>

#include "base/decision.h"

#include <vector>

namespace gostep::base {
namespace {

TEST_CASE("schedule file: format and parse round-trip") {
  ScheduleFile f;
  f.Set("gostep", "0.1.0");
  f.Set("profile", "go1.21");
  f.Set("godebug", "");
  f.decisions = {
      {.step = 1, .goid = 0, .kind = DecisionKind::kPickG, .value = 1},
      {.step = 12, .goid = 1, .kind = DecisionKind::kPickP, .value = 1},
      {.step = 15, .goid = 5, .kind = DecisionKind::kPreempt, .point = "chan.send"},
      {.step = 15, .goid = 5, .kind = DecisionKind::kRand, .value = 2, .bound = 3},
      {.step = 16, .goid = 0, .kind = DecisionKind::kPickG, .value = kPickWait},
      {.step = 17, .goid = 5, .kind = DecisionKind::kRand, .value = 0xdeadbeefcafe, .bound = 0},
  };
  f.end_step = 20;
  f.end_outcome = "fatal error: all goroutines are asleep - deadlock!";
  std::string text = FormatSchedule(f);
  CHECK(text ==
        "gostep-schedule 1\ngostep 0.1.0\nprofile go1.21\ngodebug \ndecisions\n"
        "1 g0 G 1\n12 g1 P 1\n15 g5 X chan.send\n15 g5 R 3 2\n16 g0 G wait\n17 g5 R 0 244837814094590\n"
        "end 20 fatal error: all goroutines are asleep - deadlock!\n");
  auto parsed = ParseSchedule(text, "x.sched");
  REQUIRE(std::holds_alternative<ScheduleFile>(parsed));
  const ScheduleFile& g = std::get<ScheduleFile>(parsed);
  CHECK(g.decisions == f.decisions);
  CHECK(g.header == f.header);
  CHECK(g.end_step == 20);
  CHECK(g.end_outcome == f.end_outcome);
}

TEST_CASE("schedule file: malformed input is reported as file:line:col") {
  auto err = [](const std::string& text) {
    auto r = ParseSchedule(text, "s.sched");
    REQUIRE(std::holds_alternative<std::string>(r));
    return std::get<std::string>(r);
  };
  CHECK(err("hello\n") == "s.sched:1:1: not a gostep schedule file (want first line \"gostep-schedule 1\")");
  CHECK(err("gostep-schedule 1\ndecisions\nx g1 P 1\n") == "s.sched:3:1: expected a step number");
  CHECK(err("gostep-schedule 1\ndecisions\n3 1 P 1\n") == "s.sched:3:3: expected g<goid>");
  CHECK(err("gostep-schedule 1\ndecisions\n3 g1 R 3 5\n") == "s.sched:3:10: value out of [0, bound)");
  CHECK(err("gostep-schedule 1\ndecisions\n3 g1 P 1 extra\n") == "s.sched:3:10: unexpected text after the decision");
  CHECK(err("gostep-schedule 1\ndecisions\n5 g1 P 1\n3 g1 P 1\n") ==
        "s.sched:4:1: decision steps must not decrease (3 after 5)");
  CHECK(err("gostep-schedule 1\ndecisions\n") == "s.sched:3:1: unexpected end of file (missing the 'end' line)");
  CHECK(err("gostep-schedule 1\ndecisions\nend 3 exit 0\nmore\n") == "s.sched:4:1: text after the 'end' line");
}

TEST_CASE("decision path: recording, replaying and divergence") {
  DecisionPath rec(42);
  uint32_t a = rec.RandN(1, 1, 10);
  rec.Checkpoint(2, 0, DecisionKind::kPickG, 5, nullptr, false);
  rec.Checkpoint(3, 1, DecisionKind::kPickP, 0, nullptr, true);  // implied
  uint64_t b = rec.Rand64(4, 5);
  CHECK(rec.decisions().size() == 3);

  DecisionPath same(42);
  CHECK(same.RandN(1, 1, 10) == a);  // the seed determines the draws

  DecisionPath rep(rec.decisions());
  CHECK(rep.RandN(1, 1, 10) == a);
  rep.Checkpoint(2, 0, DecisionKind::kPickG, 5, nullptr, false);
  rep.Checkpoint(3, 1, DecisionKind::kPickP, 0, nullptr, true);
  CHECK(rep.Rand64(4, 5) == b);
  rep.Finish(5);
  CHECK(!rep.diverged());

  DecisionPath bad(rec.decisions());
  bad.RandN(1, 1, 10);
  bad.Checkpoint(2, 0, DecisionKind::kPickG, 6, nullptr, false);
  CHECK(bad.diverged());
  CHECK(bad.divergence_step() == 2);
  CHECK(bad.divergence() ==
        "the recording has step 2, goroutine 0: goroutine 5 is picked to run, but the run has step 2, goroutine 0: "
        "goroutine 6 is picked to run");

  DecisionPath skipped(rec.decisions());
  skipped.Rand64(4, 5);  // the run never made the draw at step 1
  CHECK(skipped.diverged());
  CHECK(skipped.divergence_step() == 4);

  DecisionPath extra(rec.decisions());
  extra.RandN(1, 1, 10);
  extra.Checkpoint(2, 0, DecisionKind::kPickG, 5, nullptr, false);
  extra.Finish(3);  // the run ended before the recording did
  CHECK(extra.diverged());
}

// Known answers from Go itself: runtime/stubs.go:fastrand64's expression,
// run by go1.19 on a chosen state:
//   s += 0xa0761d6478bd642f; hi, lo := bits.Mul64(s, s^0xe7037ed1a0b428db); hi^lo
// and fastrandn(3) = uint32(uint64(uint32(hi^lo)) * 3 >> 32) from state 7.
TEST_CASE("wyrand matches runtime.fastrand64 and fastrandn") {
  Wyrand r(1);
  CHECK(r.Next64() == 0xcdef1695e1f8ed2cull);
  CHECK(r.Next64() == 0x61d6d24b1c9aad40ull);
  CHECK(r.Next64() == 0x8cf880c22eebfadfull);
  CHECK(r.Next64() == 0x05b3a992fedc4f8aull);
  CHECK(r.Next64() == 0x01942e5b0cb4ae64ull);
  Wyrand n(7);
  std::vector<uint32_t> got;
  for (int i = 0; i < 5; ++i) got.push_back(n.FastrandN(3));
  CHECK(got == std::vector<uint32_t>{2, 2, 1, 1, 2});
}

}  // namespace
}  // namespace gostep::base
