// Struct, array and interface map keys against the real Go 1.19 runtime.
//
// tests/go/mapkeyhash prints, for each key case, the map type map[K]int's
// keysize, bucketsize and flags, and its `hasher` (the compiler's genhash(K),
// read from the *maptype of a nil map) on a key value under five seeds,
// plus the per-process hash seeds. gostep builds the same Go types
// (tests/maps/key_fixture.h) and values, and must reproduce every number:
// the map type with MapTypeForKey (and MapTypeFor for [4]byte/[8]byte), each
// hash with KeyAlg::Hash and, for seeds that fit hmap.hash0, end to end with
// BucketMap::Hash. It runs with GODEBUG=cpu.aes=off (the wyhash fallback)
// and as is (the AES path, if the CPU has it).
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/go_programs.h"
#include "tests/maps/key_fixture.h"

namespace gostep::maps {
namespace {

struct Case {
  const GoType* type;
  KeyImage key;
};

// Cases builds each key of mapkeyhash/main.go (same names, same values).
std::map<std::string, Case> Cases(KeyFixture& f, uint64_t ptr_addr) {
  const KeyTypes& t = f.kt;
  std::map<std::string, Case> c;
  auto p1 = [&](int8_t a, int64_t b) {
    KeyImage k(16);
    k.Put<int8_t>(0, a);
    k.Put<uint8_t>(3, 0xAB);  // padding bytes never matter
    k.Put<int64_t>(8, b);
    return k;
  };
  auto i32s = [&](std::vector<int32_t> v) {
    KeyImage k(4 * v.size());
    for (size_t i = 0; i < v.size(); ++i) k.Put<int32_t>(4 * i, v[i]);
    return k;
  };
  c["P1"] = {t.p1, p1(1, -2)};
  KeyImage p2(16);
  p2.Put<int32_t>(0, 7);
  p2.Put<int32_t>(4, 12345);  // the blank field: Go has 99 there
  p2.Put<int64_t>(8, 9);
  c["P2"] = {t.p2, p2};
  KeyImage m4(4);
  m4.Put<int16_t>(0, 1);
  m4.Put<int16_t>(2, 2);
  c["M4"] = {t.m4, m4};
  c["M8"] = {t.m8, i32s({-1, 5})};
  c["M12"] = {t.m12, i32s({1, 2, 3})};
  KeyImage m16(16);
  m16.Put<int64_t>(0, int64_t{1} << 40);
  m16.Put<int64_t>(8, -7);
  c["M16"] = {t.m16, m16};
  auto fv = [&](double x, float y) {
    KeyImage k(16);
    k.Put<double>(0, x);
    k.Put<float>(8, y);
    return k;
  };
  c["F"] = {t.f, fv(1.5, -2.25f)};
  c["F0"] = {t.f, fv(0, 0)};
  c["Fneg0"] = {t.f, fv(-0.0, -0.0f)};
  auto sv = [&](std::string_view s, int64_t n) {
    KeyImage k(24);
    f.PutStr(k, 0, s);
    k.Put<int64_t>(16, n);
    return k;
  };
  c["S"] = {t.s, sv("hello, map", 3)};
  c["S1"] = {t.s1, f.StringVal("x")};
  KeyImage n(32);
  n.PutImage(0, p1(3, 4));
  n.PutImage(16, i32s({5, 6}));
  n.Put<int8_t>(24, 7);
  c["N"] = {t.n, n};
  auto iv = [&](int32_t a, const KeyImage& v) {
    KeyImage k(24);
    k.Put<int32_t>(0, a);
    k.PutImage(8, v);
    return k;
  };
  KeyImage nil_iface(16);
  c["I"] = {t.i, iv(11, f.Iface(t.int_, f.Val<int64_t>(5)))};
  c["Inil"] = {t.i, iv(11, nil_iface)};
  c["Istr"] = {t.i, iv(11, f.Iface(t.str, f.StringVal("str")))};
  KeyImage z(16);
  z.Put<int64_t>(0, 77);
  c["Z"] = {t.z, z};
  KeyImage a3f(12);
  for (int i = 0; i < 3; ++i) a3f.Put<float>(4 * i, static_cast<float>(i + 1));
  c["A3f"] = {t.a3f, a3f};
  KeyImage a2s(32);
  f.PutStr(a2s, 0, "a");
  f.PutStr(a2s, 16, "bc");
  c["A2s"] = {t.a2s, a2s};
  KeyImage a4b(4), a8b(8);
  for (int i = 0; i < 8; ++i) {
    if (i < 4) a4b.bytes[i] = static_cast<uint8_t>(i + 1);
    a8b.bytes[i] = static_cast<uint8_t>(i + 1);
  }
  c["A4b"] = {t.a4b, a4b};
  c["A8b"] = {t.a8b, a8b};
  KeyImage big(152);
  for (int i = 0; i < 17; ++i) big.Put<int64_t>(8 * i, int64_t{i} * i);
  f.PutStr(big, 136, "big");
  c["Big"] = {t.big, big};

  auto any = [&](const GoType* dyn, const KeyImage& v) { return Case{t.any, f.Iface(dyn, v)}; };
  c["any_nil"] = {t.any, nil_iface};
  c["any_int5"] = any(t.int_, f.Val<int64_t>(5));
  c["any_int300"] = any(t.int_, f.Val<int64_t>(300));
  c["any_intneg"] = any(t.int_, f.Val<int64_t>(-1));
  c["any_int64"] = any(t.i64, f.Val<int64_t>(7));
  c["any_int32"] = any(t.i32, f.Val<int32_t>(1));
  c["any_int16"] = any(t.i16, f.Val<int16_t>(-300));
  c["any_int8"] = any(t.i8, f.Val<int8_t>(-3));
  c["any_uint8"] = any(t.u8, f.Val<uint8_t>(200));
  c["any_bool"] = any(t.boolean, f.Val<uint8_t>(1));
  c["any_str"] = any(t.str, f.StringVal("hello"));
  c["any_empty"] = any(t.str, f.StringVal(""));
  c["any_f64"] = any(t.f64, f.Val<double>(1.5));
  c["any_f64zero"] = any(t.f64, f.Val<double>(0.0));
  c["any_f64neg0"] = any(t.f64, f.Val<double>(-0.0));
  c["any_f32"] = any(t.f32, f.Val<float>(2.5f));
  c["any_P1"] = any(t.p1, p1(1, -2));
  c["any_M4"] = any(t.m4, m4);
  c["any_M12"] = any(t.m12, i32s({1, 2, 3}));
  c["any_S"] = any(t.s, sv("hello, map", 3));
  c["any_N"] = any(t.n, n);
  c["any_I"] = any(t.i, iv(11, f.Iface(t.str, f.StringVal("str"))));
  c["any_A2s"] = any(t.a2s, a2s);
  c["any_Z"] = any(t.z, z);
  c["any_ptr"] = any(t.ptr_int, f.Val<uint64_t>(ptr_addr));  // not a heap address: hashed, never read
  KeyImage slice(24);
  c["any_slice"] = any(t.slice_int, slice);
  c["I_slice"] = {t.i, iv(1, f.Iface(t.slice_int, slice))};
  return c;
}

std::vector<std::string> Fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> v;
  for (std::string w; in >> w;) v.push_back(w);
  return v;
}

uint64_t U(const std::string& s) { return std::stoull(s); }

// Parsed is a run of mapkeyhash.
struct Parsed {
  HashSeeds seeds;
  uint64_t ptr_addr = 0;
  std::vector<std::vector<std::string>> records;  // type / hash / panic lines
  std::map<std::string, std::string> panics;      // case → message
  int count = 0, end = -1;
};

Parsed Parse(const std::string& out) {
  Parsed p;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> w = Fields(line);
    if (w.empty()) continue;
    if (w[0] == "end") {
      p.end = std::stoi(w.at(1));
      break;
    }
    ++p.count;
    if (w[0] == "useAeshash") p.seeds.use_aes = w.at(1) == "true";
    if (w[0] == "hashkey") {
      for (int i = 0; i < 4; ++i) p.seeds.hashkey[i] = U(w.at(1 + i));
    }
    if (w[0] == "aeskeysched") {
      for (size_t i = 0; i < kHashRandomBytes; ++i) p.seeds.aeskeysched[i] = static_cast<uint8_t>(U(w.at(1 + i)));
    }
    if (w[0] == "ptr") p.ptr_addr = U(w.at(2));
    if (w[0] == "panic") p.panics[w.at(1)] = line.substr(line.find(w.at(1)) + w.at(1).size() + 1);
    if (w[0] == "type" || w[0] == "hash") p.records.push_back(w);
  }
  return p;
}

