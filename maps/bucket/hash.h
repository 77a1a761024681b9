// maps/bucket/hash.h — Go's map hash functions, bit for bit (runtime/alg.go,
// hash64.go, asm_amd64.s).
//
// A Go map stores each key in bucket hash&(2^B-1) under tophash hash>>56, so a
// model whose buckets are to look like the real runtime's must compute the
// same 64-bit hash for the same key, seed and per-process keys. This file
// gives Go's hash functions under Go's names, for amd64:
//
//   memhash(p, h, s)      s bytes at p            aeshashbody | memhashFallback
//   strhash(p, h)         a string's bytes        aeshashbody | strhashFallback
//   memhash32/64(p, h)    a 4/8-byte key          AES 3 rounds | memhash32/64Fallback
//   memhash0/8/16/128     0/1/2/16 bytes          memhash (alg.go)
//   f32hash, f64hash      floats                  ±0 alike, NaN random, else memhash
//   c64hash, c128hash     complex                 f32/f64hash of both halves
//
// Which branch runs is decided once per process by runtime.alginit:
//
//   1. If the CPU has AESENC, PSHUFB and PINSR{D,Q} (cpu.X86.HasAES, HasSSSE3,
//      HasSSE41), set useAeshash and fill aeskeysched (128 bytes) with random
//      data. hashkey stays zero.
//   2. Otherwise fill hashkey[0..3] with random data and set the low bit of
//      each ("make sure these numbers are odd"). aeskeysched stays zero.
//
// GODEBUG=cpu.aes=off clears HasAES before alginit runs, so real Go can be
// made to take either branch; the differential test (tests/maps/hash_test.cc)
// runs both. HashSeeds holds the outcome of alginit; a map's own seed (hmap's
// hash0, a uint32 from fastrand) is the `seed` argument of every function.
//
// What differs between Go releases is a parameter, never a global:
//   - MemhashFallback picks the non-AES 64-bit algorithm: the xxhash/cityhash
//     style one of go1.14–go1.16, or wyhash from go1.17 (CL 279612). The AES
//     code of asm_amd64.s is identical in the go1.15/1.16 and go1.19 sources
//     read for this model; other releases are not checked (README-hash.md).
//   - The NaN draw of f32hash/f64hash comes from the caller (NanRandom): it owns
//     the random state, and the draw is fastrand() in go1.14–go1.21 and rand()
//     in go1.22+.
//
// The AES path has two implementations that must agree bit for bit: AES-NI
// intrinsics, used when the host CPU has them, and a portable software AESENC
// (maps/bucket/aeshash.h). Results never depend on the host CPU; a test checks
// that the two agree. Nothing here allocates, and the non-NaN paths make no
// indirect calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace gostep::maps {

// kHashRandomBytes is runtime.hashRandomBytes on amd64 (PtrSize/4*64): the size
// of aeskeysched. aeshashbody reads all of it (8 key blocks for inputs > 64
// bytes).
inline constexpr size_t kHashRandomBytes = 128;

// HashSeeds is the per-process hashing state that runtime.alginit sets up.
struct HashSeeds {
  // use_aes is runtime.useAeshash: true means every memhash/strhash/memhash32/
  // memhash64 runs the AES code of asm_amd64.s keyed by aeskeysched, and
  // hashkey is unused (zero in a real process).
  bool use_aes = false;
  // hashkey is runtime.hashkey, the fallback's key. alginit makes each word odd.
  uint64_t hashkey[4] = {};
  // aeskeysched is runtime.aeskeysched: 16-byte round keys for the AES path.
  alignas(16) uint8_t aeskeysched[kHashRandomBytes] = {};

  // FromSeed returns what alginit would set up if getRandomData returned the
  // bytes of a wyrand stream (base::Wyrand) seeded with `seed`, on a CPU with
  // (use_aes) or without AES: only aeskeysched, or only hashkey (made odd),
  // is filled. gostep draws `seed` from its decision stream.
  static HashSeeds FromSeed(uint64_t seed, bool use_aes);
};

// MemhashFallback names the non-AES algorithm of hash64.go.
enum class MemhashFallback {
  // kGo114: go1.14–go1.16. xxhash/cityhash-inspired multiply-rotate rounds
  // (m1..m4, rotl 31), four lanes for inputs over 32 bytes; hashkey[0..3] all
  // used; seed + s*hashkey[0] starts the state.
  kGo114,
  // kWyhash: go1.17 (CL 279612) through go1.22. wyhash-style 128-bit
  // multiply-fold (mix) with the constants m1..m5; only hashkey[0] is used,
  // xored into the seed. Checked against go1.19 by the differential test.
  kWyhash,
  // kWyhashKeyed: go1.23+. The fix of Go issue 66841 (fixed constants made
  // the fallback open to hash flooding; reported against go1.22.2): m1..m4
  // are replaced by the random hashkey[0..3], only m5 is left. Checked
  // against a Go transcription of that hash64.go (tests/go/maphash_go123).
  kWyhashKeyed,
};

