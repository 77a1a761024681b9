// Stepping tests: the collector walked one SingleStep at a time under the
// scheduler (manual mode: nothing happens unless the test steps), checking
// at each step the phase, the colours, the barrier, the world's state and
// what survives. The verifier runs after every step (gc_verify).
//
// The expected colours come from the algorithm (gc/collector.h's header and
// ../shared/reference/go-gc-sched.md §1–3), not from a recorded run:
//  - roots are scanned as root jobs, in order: globals blocks, the host
//    stack, then each goroutine stack of the snapshot (creation order);
//  - a scanned object with pointers is grey until popped, then black;
//  - a new object during mark is black at once (allocate-black).
#include <doctest/doctest.h>

#include "runtime/heap.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using gc::Color;
using gc::GcPhase;
using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

Options Manual(std::string barrier = "hybrid", int procs = 1, std::string version = "1.19") {
  Options o = testing::Opts(std::move(version), procs);
  o.gc_manual = true;
  o.gc_verify = true;
  o.barrier = std::move(barrier);
  return o;
}

// StepUntil steps until pred holds (at most `limit` steps).
template <typename Pred>
bool StepUntil(gc::Collector& c, Pred pred, int limit = 10000) {
  for (int i = 0; i < limit && !pred(); ++i) {
    if (!c.SingleStep()) return pred();
  }
  return pred();
}

