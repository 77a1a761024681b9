// Struct and interface keys in the bucket map: Go's semantics through grows,
// deletes and iteration; NaN and ±0 inside keys; unhashable dynamic types;
// dynamic types that differ with equal bits; blank fields; and the keys'
// pointer words under the collector (string data and interface boxes
// reachable only through the map's buckets, with the verifier after every
// step). Expectations derive from Go's rules: the hash and equality of the
// key type (tests/maps/key_hash_diff_test.cc checks the hashes themselves
// against real Go), needkeyupdate and reflexivekey.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <set>
#include <string>

#include "tests/maps/key_fixture.h"

namespace gostep::maps {
namespace {

const base::VersionProfile& P119() { return *base::FindProfile("1.19"); }

Key K(const KeyImage& img) { return Key::Image(img.bytes.data(), img.ids.data()); }

// SKey is main.S{s, n}.
KeyImage SKey(KeyFixture& f, const std::string& s, int64_t n) {
  KeyImage k(24);
  f.PutStr(k, 0, s);
  k.Put<int64_t>(16, n);
  return k;
}

// AnyKey is an interface key holding i as the dynamic type picked by i % 4:
// int (boxed: convT64, staticuint64s below 256), string, main.P1, int32.
KeyImage AnyKey(KeyFixture& f, int64_t i) {
  const KeyTypes& t = f.kt;
  switch (i % 4) {
    case 0: return f.Iface(t.int_, f.Val<int64_t>(i));
    case 1: return f.Iface(t.str, f.StringVal("any-" + std::to_string(i)));
    case 2: {
      KeyImage p(16);
      p.Put<int8_t>(0, static_cast<int8_t>(i));
      p.Put<int64_t>(8, i);
      return f.Iface(t.p1, p);
    }
    default: return f.Iface(t.i32, f.Val<int32_t>(static_cast<int32_t>(i)));
  }
}

// Exercise inserts n keys, checks them through the grows, deletes every
// third, and iterates: each key exactly once, with its value.
void Exercise(KeyFixture& f, const GoType* kt, const std::function<KeyImage(int64_t)>& key, int64_t n) {
  BucketMap& m = f.Use(kt);
  uint32_t slot = f.c.host_stack()->locals.Add(m.MakeMapSmall());
  auto h = [&] { return f.c.host_stack()->locals[slot]; };
  for (int64_t i = 0; i < n; ++i) m.Set(h(), K(key(i)), i);
  CHECK(m.Len(h()) == n);
  for (int64_t i = 0; i < n; i += 7) {
    int64_t v = -1;
    CHECK(m.Get(h(), K(key(i)), &v));
    CHECK(v == i);
  }
  for (int64_t i = 0; i < n; i += 3) m.Delete(h(), K(key(i)));
  int64_t want = n - (n + 2) / 3;
  CHECK(m.Len(h()) == want);
  std::set<int64_t> seen;
  Hiter it;
  for (m.IterInit(h(), &it); it.has_key; m.IterNext(&it)) {
    int64_t v = m.LoadInt(it.elem);
    CHECK(v % 3 != 0);
    CHECK(seen.insert(v).second);
    Key k = m.LoadKey(it.key);
    int64_t got = -1;
    CHECK(m.Get(h(), k, &got));  // the stored key finds itself
    CHECK(got == v);
  }
  m.IterEnd(&it);
  CHECK(static_cast<int64_t>(seen.size()) == want);
}

TEST_CASE("maps: struct and interface keys: insert lookup delete and iterate through many grows") {
  KeyFixture f(P119());
  SUBCASE("padded struct main.P1") {
    Exercise(f, f.kt.p1, [&](int64_t i) {
      KeyImage k(16);
      k.Put<int8_t>(0, static_cast<int8_t>(i));
      k.Put<int64_t>(8, i / 256);
      return k;
    }, 3000);
  }
  SUBCASE("struct with a string main.S") {
    Exercise(f, f.kt.s, [&](int64_t i) { return SKey(f, "k" + std::to_string(i % 100), i); }, 2000);
  }
  SUBCASE("struct with an interface main.I") {
    Exercise(f, f.kt.i, [&](int64_t i) {
      KeyImage k(24);
      k.Put<int32_t>(0, static_cast<int32_t>(i % 5));
      k.PutImage(8, AnyKey(f, i));
      return k;
    }, 2000);
  }
  SUBCASE("interface{} of mixed dynamic types") { Exercise(f, f.kt.any, [&](int64_t i) { return AnyKey(f, i); }, 2000); }
  SUBCASE("struct above 128 bytes main.Big is indirect") {
    Exercise(f, f.kt.big, [&](int64_t i) {
      KeyImage k(152);
      k.Put<int64_t>(0, i);
      f.PutStr(k, 136, std::to_string(i % 10));
      return k;
    }, 600);
    CHECK(f.type->indirectkey);
  }
}

// A NaN is never equal to itself: each assignment adds an entry, lookups
// miss, iteration sees them all (reflexivekey false: evacuation re-draws).
TEST_CASE("maps: struct and interface keys: a NaN inside a struct or an interface adds a new entry each time") {
  KeyFixture f(P119());
  const double nan = std::nan("");
  for (bool iface : {false, true}) {
    INFO((iface ? "any(NaN)" : "main.F{NaN, 0}"));
    KeyImage k(16);
    k.Put<double>(0, nan);
    BucketMap& m = f.Use(iface ? f.kt.any : f.kt.f);
    if (iface) k = f.Iface(f.kt.f64, f.Val<double>(nan));
    CHECK_FALSE(f.type->reflexivekey);
    uint32_t slot = f.c.host_stack()->locals.Add(m.MakeMapSmall());
    gc::Ref h = f.c.host_stack()->locals[slot];
    for (int i = 0; i < 40; ++i) m.Set(h, K(k), i);  // through grows (B = 3)
    CHECK(m.Len(h) == 40);
    int64_t v;
    CHECK_FALSE(m.Get(h, K(k), &v));
    m.Delete(h, K(k));
    CHECK(m.Len(h) == 40);
    int n = 0;
    Hiter it;
    for (m.IterInit(h, &it); it.has_key; m.IterNext(&it)) ++n;
    m.IterEnd(&it);
    CHECK(n == 40);
  }
}

// +0 == -0: one entry; needkeyupdate overwrites the stored key with the
// latest assignment's (so the stored float's sign follows the last store).
TEST_CASE("maps: struct and interface keys: +0 and -0 are one key and assignment updates the stored key") {
  KeyFixture f(P119());
  for (bool iface : {false, true}) {
    INFO((iface ? "any(±0.0)" : "main.F{±0, 1}"));
    BucketMap& m = f.Use(iface ? f.kt.any : f.kt.f);
    auto key = [&](double z) {
      if (iface) return f.Iface(f.kt.f64, f.Val<double>(z));
      KeyImage k(16);
      k.Put<double>(0, z);
      k.Put<float>(8, 1);
      return k;
    };
    CHECK(f.type->needkeyupdate);
    uint32_t slot = f.c.host_stack()->locals.Add(m.MakeMapSmall());
    gc::Ref h = f.c.host_stack()->locals[slot];
    m.Set(h, K(key(0.0)), 1);
    m.Set(h, K(key(-0.0)), 2);
    CHECK(m.Len(h) == 1);
    Hiter it;
    m.IterInit(h, &it);
    REQUIRE(it.has_key);
    Key stored = m.LoadKey(it.key);
    double d;
    if (iface) {
      uint64_t data;
      std::memcpy(&data, stored.bytes + 8, 8);
      KeyReader mem(f.c);
      std::memcpy(&d, mem.Read(data, 8, "box"), 8);  // -0: convT64 boxed it (bits >= 256)
    } else {
      std::memcpy(&d, stored.bytes, 8);
    }
    CHECK(std::signbit(d));
    CHECK(m.LoadInt(it.elem) == 2);
    m.IterEnd(&it);
    int64_t v;
    CHECK(m.Get(h, K(key(0.0)), &v));
    CHECK(v == 2);
  }
}

// nilinterhash panics on an uncomparable dynamic type, also on an empty or
// nil map (hashMightPanic, Go issue 23734); the map is left unchanged.
TEST_CASE("maps: struct and interface keys: an unhashable dynamic type panics with Go's text") {
  KeyFixture f(P119());
  BucketMap& m = f.Use(f.kt.any);
  KeyImage slice = f.Iface(f.kt.slice_int, KeyImage(24));
  const char* want = "panic: runtime error: hash of unhashable type []int";
  CHECK_THROWS_WITH(m.Delete(gc::Ref{}, K(slice)), want);  // delete(nilmap, k)
  uint32_t slot = f.c.host_stack()->locals.Add(m.MakeMapSmall());
  gc::Ref h = f.c.host_stack()->locals[slot];
  int64_t v;
  CHECK_THROWS_WITH(m.Get(h, K(slice), &v), want);  // empty map: still hashed
  m.Set(h, K(f.Iface(f.kt.int_, f.Val<int64_t>(1))), 1);
  CHECK_THROWS_WITH(m.Set(h, K(slice), 2), want);
  CHECK(m.Len(h) == 1);
  // A struct with an interface field holding one: the same text.
  BucketMap& mi = f.Use(f.kt.i);
  KeyImage k(24);
  k.PutImage(8, slice);
  CHECK_THROWS_WITH(mi.Set(mi.MakeMapSmall(), K(k), 1), want);
}

// Interface keys compare the dynamic type first: int32(1), int64(1), int(1),
// uint8(1) and "1"... are different keys, even with the same bits in memory.
TEST_CASE("maps: struct and interface keys: equal bits of different dynamic types are different keys") {
  KeyFixture f(P119());
  BucketMap& m = f.Use(f.kt.any);
  uint32_t slot = f.c.host_stack()->locals.Add(m.MakeMapSmall());
  gc::Ref h = f.c.host_stack()->locals[slot];
  const KeyTypes& t = f.kt;
  m.Set(h, K(f.Iface(t.i32, f.Val<int32_t>(1))), 32);
  m.Set(h, K(f.Iface(t.i64, f.Val<int64_t>(1))), 64);
  m.Set(h, K(f.Iface(t.int_, f.Val<int64_t>(1))), 1);
  m.Set(h, K(f.Iface(t.u8, f.Val<uint8_t>(1))), 8);
  m.Set(h, K(f.Iface(t.boolean, f.Val<uint8_t>(1))), 99);
  CHECK(m.Len(h) == 5);
  int64_t v;
  CHECK(m.Get(h, K(f.Iface(t.i64, f.Val<int64_t>(1))), &v));
  CHECK(v == 64);
  CHECK(m.Get(h, K(f.Iface(t.i32, f.Val<int32_t>(1))), &v));
  CHECK(v == 32);
  // A nil interface is a key too, hashing to the seed.
  m.Set(h, K(KeyImage(16)), 0);
  CHECK(m.Len(h) == 6);
  CHECK(m.Get(h, K(KeyImage(16)), &v));
}

// Boxing follows convT: small values share runtime.staticuint64s (no
// allocation, a non-heap data word), others get a heap object; "" shares
// zeroVal; pointers are their own data word.
TEST_CASE("maps: struct and interface keys: boxing uses staticuint64s and zeroVal as Go's convT does") {
  KeyFixture f(P119());
  const KeyTypes& t = f.kt;
  CHECK(Box(f.c, t.int_, f.Val<int64_t>(255)).data.addr == kStaticUint64sAddr + 8 * 255);
  CHECK(Box(f.c, t.int_, f.Val<int64_t>(256)).data.id != 0);
  CHECK(Box(f.c, t.int_, f.Val<int64_t>(-1)).data.id != 0);  // convT64 compares as uint64
  CHECK(Box(f.c, t.i8, f.Val<int8_t>(-1)).data.addr == kStaticUint64sAddr + 8 * 255);  // a byte: always static
  CHECK(Box(f.c, t.f64, f.Val<double>(0.0)).data.addr == kStaticUint64sAddr);
  CHECK(Box(f.c, t.f64, f.Val<double>(-0.0)).data.id != 0);
  CHECK(Box(f.c, t.str, f.StringVal("")).data.addr == kZeroValAddr);
  CHECK(Box(f.c, t.str, f.StringVal("x")).data.id != 0);
  CHECK(Box(f.c, t.ptr_int, f.Val<uint64_t>(0x1234)).data.addr == 0x1234);
  CHECK(Box(f.c, t.p1, KeyImage(16)).data.id != 0);
}

// Blank fields are neither hashed nor compared: keys differing only there
// are the same key.
TEST_CASE("maps: struct and interface keys: blank fields are ignored by hash and equality") {
  KeyFixture f(P119());
  BucketMap& m = f.Use(f.kt.p2);
  uint32_t slot = f.c.host_stack()->locals.Add(m.MakeMapSmall());
  gc::Ref h = f.c.host_stack()->locals[slot];
  for (int32_t blank : {0, 1, -5, 99}) {
    KeyImage k(16);
    k.Put<int32_t>(0, 7);
    k.Put<int32_t>(4, blank);
    k.Put<int64_t>(8, 9);
    m.Set(h, K(k), blank);
  }
  CHECK(m.Len(h) == 1);
}

// The buckets' pointer bitmap covers every key pointer word: string data
// inside structs and interface data words (boxes, strings in boxes), only
// reachable through the map, survive collection cycles run step by step
// with the verifier while the map grows, evacuates and deletes.
TEST_CASE("maps: struct and interface keys: key strings and boxes are kept alive by the map under the verifier") {
  KeyFixture f(P119(), 1, /*verify=*/true);
  for (bool iface : {false, true}) {
    INFO((iface ? "map[any]int64" : "map[main.S]int64"));
    BucketMap& m = f.Use(iface ? f.kt.any : f.kt.s);
    uint32_t slot = f.c.host_stack()->locals.Add(m.MakeMapSmall());
    auto h = [&] { return f.c.host_stack()->locals[slot]; };
    auto key = [&](int64_t i) -> KeyImage {
      if (iface) {
        KeyImage s(16);
        std::string v = "box-" + std::to_string(i);
        gc::Ref d = f.c.New(f.bytes_type, static_cast<uint32_t>(v.size()));  // not rooted
        std::memcpy(f.c.Raw(d, 0, v.size(), "string"), v.data(), v.size());
        s.PutString(0, d, v.size());
        Eface e = Box(f.c, i % 2 ? f.kt.str : f.kt.s, i % 2 ? s : [&] {
          KeyImage sk(24);
          sk.PutImage(0, s);
          sk.Put<int64_t>(16, i);
          return sk;
        }());
        KeyImage k(16);
        k.PutEface(0, e.type, e.data);
        return k;
      }
      std::string v = "key-" + std::to_string(i);
      gc::Ref d = f.c.New(f.bytes_type, static_cast<uint32_t>(v.size()));  // not rooted
      std::memcpy(f.c.Raw(d, 0, v.size(), "string"), v.data(), v.size());
      KeyImage k(24);
      k.PutString(0, d, v.size());
      k.Put<int64_t>(16, i);
      return k;
    };
    for (int64_t i = 0; i < 500; ++i) {
      if (f.c.phase() == gc::GcPhase::kOff) f.c.Start(gc::TriggerKind::kCycle);
      m.Set(h(), K(key(i)), i);
      if (i % 3 == 0) m.Delete(h(), K(key(i / 2)));
      for (int j = 0; j < 3; ++j) f.c.SingleStep();
    }
    f.c.RunCycle();
    f.c.RunCycle();
    int64_t n = 0;
    Hiter it;
    for (m.IterInit(h(), &it); it.has_key; m.IterNext(&it)) {
      int64_t v = m.LoadInt(it.elem);
      int64_t got = -1;
      CHECK(m.Get(h(), K(key(v)), &got));  // a fresh equal key finds it: the stored bytes are intact
      CHECK(got == v);
      ++n;
    }
    m.IterEnd(&it);
    CHECK(n == m.Len(h()));
    CHECK(n > 300);
  }
}

}  // namespace
}  // namespace gostep::maps
