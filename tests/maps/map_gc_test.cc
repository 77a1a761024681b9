// Maps under the collector: buckets, overflow chains (traced through the
// bucket's last word, or through h.extra.overflow for noscan buckets) and
// oldbuckets are traced; every pointer store into a map object runs the
// write barrier. The verifier (weak tri-colour, shadow reachability) runs
// after every collector step while maps grow and evacuate under it.
#include <doctest/doctest.h>

#include <string>

#include "tests/maps/map_fixture.h"

namespace gostep::maps {
namespace {

// Interleaves map writes with collector steps: `steps` steps after each
// write, cycle after cycle. Returns normally or throws HeapFaultError.
void Churn(MapFixture& f, uint32_t slot, int writes, int steps, bool strings) {
  auto h = [&] { return f.Rooted(slot); };
  for (int i = 0; i < writes; ++i) {
    if (f.c.phase() == gc::GcPhase::kOff) f.c.Start(gc::TriggerKind::kCycle);
    std::string s = "key-" + std::to_string(i);
    if (strings) {
      Key k = f.m->NewString(s);  // the key's bytes: reachable only through the map once stored
      f.m->Set(h(), k, i);
      if (i % 3 == 0) f.m->Delete(h(), f.m->NewString("key-" + std::to_string(i / 2)));
    } else {
      f.m->Set(h(), Key::Int(i * 7919), i);
      if (i % 3 == 0) f.m->Delete(h(), Key::Int((i / 2) * 7919));
    }
    for (int j = 0; j < steps; ++j) f.c.SingleStep();
  }
  f.c.RunCycle();
}

TEST_CASE("maps under the collector: buckets, overflow chains and old arrays stay reachable") {
  for (bool strings : {true, false}) {
    INFO((strings ? "map[string]int64" : "map[int64]int64"));
    MapFixture f(*base::FindProfile("1.19"), strings ? KeyKind::kString : KeyKind::kInt64, ElemShape::Scalar(8), {},
                 1, 0, /*verify=*/true);
    uint32_t slot = f.Root(f.m->MakeMapSmall());
    CHECK_NOTHROW(Churn(f, slot, 600, 3, strings));
    // Every surviving key is still readable, with its value.
    int64_t n = 0;
    Hiter it;
    for (f.m->IterInit(f.Rooted(slot), &it); it.has_key; f.m->IterNext(&it)) {
      Key k = f.m->LoadKey(it.key);
      int64_t v = f.m->LoadInt(it.elem);
      std::string want = "key-" + std::to_string(v);
      if (strings) CHECK(f.m->StringOf(k.data, k.len) == want);
      if (!strings) CHECK(static_cast<int64_t>(k.bits) == v * 7919);
      ++n;
    }
    f.m->IterEnd(&it);
    CHECK(n == f.m->Len(f.Rooted(slot)));
    CHECK(f.c.cycles() > 3);
  }
}

// With no-write-barrier-on-map-store, evacuate copies a key's string pointer
// into a new (black, allocated during mark) bucket and clears the old slot
// without shading: the verifier finds the string lost.
TEST_CASE("fault no-write-barrier-on-map-store: the verifier finds a lost key string") {
  MapOptions opts;
  opts.faults.no_write_barrier_on_map_store = true;
  MapFixture f(*base::FindProfile("1.19"), KeyKind::kString, ElemShape::Scalar(8), opts, 1, 0, /*verify=*/true);
  uint32_t slot = f.Root(f.m->MakeMapSmall());
  bool lost = false;
  try {
    Churn(f, slot, 2000, 2, true);
  } catch (const gc::HeapFaultError& e) {
    lost = e.fault.kind == gc::FaultKind::kLostObject;
    INFO(e.fault.message);
    CHECK(lost);
  }
  CHECK(lost);
}

}  // namespace
}  // namespace gostep::maps
