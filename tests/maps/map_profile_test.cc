// Profile deltas of the bucket map (maps issue, acceptance 5): each test
// passes on one side of a version boundary and fails on the other, with the
// evidence in base/version_profile.h.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "tests/maps/map_fixture.h"

namespace gostep::maps {
namespace {

const base::VersionProfile& P(const char* v) { return *base::FindProfile(v); }

// hash0 after a delete that empties the map and after mapclear: a new seed
// from go1.16 (Go issue 25237, CL 252940 / CL 253020).
bool Reseeds(const char* version) {
  MapFixture f(P(version));
  uint32_t slot = f.Root(f.m->MakeMapSmall());
  gc::Ref h = f.Rooted(slot);
  uint64_t hash0 = f.m->Dump(h)["hash0"];
  f.m->Set(h, Key::Int(1), 1);
  f.m->Delete(h, Key::Int(1));
  uint64_t after_delete = f.m->Dump(h)["hash0"];
  f.m->Set(h, Key::Int(2), 2);
  f.m->Clear(h);
  uint64_t after_clear = f.m->Dump(h)["hash0"];
  bool d = after_delete != hash0, c = after_clear != after_delete;
  CHECK(d == c);
  return d;
}

TEST_CASE("profile delta: hash0 is reseeded when a map becomes empty from go1.16") {
  CHECK_FALSE(Reseeds("1.15"));
  CHECK(Reseeds("1.16"));
  CHECK(Reseeds("1.19"));
}

// B after n inserts into make(map[int64]int64): overLoadFactor(count+1, B)
// with loadFactorNum 13 (6.5) or 12 (go1.21.x: 6.0, Go issue 63438).
int BAfter(const char* version, int n) {
  MapFixture f(P(version));
  uint32_t slot = f.Root(f.m->MakeMapSmall());
  for (int64_t k = 0; k < n; ++k) f.m->Set(f.Rooted(slot), Key::Int(k), k);
  return f.m->Dump(f.Rooted(slot))["B"];
}

TEST_CASE("profile delta: go1.21 grows at 6.0 entries per bucket, the others at 6.5") {
  // B=1 holds 13 entries at 6.5 (13 > 13 is false) and 12 at 6.0.
  for (const char* v : {"1.20", "1.21", "1.22"}) {
    INFO(v);
    CHECK(BAfter(v, 12) == 1);
    CHECK(BAfter(v, 13) == (std::string_view(v) == "1.21" ? 2 : 1));
    CHECK(BAfter(v, 14) == 2);
  }
  // B=3: 52 entries at 6.5, 48 at 6.0.
  CHECK(BAfter("1.21", 49) == 4);
  CHECK(BAfter("1.20", 49) == 3);
  CHECK(BAfter("1.20", 53) == 4);
}

// A range started, the map grown so the iterator walks the old array, then
// mapclear: go1.21 marks every old and new chain emptyRest and the range
// ends (Go issue 59411); before, unevacuated old cells are still produced.
int ProducedAfterClear(const char* version) {
  MapFixture f(P(version));
  uint32_t slot = f.Root(f.m->MakeMapSmall());
  auto h = [&] { return f.Rooted(slot); };
  for (int64_t k = 0; k < 40; ++k) f.m->Set(h(), Key::Int(k), k);  // B=3
  Hiter it;
  f.m->IterInit(h(), &it);
  REQUIRE(it.has_key);
  // Grow to B=4 (one write evacuates at most 2 of the 8 old buckets): the
  // iterator's array is now the old one.
  for (int64_t k = 1000; f.m->Dump(h())["oldbuckets"].is_null(); ++k) f.m->Set(h(), Key::Int(k), 0);
  REQUIRE(f.m->Dump(h())["B"] == 4);
  f.m->Clear(h());
  int n = 0;
  for (f.m->IterNext(&it); it.has_key; f.m->IterNext(&it)) ++n;
  f.m->IterEnd(&it);
  return n;
}

TEST_CASE("profile delta: clear ends a running range from go1.21") {
  CHECK(ProducedAfterClear("1.20") > 0);
  CHECK(ProducedAfterClear("1.21") == 0);
  CHECK(ProducedAfterClear("1.23") == 0);
}

TEST_CASE("profile delta: maps.Clone exists from go1.21") {
  MapFixture f20(P("1.20"));
  uint32_t s20 = f20.Root(f20.m->MakeMapSmall());
  CHECK_THROWS_WITH(f20.m->Clone(f20.Rooted(s20)), "maps.Clone needs go1.21+ (profile go1.20)");
  MapFixture f21(P("1.21"));
  uint32_t s21 = f21.Root(f21.m->MakeMapSmall());
  f21.m->Set(f21.Rooted(s21), Key::Int(3), 4);
  gc::Ref c = f21.m->Clone(f21.Rooted(s21));
  int64_t v = 0;
  CHECK(f21.m->Get(c, Key::Int(3), &v));
  CHECK(v == 4);
  CHECK(f21.m->Dump(c)["hash0"] == f21.m->Dump(f21.Rooted(s21))["hash0"]);  // dst.hash0 = src.hash0
}

// mapassign_faststr overwrites the stored key on update from go1.17 (CL
// 305089): the old string's bytes are no longer referenced by the map.
TEST_CASE("profile delta: a string key is overwritten on update from go1.17") {
  for (const char* v : {"1.16", "1.17"}) {
    MapFixture f(P(v), KeyKind::kString);
    uint32_t slot = f.Root(f.m->MakeMapSmall());
    Key a = f.m->NewString("key");
    f.Root(a.data);
    Key b = f.m->NewString("key");
    f.Root(b.data);
    f.m->Set(f.Rooted(slot), a, 1);
    f.m->Set(f.Rooted(slot), b, 2);
    Hiter it;
    f.m->IterInit(f.Rooted(slot), &it);
    REQUIRE(it.has_key);
    Key stored = f.m->LoadKey(it.key);
    f.m->IterEnd(&it);
    INFO(v);
    CHECK(stored.data.addr == (std::string_view(v) == "1.17" ? b.data.addr : a.data.addr));
  }
}

}  // namespace
}  // namespace gostep::maps
