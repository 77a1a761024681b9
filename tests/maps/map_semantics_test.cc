// The map-semantics suite, written once (TEST_CASE_TEMPLATE) and run against
// every profile's bucket map and a reference model on std::unordered_map.
// What it checks is the Go spec's map semantics ("For statements with range
// clause", "Deletion of map elements", "clear") plus what every release from
// go1.14 to go1.23 guarantees: each key produced at most once by a range, also
// across a grow; an entry deleted before it is reached is not produced; NaN
// keys add entries that lookups never find; clear (go1.21+) removes them;
// maps.Clone copies.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "base/prng.h"
#include "tests/maps/map_fixture.h"

namespace gostep::maps {
namespace {

// ---- The reference: Go semantics on std containers ----------------------------
// Keys are int64 or float64 bits; a NaN key is never equal to anything, so
// each NaN insertion is its own entry (kept in `nans`).
class Reference {
 public:
  Reference(KeyKind k, const base::VersionProfile* p) : floats_(k == KeyKind::kFloat64), profile_(p) {}
  static std::string Name() { return "reference"; }
  const base::VersionProfile& profile() const { return *profile_; }
  void Set(Key k, int64_t v) {
    if (IsNaN(k)) {
      nans_.push_back(v);
      return;
    }
    m_[Norm(k)] = v;
  }
  void Delete(Key k) {
    if (!IsNaN(k)) m_.erase(Norm(k));
  }
  bool Get(Key k, int64_t* v) {
    if (IsNaN(k)) return false;
    auto it = m_.find(Norm(k));
    if (it == m_.end()) return false;
    *v = it->second;
    return true;
  }
  int64_t Len() const { return static_cast<int64_t>(m_.size() + nans_.size()); }
  void Clear() {
    m_.clear();
    nans_.clear();
  }
  // Range: fn(key bits, value, is_nan) after each produced entry; snapshot
  // order, skipping entries deleted since.
  template <typename Fn>
  void Range(Fn fn) {
    std::vector<uint64_t> keys;
    for (auto& [k, v] : m_) keys.push_back(k);
    std::vector<int64_t> nans = nans_;
    for (uint64_t k : keys) {
      auto it = m_.find(k);
      if (it == m_.end()) continue;
      if (!fn(Key{.bits = k}, it->second)) return;
    }
    for (int64_t v : nans) {
      if (!fn(Key::Float(std::nan("")), v)) return;
    }
  }
  Reference Clone() const { return *this; }

 private:
  bool IsNaN(Key k) const { return floats_ && std::isnan(AsDouble(k.bits)); }
  uint64_t Norm(Key k) const { return floats_ && AsDouble(k.bits) == 0 ? 0 : k.bits; }  // -0 == +0
  static double AsDouble(uint64_t b) {
    double d;
    std::memcpy(&d, &b, 8);
    return d;
  }
  bool floats_;
  const base::VersionProfile* profile_;
  std::unordered_map<uint64_t, int64_t> m_;
  std::vector<int64_t> nans_;
};

// ---- The bucket map of profile P ------------------------------------------------
template <int P>
class Bucket {
 public:
  Bucket(KeyKind k, const base::VersionProfile*)
      : f_(std::make_shared<MapFixture>(base::AllProfiles()[P], k)), slot_(f_->Root(f_->m->MakeMapSmall())) {}
  static std::string Name() { return std::string(base::AllProfiles()[P].name); }
  const base::VersionProfile& profile() const { return f_->profile; }
  gc::Ref h() { return f_->Rooted(slot_); }
  void Set(Key k, int64_t v) { f_->m->Set(h(), k, v); }
  void Delete(Key k) { f_->m->Delete(h(), k); }
  bool Get(Key k, int64_t* v) { return f_->m->Get(h(), k, v); }
  int64_t Len() { return f_->m->Len(h()); }
  void Clear() { f_->m->Clear(h()); }
  template <typename Fn>
  void Range(Fn fn) {
    Hiter it;
    for (f_->m->IterInit(h(), &it); it.has_key; f_->m->IterNext(&it)) {
      Key k = f_->m->LoadKey(it.key);
      if (!fn(k, f_->m->LoadInt(it.elem))) break;
    }
    f_->m->IterEnd(&it);
  }
  Bucket Clone() {
    Bucket b(*this);
    b.slot_ = f_->Root(f_->m->Clone(h()));
    return b;
  }