uint32_t Flags(const MapType& t) {
  return (t.indirectkey ? 1 : 0) | (t.indirectelem ? 2 : 0) | (t.reflexivekey ? 4 : 0) | (t.needkeyupdate ? 8 : 0) |
         (t.hash_might_panic ? 16 : 0);
}

// Replay recomputes every record of a run; it returns the number checked.
int Replay(const std::string& godebug) {
  REQUIRE_MESSAGE(testing::GoBuildError().empty(), testing::GoBuildError());
  testing::Proc run = testing::RunGoCase("mapkeyhash", {"GODEBUG=" + godebug});
  REQUIRE_MESSAGE(run.status == 0, "mapkeyhash failed: " << run.failure << "\n" << run.err);
  Parsed p = Parse(run.out + run.err);
  REQUIRE_MESSAGE(p.end == p.count, "output cut short: end says " << p.end << ", read " << p.count);
  const base::VersionProfile& prof = *base::FindProfile("1.19");
  KeyFixture f(prof, 1, false, p.seeds);
  std::map<std::string, Case> cases = Cases(f, p.ptr_addr);
  KeyReader mem(f.c);
  int checked = 0;
  for (const auto& w : p.records) {
    const std::string& name = w.at(1);
    INFO("case " << name << " (" << godebug << ")");
    REQUIRE_MESSAGE(cases.contains(name), "no C++ case " << name);
    Case& cs = cases.at(name);
    BucketMap& m = f.Use(cs.type);
    if (w[0] == "type") {
      CHECK(m.type().keyslot == U(w.at(2)));
      CHECK(m.type().bucketsize == U(w.at(3)));
      CHECK(Flags(m.type()) == U(w.at(4)));
      ++checked;
      continue;
    }
    uint64_t seed = U(w.at(2)), want = U(w.at(3));
    KeyAlg alg(f.seeds, MemhashFallback::kWyhash, NanRandom{}, mem, f.go, true);
    CHECK(alg.Hash(cs.type, cs.key.bytes.data(), seed) == want);
    if (seed <= UINT32_MAX) {
      CHECK(m.Hash(Key::Image(cs.key.bytes.data(), cs.key.ids.data()), static_cast<uint32_t>(seed)) == want);
    }
    ++checked;
  }
  // The unhashable cases: the same panic text, from the hasher and from a map.
  for (const auto& [name, msg] : p.panics) {
    INFO("case " << name);
    Case& cs = cases.at(name);
    KeyAlg alg(f.seeds, MemhashFallback::kWyhash, NanRandom{}, mem, f.go, true);
    CHECK_THROWS_WITH(alg.Hash(cs.type, cs.key.bytes.data(), 0), ("panic: " + msg).c_str());
    ++checked;
  }
  CHECK(p.panics.size() == 2);
  return checked;
}

