// tests/maps/map_fixture.h — a bucket map on a heap without a scheduler.
#pragma once

#include <memory>
#include <string>

#include "base/version_profile.h"
#include "gc/collector.h"
#include "maps/bucket/hmap.h"
#include "maps/bucket/map_rand.h"

namespace gostep::maps {

struct MapFixture {
  explicit MapFixture(const base::VersionProfile& p, KeyKind key = KeyKind::kInt64,
                      ElemShape elem = ElemShape::Scalar(8), MapOptions opts = {}, uint64_t seed = 1,
                      uint32_t keysize = 0, bool verify = false)
      : profile(p), c(profile, gc::CollectorConfig{.manual = true, .verify = verify}, &world, &log), rand(seed) {
    Init(key, elem, opts, keysize);
  }
  // With the hash seeds of a real process (a differential test).
  MapFixture(const base::VersionProfile& p, KeyKind key, const HashSeeds& s, ElemShape elem = ElemShape::Scalar(8),
             MapOptions opts = {}, uint64_t seed = 1)
      : profile(p), c(profile, gc::CollectorConfig{.manual = true, .verify = false}, &world, &log), seeds(s),
        rand(seed) {
    Init(key, elem, opts, 0);
  }
  // Root keeps r alive in a host stack slot.
  uint32_t Root(gc::Ref r) { return c.host_stack()->locals.Add(r); }
  gc::Ref Rooted(uint32_t slot) { return c.host_stack()->locals[slot]; }
  void SetRooted(uint32_t slot, gc::Ref r) { c.host_stack()->locals[slot] = r; }

  void Init(KeyKind key, ElemShape elem, MapOptions opts, uint32_t keysize) {
    world.set_stack(c.host_stack());
    type = MapTypeFor(c.types(), key, elem, keysize);
    m = std::make_unique<BucketMap>(c, profile, *type, seeds, rand, opts, &log);
  }

  const base::VersionProfile& profile;
  gc::NullWorld world;
  base::EventLog log;
  gc::Collector c;
  HashSeeds seeds = HashSeeds::FromSeed(1, true);
  FastrandMapRand rand;
  std::unique_ptr<MapType> type;
  std::unique_ptr<BucketMap> m;
};

}  // namespace gostep::maps
