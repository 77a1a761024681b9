// The explore engine on a real racy program (tests/tools/racy_program.h):
// the report does not depend on --jobs, --stop-on picks the lowest run, a
// failure's schedule replays byte for byte, and the histogram's format.
#include <doctest/doctest.h>

#include <string>

#include "tests/tools/racy_program.h"
#include "tools/explore.h"

namespace gostep::tools {
namespace {

using testing::CxxProgram;

const std::string kIterWrite = "fatal error: concurrent map iteration and map write";

ExploreConfig Config(int jobs, uint64_t runs) {
  ExploreConfig c;
  c.options.version = "1.19";
  c.options.policy = "random";
  c.options.granularity = "runtime";
  c.options.gomaxprocs = 2;
  c.options.limits.max_steps = 2'000'000;
  c.runs = runs;
  c.jobs = jobs;
  c.base_seed = 1;
  return c;
}

const CxxProgram& Racy() {
  static const CxxProgram p("racy.go", "go1.19", &testing::RangeWhileWriting);
  return p;
}

TEST_CASE("explore: the histogram and the first failures are the same for 1 and 2 jobs") {
  ExploreReport one = Explore(Racy(), Config(1, 200));
  ExploreReport two = Explore(Racy(), Config(2, 200));
  REQUIRE(one.error.empty());
  CHECK(one.runs_done == 200);
  CHECK(two.runs_done == 200);
  CHECK(one.counts == two.counts);
  MESSAGE(FormatHistogram(one));
  REQUIRE(one.counts.contains(kIterWrite));  // the race is real: some schedules crash…
  REQUIRE(one.counts.contains("ok"));        // …and some do not
  REQUIRE(one.firsts.size() == two.firsts.size());
  for (size_t i = 0; i < one.firsts.size(); ++i) {
    CHECK(one.firsts[i].index == two.firsts[i].index);
    CHECK(one.firsts[i].outcome == two.firsts[i].outcome);
    CHECK(one.firsts[i].result.schedule == two.firsts[i].result.schedule);
    CHECK(one.firsts[i].result.stderr_text == two.firsts[i].result.stderr_text);
  }
  CHECK(FormatHistogram(one) == FormatHistogram(two));
}

TEST_CASE("explore: stop-on ends at the lowest matching run for any number of jobs") {
  ExploreReport all = Explore(Racy(), Config(1, 200));
  uint64_t first_crash = 0;
  for (const RunRecord& r : all.firsts) {
    if (r.outcome == kIterWrite) first_crash = r.index;
  }
  for (int jobs : {1, 2, 3}) {
    ExploreConfig c = Config(jobs, 200);
    c.stop = [](const std::string& o) { return o.starts_with("fatal error"); };
    ExploreReport r = Explore(Racy(), c);
    CHECK(r.stopped);
    CHECK(r.runs_done == first_crash + 1);
    REQUIRE(!r.firsts.empty());
    CHECK(r.firsts.back().index == first_crash);
    CHECK(r.firsts.back().seed == first_crash + 1);
    uint64_t total = 0;
    for (const auto& [text, n] : r.counts) total += n;
    CHECK(total == first_crash + 1);
  }
}

TEST_CASE("explore: a failure's schedule replays to the same output byte for byte") {
  ExploreConfig c = Config(2, 200);
  c.stop = [](const std::string& o) { return o != "ok"; };
  ExploreReport r = Explore(Racy(), c);
  REQUIRE(r.stopped);
  const runtime::Result& failed = r.firsts.back().result;
  CHECK(failed.stderr_text.rfind(kIterWrite + "\n", 0) == 0);
  CHECK(failed.exit_code == 2);
  runtime::Options o;
  o.replay = failed.schedule;
  o.replay_name = "racy.fatal.sched";
  runtime::Result again = Racy().Run(o);
  CHECK(again.outcome == runtime::OutcomeKind::kFatal);
  CHECK(again.stdout_text == failed.stdout_text);
  CHECK(again.stderr_text == failed.stderr_text);
  CHECK(again.schedule == failed.schedule);
}

TEST_CASE("explore: a time budget reports the same as that many runs") {
  ExploreConfig c = Config(2, 1'000'000);
  c.time_budget_s = 0.5;
  ExploreReport timed = Explore(Racy(), c);
  CHECK(timed.out_of_time);
  REQUIRE(timed.runs_done > 0);
  CHECK(timed.runs_done < 1'000'000);
  ExploreReport counted = Explore(Racy(), Config(1, timed.runs_done));
  CHECK(counted.counts == timed.counts);
  CHECK_FALSE(counted.out_of_time);
}

TEST_CASE("explore: histogram lines sort by count then text, with one decimal") {
  ExploreReport r;
  r.runs_done = 1000;
  r.counts = {{"ok", 690}, {"fatal error: concurrent map writes", 155}, {"exit 1", 155}};
  CHECK(FormatHistogram(r) ==
        "ok 69.0% (690)\n"
        "exit 1 15.5% (155)\n"
        "fatal error: concurrent map writes 15.5% (155)\n");
  r.runs_done = 3;
  r.counts = {{"ok", 1}, {"panic: boom", 2}};
  CHECK(FormatHistogram(r) == "panic: boom 66.7% (2)\nok 33.3% (1)\n");
}

TEST_CASE("explore: outcome lines and slugs") {
  runtime::Result r;
  r.outcome = runtime::OutcomeKind::kExit;
  CHECK(OutcomeLine(r) == "ok");
  r.exit_code = 3;
  CHECK(OutcomeLine(r) == "exit 3");
  r.outcome = runtime::OutcomeKind::kPanic;
  r.message = "panic: two\nlines";
  CHECK(OutcomeLine(r) == "panic: two");
  CHECK(OutcomeSlug("fatal error: concurrent map iteration and map write") ==
        "fatal-error-concurrent-map-iteration-and-map-write");
  CHECK(OutcomeSlug("panic: runtime error: index out of range [5] with length 3") ==
        "panic-runtime-error-index-out-of-range-5-with-length-3");
  CHECK(OutcomeSlug("!!!") == "outcome");
}

}  // namespace
}  // namespace gostep::tools
