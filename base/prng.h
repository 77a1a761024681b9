// base/prng.h — the seeded pseudo-random generator behind the decision stream.
//
// It is wyrand, exactly as Go's runtime.fastrand on 64-bit targets in go1.17–go1.21
// (runtime/stubs.go:fastrand in [1.19src]), and FastrandN is runtime.fastrandn's
// multiply-shift reduction (Lemire), bias included. Using Go's own generator keeps
// the distribution of draws (select order, steal order, …) the same shape as Go's;
// the values themselves can never match a real process, whose seed is random.
#pragma once

#include <cstdint>

namespace gostep::base {

class Wyrand {
 public:
  explicit Wyrand(uint64_t seed) : state_(seed) {}

  // Next64 returns the next 64 random bits (runtime.fastrand64).
  uint64_t Next64() {
    state_ += 0xa0761d6478bd642full;
    __uint128_t m = static_cast<__uint128_t>(state_) * (state_ ^ 0xe7037ed1a0b428dbull);
    return static_cast<uint64_t>(m >> 64) ^ static_cast<uint64_t>(m);
  }

  // Next32 returns 32 random bits (runtime.fastrand).
  uint32_t Next32() { return static_cast<uint32_t>(Next64()); }

  // FastrandN returns a value in [0, n) (runtime.fastrandn). n must be > 0.
  uint32_t FastrandN(uint32_t n) {
    return static_cast<uint32_t>((static_cast<uint64_t>(Next32()) * n) >> 32);
  }

  uint64_t state() const { return state_; }

 private:
  uint64_t state_;
};

}  // namespace gostep::base
