// Go's map hash functions (maps/bucket/hash.h) against the real Go 1.19 runtime.
//
// The differential tests run tests/go/maphash, which reaches runtime.memhash,
// strhash, memhash32/64, f32/f64hash, c64/c128hash and the seeds (useAeshash,
// hashkey, aeskeysched) through //go:linkname and prints them with the hashes
// of a fixed list of inputs. gostep takes the printed seeds and must compute
// every printed hash. It runs twice: with GODEBUG=cpu.aes=off (alginit takes
// the wyhash fallback of go1.17+) and as is (the AES path, if the CPU has it).
// The go1.23 keyed fallback is compared with tests/go/maphash_go123 the same way.
// The go1.14–1.16 fallback is compared with tests/go/maphash_go116, a Go
// transcription of that algorithm (only Go 1.19 is installed; see its header
// for what this does and does not prove). The AES path has a software and an
// AES-NI implementation; they are compared with each other on random inputs,
// and each with real Go.
#include "maps/bucket/hash.h"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "base/prng.h"
#include "base/version_profile.h"
#include "maps/bucket/aeshash.h"
#include "tests/go_programs.h"

namespace gostep::maps {
namespace {

// ==== Reading the Go programs' output ========================================

// Which implementation recomputes the AES hashes of a run.
enum class AesPath {
  kPublic,    // Memhash/Strhash/Memhash32/… of hash.h (AES-NI on an AES-NI host)
  kSoftware,  // aes::*Software directly (mem, str, m32, m64 records only)
};

struct NanRecord {
  int bits;  // 32 or 64
  uint64_t value, seed, h1, h2;
};

// Replay is what recomputing one run's records found.
struct Replay {
  HashSeeds seeds;
  bool saw_use_aes = false, saw_hashkey = false, saw_keysched = false;
  int records = 0;  // lines before `end`
  int end = -1;     // the count `end` printed
  int checked = 0;  // hashes recomputed and compared
  std::vector<std::string> mismatches;
  std::vector<NanRecord> nans;
};

uint64_t Hex(const std::string& s) { return std::stoull(s, nullptr, 16); }

std::vector<uint8_t> HexBytes(const std::string& s) {
  std::vector<uint8_t> b(s.size() / 2);
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>(std::stoul(s.substr(2 * i, 2), nullptr, 16));
  return b;
}

uint64_t NeverCalled(void*) {
  FAIL("the NaN draw was called for a non-NaN key");
  return 0;
}
constexpr NanRandom kNoNan{NeverCalled, nullptr};

// Recompute parses a run of tests/go/maphash, maphash_go116 or maphash_go123 and recomputes
// every hash with the printed seeds and fallback `fb`.
Replay Recompute(const std::string& out, MemhashFallback fb, AesPath path) {
  Replay r;
  std::vector<uint8_t> data;
  std::stringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::stringstream f(line);
    std::vector<std::string> t;
    for (std::string w; f >> w;) t.push_back(w);
    if (t.empty()) continue;
    const std::string& kind = t[0];
    if (kind == "end") {
      r.end = std::stoi(t.at(1));
      break;
    }
    ++r.records;
    const HashSeeds& s = r.seeds;
    const bool soft = path == AesPath::kSoftware && s.use_aes;
    uint64_t want = 0, got = 0;
    if (kind == "useAeshash") {
      r.seeds.use_aes = t.at(1) == "1";
      r.saw_use_aes = true;
      continue;
    } else if (kind == "hashkey") {
      for (int i = 0; i < 4; ++i) r.seeds.hashkey[i] = Hex(t.at(1 + i));
      r.saw_hashkey = true;
      continue;
    } else if (kind == "aeskeysched") {
      std::vector<uint8_t> ks = HexBytes(t.at(1));
      REQUIRE(ks.size() == kHashRandomBytes);
      std::memcpy(r.seeds.aeskeysched, ks.data(), kHashRandomBytes);
      r.saw_keysched = true;
      continue;
    } else if (kind == "data") {
      data = HexBytes(t.at(1));
      continue;
    } else if (kind == "mem" || kind == "str") {
      size_t n = std::stoul(t.at(1));
      REQUIRE(n <= data.size());
      uint64_t seed = Hex(t.at(2));
      want = Hex(t.at(3));
      if (soft) {
        got = aes::AeshashbodySoftware(s.aeskeysched, data.data(), n, seed);
      } else if (kind == "mem") {
        got = Memhash(s, fb, data.data(), n, seed);
      } else {
        got = Strhash(s, fb, std::string_view(reinterpret_cast<const char*>(data.data()), n), seed);
      }
    } else if (kind == "m32") {
      uint32_t v = static_cast<uint32_t>(Hex(t.at(1)));
      uint64_t seed = Hex(t.at(2));
      want = Hex(t.at(3));
      got = soft ? aes::Aeshash32Software(s.aeskeysched, v, seed) : Memhash32(s, fb, &v, seed);
    } else if (kind == "m64") {
      uint64_t v = Hex(t.at(1)), seed = Hex(t.at(2));
      want = Hex(t.at(3));
      got = soft ? aes::Aeshash64Software(s.aeskeysched, v, seed) : Memhash64(s, fb, &v, seed);
    } else if (soft) {
      continue;  // the float hashes go through Memhash: checked by the kPublic pass
    } else if (kind == "f32") {
      uint32_t v = static_cast<uint32_t>(Hex(t.at(1)));
      want = Hex(t.at(3));
      got = F32hash(s, fb, &v, Hex(t.at(2)), kNoNan);
    } else if (kind == "f64") {
      uint64_t v = Hex(t.at(1));
      want = Hex(t.at(3));
      got = F64hash(s, fb, &v, Hex(t.at(2)), kNoNan);
    } else if (kind == "c64") {
      uint32_t c[2] = {static_cast<uint32_t>(Hex(t.at(1))), static_cast<uint32_t>(Hex(t.at(2)))};
      want = Hex(t.at(4));
      got = C64hash(s, fb, c, Hex(t.at(3)), kNoNan);
    } else if (kind == "c128") {
      uint64_t c[2] = {Hex(t.at(1)), Hex(t.at(2))};
      want = Hex(t.at(4));
      got = C128hash(s, fb, c, Hex(t.at(3)), kNoNan);
    } else if (kind == "nan32" || kind == "nan64") {
      r.nans.push_back({kind == "nan32" ? 32 : 64, Hex(t.at(1)), Hex(t.at(2)), Hex(t.at(3)), Hex(t.at(4))});
      continue;
    } else {
      FAIL("unexpected output line: " << line);
    }
    ++r.checked;
    if (got != want && r.mismatches.size() < 10) {
      std::stringstream m;
      m << line << "  gostep: " << std::hex << got;
      r.mismatches.push_back(m.str());
    }
  }
  return r;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

// RunGo runs tests/go/<name> with `env` and returns what it printed.
//
// Every run has asyncpreemptoff=1 in its GODEBUG: the programs print their
// whole output with one builtin print, which is one raw write(2) that does
// not leave _Grunning and is not retried when short. While it blocks on a
// full pipe, sysmon sees a goroutine running for over 10 ms and sends SIGURG
// (preemptone), which interrupts the write after the first 64 KiB: with a
// reader slowed by load the output is cut short (seen as a flaky
// "unexpected output line"; `maphash 2>&1 | (sleep 0.3; wc -c)` gives 65536
// bytes without the setting, all 211 KB with it).
std::string RunGo(const std::string& name, const std::vector<std::string>& env) {
  REQUIRE_MESSAGE(testing::GoBuildError().empty(), testing::GoBuildError());
  testing::Proc run = testing::RunGoCase(name, env);
  REQUIRE_MESSAGE(run.status == 0, name << " failed: " << run.failure << "\n" << run.err << run.out);
  return run.out + run.err;  // it prints with print (stderr)
}

// RequireComplete checks that the whole output was read and every hash matched.
void RequireComplete(const Replay& r, int min_checked) {
  CHECK(r.saw_use_aes);
  CHECK_MESSAGE(r.end == r.records, "output cut short: end says " << r.end << ", read " << r.records);
  CHECK(r.checked >= min_checked);
  CHECK_MESSAGE(r.mismatches.empty(), "hashes that differ from real Go (first 10):\n" << Join(r.mismatches));
}

// ==== Differential: real Go 1.19 ============================================

TEST_CASE("hash: real Go 1.19 with GODEBUG=cpu.aes=off hashes with the wyhash fallback and gostep matches every hash") {
  const std::string out = RunGo("maphash", {"GODEBUG=cpu.aes=off,asyncpreemptoff=1"});
  Replay r = Recompute(out, MemhashFallback::kWyhash, AesPath::kPublic);
  RequireComplete(r, 5000);
  CHECK_FALSE(r.seeds.use_aes);
  REQUIRE(r.saw_hashkey);
  for (uint64_t k : r.seeds.hashkey) CHECK_MESSAGE((k & 1) == 1, "alginit makes every hashkey word odd");
  REQUIRE(r.saw_keysched);
  for (uint8_t b : r.seeds.aeskeysched) CHECK(b == 0);  // initAlgAES never ran

  // The comparison can fail: the go1.14–1.16 algorithm gives other hashes.
  Replay old = Recompute(out, MemhashFallback::kGo114, AesPath::kPublic);
  CHECK(old.mismatches.size() == 10);
}

TEST_CASE("hash: real Go 1.19 with AES hashing and gostep match on every hash through both AES implementations") {
  const std::string out = RunGo("maphash", {"GODEBUG=asyncpreemptoff=1"});
  if (out.rfind("useAeshash 1", 0) != 0) {
    MESSAGE("this machine has no AES-NI (real Go reports useAeshash 0): the AES differential run is skipped");
    return;
  }
  Replay r = Recompute(out, MemhashFallback::kWyhash, AesPath::kPublic);
  RequireComplete(r, 5000);
  CHECK(r.seeds.use_aes);
  for (uint64_t k : r.seeds.hashkey) CHECK(k == 0);  // alginit returned before filling hashkey
  int nonzero = 0;
  for (uint8_t b : r.seeds.aeskeysched) nonzero += b != 0;
  CHECK(nonzero > 64);
  MESSAGE("AES hashes recomputed with " << std::string(aes::HostHasAesni() ? "AES-NI" : "software AES"));

  Replay soft = Recompute(out, MemhashFallback::kWyhash, AesPath::kSoftware);
  CHECK(soft.checked >= 4000);
  CHECK_MESSAGE(soft.mismatches.empty(), "software AES differs from real Go (first 10):\n" << Join(soft.mismatches));
}

// InverseOdd returns x^-1 mod 2^64 for odd x (Newton's iteration).
constexpr uint64_t InverseOdd(uint64_t x) {
  uint64_t y = x;  // correct to 3 bits; each step doubles that
  for (int i = 0; i < 5; ++i) y *= 2 - x * y;
  return y;
}
static_assert(InverseOdd(kHashC1) * kHashC1 == 1);

TEST_CASE("hash: real Go 1.19 hashes NaN to c1 times (c0^seed^r) with a fresh 32-bit fastrand r per call") {
  for (const char* godebug : {"GODEBUG=cpu.aes=off,asyncpreemptoff=1", "GODEBUG=asyncpreemptoff=1"}) {
    CAPTURE(godebug);
    Replay r = Recompute(RunGo("maphash", {godebug}), MemhashFallback::kWyhash, AesPath::kPublic);
    REQUIRE(r.nans.size() >= 40);
    for (const NanRecord& n : r.nans) {
      CAPTURE(n.value);
      for (uint64_t h : {n.h1, n.h2}) {
        uint64_t draw = (h * InverseOdd(kHashC1)) ^ kHashC0 ^ n.seed;
        CHECK_MESSAGE(draw <= 0xffffffffull, "not c1*(c0^seed^uint32): draw " << draw);
        auto fixed = [draw] { return draw; };
        const MemhashFallback fb = MemhashFallback::kWyhash;
        uint64_t got = n.bits == 32 ? F32hash(r.seeds, fb, &n.value, n.seed, NanRandom::Of(fixed))
                                    : F64hash(r.seeds, fb, &n.value, n.seed, NanRandom::Of(fixed));
        CHECK(got == h);
      }
      CHECK_MESSAGE(n.h1 != n.h2, "two hashes of the same NaN should differ (a new fastrand per call)");
    }
  }
}

TEST_CASE("hash: the go1.23 keyed fallback (Go issue 66841) matches a Go transcription of hash64.go on every length 0..300") {
  const std::string out = RunGo("maphash_go123", {"GODEBUG=asyncpreemptoff=1"});
  Replay r = Recompute(out, MemhashFallback::kWyhashKeyed, AesPath::kPublic);
  RequireComplete(r, 6000);
  CHECK_FALSE(r.seeds.use_aes);
  Replay wy = Recompute(out, MemhashFallback::kWyhash, AesPath::kPublic);
  CHECK(wy.mismatches.size() == 10);  // the go1.17–1.22 fallback differs: the comparison can fail
}

TEST_CASE("hash: profiles pick the fallback of their release: go1.14–1.16, go1.17–1.22, go1.23") {
  CHECK_FALSE(base::FindProfile("1.16")->map_hash_wyhash);
  CHECK(base::FindProfile("1.17")->map_hash_wyhash);
  CHECK_FALSE(base::FindProfile("1.22")->map_hash_keyed_fallback);
  CHECK(base::FindProfile("1.23")->map_hash_keyed_fallback);
}

TEST_CASE("hash: the go1.14–1.16 fallback matches a Go transcription of hash64.go on every length 0..300") {
  const std::string out = RunGo("maphash_go116", {"GODEBUG=asyncpreemptoff=1"});
  Replay r = Recompute(out, MemhashFallback::kGo114, AesPath::kPublic);
  RequireComplete(r, 6000);
  CHECK_FALSE(r.seeds.use_aes);
  Replay wy = Recompute(out, MemhashFallback::kWyhash, AesPath::kPublic);
  CHECK(wy.mismatches.size() == 10);  // the comparison can fail
}

// ==== AES implementations ====================================================

std::array<uint8_t, 16> Bytes16(std::initializer_list<int> v) {
  std::array<uint8_t, 16> a{};
  size_t i = 0;
  for (int x : v) a[i++] = static_cast<uint8_t>(x);
  return a;
}

TEST_CASE("hash: the software AESENC gives FIPS-197's round 1 of the Appendix B example") {
  // FIPS-197 Appendix B: round[1].start, the round 1 key, round[2].start.
  auto state =
      Bytes16({0x19, 0x3d, 0xe3, 0xbe, 0xa0, 0xf4, 0xe2, 0x2b, 0x9a, 0xc6, 0x8d, 0x2a, 0xe9, 0xf8, 0x48, 0x08});
  auto key = Bytes16({0xa0, 0xfa, 0xfe, 0x17, 0x88, 0x54, 0x2c, 0xb1, 0x23, 0xa3, 0x39, 0x39, 0x2a, 0x6c, 0x76, 0x05});
  auto want = Bytes16({0xa4, 0x9c, 0x7f, 0xf2, 0x68, 0x9f, 0x35, 0x2b, 0x6b, 0x5b, 0xea, 0x43, 0x02, 0x6a, 0x50, 0x49});
  std::array<uint8_t, 16> got{};
  aes::AesencSoftware(state.data(), key.data(), got.data());
  CHECK(got == want);
}

TEST_CASE("hash: software and AES-NI aeshashbody agree bit for bit on random keys and inputs of every length") {
  if (!aes::HostHasAesni()) {
    MESSAGE("this host has no AES-NI: only the software AES path exists here");
    return;
  }
  base::Wyrand rng(42);
  std::vector<uint8_t> buf(1200 + 32);
  int compared = 0, differ = 0;
  for (int round = 0; round < 24; ++round) {
    alignas(16) uint8_t ks[kHashRandomBytes];
    for (uint8_t& b : ks) b = static_cast<uint8_t>(rng.Next64());
    for (uint8_t& b : buf) b = static_cast<uint8_t>(rng.Next64());
    // Every length up to 300 in the first rounds, then random lengths up to 1200.
    for (int k = 0; k < 301; ++k) {
      size_t n = round < 4 ? static_cast<size_t>(k) : rng.FastrandN(1201);
      const uint8_t* p = buf.data() + rng.FastrandN(32);  // unaligned too
      uint64_t seed = round % 3 == 0 ? rng.Next32() : rng.Next64();
      uint64_t a = aes::AeshashbodySoftware(ks, p, n, seed), b = aes::AeshashbodyAesni(ks, p, n, seed);
      uint32_t v32 = static_cast<uint32_t>(rng.Next64());
      uint64_t v64 = rng.Next64();
      differ += a != b;
      differ += aes::Aeshash32Software(ks, v32, seed) != aes::Aeshash32Aesni(ks, v32, seed);
      differ += aes::Aeshash64Software(ks, v64, seed) != aes::Aeshash64Aesni(ks, v64, seed);
      if (a != b && differ < 5) MESSAGE("n=" << n << " seed=" << seed << ": software " << a << ", AES-NI " << b);
      compared += 3;
    }
  }
  CHECK(compared > 20000);
  CHECK(differ == 0);
}

TEST_CASE("hash: an AES hash depends on every input byte and on the length (no byte outside the key is read)") {
  // aes0to15 and the overlapping loads of 17+ bytes must see exactly the n key
  // bytes: flipping a byte past the end never changes the hash, flipping one
  // inside always does.
  HashSeeds s = HashSeeds::FromSeed(7, true);
  std::vector<uint8_t> buf(400, 0xab);
  int inside_same = 0, outside_changed = 0;
  for (size_t n = 0; n <= 300; ++n) {
    uint64_t h = Memhash(s, MemhashFallback::kWyhash, buf.data(), n, 99);
    buf[n] ^= 0x40;  // just past the key
    outside_changed += Memhash(s, MemhashFallback::kWyhash, buf.data(), n, 99) != h;
    buf[n] ^= 0x40;
    for (size_t i = 0; i < n; i += 7) {
      buf[i] ^= 1;
      inside_same += Memhash(s, MemhashFallback::kWyhash, buf.data(), n, 99) == h;
      inside_same += aes::AeshashbodySoftware(s.aeskeysched, buf.data(), n, 99) == h;
      buf[i] ^= 1;
    }
    if (n > 0) CHECK(Memhash(s, MemhashFallback::kWyhash, buf.data(), n - 1, 99) != h);
  }
  CHECK(outside_changed == 0);
  CHECK(inside_same == 0);
}

// ==== Floats, seeds, helpers =================================================

TEST_CASE("hash: ±0 hash alike and every NaN takes a new draw from the caller's random source") {
  for (bool use_aes : {false, true}) {
    for (MemhashFallback fb : {MemhashFallback::kGo114, MemhashFallback::kWyhash}) {
      CAPTURE(use_aes);
      HashSeeds s = HashSeeds::FromSeed(3, use_aes);
      uint64_t draws = 0;
      auto next = [&draws] { return ++draws * 0x9e3779b97f4a7c15ull; };
      NanRandom rnd = NanRandom::Of(next);
      const uint64_t seed = 0x1234;
      double pz = 0.0, nz = -0.0, one = 1.0, nan = std::nan("");
      float fpz = 0.0f, fnz = -0.0f, fone = 1.0f, fnan = std::nanf("");
      CHECK(F64hash(s, fb, &pz, seed, rnd) == kHashC1 * (kHashC0 ^ seed));
      CHECK(F64hash(s, fb, &nz, seed, rnd) == kHashC1 * (kHashC0 ^ seed));
      CHECK(F32hash(s, fb, &fpz, seed, rnd) == F32hash(s, fb, &fnz, seed, rnd));
      CHECK(F64hash(s, fb, &one, seed, rnd) == Memhash(s, fb, reinterpret_cast<const uint8_t*>(&one), 8, seed));
      CHECK(F32hash(s, fb, &fone, seed, rnd) == Memhash(s, fb, reinterpret_cast<const uint8_t*>(&fone), 4, seed));
      CHECK(draws == 0);  // no draw for a non-NaN key
      uint64_t h1 = F64hash(s, fb, &nan, seed, rnd), h2 = F64hash(s, fb, &nan, seed, rnd);
      CHECK(draws == 2);
      CHECK(h1 != h2);
      CHECK(h2 == kHashC1 * (kHashC0 ^ seed ^ (2 * 0x9e3779b97f4a7c15ull)));
      CHECK(F32hash(s, fb, &fnan, seed, rnd) == kHashC1 * (kHashC0 ^ seed ^ (3 * 0x9e3779b97f4a7c15ull)));
      double c[2] = {nan, nan};  // both halves NaN: two draws
      C128hash(s, fb, c, seed, rnd);
      CHECK(draws == 5);
      float fc[2] = {1.0f, -0.0f};
      CHECK(C64hash(s, fb, fc, seed, rnd) == kHashC1 * (kHashC0 ^ F32hash(s, fb, &fc[0], seed, rnd)));
      CHECK(draws == 5);
    }
  }
}

TEST_CASE("hash: HashSeeds::FromSeed is deterministic and fills what alginit fills") {
  HashSeeds a = HashSeeds::FromSeed(1, false), b = HashSeeds::FromSeed(1, false), c = HashSeeds::FromSeed(2, false);
  CHECK(std::memcmp(a.hashkey, b.hashkey, sizeof a.hashkey) == 0);
  CHECK(std::memcmp(a.hashkey, c.hashkey, sizeof a.hashkey) != 0);
  CHECK_FALSE(a.use_aes);
  for (uint64_t k : a.hashkey) CHECK((k & 1) == 1);
  for (uint8_t x : a.aeskeysched) CHECK(x == 0);
  HashSeeds x = HashSeeds::FromSeed(1, true), y = HashSeeds::FromSeed(1, true);
  CHECK(x.use_aes);
  CHECK(std::memcmp(x.aeskeysched, y.aeskeysched, kHashRandomBytes) == 0);
  for (uint64_t k : x.hashkey) CHECK(k == 0);
  int nonzero = 0;
  for (uint8_t v : x.aeskeysched) nonzero += v != 0;
  CHECK(nonzero > 100);
}

TEST_CASE("hash: memhash0/8/16/128 and strhash are memhash of 0/1/2/16 bytes and of the string's bytes and memhash32/64 of a value read its bytes") {
  const uint8_t bytes[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  for (bool use_aes : {false, true}) {
    for (MemhashFallback fb : {MemhashFallback::kGo114, MemhashFallback::kWyhash}) {
      CAPTURE(use_aes);
      HashSeeds s = HashSeeds::FromSeed(11, use_aes);
      CHECK(Memhash0(bytes, 77) == 77);
      CHECK(Memhash8(s, fb, bytes, 77) == Memhash(s, fb, bytes, 1, 77));
      CHECK(Memhash16(s, fb, bytes, 77) == Memhash(s, fb, bytes, 2, 77));
      CHECK(Memhash128(s, fb, bytes, 77) == Memhash(s, fb, bytes, 16, 77));
      const char* text = "hello, gopher";
      const uint8_t* bytes_of_text = reinterpret_cast<const uint8_t*>(text);
      CHECK(Strhash(s, fb, text, 5) == Memhash(s, fb, bytes_of_text, 13, 5));
      CHECK(Strhash(s, fb, bytes_of_text, 13, 5) == Memhash(s, fb, bytes_of_text, 13, 5));
      CHECK(Strhash(s, fb, nullptr, 0, 5) == Strhash(s, fb, "", 5));
      // The value forms read the key as Go does: little-endian bytes in memory.
      CHECK(Memhash32(s, fb, uint32_t{0x04030201}, 77) == Memhash32(s, fb, static_cast<const void*>(bytes), 77));
      CHECK(Memhash64(s, fb, uint64_t{0x0807060504030201}, 77) == Memhash64(s, fb, static_cast<const void*>(bytes), 77));
      CHECK(Memhash32(s, fb, uint32_t{0x04030201}, 77) != Memhash32(s, fb, uint32_t{0x04030202}, 77));
      CHECK(Memhash8(s, fb, bytes, 77) != Memhash8(s, fb, bytes + 1, 77));
    }
  }
}

TEST_CASE("hash: the empty input hashes as the sources say") {
  // go1.14–1.16: h = seed + 0*hashkey[0], no round, then the final mix, which maps 0 to 0.
  HashSeeds s;
  s.hashkey[0] = s.hashkey[1] = s.hashkey[2] = s.hashkey[3] = 1;
  CHECK(Memhash(s, MemhashFallback::kGo114, nullptr, 0, 0) == 0);
  // wyhash: `seed ^= hashkey[0] ^ m1; if s == 0 return seed`.
  CHECK(Memhash(s, MemhashFallback::kWyhash, nullptr, 0, 0) == (1 ^ 0xa0761d6478bd642full));
}

}  // namespace
}  // namespace gostep::maps
