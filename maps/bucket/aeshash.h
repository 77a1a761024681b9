// maps/bucket/aeshash.h — the AES hash of asm_amd64.s, in two implementations.
//
// Internal to maps/bucket (hash.cc dispatches here) and to its tests; callers
// use Memhash/Strhash/Memhash32/Memhash64 of hash.h.
//
// aeshashbody (asm_amd64.s) hashes n bytes at p with a 64-bit seed:
//
//   1. X0 = [seed (8 bytes) | n&0xffff four times (8 bytes)]   MOVQ, PINSRW $4, PSHUFHW $0
//      X1 = X0 (the unscrambled seed)
//      X0 = AESENC(X0 ^ key[0], X0 ^ key[0])                    the scrambled seed
//      where key[i] is aeskeysched[16i, 16i+16) and AESENC(s, k) is one AES
//      round (ShiftRows, SubBytes, MixColumns, then xor the round key k).
//   2. By length:
//      0:       AESENC(X0, X0)
//      1..16:   S(data ^ X0), data = the n bytes zero-padded to 16
//               (masks<>/shifts<> in the asm: the bytes past the key are cleared,
//               whatever Go's 16-byte load happened to read), S = 3 self-rounds
//      17..32:  seeds s0 = X0, s1 = F(X1 ^ key[1]) with F(x) = AESENC(x, x);
//               S(first16 ^ s0) ^ S(last16 ^ s1)
//      33..64:  4 seeds s0, s_i = F(X1 ^ key[i]) (i = 1..3); blocks at 0, 16,
//               n-32, n-16; xor of the four S(block ^ seed)
//      65..128: 8 seeds (key[1..7]); blocks at 0, 16, 32, 48, n-64 … n-16
//      129+:    8 seeds; state = last 128 bytes ^ seeds; then (n-1)/128 times:
//               F every lane, then lane = AESENC(lane, next 16 data bytes) for
//               the 128-byte blocks from p; then 3 F rounds; xor the lanes.
//   3. The hash is the low 64 bits.
//
// memhash32/64: X0 = [seed | data32 at dword 2] or [seed | data64], then
// three AESENC with key[0], key[1], key[2]; low 64 bits.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gostep::maps::aes {

namespace internal {
// host_aesni is set by aeshash.cc's static initializer. A static initializer
// elsewhere that hashes before it has run reads false and takes the software
// path, which gives the same result.
extern const bool host_aesni;
}  // namespace internal

// HostHasAesni reports whether this CPU has AES-NI, SSSE3 and SSE4.1 (what
// alginit requires of a real process, and what the intrinsic path uses).
inline bool HostHasAesni() { return internal::host_aesni; }

// Aeshashbody* return aeshashbody(p, n, seed) keyed by ks (kHashRandomBytes).
// Models asm_amd64.s:aeshashbody (read in go1.15/1.16 and go1.19: identical).
uint64_t AeshashbodySoftware(const uint8_t* ks, const uint8_t* p, size_t n, uint64_t seed);
// Requires HostHasAesni().
uint64_t AeshashbodyAesni(const uint8_t* ks, const uint8_t* p, size_t n, uint64_t seed);

// Aeshash32* / Aeshash64* return the AES branch of runtime.memhash32/64.
uint64_t Aeshash32Software(const uint8_t* ks, uint32_t data, uint64_t seed);
uint64_t Aeshash64Software(const uint8_t* ks, uint64_t data, uint64_t seed);
// Require HostHasAesni().
uint64_t Aeshash32Aesni(const uint8_t* ks, uint32_t data, uint64_t seed);
uint64_t Aeshash64Aesni(const uint8_t* ks, uint64_t data, uint64_t seed);

// AesencSoftware computes one AESENC round: out = MixColumns(SubBytes(
// ShiftRows(state))) ^ key, on 16-byte little-endian blocks (the byte order of
// an XMM register). Exposed for the FIPS-197 known-answer test.
void AesencSoftware(const uint8_t state[16], const uint8_t key[16], uint8_t out[16]);

}  // namespace gostep::maps::aes
