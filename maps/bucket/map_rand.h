// maps/bucket/map_rand.h — sources of the map's random draws.
//
// FastrandMapRand models go1.18–1.21's per-M wyrand (stubs.go:fastrand,
// fastrand64 on 64-bit platforms) from a state the caller sets: a
// differential test copies the real M's m.fastrand before each operation,
// and gostep's runtime seeds it from the decision stream.
#pragma once

#include "base/prng.h"
#include "maps/bucket/hmap.h"

namespace gostep::maps {

class FastrandMapRand final : public MapRand {
 public:
  explicit FastrandMapRand(uint64_t state) : rng_(state) {}
  void set_state(uint64_t state) { rng_ = base::Wyrand(state); }
  uint64_t state() const { return rng_.state(); }
  uint32_t Fastrand() override { return rng_.Next32(); }
  uint64_t Fastrand64() override { return rng_.Next64(); }

 private:
  base::Wyrand rng_;
};

}  // namespace gostep::maps
