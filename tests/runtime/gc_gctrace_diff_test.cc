// gctrace, gostep against real Go 1.19 (issue 3, acceptance 4): the same
// allocation program (tests/go/gctrace_pages) under GODEBUG=gctrace=1 at
// GOMAXPROCS=1, compared field by field.
//
// Every line of both must be a go1.19 gctrace line, field for field (the
// parser of tests/gc/gctrace_parse.h accepts exactly Go's format, and
// formatting it back must give the same bytes). Values are compared where
// the model and Go agree by construction: the first cycle starts at the
// initial 4 MiB goal, the forced cycle of runtime.GC() keeps exactly the
// live set (488 × 8 KiB: 3 MB), stacks and globals round to 0 MB, 1 P.
// Times and the cycle count differ (virtual time; Go's own allocations and
// its timing-dependent pacing), and the test says so rather than compare them.
#include <doctest/doctest.h>

#include <sstream>

#include "runtime/heap.h"
#include "tests/gc/gctrace_parse.h"
#include "tests/go_programs.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using gc::GcTraceLine;
using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

std::vector<GcTraceLine> ParseTrace(const std::string& text, const base::VersionProfile& profile) {
  std::vector<GcTraceLine> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    CAPTURE(line);
    GcTraceLine l;
    REQUIRE(gc::testing::ParseLine(line, &l));
    CHECK(gc::FormatGcTrace(profile, l) == line + "\n");
    out.push_back(l);
  }
  return out;
}

TEST_CASE("differential: gctrace lines of the same program, gostep and go1.19") {
  REQUIRE_MESSAGE(testing::GoBuildError().empty(), testing::GoBuildError());
  testing::Proc real = testing::RunGoCase("gctrace_pages", {"GOMAXPROCS=1", "GODEBUG=gctrace=1"});
  REQUIRE(real.status == 0);
  const base::VersionProfile& p = *base::FindProfile("1.19");
  std::vector<GcTraceLine> go = ParseTrace(real.err, p);

  Options o = testing::Opts("1.19", 1);
  o.godebug = "gctrace=1";
  Result r = testing::Run(o, [] {
    const gc::Type* page = Types().Scalar("main.page", 8192);
    std::vector<Local> live;
    for (int i = 0; i < 488; ++i) live.emplace_back(New(page));
    Global sink;
    for (int g = 0; g < 2000; ++g) sink = New(page);
    sink = gc::Ref{};
    GC();
  });
  REQUIRE(r.outcome == OutcomeKind::kExit);
  std::vector<GcTraceLine> sim = ParseTrace(r.stderr_text, p);

  REQUIRE(go.size() >= 2);
  REQUIRE(sim.size() >= 2);
  for (const auto* trace : {&go, &sim}) {
    const GcTraceLine& first = trace->front();
    CHECK(first.num_gc == 1);
    CHECK((first.heap0 >> 20) == 3);       // triggered just under the initial goal…
    CHECK((first.heap_goal >> 20) == 4);   // …of 4 MiB (heapMinimum)
    const GcTraceLine& last = trace->back();
    CHECK(last.forced);                    // runtime.GC()
    CHECK((last.heap2 >> 20) == 3);        // what survives: the live set
    for (size_t i = 0; i < trace->size(); ++i) {
      CHECK((*trace)[i].num_gc == i + 1);
      CHECK((*trace)[i].procs == 1);
      CHECK((*trace)[i].stacks == 0);
      CHECK((*trace)[i].globals == 0);
      CHECK((*trace)[i].forced == (i + 1 == trace->size()));
    }
  }
  MESSAGE("go1.19:\n" << real.err << "gostep:\n" << r.stderr_text);
}

}  // namespace
}  // namespace gostep