 private:
  std::shared_ptr<MapFixture> f_;
  uint32_t slot_;
};

#define MAP_IMPLS \
  Reference, Bucket<0>, Bucket<1>, Bucket<2>, Bucket<3>, Bucket<4>, Bucket<5>, Bucket<6>, Bucket<7>, Bucket<8>, \
      Bucket<9>, Bucket<10>, Bucket<11>

// AllProfiles() has 12 profiles: go1.14.1, go1.14, go1.15.0, go1.15 … go1.23
// (checked at run time below: the list is not constexpr here).

template <typename M>
M Make(KeyKind k) {
  static const base::VersionProfile& newest = base::NewestProfile();
  return M(k, &newest);
}

TEST_CASE_TEMPLATE("semantics: random sets, deletes and lookups agree with a reference map", M, MAP_IMPLS) {
  CHECK(base::AllProfiles().size() == 12);
  M m = Make<M>(KeyKind::kInt64);
  std::unordered_map<int64_t, int64_t> want;
  base::Wyrand rng(7);
  for (int op = 0; op < 3000; ++op) {
    int64_t k = static_cast<int64_t>(rng.FastrandN(400)) - 200;
    switch (rng.FastrandN(4)) {
      case 0:
      case 1:
        m.Set(Key::Int(k), op);
        want[k] = op;
        break;
      case 2:
        m.Delete(Key::Int(k));
        want.erase(k);
        break;
      default: {
        int64_t v = -1;
        bool ok = m.Get(Key::Int(k), &v);
        REQUIRE(ok == want.contains(k));
        if (ok) REQUIRE(v == want[k]);
      }
    }
    REQUIRE(m.Len() == static_cast<int64_t>(want.size()));
  }
  std::map<int64_t, int64_t> seen;
  m.Range([&](Key k, int64_t v) {
    CHECK(seen.emplace(static_cast<int64_t>(k.bits), v).second);
    return true;
  });
  CHECK(seen == std::map<int64_t, int64_t>(want.begin(), want.end()));
}

TEST_CASE_TEMPLATE("semantics: a range produces each key once, also while inserts grow the map", M, MAP_IMPLS) {
  M m = Make<M>(KeyKind::kInt64);
  for (int64_t k = 0; k < 40; ++k) m.Set(Key::Int(k), k);
  std::set<int64_t> seen;
  int64_t next = 1000;
  m.Range([&](Key k, int64_t) {
    CHECK(seen.insert(static_cast<int64_t>(k.bits)).second);
    for (int j = 0; j < 7; ++j) m.Set(Key::Int(next++), 0);  // grows the map several times
    return true;
  });
  for (int64_t k = 0; k < 40; ++k) CHECK(seen.contains(k));  // present throughout: produced
  CHECK(m.Len() == 40 + (next - 1000));
}

TEST_CASE_TEMPLATE("semantics: an entry deleted before it is reached is not produced", M, MAP_IMPLS) {
  M m = Make<M>(KeyKind::kInt64);
  for (int64_t k = 0; k < 200; ++k) m.Set(Key::Int(k), k);
  std::set<int64_t> seen, deleted;
  base::Wyrand rng(3);
  m.Range([&](Key k, int64_t) {
    int64_t key = static_cast<int64_t>(k.bits);
    CHECK_FALSE(deleted.contains(key));
    seen.insert(key);
    for (int j = 0; j < 3; ++j) {
      int64_t d = rng.FastrandN(200);
      if (!seen.contains(d)) {
        m.Delete(Key::Int(d));
        deleted.insert(d);
      }
    }
    if (seen.size() % 10 == 0) m.Set(Key::Int(1000 + seen.size()), 0);  // and grow now and then
    return true;
  });
  for (int64_t k = 0; k < 200; ++k) CHECK(seen.contains(k) != deleted.contains(k));
}

TEST_CASE_TEMPLATE("semantics: NaN keys add entries that lookups and deletes never find", M, MAP_IMPLS) {
  M m = Make<M>(KeyKind::kFloat64);
  double nan = std::numeric_limits<double>::quiet_NaN();
  for (int i = 0; i < 20; ++i) m.Set(Key::Float(nan), i);
  m.Set(Key::Float(1.5), 100);
  CHECK(m.Len() == 21);
  int64_t v;
  CHECK_FALSE(m.Get(Key::Float(nan), &v));
  m.Delete(Key::Float(nan));
  CHECK(m.Len() == 21);
  int nans = 0;
  m.Range([&](Key k, int64_t) {
    double d;
    std::memcpy(&d, &k.bits, 8);
    nans += std::isnan(d) ? 1 : 0;
    return true;
  });
  CHECK(nans == 20);
  // -0 and +0 are one key; the stored key is the last one assigned (needkeyupdate).
  m.Set(Key::Float(0.0), 1);
  m.Set(Key::Float(-0.0), 2);
  CHECK(m.Len() == 22);
  CHECK(m.Get(Key::Float(0.0), &v));
  CHECK(v == 2);
}

TEST_CASE_TEMPLATE("semantics: clear empties the map, NaN entries included (go1.21+)", M, MAP_IMPLS) {
  M m = Make<M>(KeyKind::kFloat64);
  if (!m.profile().map_clear_builtin) return;  // no clear builtin before go1.21
  for (int i = 0; i < 50; ++i) m.Set(Key::Float(i), i);
  for (int i = 0; i < 5; ++i) m.Set(Key::Float(std::nan("")), i);
  m.Clear();
  CHECK(m.Len() == 0);
  int n = 0;
  m.Range([&](Key, int64_t) { return ++n, true; });
  CHECK(n == 0);
  m.Set(Key::Float(2), 7);
  int64_t v;
  CHECK(m.Get(Key::Float(2), &v));
  CHECK(v == 7);
}

TEST_CASE_TEMPLATE("semantics: maps.Clone copies, and the copies are independent (go1.21+)", M, MAP_IMPLS) {
  M m = Make<M>(KeyKind::kInt64);
  if (!m.profile().map_clear_builtin) return;  // maps.Clone is go1.21+
  for (int64_t k = 0; k < 300; ++k) m.Set(Key::Int(k), k * 2);
  for (int64_t k = 0; k < 300; k += 3) m.Delete(Key::Int(k));
  M c = m.Clone();
  CHECK(c.Len() == m.Len());
  for (int64_t k = 0; k < 300; ++k) {
    int64_t a = -1, b = -1;
    CHECK(m.Get(Key::Int(k), &a) == c.Get(Key::Int(k), &b));
    CHECK(a == b);
  }
  c.Set(Key::Int(1), -5);
  int64_t v;
  CHECK(m.Get(Key::Int(1), &v));
  CHECK(v == 2);
}

}  // namespace
}  // namespace gostep::maps
