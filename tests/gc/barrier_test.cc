// The write barrier and its per-P buffer, per profile (gc/barrier.cc).
#include <doctest/doctest.h>

#include "base/version_profile.h"
#include "gc/collector.h"

namespace gostep::gc {
namespace {

struct Run {
  uint64_t flushes = 0;
  size_t pending = 0;
  bool all_marked = false;
};

// StoresDuringMark makes n pointer stores into fresh objects during mark
// (InitPtr: the compiler knows the destination is zeroed; StorePtr: it does
// not), and reports the buffer flushes and what is left in the buffer.
Run StoresDuringMark(const char* version, BarrierKind barrier, bool init, int n) {
  NullWorld world;
  base::EventLog log;
  Collector c(*base::FindProfile(version), {.barrier = barrier, .manual = true, .verify = false}, &world, &log);
  world.set_stack(c.host_stack());
  const Type* node = c.types().Struct("main.node", 16, {0});
  std::vector<Ref> targets;
  for (int i = 0; i < n; ++i) {
    targets.push_back(c.New(node));
    c.host_stack()->locals.Add(targets.back());
  }
  c.RunUntil(GcPhase::kMark);  // no root job has run: every target is white
  uint64_t before = c.wbbuf_flushes();
  for (int i = 0; i < n; ++i) {
    Ref fresh = c.New(node);  // allocated black
    c.host_stack()->locals.Add(fresh);
    if (init) {
      c.InitPtr(fresh, 0, targets[i]);
    } else {
      c.StorePtr(fresh, 0, targets[i]);
    }
  }
  Run r{c.wbbuf_flushes() - before, c.PendingBarrierEntries(0)};
  c.RunUntil(GcPhase::kMarkTermination);
  r.all_marked = true;
  for (const Ref& t : targets) r.all_marked &= c.IsMarked(t);
  return r;
}

TEST_CASE("wbBuf: go1.14–1.20 buffer (new, old) pairs, go1.21+ only what the store needs") {
  // 512 words either way. go1.20: every store appends 2 words, then flushes
  // when full: 1024 stores = 4 flushes, nothing left. go1.21: get2 flushes
  // first when 2 words do not fit: flushes before stores 257, 513, 769, 512
  // words left; an initializing store needs 1 word (get1): one flush, before
  // store 513, and 512 words left.
  Run old_store = StoresDuringMark("1.20", BarrierKind::kHybrid, false, 1024);
  Run old_init = StoresDuringMark("1.20", BarrierKind::kHybrid, true, 1024);
  Run new_store = StoresDuringMark("1.21", BarrierKind::kHybrid, false, 1024);
  Run new_init = StoresDuringMark("1.21", BarrierKind::kHybrid, true, 1024);
  CHECK(old_store.flushes == 4);
  CHECK(old_store.pending == 0);
  CHECK(old_init.flushes == 4);
  CHECK(new_store.flushes == 3);
  CHECK(new_store.pending == 512);
  CHECK(new_init.flushes == 1);
  CHECK(new_init.pending == 512);
  // What is shaded does not change: every stored pointer ends up marked.
  for (const Run& r : {old_store, old_init, new_store, new_init}) CHECK(r.all_marked);
}

TEST_CASE("barriers record what they shade: dijkstra the new pointer, yuasa the old, none nothing") {
  CHECK(StoresDuringMark("1.19", BarrierKind::kDijkstra, false, 512).flushes == 1);  // 1 word a store
  CHECK(StoresDuringMark("1.19", BarrierKind::kYuasa, false, 512).flushes == 1);     // old = nil: recorded, ignored
  Run none = StoresDuringMark("1.19", BarrierKind::kNone, false, 512);
  CHECK(none.flushes == 0);
  CHECK(none.pending == 0);
  // The targets are still marked: they are on the host stack, a root.
  CHECK(none.all_marked);
}

TEST_CASE("the barrier is on exactly during mark and mark termination") {
  NullWorld world;
  base::EventLog log;
  Collector c(*base::FindProfile("1.19"), {.manual = true}, &world, &log);
  world.set_stack(c.host_stack());
  c.Start(TriggerKind::kCycle);
  std::vector<std::pair<GcPhase, bool>> seen;
  do {
    seen.emplace_back(c.phase(), c.barrier_enabled());
  } while (c.SingleStep());
  for (auto [phase, on] : seen) {
    CAPTURE(GcPhaseName(phase));
    CHECK(on == (phase == GcPhase::kMark || phase == GcPhase::kMarkTermination));
  }
  // off → sweep termination → mark … → mark termination → sweep … → off.
  std::vector<GcPhase> order;
  for (auto [phase, on] : seen) {
    if (order.empty() || order.back() != phase) order.push_back(phase);
  }
  CHECK(order == std::vector<GcPhase>{GcPhase::kOff, GcPhase::kSweepTermination, GcPhase::kMark,
                                      GcPhase::kMarkTermination, GcPhase::kSweep, GcPhase::kOff});
}

TEST_CASE("CasPtr and SwapPtr: atomic exchanges whose barrier shades old and new, also when a CAS fails") {
  // runtime/atomic_pointer.go: `if writeBarrier.enabled { atomicwb(ptr, new) }`
  // before the CAS or swap, whatever its outcome.
  NullWorld world;
  base::EventLog log;
  Collector c(*base::FindProfile("1.19"), {.manual = true, .verify = false}, &world, &log);
  world.set_stack(c.host_stack());
  const Type* node = c.types().Struct("main.node", 16, {0});
  Ref holder = c.New(node), a = c.New(node), b = c.New(node), d = c.New(node), e = c.New(node), f = c.New(node);
  c.host_stack()->locals.Add(holder);
  c.StorePtr(holder, 0, a);
  c.RunUntil(GcPhase::kMark);  // no root job yet: everything is white
  CHECK(c.CasPtr(holder, 0, a, b));   // a → b
  CHECK(!c.CasPtr(holder, 0, e, d));  // holds b, not e: fails, still shades b and d
  CHECK(c.SwapPtr(holder, 0, f) == b);
  CHECK(c.LoadPtr(holder, 0) == f);
  CHECK(c.PendingBarrierEntries(0) == 6);  // go1.19: a (new, old) pair per operation
  c.RunUntil(GcPhase::kMarkTermination);
  CHECK(c.IsMarked(a));   // shaded as the old value: floating garbage this cycle
  CHECK(c.IsMarked(d));   // shaded by the failed CAS
  CHECK(c.IsMarked(f));   // reachable
  CHECK(!c.IsMarked(e));  // only ever compared with: never shaded
}

}  // namespace
}  // namespace gostep::gc