TEST_CASE("maps: struct and interface keys: real Go 1.19 with GODEBUG=cpu.aes=off gives every map type and hash gostep computes") {
  int n = Replay("cpu.aes=off,asyncpreemptoff=1");
  CHECK(n >= 280);
  MESSAGE("records checked: " << n);
}

TEST_CASE("maps: struct and interface keys: real Go 1.19 with AES hashing gives every map type and hash gostep computes") {
  int n = Replay("asyncpreemptoff=1");
  CHECK(n >= 280);
}

// [4]byte and [8]byte are AMEM32/AMEM64 (reflectdata.AlgType): memhash32/64
// and the fast paths, through the kBytes key kind too.
TEST_CASE("maps: struct and interface keys: [4]byte and [8]byte keys are AMEM32 and AMEM64") {
  KeyFixture f(*base::FindProfile("1.19"));
  for (uint32_t n : {4u, 8u}) {
    auto t = MapTypeFor(f.c.types(), KeyKind::kBytes, ElemShape::Scalar(8), n);
    CHECK(t->fast == (n == 4 ? FastPath::k32 : FastPath::k64));
    BucketMap m(f.c, f.profile, *t, f.seeds, f.rand, MapOptions{}, &f.log);
    uint8_t b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    Key k;
    k.bytes = b;
    uint64_t want = n == 4 ? Memhash32(f.seeds, MemhashFallback::kWyhash, b, 99)
                           : Memhash64(f.seeds, MemhashFallback::kWyhash, b, 99);
    CHECK(m.Hash(k, 99) == want);
  }
  f.Use(f.kt.m4);
  CHECK(f.type->fast == FastPath::k32);
  f.Use(f.kt.m8);
  CHECK(f.type->fast == FastPath::k64);
  f.Use(f.kt.s1);
  CHECK(f.type->fast == FastPath::kStr);
  f.Use(f.kt.p1);
  CHECK(f.type->fast == FastPath::kNone);
}

}  // namespace
}  // namespace gostep::maps
