// The untraced-iterator fault (maps issue, acceptance 6): the design
// article's ABA path. Go's hiter keeps its bucket arrays alive (its pointer
// fields are scanned on the goroutine's stack; go-map.md §4(f)); with the
// fault they are not roots, so once a grow finishes the old array dies, the
// collector frees it, and a new bucket array of the same size class takes
// its address. The iterator then reads a bucket of a different array, and
// the heap reports both objects. Without the fault the same steps are safe.
#include <doctest/doctest.h>

#include <set>

#include "tests/maps/map_fixture.h"

namespace gostep::maps {
namespace {

struct AbaRun {
  bool faulted = false;
  gc::HeapFault fault;
  gc::Ref old_array, new_array;
  std::set<int64_t> produced;
};

AbaRun RunAba(bool untraced) {
  MapOptions opts;
  opts.faults.untraced_iterator = untraced;
  MapFixture f(*base::FindProfile("1.19"), KeyKind::kInt64, ElemShape::Scalar(8), opts);
  AbaRun run;
  // A map kept alive whose 576-byte array shares the span: the span stays in
  // use after the sweep, so the freed slot is handed out again.
  f.Root(f.m->MakeMap(20));
  uint32_t slot = f.Root(f.m->MakeMap(20));  // B=2: a 4-bucket array, 576 bytes
  auto h = [&] { return f.Rooted(slot); };
  for (int64_t k = 0; k < 20; ++k) f.m->Set(h(), Key::Int(k), k);
  Hiter it;
  f.m->IterInit(h(), &it);
  REQUIRE(it.has_key);
  run.produced.insert(static_cast<int64_t>(f.m->LoadKey(it.key).bits));
  run.old_array = it.buckets;
  // Grow to B=3 and keep writing until the grow is over: h no longer
  // references the old array; only the iterator does.
  for (int64_t k = 100; f.m->Dump(h())["B"] == 2 || !f.m->Dump(h())["oldbuckets"].is_null(); ++k) {
    f.m->Set(h(), Key::Int(k), k);
  }
  // A whole cycle, stepped phase by phase, sweep included.
  f.c.Start(gc::TriggerKind::kCycle);
  while (f.c.SingleStep()) {
  }
  // Another map of the same type and size: its array takes a 576-byte slot.
  uint32_t other = f.Root(f.m->MakeMap(20));
  run.new_array = f.c.LoadPtr(f.Rooted(other), hmap_off::kBuckets);
  try {
    for (f.m->IterNext(&it); it.has_key; f.m->IterNext(&it)) {
      run.produced.insert(static_cast<int64_t>(f.m->LoadKey(it.key).bits));
    }
    f.m->IterEnd(&it);
  } catch (const gc::HeapFaultError& e) {
    run.faulted = true;
    run.fault = e.fault;
  }
  return run;
}

TEST_CASE("fault untraced-iterator: the iterator reads a bucket of the array now at its old array's address") {
  AbaRun run = RunAba(true);
  REQUIRE(run.faulted);
  CHECK(run.fault.kind == gc::FaultKind::kReusedAddress);
  CHECK(run.fault.object == run.old_array.id);
  CHECK(run.fault.now_at != 0);
  CHECK(run.fault.now_at == run.new_array.id);
  CHECK(run.new_array.addr == run.old_array.addr);
  CHECK(run.fault.addr >= run.old_array.addr);
  CHECK(run.fault.addr < run.old_array.addr + 576);
  // The report names both arrays by id and type.
  INFO(run.fault.message);
  CHECK(run.fault.message.find("object #" + std::to_string(run.old_array.id) + " ([4]map.bucket[int64]int64") !=
        std::string::npos);
  CHECK(run.fault.message.find("the address now holds object #" + std::to_string(run.fault.now_at) +
                               " ([4]map.bucket[int64]int64") != std::string::npos);
}

TEST_CASE("fault untraced-iterator: without the fault the same steps are safe") {
  AbaRun run = RunAba(false);
  CHECK_FALSE(run.faulted);
  for (int64_t k = 0; k < 20; ++k) CHECK(run.produced.contains(k));  // present throughout: produced once
}

}  // namespace
}  // namespace gostep::maps