TEST_CASE("step: a cycle phase by phase, allocate-black during mark, floating garbage") {
  Result r = testing::Run(Manual(), [] {
    gc::Collector& c = Gc();
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    const gc::Type* word = Types().Scalar("main.word", 8);
    Local a = New(node);
    gc::Ref garbage = New(node);  // never rooted
    // 1025 unrooted words: the first 1024 fill a span of size class 1, which
    // goes back to mcentral; the last starts a span P 0 keeps cached.
    std::vector<gc::Ref> words;
    for (int i = 0; i < 1025; ++i) words.push_back(New(word));
    CHECK(c.phase() == GcPhase::kOff);
    CHECK(!c.barrier_enabled());
    CHECK(!c.SingleStep());  // nothing to do without a Start

    c.Start(gc::TriggerKind::kCycle);
    REQUIRE(c.SingleStep());  // gcStart: STW #1
    CHECK(c.phase() == GcPhase::kSweepTermination);
    CHECK(c.world().WorldStopped());
    CHECK(!c.barrier_enabled());  // _GCoff until setGCPhase(_GCmark)

    REQUIRE(c.SingleStep());  // sweep termination, roots prepared, world restarted
    CHECK(c.phase() == GcPhase::kMark);
    CHECK(!c.world().WorldStopped());
    CHECK(c.barrier_enabled());
    CHECK(c.blacken_enabled());
    CHECK(c.cycles() == 1);
    CHECK(c.ColorOf(a) == Color::kWhite);  // no root job has run yet

    Local fresh = New(node);  // allocated during mark
    CHECK(c.ColorOf(fresh) == Color::kBlack);
    CHECK(c.IsMarked(fresh));

    // Root jobs: the host stack (empty), then goroutine 1's stack, which
    // holds a (and fresh, already black): a turns grey.
    REQUIRE(c.SingleStep());  // host stack
    CHECK(c.ColorOf(a) == Color::kWhite);
    REQUIRE(c.SingleStep());  // goroutine 1's stack
    CHECK(c.ColorOf(a) == Color::kGrey);
    REQUIRE(c.SingleStep());  // a popped and scanned
    CHECK(c.ColorOf(a) == Color::kBlack);
    CHECK(c.ColorOf(garbage) == Color::kWhite);

    REQUIRE(StepUntil(c, [&] { return c.phase() != GcPhase::kMark; }));
    CHECK(c.phase() == GcPhase::kMarkTermination);  // STW #2
    CHECK(c.world().WorldStopped());
    CHECK(c.barrier_enabled());
    CHECK(!c.blacken_enabled());

    REQUIRE(c.SingleStep());  // mark termination ends: sweepgen += 2, world restarted
    CHECK(c.phase() == GcPhase::kSweep);
    CHECK(!c.world().WorldStopped());
    CHECK(!c.barrier_enabled());
    // mcache.prepareForSweep: the spans P 0 had cached (garbage's, and the
    // last word's) are stale and were swept when they were released; the
    // full span of words waits in mcentral's unswept set.
    CHECK(c.IsFreed(garbage.id));
    CHECK(c.IsFreed(words.back().id));
    CHECK(c.IsLive(words.front().id));

    REQUIRE(StepUntil(c, [&] { return c.phase() == GcPhase::kOff; }));
    CHECK(c.IsFreed(words.front().id));
    CHECK(c.IsLive(a.ref().id));
    CHECK(c.IsLive(fresh.ref().id));

    // fresh survived as floating garbage only because it was allocated black:
    // dropped now, the next cycle frees it.
    gc::ObjectId fresh_id = fresh.ref().id;
    fresh = gc::Ref{};
    c.RunCycle();
    CHECK(c.IsFreed(fresh_id));
    CHECK(c.IsLive(a.ref().id));
    CHECK(c.violations().empty());
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(r.stderr_text == "");
}

// The shape of both stack tests: a global points to H, H points to X; X is
// reachable only through the heap. During mark, the goroutine moves X from
// H to its stack and deletes it from H.
struct StackMove {
  gc::ObjectId x = 0;
  bool pending_after_store = false;  // the barrier buffered something
  Color x_after_store = Color::kBlack;
};

// MoveAfterScan runs the move once the goroutine's stack has been scanned
// (black): only a deletion (Yuasa) barrier, or a re-scan, keeps X alive.
// MoveBeforeScan runs it while the stack is still grey.
void RunStackMove(gc::Collector& c, bool after_scan, StackMove& m) {
  const gc::Type* holder = Types().Struct("main.holder", 8, {0});
  const gc::Type* node = Types().Struct("main.node", 16, {0});
  Global g;
  {
    Local h = New(holder);
    Local x = New(node);
    Store(h, 0, x);
    g = h;
    m.x = x.ref().id;
  }  // only g -> H -> X remains
  c.Start(gc::TriggerKind::kCycle);
  REQUIRE(StepUntil(c, [&] { return c.phase() == GcPhase::kMark; }));
  if (after_scan) {
    // Root jobs: globals (H grey), the host stack, goroutine 1's stack.
    for (int i = 0; i < 3; ++i) REQUIRE(c.SingleStep());
    REQUIRE(c.StackScanned(c.world().CurrentStack()));
  } else {
    REQUIRE(!c.StackScanned(c.world().CurrentStack()));
  }
  gc::Ref h = g;
  CHECK(c.ColorOf(Load(h, 0)) == Color::kWhite);
  Local x = Load(h, 0);           // heap -> stack
  size_t before = c.PendingBarrierEntries(0);
  Store(h, 0, gc::Ref{});         // deleted from the heap
  m.pending_after_store = c.PendingBarrierEntries(0) > before;
  m.x_after_store = c.ColorOf(x);
  c.RunCycle();                   // finish this cycle and run another whole one
  CHECK(c.IsLive(x.ref().id));    // only reached when X survived
}

TEST_CASE("step: a pointer moved from heap to a scanned stack and deleted (Yuasa's case)") {
  SUBCASE("hybrid: the deletion half shades X") {
    StackMove m;
    Result r = testing::Run(Manual("hybrid"), [&] { RunStackMove(Gc(), true, m); });
    CHECK(r.outcome == OutcomeKind::kExit);
    CHECK(m.pending_after_store);             // (new=nil, old=X) buffered
    CHECK(m.x_after_store == Color::kWhite);  // shaded only when the buffer is flushed
  }
  SUBCASE("yuasa: deletion barrier alone keeps X") {
    StackMove m;
    Result r = testing::Run(Manual("yuasa"), [&] { RunStackMove(Gc(), true, m); });
    CHECK(r.outcome == OutcomeKind::kExit);
    CHECK(m.pending_after_store);
  }
  SUBCASE("dijkstra with the mark-termination re-scan keeps X") {
    StackMove m;
    Result r = testing::Run(Manual("dijkstra"), [&] { RunStackMove(Gc(), true, m); });
    CHECK(r.outcome == OutcomeKind::kExit);
    CHECK(m.pending_after_store);  // it records the new value (nil), which shades nothing
  }
  for (const char* barrier : {"dijkstra-norescan", "none"}) {
    SUBCASE(barrier) {
      Options o = Manual(barrier == std::string("none") ? "none" : "dijkstra");
      o.rescan_stacks = false;
      StackMove m;
      Result r = testing::Run(o, [&] { RunStackMove(Gc(), true, m); });
      // X is reachable from the black stack only and unmarked at mark
      // termination. Its span was the one P 0 had cached, so
      // mcache.prepareForSweep swept it at the end of mark termination: the
      // verifier, after that step, finds X freed while reachable.
      CHECK(r.outcome == OutcomeKind::kFault);
      CHECK(r.exit_code == 5);
      CHECK(r.message.find("lost object: object #" + std::to_string(m.x) + " (main.node") == 0);
      CHECK(r.message.find("freed by the sweep of cycle 1") != std::string::npos);
      CHECK(r.message.find("was freed while reachable") != std::string::npos);
      CHECK(r.message.find("goroutine 1 stack -> #" + std::to_string(m.x)) != std::string::npos);
      // The step where it went wrong: the delete left a black stack pointing
      // to an unprotected white object.
      CHECK(r.message.find("first violation") != std::string::npos);
      CHECK(r.message.find("the scanned stack of goroutine 1 points to white object #" + std::to_string(m.x)) !=
            std::string::npos);
      CHECK(r.stderr_text.find("gostep: lost object") == 0);
    }
  }
}

TEST_CASE("step: an object made reachable only through a stack during mark survives") {
  // The stack is still grey when X moves onto it: its scan finds X, so even
  // without any barrier X survives.
  for (const char* barrier : {"hybrid", "dijkstra", "none"}) {
    CAPTURE(barrier);
    Options o = Manual(barrier);
    o.rescan_stacks = false;
    StackMove m;
    Result r = testing::Run(o, [&] { RunStackMove(Gc(), false, m); });
    CHECK(r.outcome == OutcomeKind::kExit);
  }
}

TEST_CASE("step: mark termination finds leftover work and resumes marking (Go issue 27993)") {
  // A write barrier run after gcMarkDone's completion barrier can shade an
  // object: here a goroutine on P 1 overwrites a slot of garbage it still
  // reaches through an untraced reference (as Go code does through a dead
  // stack object), and the barrier shades the old value, a white object.
  // The re-check under STW #2 flushes every P's buffer, finds the new grey
  // object, restarts the world and goes back to marking.
  Options o = Manual("hybrid", 2);
  Result r = testing::Run(o, [] {
    gc::Collector& c = Gc();
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    gc::Ref g = New(node);  // untraced: garbage the mutator can still write
    gc::Ref w = New(node);  // garbage, only referenced by g
    Store(g, 0, w);
    bool done = false;
    Go([&] {
      uint64_t seen = c.ragged_barriers();
      while (!done) {
        if (c.ragged_barriers() != seen && c.phase() == GcPhase::kMark && !Load(g, 0).nil()) {
          Store(g, 0, gc::Ref{});  // records old = w, white
        }
        Call();
      }
    });
    Gosched();  // let the mutator start on P 1
    c.Start(gc::TriggerKind::kCycle);
    REQUIRE(StepUntil(c, [&] { return c.phase() == GcPhase::kMark; }));
    CHECK(c.ColorOf(w) == Color::kWhite);
    REQUIRE(StepUntil(c, [&] { return c.recheck_restarts() > 0 || c.phase() != GcPhase::kMark; }));
    CHECK(c.recheck_restarts() == 1);
    CHECK(c.phase() == GcPhase::kMark);    // the world restarted, marking goes on
    CHECK(!c.world().WorldStopped());
    CHECK(c.ColorOf(w) == Color::kGrey);   // shaded by the re-check's flush
    REQUIRE(StepUntil(c, [&] { return c.phase() == GcPhase::kMarkTermination; }));
    CHECK(c.ColorOf(w) == Color::kBlack);
    REQUIRE(StepUntil(c, [&] { return c.phase() == GcPhase::kOff; }));
    CHECK(c.IsLive(w.id));                 // floating garbage this cycle
    done = true;
    c.RunCycle();
    CHECK(c.IsFreed(w.id));                // and freed by the next one
    CHECK(c.violations().empty());
  });
  CHECK(r.outcome == OutcomeKind::kExit);
}

}  // namespace
}  // namespace gostep
