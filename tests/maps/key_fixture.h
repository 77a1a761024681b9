// tests/maps/key_fixture.h — struct and interface keys on a heap without a
// scheduler: the Go types of tests/go/mapkeyhash (declared identically), key
// images and interface boxing.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/version_profile.h"
#include "gc/collector.h"
#include "maps/bucket/hmap.h"
#include "maps/bucket/key_layout.h"
#include "maps/bucket/map_rand.h"

namespace gostep::maps {

// KeyTypes are the key types of tests/go/mapkeyhash/main.go.
struct KeyTypes {
  explicit KeyTypes(GoTypes& g)
      : i8(g.Basic("int8")), i16(g.Basic("int16")), i32(g.Basic("int32")), i64(g.Basic("int64")),
        int_(g.Basic("int")), u8(g.Basic("uint8")), f32(g.Basic("float32")), f64(g.Basic("float64")),
        str(g.Basic("string")), any(g.Basic("any")), boolean(g.Basic("bool")) {
    p1 = g.Struct("main.P1", {{"a", i8}, {"b", i64}});
    p2 = g.Struct("main.P2", {{"a", i32}, {"_", i32}, {"b", i64}});
    m4 = g.Struct("main.M4", {{"a", i16}, {"b", i16}});
    m8 = g.Struct("main.M8", {{"a", i32}, {"b", i32}});
    m12 = g.Struct("main.M12", {{"a", i32}, {"b", i32}, {"c", i32}});
    m16 = g.Struct("main.M16", {{"a", i64}, {"b", i64}});
    f = g.Struct("main.F", {{"x", f64}, {"y", f32}});
    s = g.Struct("main.S", {{"s", str}, {"n", i64}});
    s1 = g.Struct("main.S1", {{"s", str}});
    n = g.Struct("main.N", {{"p", p1}, {"q", m8}, {"r", i8}});
    i = g.Struct("main.I", {{"a", i32}, {"v", any}});
    z = g.Struct("main.Z", {{"a", i64}, {"z", g.Struct("", {})}});
    big = g.Struct("main.Big", {{"a", g.Array(i64, 17)}, {"s", str}});
    a3f = g.Array(f32, 3);
    a2s = g.Array(str, 2);
    a4b = g.Array(u8, 4);
    a8b = g.Array(u8, 8);
    slice_int = g.SliceOf(int_);
    ptr_int = g.PointerTo(int_);
  }
  const GoType *i8, *i16, *i32, *i64, *int_, *u8, *f32, *f64, *str, *any, *boolean;
  const GoType *p1, *p2, *m4, *m8, *m12, *m16, *f, *s, *s1, *n, *i, *z, *big, *a3f, *a2s, *a4b, *a8b;
  const GoType *slice_int, *ptr_int;
};

// KeyFixture: a collector, the Go types, and (after Use) a map of one key type.
struct KeyFixture {
  explicit KeyFixture(const base::VersionProfile& p, uint64_t seed = 1, bool verify = false,
                      HashSeeds s = HashSeeds::FromSeed(1, true))
      : profile(p), c(profile, gc::CollectorConfig{.manual = true, .verify = verify}, &world, &log), seeds(s),
        rand(seed), go(c.types()), kt(go) {
    world.set_stack(c.host_stack());
    bytes_type = c.types().Scalar("uint8", 1);
  }

  // Use makes the map type map[key]V and its runtime code.
  BucketMap& Use(const GoType* key, ElemShape elem = ElemShape::Scalar(8)) {
    type = MapTypeForKey(c.types(), go, key, elem);
    m = std::make_unique<BucketMap>(c, profile, *type, seeds, rand, MapOptions{}, &log);
    return *m;
  }

  // Str allocates a string's bytes (rooted in a host slot: keys only hold it
  // in C++ images) and returns {data, len}.
  std::pair<gc::Ref, uint64_t> Str(std::string_view v) {
    if (v.empty()) return {gc::Ref{}, 0};
    gc::Ref d = c.New(bytes_type, static_cast<uint32_t>(v.size()));
    std::memcpy(c.Raw(d, 0, v.size(), "string"), v.data(), v.size());
    c.host_stack()->locals.Add(d);
    return {d, v.size()};
  }
  void PutStr(KeyImage& img, uint32_t off, std::string_view v) {
    auto [d, len] = Str(v);
    img.PutString(off, d, len);
  }

  // Scalar images of basic values.
  template <typename T>
  KeyImage Val(T v) {
    KeyImage img(sizeof(T));
    img.Put<T>(0, v);
    return img;
  }

  // Iface boxes `v` (of type t) into an interface value image (16 bytes);
  // the box is rooted in a host slot.
  KeyImage Iface(const GoType* t, const KeyImage& v) {
    Eface e = Box(c, t, v);
    if (e.data.id != 0) c.host_stack()->locals.Add(e.data);
    KeyImage img(16);
    img.PutEface(0, e.type, e.data);
    return img;
  }

  KeyImage StringVal(std::string_view v) {
    KeyImage img(16);
    PutStr(img, 0, v);
    return img;
  }

  const base::VersionProfile& profile;
  gc::NullWorld world;
  base::EventLog log;
  gc::Collector c;
  HashSeeds seeds;
  FastrandMapRand rand;
  GoTypes go;
  KeyTypes kt;
  const gc::Type* bytes_type = nullptr;
  std::unique_ptr<MapType> type;
  std::unique_ptr<BucketMap> m;
};

}  // namespace gostep::maps