// NanRandom is the random draw of f32hash/f64hash for a NaN key: `next(ctx)`
// returns uintptr(fastrand()) (go1.14–go1.21: a uint32, zero-extended) or
// uintptr(rand()) (go1.22+). It is called once per NaN hashed and never
// otherwise, so a default (null) NanRandom is fine for keys that cannot be NaN.
struct NanRandom {
  uint64_t (*next)(void* ctx) = nullptr;
  void* ctx = nullptr;
  uint64_t operator()() const { return next(ctx); }

  // Of wraps a callable object f (uint64_t f()); f must outlive the NanRandom.
  template <class F>
  static NanRandom Of(F& f) {
    return {[](void* c) -> uint64_t { return (*static_cast<F*>(c))(); }, &f};
  }
};

// ==== Memory and string hashes ===============================================

// Memhash returns runtime.memhash(p, seed, n): aeshashbody if seeds.use_aes,
// else the fallback `fb`.
// Models runtime.memhash (asm_amd64.s: aeshashbody, as in go1.15–go1.19) and
// runtime.memhashFallback (hash64.go: go1.14–go1.16 or wyhash, per `fb`).
uint64_t Memhash(const HashSeeds& seeds, MemhashFallback fb, const uint8_t* p, size_t n, uint64_t seed);

// Strhash returns runtime.strhash of the n-byte string at p (p may be null
// when n is 0): memhash of its bytes.
// Models runtime.strhash (asm_amd64.s) and strhashFallback (alg.go), go1.14–go1.19.
inline uint64_t Strhash(const HashSeeds& seeds, MemhashFallback fb, const uint8_t* p, size_t n, uint64_t seed) {
  return Memhash(seeds, fb, p, n, seed);
}
inline uint64_t Strhash(const HashSeeds& seeds, MemhashFallback fb, std::string_view s, uint64_t seed) {
  return Memhash(seeds, fb, reinterpret_cast<const uint8_t*>(s.data()), s.size(), seed);
}

// Memhash32 returns runtime.memhash32 of a 4-byte key with value v (the key's
// bytes in memory, read little-endian, as Go's PINSRD and readUnaligned32 do).
// Models runtime.memhash32 (asm_amd64.s: PINSRD + 3 AESENC, go1.15–go1.19) and
// memhash32Fallback (hash64.go, per `fb`).
uint64_t Memhash32(const HashSeeds& seeds, MemhashFallback fb, uint32_t v, uint64_t seed);

// Memhash64 returns runtime.memhash64 of an 8-byte key with value v.
// Models runtime.memhash64 (asm_amd64.s: PINSRQ + 3 AESENC, go1.15–go1.19) and
// memhash64Fallback (hash64.go, per `fb`).
uint64_t Memhash64(const HashSeeds& seeds, MemhashFallback fb, uint64_t v, uint64_t seed);

// Go's signatures: memhash32/memhash64 of the 4/8 bytes at p.
inline uint64_t Memhash32(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return Memhash32(seeds, fb, v, seed);
}
inline uint64_t Memhash64(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return Memhash64(seeds, fb, v, seed);
}

// Memhash0 returns seed: a zero-size key hashes to the seed.
// Models runtime.memhash0 (alg.go), go1.14–go1.23.
inline uint64_t Memhash0(const void* /*p*/, uint64_t seed) { return seed; }

// Memhash8/16/128 return memhash of 1, 2 and 16 bytes at p.
// Models runtime.memhash8, memhash16, memhash128 (alg.go), go1.14–go1.23.
inline uint64_t Memhash8(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed) {
  return Memhash(seeds, fb, static_cast<const uint8_t*>(p), 1, seed);
}
inline uint64_t Memhash16(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed) {
  return Memhash(seeds, fb, static_cast<const uint8_t*>(p), 2, seed);
}
inline uint64_t Memhash128(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed) {
  return Memhash(seeds, fb, static_cast<const uint8_t*>(p), 16, seed);
}

// ==== Float and complex hashes ===============================================

// kHashC0, kHashC1 are alg.go's c0 and c1 for PtrSize 8.
inline constexpr uint64_t kHashC0 = 33054211828000289ull;
inline constexpr uint64_t kHashC1 = 23344194077549503ull;

// F32hash returns runtime.f32hash of the float32 at p: c1*(c0^seed) for ±0,
// c1*(c0^seed^rnd()) for any NaN (a fresh draw per call), memhash of the 4
// bytes otherwise (memhash, not memhash32: alg.go calls memhash(p, h, 4)).
// Models runtime.f32hash (alg.go), go1.14–go1.23 (reference/go-map.md §1.10).
uint64_t F32hash(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed, NanRandom rnd);

// F64hash returns runtime.f64hash of the float64 at p, as F32hash with 8 bytes.
// Models runtime.f64hash (alg.go), go1.14–go1.23 (reference/go-map.md §1.10).
uint64_t F64hash(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed, NanRandom rnd);

// C64hash returns runtime.c64hash of the complex64 at p: f32hash of the
// imaginary part seeded with f32hash of the real part.
// Models runtime.c64hash (alg.go), go1.14–go1.23.
uint64_t C64hash(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed, NanRandom rnd);

// C128hash returns runtime.c128hash of the complex128 at p, as C64hash.
// Models runtime.c128hash (alg.go), go1.14–go1.23.
uint64_t C128hash(const HashSeeds& seeds, MemhashFallback fb, const void* p, uint64_t seed, NanRandom rnd);

}  // namespace gostep::maps
