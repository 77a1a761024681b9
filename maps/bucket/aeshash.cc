// maps/bucket/aeshash.cc — asm_amd64.s's AES hash: a portable software AESENC
// and an AES-NI version, which must agree bit for bit (see aeshash.h for the
// algorithm, tests/maps/hash_test.cc for the checks).
//
// The software round uses the classic four 256-entry "T-tables": one table
// lookup per state byte computes SubBytes and that byte's MixColumns
// contribution at once, and ShiftRows is the choice of which column each byte
// is read from. The tables are built at compile time from the AES S-box, which
// is itself computed (GF(2^8) inverse plus the affine map of FIPS-197 §5.1.1)
// rather than typed in; static_asserts pin known S-box entries.
#include "maps/bucket/aeshash.h"

#include <array>
#include <bit>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace gostep::maps::aes {
namespace {

static_assert(std::endian::native == std::endian::little,
              "blocks are read as little-endian words, as an XMM register holds them on amd64");

// ==== Shared helpers =========================================================

uint64_t R8(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

uint32_t R4(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Partial16 is n (1..15) bytes at p zero-padded to 16 bytes, as the low and
// high halves of a register: what aes0to15 gets from PAND masks<> or PSHUFB
// shifts<>. It reads only the n bytes (Go's 16-byte load may read past them).
struct Partial16 {
  uint64_t lo, hi;
};
[[gnu::always_inline]] inline Partial16 LoadPartial16(const uint8_t* p, size_t n) {
  if (n >= 8) {
    uint64_t hi = n == 8 ? 0 : R8(p + n - 8) >> (64 - 8 * (n - 8));
    return {R8(p), hi};
  }
  if (n >= 4) {  // the two 4-byte reads overlap; or-ing equal bytes is harmless
    return {R4(p) | static_cast<uint64_t>(R4(p + n - 4)) << (8 * (n - 4)), 0};
  }
  uint64_t mid = static_cast<uint64_t>(p[n >> 1]) << (8 * (n >> 1));
  return {p[0] | mid | static_cast<uint64_t>(p[n - 1]) << (8 * (n - 1)), 0};
}

// SeedHi is the high half of aeshashbody's seed register: the low 16 bits of
// the length in each of the four words (PINSRW $4 then PSHUFHW $0).
uint64_t SeedHi(size_t n) { return (n & 0xffff) * 0x0001000100010001ull; }

// ==== Software AESENC ========================================================

constexpr uint8_t Xtime(uint8_t x) { return static_cast<uint8_t>((x << 1) ^ ((x & 0x80) ? 0x1b : 0)); }

constexpr uint8_t GfMul(uint8_t a, uint8_t b) {
  uint8_t r = 0;
  for (; b != 0; b >>= 1, a = Xtime(a)) {
    if (b & 1) r ^= a;
  }
  return r;
}

constexpr uint8_t Rotl8(uint8_t v, int k) { return static_cast<uint8_t>((v << k) | (v >> (8 - k))); }

// MakeSbox computes the AES S-box: the GF(2^8) inverse (x^254, with 0 -> 0)
// followed by the affine transformation (FIPS-197 §5.1.1).
constexpr std::array<uint8_t, 256> MakeSbox() {
  std::array<uint8_t, 256> s{};
  for (int x = 0; x < 256; ++x) {
    uint8_t inv = 1, base = static_cast<uint8_t>(x);
    for (int e = 254; e != 0; e >>= 1, base = GfMul(base, base)) {
      if (e & 1) inv = GfMul(inv, base);
    }
    if (x == 0) inv = 0;
    s[x] = inv ^ Rotl8(inv, 1) ^ Rotl8(inv, 2) ^ Rotl8(inv, 3) ^ Rotl8(inv, 4) ^ 0x63;
  }
  return s;
}

constexpr std::array<uint8_t, 256> kSbox = MakeSbox();
static_assert(kSbox[0x00] == 0x63 && kSbox[0x01] == 0x7c && kSbox[0x53] == 0xed && kSbox[0xff] == 0x16,
              "S-box entries from FIPS-197 Figure 7");

// kTe[r][x]: the MixColumns column contributed by S-box(x) sitting in row r.
// Row 0 of a column is its low byte; MixColumns' first column (2,1,1,3) gives
// Te0 = 2s | s<<8 | s<<16 | 3s<<24, and row r is Te0 rotated left by 8r.
constexpr std::array<std::array<uint32_t, 256>, 4> MakeTe() {
  std::array<std::array<uint32_t, 256>, 4> t{};
  for (int x = 0; x < 256; ++x) {
    uint32_t s = kSbox[x], s2 = Xtime(kSbox[x]), s3 = s2 ^ s;
    uint32_t te0 = s2 | s << 8 | s << 16 | s3 << 24;
    for (int r = 0; r < 4; ++r) t[r][x] = std::rotl(te0, 8 * r);
  }
  return t;
}

constexpr auto kTe = MakeTe();

// Blk is a 16-byte block as four little-endian 32-bit columns (w[c] holds
// column c, row 0 in its low byte): the layout of an XMM register.
struct Blk {
  uint32_t w[4];
};

Blk Load(const uint8_t* p) {
  Blk b;
  std::memcpy(b.w, p, 16);
  return b;
}

Blk Make(uint64_t lo, uint64_t hi) {
  return {{static_cast<uint32_t>(lo), static_cast<uint32_t>(lo >> 32), static_cast<uint32_t>(hi),
           static_cast<uint32_t>(hi >> 32)}};
}

Blk operator^(Blk a, Blk b) {
  for (int i = 0; i < 4; ++i) a.w[i] ^= b.w[i];
  return a;
}

uint64_t Low64(Blk b) { return b.w[0] | static_cast<uint64_t>(b.w[1]) << 32; }

// Enc is AESENC(s, k). ShiftRows moves row r left by r columns, so output
// column c takes row r from input column c+r.
[[gnu::always_inline]] inline uint32_t Column(const Blk& s, int c) {
  return kTe[0][s.w[c] & 0xff] ^ kTe[1][(s.w[(c + 1) & 3] >> 8) & 0xff] ^ kTe[2][(s.w[(c + 2) & 3] >> 16) & 0xff] ^
         kTe[3][s.w[(c + 3) & 3] >> 24];
}

[[gnu::always_inline]] inline Blk Enc(const Blk& s, const Blk& k) {
  return {{Column(s, 0) ^ k.w[0], Column(s, 1) ^ k.w[1], Column(s, 2) ^ k.w[2], Column(s, 3) ^ k.w[3]}};
}

// F is a self-keyed round (AESENC X, X); S is three of them ("scramble 3 times").
[[gnu::always_inline]] inline Blk F(const Blk& x) { return Enc(x, x); }
[[gnu::always_inline]] inline Blk S(const Blk& x) { return F(F(F(x))); }

// ==== AES-NI =================================================================

#if defined(__x86_64__)
#define GOSTEP_AESNI __attribute__((target("aes,sse4.1,ssse3")))

GOSTEP_AESNI inline __m128i LoadU(const uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
GOSTEP_AESNI inline __m128i NiF(__m128i x) { return _mm_aesenc_si128(x, x); }
GOSTEP_AESNI inline __m128i NiS(__m128i x) { return NiF(NiF(NiF(x))); }
GOSTEP_AESNI inline uint64_t NiLow64(__m128i x) { return static_cast<uint64_t>(_mm_cvtsi128_si64(x)); }
#endif

bool DetectAesni() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("aes") && __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("sse4.1");
#else
  return false;
#endif
}

}  // namespace

const bool internal::host_aesni = DetectAesni();

void AesencSoftware(const uint8_t state[16], const uint8_t key[16], uint8_t out[16]) {
  Blk o = Enc(Load(state), Load(key));
  std::memcpy(out, o.w, 16);
}

// ==== aeshashbody ============================================================

uint64_t AeshashbodySoftware(const uint8_t* ks, const uint8_t* p, size_t n, uint64_t seed) {
  const Blk x1 = Make(seed, SeedHi(n));  // unscrambled seed
  const Blk x0 = F(x1 ^ Load(ks));       // scrambled seed
  if (n < 16) {
    if (n == 0) return Low64(F(x0));  // aes0
    Partial16 d = LoadPartial16(p, n);
    return Low64(S(Make(d.lo, d.hi) ^ x0));  // aes0to15, final1
  }
  if (n == 16) return Low64(S(Load(p) ^ x0));  // aes16
  if (n <= 32) {                               // aes17to32
    Blk s1 = F(x1 ^ Load(ks + 16));
    return Low64(S(Load(p) ^ x0) ^ S(Load(p + n - 16) ^ s1));
  }
  Blk seeds[8] = {x0};
  if (n <= 64) {  // aes33to64
    for (int i = 1; i < 4; ++i) seeds[i] = F(x1 ^ Load(ks + 16 * i));
    const uint8_t* at[4] = {p, p + 16, p + n - 32, p + n - 16};
    Blk h = {};
    for (int i = 0; i < 4; ++i) h = h ^ S(Load(at[i]) ^ seeds[i]);
    return Low64(h);
  }
  for (int i = 1; i < 8; ++i) seeds[i] = F(x1 ^ Load(ks + 16 * i));
  Blk lane[8];
  if (n <= 128) {  // aes65to128: 4 blocks from the front, 4 from the back
    for (int i = 0; i < 4; ++i) lane[i] = S(Load(p + 16 * i) ^ seeds[i]);
    for (int i = 4; i < 8; ++i) lane[i] = S(Load(p + n - 128 + 16 * i) ^ seeds[i]);
  } else {  // aes129plus: start with the last 128 bytes, then every full block
    for (int i = 0; i < 8; ++i) lane[i] = Load(p + n - 128 + 16 * i) ^ seeds[i];
    for (size_t blocks = (n - 1) >> 7; blocks != 0; --blocks, p += 128) {
      for (int i = 0; i < 8; ++i) lane[i] = Enc(F(lane[i]), Load(p + 16 * i));
    }
    for (int i = 0; i < 8; ++i) lane[i] = S(lane[i]);
  }
  Blk h = {};
  for (int i = 0; i < 8; ++i) h = h ^ lane[i];
  return Low64(h);
}

#if defined(__x86_64__)
GOSTEP_AESNI uint64_t AeshashbodyAesni(const uint8_t* ks, const uint8_t* p, size_t n, uint64_t seed) {
  __m128i x0 = _mm_cvtsi64_si128(static_cast<long long>(seed));  // MOVQ BX, X0
  x0 = _mm_insert_epi16(x0, static_cast<int>(n & 0xffff), 4);     // PINSRW $4, CX, X0
  x0 = _mm_shufflehi_epi16(x0, 0);                                // PSHUFHW $0, X0, X0
  const __m128i x1 = x0;
  x0 = NiF(_mm_xor_si128(x0, LoadU(ks)));
  if (n < 16) {
    if (n == 0) return NiLow64(NiF(x0));
    Partial16 d = LoadPartial16(p, n);
    // Both halves stay in registers (MOVQ + PINSRQ): building the vector
    // through memory would stall on store forwarding.
    __m128i v = _mm_insert_epi64(_mm_cvtsi64_si128(static_cast<long long>(d.lo)), static_cast<long long>(d.hi), 1);
    return NiLow64(NiS(_mm_xor_si128(v, x0)));
  }
  if (n == 16) return NiLow64(NiS(_mm_xor_si128(LoadU(p), x0)));
  if (n <= 32) {
    __m128i s1 = NiF(_mm_xor_si128(x1, LoadU(ks + 16)));
    __m128i a = NiS(_mm_xor_si128(LoadU(p), x0));
    __m128i b = NiS(_mm_xor_si128(LoadU(p + n - 16), s1));
    return NiLow64(_mm_xor_si128(a, b));
  }
  if (n <= 64) {
    __m128i s1 = NiF(_mm_xor_si128(x1, LoadU(ks + 16)));
    __m128i s2 = NiF(_mm_xor_si128(x1, LoadU(ks + 32)));
    __m128i s3 = NiF(_mm_xor_si128(x1, LoadU(ks + 48)));
    __m128i a = NiS(_mm_xor_si128(LoadU(p), x0));
    __m128i b = NiS(_mm_xor_si128(LoadU(p + 16), s1));
    __m128i c = NiS(_mm_xor_si128(LoadU(p + n - 32), s2));
    __m128i d = NiS(_mm_xor_si128(LoadU(p + n - 16), s3));
    return NiLow64(_mm_xor_si128(_mm_xor_si128(a, c), _mm_xor_si128(b, d)));
  }
  __m128i s[8];
  s[0] = x0;
  for (int i = 1; i < 8; ++i) s[i] = NiF(_mm_xor_si128(x1, LoadU(ks + 16 * i)));
  __m128i l[8];
  if (n <= 128) {
    for (int i = 0; i < 4; ++i) l[i] = NiS(_mm_xor_si128(LoadU(p + 16 * i), s[i]));
    for (int i = 4; i < 8; ++i) l[i] = NiS(_mm_xor_si128(LoadU(p + n - 128 + 16 * i), s[i]));
  } else {
    for (int i = 0; i < 8; ++i) l[i] = _mm_xor_si128(LoadU(p + n - 128 + 16 * i), s[i]);
    for (size_t blocks = (n - 1) >> 7; blocks != 0; --blocks, p += 128) {
      for (int i = 0; i < 8; ++i) l[i] = _mm_aesenc_si128(NiF(l[i]), LoadU(p + 16 * i));
    }
    for (int i = 0; i < 8; ++i) l[i] = NiS(l[i]);
  }
  __m128i h = _mm_xor_si128(_mm_xor_si128(_mm_xor_si128(l[0], l[4]), _mm_xor_si128(l[1], l[5])),
                            _mm_xor_si128(_mm_xor_si128(l[2], l[6]), _mm_xor_si128(l[3], l[7])));
  return NiLow64(h);
}
#else
uint64_t AeshashbodyAesni(const uint8_t* ks, const uint8_t* p, size_t n, uint64_t seed) {
  return AeshashbodySoftware(ks, p, n, seed);  // never selected: HostHasAesni() is false
}
#endif

// ==== memhash32 / memhash64 ==================================================

uint64_t Aeshash32Software(const uint8_t* ks, uint32_t data, uint64_t seed) {
  Blk x = Make(seed, data);  // MOVQ BX, X0; PINSRD $2, (AX), X0
  for (int i = 0; i < 3; ++i) x = Enc(x, Load(ks + 16 * i));
  return Low64(x);
}

uint64_t Aeshash64Software(const uint8_t* ks, uint64_t data, uint64_t seed) {
  Blk x = Make(seed, data);  // MOVQ BX, X0; PINSRQ $1, (AX), X0
  for (int i = 0; i < 3; ++i) x = Enc(x, Load(ks + 16 * i));
  return Low64(x);
}

#if defined(__x86_64__)
GOSTEP_AESNI uint64_t Aeshash32Aesni(const uint8_t* ks, uint32_t data, uint64_t seed) {
  __m128i x = _mm_insert_epi32(_mm_cvtsi64_si128(static_cast<long long>(seed)), static_cast<int>(data), 2);
  x = _mm_aesenc_si128(x, LoadU(ks));
  x = _mm_aesenc_si128(x, LoadU(ks + 16));
  x = _mm_aesenc_si128(x, LoadU(ks + 32));
  return NiLow64(x);
}

GOSTEP_AESNI uint64_t Aeshash64Aesni(const uint8_t* ks, uint64_t data, uint64_t seed) {
  __m128i x = _mm_insert_epi64(_mm_cvtsi64_si128(static_cast<long long>(seed)), static_cast<long long>(data), 1);
  x = _mm_aesenc_si128(x, LoadU(ks));
  x = _mm_aesenc_si128(x, LoadU(ks + 16));
  x = _mm_aesenc_si128(x, LoadU(ks + 32));
  return NiLow64(x);
}
#else
uint64_t Aeshash32Aesni(const uint8_t* ks, uint32_t data, uint64_t seed) { return Aeshash32Software(ks, data, seed); }
uint64_t Aeshash64Aesni(const uint8_t* ks, uint64_t data, uint64_t seed) { return Aeshash64Software(ks, data, seed); }
#endif

}  // namespace gostep::maps::aes
