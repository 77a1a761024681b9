// maps/bucket/hash.cc — alginit's seeds, the memhash fallbacks of hash64.go
// (go1.14–go1.16 and wyhash), the dispatch between them and the AES path, and
// alg.go's float and complex hashes. See hash.h.
#include "maps/bucket/hash.h"

#include <bit>
#include <cmath>
#include <cstring>

#include "base/prng.h"
#include "maps/bucket/aeshash.h"

namespace gostep::maps {
namespace {

static_assert(std::endian::native == std::endian::little, "readUnaligned32/64 read little-endian, as on amd64");

uint64_t R4(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

uint64_t R8(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// ==== go1.14–go1.16 fallback (xxhash/cityhash-inspired) ======================

// Four random odd 64-bit multipliers (hash64.go, go1.16 and earlier).
constexpr uint64_t kOldM1 = 16877499708836156737ull;
constexpr uint64_t kOldM2 = 2820277070424839065ull;
constexpr uint64_t kOldM3 = 9497967016996688599ull;
constexpr uint64_t kOldM4 = 15839092249703872147ull;

constexpr uint64_t Rotl31(uint64_t x) { return std::rotl(x, 31); }

// OldFinal is the common tail: h ^= h>>29; h *= m3; h ^= h>>32.
constexpr uint64_t OldFinal(uint64_t h) {
  h ^= h >> 29;
  h *= kOldM3;
  return h ^ (h >> 32);
}

// Models runtime.memhashFallback (hash64.go, go1.14–go1.16: read in a
// go1.15/1.16 copy; the pre-go1.14 memhash of hash64.go has the same algorithm).
uint64_t MemhashGo114(const uint64_t* hashkey, const uint8_t* p, size_t s, uint64_t seed) {
  uint64_t h = seed + s * hashkey[0];
  for (;;) {  // the `tail:` label: a > 32-byte input loops once through here
    if (s == 0) {
    } else if (s < 4) {
      h ^= p[0];
      h ^= static_cast<uint64_t>(p[s >> 1]) << 8;
      h ^= static_cast<uint64_t>(p[s - 1]) << 16;
      h = Rotl31(h * kOldM1) * kOldM2;
    } else if (s <= 8) {
      h ^= R4(p);
      h ^= R4(p + s - 4) << 32;
      h = Rotl31(h * kOldM1) * kOldM2;
    } else if (s <= 16) {
      h ^= R8(p);
      h = Rotl31(h * kOldM1) * kOldM2;
      h ^= R8(p + s - 8);
      h = Rotl31(h * kOldM1) * kOldM2;
    } else if (s <= 32) {
      h ^= R8(p);
      h = Rotl31(h * kOldM1) * kOldM2;
      h ^= R8(p + 8);
      h = Rotl31(h * kOldM1) * kOldM2;
      h ^= R8(p + s - 16);
      h = Rotl31(h * kOldM1) * kOldM2;
      h ^= R8(p + s - 8);
      h = Rotl31(h * kOldM1) * kOldM2;
    } else {
      uint64_t v1 = h, v2 = seed * hashkey[1], v3 = seed * hashkey[2], v4 = seed * hashkey[3];
      for (; s >= 32; s -= 32, p += 32) {
        v1 = Rotl31((v1 ^ R8(p)) * kOldM1) * kOldM2;
        v2 = Rotl31((v2 ^ R8(p + 8)) * kOldM2) * kOldM3;
        v3 = Rotl31((v3 ^ R8(p + 16)) * kOldM3) * kOldM4;
        v4 = Rotl31((v4 ^ R8(p + 24)) * kOldM4) * kOldM1;
      }
      h = v1 ^ v2 ^ v3 ^ v4;
      continue;  // goto tail
    }
    return OldFinal(h);
  }
}

// Models runtime.memhash32Fallback (hash64.go, go1.14–go1.16; same algorithm as the older memhash32).
uint64_t Memhash32Go114(const uint64_t* hashkey, uint32_t v32, uint64_t seed) {
  uint64_t h = seed + 4 * hashkey[0];
  uint64_t v = v32;
  h ^= v;
  h ^= v << 32;
  return OldFinal(Rotl31(h * kOldM1) * kOldM2);
}

// Models runtime.memhash64Fallback (hash64.go, go1.14–go1.16; same algorithm as the older memhash64).
uint64_t Memhash64Go114(const uint64_t* hashkey, uint64_t v, uint64_t seed) {
  uint64_t h = seed + 8 * hashkey[0];
  h ^= v;  // readUnaligned32(p) | readUnaligned32(p+4)<<32
  return OldFinal(Rotl31(h * kOldM1) * kOldM2);
}

// ==== go1.17+ fallback (wyhash; keyed from go1.23, Go issue 66841) ===========

constexpr uint64_t kM1 = 0xa0761d6478bd642full;
constexpr uint64_t kM2 = 0xe7037ed1a0b428dbull;
constexpr uint64_t kM3 = 0x8ebc6af09c88c6e3ull;
constexpr uint64_t kM4 = 0x589965cc75374cc3ull;
constexpr uint64_t kM5 = 0x1d8e4e27c47d124full;

// Mix folds the 128-bit product: hi ^ lo (math.Mul64).
inline uint64_t Mix(uint64_t a, uint64_t b) {
  __uint128_t m = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(m >> 64) ^ static_cast<uint64_t>(m);
}

// Models runtime.memhashFallback (hash64.go, go1.23+).
uint64_t MemhashWyhashKeyed(const uint64_t* hashkey, const uint8_t* p, size_t s, uint64_t seed) {
  uint64_t a = 0, b = 0;
  seed ^= hashkey[0];
  if (s == 0) return seed;
  if (s < 4) {
    a = p[0] | static_cast<uint64_t>(p[s >> 1]) << 8 | static_cast<uint64_t>(p[s - 1]) << 16;
  } else if (s == 4) {
    a = b = R4(p);
  } else if (s < 8) {
    a = R4(p);
    b = R4(p + s - 4);
  } else if (s == 8) {
    a = b = R8(p);
  } else if (s <= 16) {
    a = R8(p);
    b = R8(p + s - 8);
  } else {
    size_t l = s;
    if (l > 48) {
      uint64_t seed1 = seed, seed2 = seed;
      for (; l > 48; l -= 48, p += 48) {
        seed = Mix(R8(p) ^ hashkey[1], R8(p + 8) ^ seed);
        seed1 = Mix(R8(p + 16) ^ hashkey[2], R8(p + 24) ^ seed1);
        seed2 = Mix(R8(p + 32) ^ hashkey[3], R8(p + 40) ^ seed2);
      }
      seed ^= seed1 ^ seed2;
    }
    for (; l > 16; l -= 16, p += 16) seed = Mix(R8(p) ^ hashkey[1], R8(p + 8) ^ seed);
    a = R8(p + l - 16);
    b = R8(p + l - 8);
  }
  return Mix(kM5 ^ s, Mix(a ^ hashkey[1], b ^ seed));
}

// Models runtime.memhash32Fallback / memhash64Fallback (hash64.go, go1.23+).
uint64_t Memhash32WyhashKeyed(const uint64_t* hashkey, uint32_t v, uint64_t seed) {
  uint64_t a = v;
  return Mix(kM5 ^ 4, Mix(a ^ hashkey[1], a ^ seed ^ hashkey[0]));
}
uint64_t Memhash64WyhashKeyed(const uint64_t* hashkey, uint64_t v, uint64_t seed) {
  uint64_t a = v;
  return Mix(kM5 ^ 8, Mix(a ^ hashkey[1], a ^ seed ^ hashkey[0]));
}

// The go1.17–go1.22 fallback is the go1.23 one with fixed keys: its
// `seed ^= hashkey[0] ^ m1` and the m2, m3, m4 of its rounds are the keyed
// version's hashkey[0], [1], [2], [3] (Go issue 66841 replaced exactly those
// constants by random keys). WyhashKeys gives the go1.17–go1.22 key words.
struct WyhashKeys {
  uint64_t k[4];
  explicit WyhashKeys(const uint64_t* hashkey) : k{hashkey[0] ^ kM1, kM2, kM3, kM4} {}
};

// Models runtime.memhashFallback (hash64.go, go1.17–go1.22; go1.19 read: wyhash).
uint64_t MemhashWyhash(const uint64_t* hashkey, const uint8_t* p, size_t s, uint64_t seed) {
  return MemhashWyhashKeyed(WyhashKeys(hashkey).k, p, s, seed);
}

// Models runtime.memhash32Fallback / memhash64Fallback (hash64.go, go1.17–go1.22).
uint64_t Memhash32Wyhash(const uint64_t* hashkey, uint32_t v, uint64_t seed) {
  return Memhash32WyhashKeyed(WyhashKeys(hashkey).k, v, seed);
}
uint64_t Memhash64Wyhash(const uint64_t* hashkey, uint64_t v, uint64_t seed) {
  return Memhash64WyhashKeyed(WyhashKeys(hashkey).k, v, seed);
}

}  // namespace

// ==== Seeds ==================================================================

// Models runtime.alginit/initAlgAES (alg.go, go1.14–go1.19 as read) with getRandomData
// replaced by a wyrand stream.
HashSeeds HashSeeds::FromSeed(uint64_t seed, bool use_aes) {
  HashSeeds s;
  s.use_aes = use_aes;
  base::Wyrand r(seed);
  if (use_aes) {
    for (size_t i = 0; i < kHashRandomBytes; i += 8) {
      uint64_t v = r.Next64();
      std::memcpy(s.aeskeysched + i, &v, 8);
    }
  } else {
    for (uint64_t& k : s.hashkey) k = r.Next64() | 1;  // "make sure these numbers are odd"
  }
  return s;
}

// ==== Memory hashes ==========================================================

uint64_t Memhash(const HashSeeds& seeds, MemhashFallback fb, const uint8_t* p, size_t n, uint64_t seed) {
  if (seeds.use_aes) {
    return aes::HostHasAesni() ? aes::AeshashbodyAesni(seeds.aeskeysched, p, n, seed)
                               : aes::AeshashbodySoftware(seeds.aeskeysched, p, n, seed);
  }
  switch (fb) {
    case MemhashFallback::kGo114: return MemhashGo114(seeds.hashkey, p, n, seed);
    case MemhashFallback::kWyhash: return MemhashWyhash(seeds.hashkey, p, n, seed);
    case MemhashFallback::kWyhashKeyed: return MemhashWyhashKeyed(seeds.hashkey, p, n, seed);
  }
  return 0;
}

uint64_t Memhash32(const HashSeeds& seeds, MemhashFallback fb, uint32_t v, uint64_t seed) {
  if (seeds.use_aes) {
    return aes::HostHasAesni() ? aes::Aeshash32Aesni(seeds.aeskeysched, v, seed)
                               : aes::Aeshash32Software(seeds.aeskeysched, v, seed);
  }
  switch (fb) {
    case MemhashFallback::kGo114: return Memhash32Go114(seeds.hashkey, v, seed);
    case MemhashFallback::kWyhash: return Memhash32Wyhash(seeds.hashkey, v, seed);
    case MemhashFallback::kWyhashKeyed: return Memhash32WyhashKeyed(seeds.hashkey, v, seed);
  }
  return 0;
}

uint64_t Memhash64(const HashSeeds& seeds, MemhashFallback fb, uint64_t v, uint64_t seed) {
  if (seeds.use_aes) {
    return aes::HostHasAesni() ? aes::Aeshash64Aesni(seeds.aeskeysched, v, seed)
                               : aes::Aeshash64Software(seeds.aeskeysched, v, seed);
  }
  switch (fb) {
    case MemhashFallback::kGo114: return Memhash64Go114(seeds.hashkey, v, seed);
    case MemhashFallback::kWyhash: return Memhash64Wyhash(seeds.hashkey, v, seed);
    case MemhashFallback::kWyhashKeyed: return Memhash64WyhashKeyed(seeds.hashkey, v, seed);
  }
  return 0;
}

// ==== Float and complex hashes ===============================================

uint64_t F32hash(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed, NanRandom rnd) {
  float f;
  std::memcpy(&f, p, sizeof f);
  if (f == 0) return kHashC1 * (kHashC0 ^ seed);                  // +0, -0
  if (std::isnan(f)) return kHashC1 * (kHashC0 ^ seed ^ rnd());  // any kind of NaN
  return Memhash(seeds, fb, static_cast<const uint8_t*>(p), 4, seed);
}

uint64_t F64hash(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed, NanRandom rnd) {
  double f;
  std::memcpy(&f, p, sizeof f);
  if (f == 0) return kHashC1 * (kHashC0 ^ seed);                  // +0, -0
  if (std::isnan(f)) return kHashC1 * (kHashC0 ^ seed ^ rnd());  // any kind of NaN
  return Memhash(seeds, fb, static_cast<const uint8_t*>(p), 8, seed);
}

uint64_t C64hash(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed, NanRandom rnd) {
  const uint8_t* x = static_cast<const uint8_t*>(p);
  return F32hash(seeds, fb, x + 4, F32hash(seeds, fb, x, seed, rnd), rnd);
}

uint64_t C128hash(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed, NanRandom rnd) {
  const uint8_t* x = static_cast<const uint8_t*>(p);
  return F64hash(seeds, fb, x + 8, F64hash(seeds, fb, x, seed, rnd), rnd);
}

}  // namespace gostep::maps
