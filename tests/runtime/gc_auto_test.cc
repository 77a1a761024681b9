// The collector in automatic mode under the scheduler: triggers, workers,
// assists, runtime.GC, bgsweep, gctrace.
#include <doctest/doctest.h>

#include "runtime/heap.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

TEST_CASE("auto: garbage-heavy allocation runs cycles and keeps the live list") {
  Options o = Opts("1.19", 2);
  o.godebug = "gctrace=1";
  o.gc_verify = false;
  o.events = true;
  uint32_t cycles = 0;
  uint64_t freed_seen = 0;
  Result r = testing::Run(o, [&] {
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    Local head = New(node);
    Local cur = head;
    for (int i = 0; i < 1000000; ++i) {
      Local garbage = New(node);  // dropped at once
      if (i % 500 == 0) {
        Local next = New(node);
        Store(cur, 0, next);
        cur = next;
      }
    }
    cycles = Gc().cycles();
    MESSAGE("heap_live=" << Gc().pacer().heap_live() << " trigger=" << Gc().pacer().Trigger() << " goal=" << Gc().pacer().HeapGoal() << " phase=" << std::string(gc::GcPhaseName(Gc().phase())) << " sweepdone=" << Gc().heap().SweepDone() << " cycles=" << Gc().cycles() << " inuse=" << Gc().heap().stats().heap_inuse);
    // The list survives: walk it.
    int n = 0;
    for (gc::Ref p = head; !p.nil(); p = Load(p, 0)) ++n;
    CHECK(n == 2001);
    freed_seen = Gc().history().last_id();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  INFO(r.stderr_text);
  CHECK(cycles >= 1);
  CHECK(r.stderr_text.find("gc 1 @") != std::string::npos);
  MESSAGE(r.stderr_text);
  {
    std::string ev = r.events;
    std::vector<std::string> keep;
    size_t pos = 0;
    while (pos < ev.size()) {
      size_t e = ev.find('\n', pos);
      std::string line = ev.substr(pos, e - pos);
      if (line.find("\"alloc\"") == std::string::npos && line.find("ptr_store") == std::string::npos &&
          line.find("gc_shade") == std::string::npos && line.find("gc_scan") == std::string::npos && line.find("\"free\"") == std::string::npos)
        keep.push_back(line);
      pos = e + 1;
    }
    std::string out;
    for (size_t i = keep.size() > 80 ? keep.size() - 80 : 0; i < keep.size(); ++i) out += keep[i] + "\n";
    MESSAGE(out);
  }
}

}  // namespace
}  // namespace gostep
