// ABA on a reused address (issue 3, acceptance 3), under the scheduler, and
// the reuse order it rests on, against the real Go 1.19 allocator.
#include <doctest/doctest.h>

#include <sstream>

#include "runtime/heap.h"
#include "tests/go_programs.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

Options AbaOptions() {
  Options o = testing::Opts("1.19", 1);
  o.events = true;
  return o;
}

TEST_CASE("ABA: a stale integer address reads through a freed object now reused, the run reports it") {
  gc::Ref stale, fresh;
  Result r = testing::Run(AbaOptions(), [&] {
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    Local keeper = New(node);  // keeps the span partly in use
    stale = New(node);         // the victim, known only as an untraced integer
    StoreInt(stale, 8, 42);
    GC();                      // runtime.GC: a whole cycle and its sweep
    Local f = New(node);       // same size class: the victim's slot
    fresh = f;
    LoadInt(stale, 8);         // reads the new object's memory in real Go
    Print("not reached\n");
  });
  CHECK(fresh.addr == stale.addr);
  CHECK(r.outcome == OutcomeKind::kFault);
  CHECK(r.exit_code == 5);
  CHECK(r.stdout_text.empty());
  std::string want = "use of freed object whose address was reused through " + gc::HexAddr(stale.addr + 8) +
                     ": object #" + std::to_string(stale.id) + " (main.node";
  CHECK(r.message.find(want) == 0);
  CHECK(r.message.find("freed by the sweep of cycle 1") != std::string::npos);
  CHECK(r.message.find("the address now holds object #" + std::to_string(fresh.id)) != std::string::npos);
  CHECK(r.stderr_text.find("gostep: " + want) == 0);
  CHECK(r.events.find("\"ev\":\"addr_reuse\",\"addr\":\"" + gc::HexAddr(stale.addr) + "\",\"old\":" +
                      std::to_string(stale.id) + ",\"new\":" + std::to_string(fresh.id)) != std::string::npos);
}

TEST_CASE("ABA: the same program with a traced pointer keeps the object alive") {
  Result r = testing::Run(AbaOptions(), [&] {
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    Local keeper = New(node);
    Local victim = New(node);  // traced: a root on the stack
    StoreInt(victim, 8, 42);
    GC();
    Local f = New(node);
    CHECK(f.ref().addr != victim.ref().addr);
    Printf("{}\n", LoadInt(victim, 8));
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(r.stdout_text == "42\n");
}

// ReuseOrder checks what tests/go/addr_reuse prints (or gostep's mirror):
// the new objects' addresses ascend, and from the first that equals a victim
// on they are the victims' addresses in order; the ones before it are lower
// free slots of the victims' first span. Returns how many were reused.
int ReuseOrder(const std::vector<uint64_t>& victims, const std::vector<uint64_t>& fresh) {
  REQUIRE(victims.size() == 8);
  REQUIRE(fresh.size() == 8);
  for (size_t i = 1; i < fresh.size(); ++i) CHECK(fresh[i] > fresh[i - 1]);
  size_t k = 0;
  while (k < fresh.size() && fresh[k] != victims[0]) {
    CHECK(fresh[k] < victims[0]);
    CHECK((fresh[k] >> 13) == (victims[0] >> 13));  // the same 8 KiB span
    ++k;
  }
  for (size_t i = k; i < fresh.size(); ++i) CHECK(fresh[i] == victims[i - k]);
  return static_cast<int>(fresh.size() - k);
}

TEST_CASE("differential: freed slots come back in ascending slot order after a GC, as in go1.19") {
  REQUIRE_MESSAGE(testing::GoBuildError().empty(), testing::GoBuildError());
  testing::Proc real = testing::RunGoCase("addr_reuse", {"GOMAXPROCS=1"});
  REQUIRE(real.status == 0);
  std::vector<uint64_t> rv, rf;
  std::stringstream in(real.err);
  for (std::string kind; in >> kind;) {
    uint64_t a;
    in >> a;
    (kind == "victim" ? rv : rf).push_back(a);
  }
  int real_reused = ReuseOrder(rv, rf);
  CHECK(real_reused >= 1);  // the real runtime may first fill lower slots its own garbage freed

  std::vector<uint64_t> gv, gf;
  Result r = testing::Run(testing::Opts("1.19", 1), [&] {
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    std::vector<Local> keep;
    for (int i = 0; i < 8; ++i) {
      keep.emplace_back(New(node));
      gv.push_back(New(node).addr);  // the victim: not kept
    }
    GC();
    for (int i = 0; i < 8; ++i) {
      keep.emplace_back(New(node));
      gf.push_back(keep.back().ref().addr);
    }
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(ReuseOrder(gv, gf) == 8);  // gostep's runtime has no garbage of its own
}

}  // namespace
}  // namespace gostep
