// Heap and collector tests without a scheduler (gc::NullWorld: one P, the
// host thread). The scheduler-driven tests are in tests/runtime/.
#include <doctest/doctest.h>

#include "base/version_profile.h"
#include "gc/collector.h"
#include "gc/verifier.h"

namespace gostep::gc {
namespace {

struct Fixture {
  explicit Fixture(std::string version = "1.19", CollectorConfig cfg = {.manual = true, .verify = true})
      : profile(*base::FindProfile(version)), c(profile, cfg, &world, &log) {
    world.set_stack(c.host_stack());
    node = c.types().Struct("main.node", 16, {0});  // {next *node; val int}
  }
  // Root keeps r in a host stack slot; returns the slot.
  uint32_t Root(Ref r) { return c.host_stack()->locals.Add(r); }
  void Unroot(uint32_t slot) { c.host_stack()->locals.Remove(slot); }

  const base::VersionProfile& profile;
  NullWorld world;
  base::EventLog log;
  Collector c;
  const Type* node;
};

TEST_CASE("first allocations take ascending slots of one span at the arena base") {
  Fixture f;
  Ref a = f.c.New(f.node);
  Ref b = f.c.New(f.node);
  CHECK(a.addr == kArenaBaseAddr);
  CHECK(b.addr == kArenaBaseAddr + 16);
  CHECK(a.id == 1);
  CHECK(b.id == 2);
}

TEST_CASE("a cycle keeps rooted objects and frees the rest; the freed slot comes back") {
  Fixture f;
  Ref a = f.c.New(f.node);
  Ref b = f.c.New(f.node);
  Ref c = f.c.New(f.node);
  f.c.StorePtr(a, 0, b);  // a -> b; c is garbage
  f.Root(a);
  f.c.RunCycle();
  CHECK(f.c.IsLive(a.id));
  CHECK(f.c.IsLive(b.id));
  CHECK(f.c.IsFreed(c.id));
  CHECK(f.c.phase() == GcPhase::kOff);
  CHECK(f.c.violations().empty());
  // The span was cached by P 0 and released at mark termination; the next
  // allocation of the class refills from mcentral's swept partial span and
  // takes the lowest free slot: c's.
  Ref d = f.c.New(f.node);
  CHECK(d.addr == c.addr);
  CHECK(d.id != c.id);
}

}  // namespace
}  // namespace gostep::gc
