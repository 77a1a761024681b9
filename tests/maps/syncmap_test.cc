// sync.Map (maps/syncmap/) without a scheduler: the read/dirty algorithm of
// sync/map.go per profile. Every expectation is derived from the Go source
// (go1.19.8's sync/map.go unless a test names another release) and the
// layouts of runtime/map.go; the derivation is in the comments.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/version_profile.h"
#include "gc/collector.h"
#include "maps/bucket/map_rand.h"
#include "maps/syncmap/syncmap.h"

namespace gostep::maps {
namespace {

const base::VersionProfile& P(const char* v) {
  const base::VersionProfile* p = base::FindProfile(v);
  REQUIRE(p != nullptr);
  return *p;
}

// A sync.Map on a heap with no scheduler: the host thread is the only
// goroutine, mu never blocks (HostLocker counts the slow paths).
struct SyncFixture {
  explicit SyncFixture(const base::VersionProfile& p, KeyKind key = KeyKind::kInt64)
      : profile(p), c(profile, gc::CollectorConfig{.manual = true, .verify = true}, &world, &log), rand(1) {
    world.set_stack(c.host_stack());
    rt = std::make_unique<SyncMapRuntime>(c, profile, seeds, rand);
    m = std::make_unique<SyncMap>(*rt, key, mu);
  }
  ~SyncFixture() {
    m.reset();
    rt.reset();
  }

  // The types of the objects allocated since `from` (a history id), in order.
  std::vector<std::string> AllocatedSince(gc::ObjectId from) {
    std::vector<std::string> out;
    for (gc::ObjectId id = from + 1; id <= c.history().last_id(); ++id) {
      out.push_back(c.types().Get(c.history().Get(id).type)->name);
    }
    return out;
  }
  gc::ObjectId Mark() const { return c.history().last_id(); }
  // Live objects of type `name` after a full cycle (what the program holds).
  int64_t Live(const std::string& name) {
    int64_t n = 0;
    for (gc::ObjectId id = 1; id <= c.history().last_id(); ++id) {
      if (c.IsLive(id) && c.types().Get(c.history().Get(id).type)->name == name) ++n;
    }
    return n;
  }
  // LiveBytes sums the slots of the live objects, except package sync's and
  // the runtime's once-per-process objects (expunged, staticuint64s).
  uint64_t LiveBytes() {
    uint64_t sum = 0;
    gc::ObjectId skip1 = rt->Expunged().id, skip2 = rt->StaticUint64(0).id;
    for (gc::ObjectId id = 1; id <= c.history().last_id(); ++id) {
      if (id == skip1 || id == skip2 || !c.IsLive(id)) continue;
      sum += c.history().Get(id).size;
    }
    return sum;
  }

  const base::VersionProfile& profile;
  gc::NullWorld world;
  base::EventLog log;
  gc::Collector c;
  HashSeeds seeds = HashSeeds::FromSeed(1, true);
  FastrandMapRand rand;
  HostLocker mu;
  std::unique_ptr<SyncMapRuntime> rt;
  std::unique_ptr<SyncMap> m;
};

Key K(int64_t k) { return Key::Int(k); }
SyncValue V(int64_t v) { return SyncValue::Int(v); }

// ApiError returns what SyncMapApiError fn throws, or "" if it does not throw.
template <typename Fn>
std::string ApiError(Fn fn) {
  try {
    fn();
  } catch (const SyncMapApiError& e) {
    return e.what();
  }
  return "";
}

// ==== Promotion and the dirty copy ==========================================================

TEST_CASE("sync.Map: the dirty map is promoted after exactly len(dirty) misses, as an O(1) hand-over") {
  for (const base::VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    SyncFixture f(p);
    SyncMap& m = *f.m;
    // Store of a new key on a fresh Map: read.m is nil and !amended, so
    // dirtyLocked makes an empty dirty map, read becomes {nil, amended}, and
    // the key goes to dirty; later new keys go to dirty directly.
    for (int64_t k = 1; k <= 5; ++k) m.Store(K(k), V(1000 + k));
    SyncMapView v = m.View();
    CHECK(v.read_m.nil());
    CHECK(v.amended);
    CHECK(v.dirty_len == 5);
    CHECK(v.misses == 0);
    // Load of a dirty-only key: a miss each (missLocked: misses++; return
    // while misses < len(dirty)).
    uint64_t locks = f.mu.locks();
    for (int64_t k = 1; k <= 4; ++k) {
      SyncResult r = m.Load(K(k));
      CHECK(r.ok);
      CHECK(r.value == V(1000 + k));
    }
    v = m.View();
    CHECK(f.mu.locks() == locks + 4);
    CHECK(v.misses == 4);
    CHECK(v.amended);
    CHECK(v.dirty_len == 5);
    gc::Ref dirty = v.dirty;
    // The 5th miss reaches len(dirty): m.read.Store(readOnly{m: m.dirty}),
    // dirty = nil, misses = 0. The hmap is handed over, not copied: the only
    // allocation is the one readOnly.
    gc::ObjectId mark = f.Mark();
    CHECK(m.Load(K(5)).value == V(1005));
    CHECK(f.AllocatedSince(mark) == std::vector<std::string>{"sync.readOnly"});
    v = m.View();
    CHECK(v.read_m == dirty);
    CHECK(v.read_len == 5);
    CHECK(!v.amended);
    CHECK(v.dirty.nil());
    CHECK(v.misses == 0);
    CHECK(m.stats().promotions == 1);
    // Now every key is a clean hit: no lock, no miss, no allocation.
    locks = f.mu.locks();
    mark = f.Mark();
    for (int64_t k = 1; k <= 5; ++k) CHECK(m.Load(K(k)).value == V(1000 + k));
    CHECK(f.mu.locks() == locks);
    CHECK(f.AllocatedSince(mark).empty());
    CHECK(m.View().misses == 0);
  }
}

TEST_CASE("sync.Map: the O(n) copy is dirtyLocked, on the first new key stored after a promotion") {
  for (const base::VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    SyncFixture f(p);
    SyncMap& m = *f.m;
    for (int64_t k = 1; k <= 5; ++k) m.Store(K(k), V(1000 + k));
    for (int64_t k = 1; k <= 5; ++k) m.Load(K(k));  // 5 misses: promoted
    REQUIRE(m.View().dirty.nil());
    uint64_t copies = m.stats().dirty_copies;
    // Deleting keys of read.m is lock-free: e.p CAS value → nil.
    uint64_t locks = f.mu.locks();
    m.Delete(K(2));
    m.Delete(K(4));
    CHECK(f.mu.locks() == locks);
    CHECK(m.StateOf(K(2)).p == EntryP::kNil);
    // Store(6): in neither map, !read.amended → dirtyLocked: make(map,
    // len(read.m)=5) (B=0: makemap allocates only the hmap), range read.m:
    // 2 and 4 are nil → expunged and skipped, 1, 3, 5 copied (the first
    // mapassign allocates the bucket); then m.read.Store(readOnly{read.m,
    // true}); then m.dirty[6] = newEntry(value). In Go's order, with the
    // caller's convT64 box and Store's escaping `value` first:
    gc::ObjectId mark = f.Mark();
    m.Store(K(6), V(1006));
    CHECK(f.AllocatedSince(mark) ==
          std::vector<std::string>{"uint64", "interface {}", "runtime.hmap", "map.bucket[int64]*T", "sync.readOnly",
                                   "interface {}", "sync.entry"});
    CHECK(m.stats().dirty_copies == copies + 1);
    CHECK(m.stats().copied_entries == 3);
    CHECK(m.stats().expunged == 2);
    SyncMapView v = m.View();
    CHECK(v.amended);
    CHECK(v.read_len == 5);
    CHECK(v.dirty_len == 4);  // 1, 3, 5, 6
    KeyState s2 = m.StateOf(K(2)), s1 = m.StateOf(K(1));
    CHECK(s2.p == EntryP::kExpunged);
    CHECK(s2.in_read);
    CHECK(!s2.in_dirty);
    CHECK(s1.same_entry);  // a shallow copy: the same *entry in both maps
    // The next new key finds dirty != nil: no copy, no readOnly.
    mark = f.Mark();
    m.Store(K(7), V(1007));
    CHECK(m.stats().dirty_copies == copies + 1);
    CHECK(f.AllocatedSince(mark) == std::vector<std::string>{"uint64", "interface {}", "interface {}", "sync.entry"});
  }
}

// ==== Entry states =================================================================================

TEST_CASE("sync.Map: an entry goes value → nil → expunged → nil → value, the same entry object throughout") {
  for (const base::VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    SyncFixture f(p);
    SyncMap& m = *f.m;
    m.Store(K(1), V(1001));
    m.Store(K(9), V(1009));
    m.Load(K(1));
    m.Load(K(9));  // 2 misses ≥ len(dirty): promoted
    KeyState s = m.StateOf(K(1));
    REQUIRE(s.in_read);
    CHECK(!s.in_dirty);
    CHECK(s.p == EntryP::kValue);
    gc::Ref e = s.entry;
    // value → nil: a read hit is deleted lock-free.
    m.Delete(K(1));
    s = m.StateOf(K(1));
    CHECK(s.p == EntryP::kNil);
    CHECK(s.entry == e);
    CHECK(!m.Load(K(1)).ok);
    // nil → expunged: the next new key's dirtyLocked (tryExpungeLocked).
    m.Store(K(2), V(1002));
    s = m.StateOf(K(1));
    CHECK(s.p == EntryP::kExpunged);
    CHECK(s.in_read);
    CHECK(!s.in_dirty);
    // A Load finds it in read.m and e.load() reports it absent, lock-free.
    uint64_t locks = f.mu.locks();
    CHECK(!m.Load(K(1)).ok);
    CHECK(f.mu.locks() == locks);
    // expunged → nil → value: tryStore refuses an expunged entry, so Store
    // locks, unexpungeLocked (CAS expunged → nil) succeeds, dirty[key] = e,
    // then storeLocked/swapLocked.
    m.Store(K(1), V(2001));
    CHECK(f.mu.locks() == locks + 1);
    CHECK(m.stats().unexpunged == 1);
    s = m.StateOf(K(1));
    CHECK(s.p == EntryP::kValue);
    CHECK(s.in_read);
    CHECK(s.in_dirty);
    CHECK(s.same_entry);
    CHECK(s.entry == e);
    CHECK(m.Load(K(1)).value == V(2001));
    // LoadOrStore unexpunges the same way and stores (loaded = false).
    m.Delete(K(9));  // a read hit: nil, and still in dirty (9, 2, 1)
    for (int i = 0; i < 3; ++i) m.Load(K(2));  // 3 misses ≥ len(dirty) = 3: promoted, 9 nil in read.m
    REQUIRE(m.View().dirty.nil());
    m.Store(K(3), V(1003));  // dirtyLocked: 9 → expunged
    REQUIRE(m.StateOf(K(9)).p == EntryP::kExpunged);
    SyncResult r = m.LoadOrStore(K(9), V(3009));
    CHECK(!r.ok);
    CHECK(r.value == V(3009));
    CHECK(m.StateOf(K(9)).p == EntryP::kValue);
    CHECK(m.StateOf(K(9)).same_entry);
    r = m.LoadOrStore(K(9), V(4009));
    CHECK(r.ok);
    CHECK(r.value == V(3009));
  }
}

// ==== Range ==========================================================================================

TEST_CASE("sync.Map: Range promotes, visits each key at most once, and is not a snapshot") {
  for (const base::VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    SyncFixture f(p);
    SyncMap& m = *f.m;
    for (int64_t k = 1; k <= 10; ++k) m.Store(K(k), V(1000 + k));
    REQUIRE(m.View().amended);
    std::map<int64_t, int> seen;
    std::map<int64_t, SyncValue> values;
    int64_t victim = 0, updated = 0;
    bool checked = false;
    m.Range([&](const Key& k, const SyncValue& v) {
      int64_t key = static_cast<int64_t>(k.bits);
      ++seen[key];
      values[key] = v;
      if (!checked) {
        // Range promoted dirty at once (under mu): misses reset, dirty nil.
        SyncMapView view = m.View();
        CHECK(!view.amended);
        CHECK(view.dirty.nil());
        CHECK(view.read_len == 10);
        checked = true;
        // f may call any method: delete a key not visited yet, update another,
        // add a new one.
        victim = key == 1 ? 2 : 1;
        updated = key == 3 ? 4 : 3;
        m.Delete(K(victim));             // e.p = nil in read.m: skipped when reached
        m.Store(K(updated), V(5000));    // tryStore on read.m's entry: seen when reached
        m.Store(K(100), V(6000));        // goes to the new dirty map, not read.m
      }
      return true;
    });
    CHECK(m.stats().range_promotions == 1);
    CHECK(seen.size() == 9);
    CHECK(seen.count(victim) == 0);
    CHECK(seen.count(100) == 0);
    for (auto& [k, n] : seen) CHECK(n == 1);
    CHECK(values[updated] == V(5000));
    CHECK(m.Load(K(100)).value == V(6000));
    CHECK(m.View().amended);  // the new key amended the promoted map
    // Stopping early: f returns false.
    int calls = 0;
    m.Range([&](const Key&, const SyncValue&) { return ++calls < 3; });
    CHECK(calls == 3);
  }
}

TEST_CASE("sync.Map: Range allocates a readOnly per call in go1.20–go1.21 only (Go issue 62404)") {
  for (const base::VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    SyncFixture f(p);
    SyncMap& m = *f.m;
    for (int64_t k = 1; k <= 3; ++k) m.Store(K(k), V(k));
    // Amended: every release allocates exactly one readOnly to promote
    // (go1.14–1.19 box it into the atomic.Value; go1.20–1.21 the escaped
    // `read`; go1.22+ copyRead).
    gc::ObjectId mark = f.Mark();
    m.Range([](const Key&, const SyncValue&) { return true; });
    CHECK(f.AllocatedSince(mark) == std::vector<std::string>{"sync.readOnly"});
    // Not amended: go1.20–1.21's `read` still escapes (m.read.Store(&read) in
    // the branch not taken); the others allocate nothing.
    uint64_t locks = f.mu.locks();
    mark = f.Mark();
    int n = 0;
    m.Range([&](const Key&, const SyncValue&) {
      ++n;
      return true;
    });
    CHECK(n == 3);
    CHECK(f.mu.locks() == locks);
    bool escapes = p.minor == 20 || p.minor == 21;
    CHECK(f.AllocatedSince(mark) ==
          (escapes ? std::vector<std::string>{"sync.readOnly"} : std::vector<std::string>{}));
  }
}

// ==== Delete and LoadAndDelete ============================================================================

// State after storing 1, 2, 3 (dirty only) and deleting 1 and 2.
SyncMapView AfterTwoDeletes(const char* version, KeyState* one) {
  SyncFixture f(P(version));
  for (int64_t k = 1; k <= 3; ++k) f.m->Store(K(k), V(1000 + k));
  f.m->Delete(K(1));
  f.m->Delete(K(2));
  *one = f.m->StateOf(K(1));
  return f.m->View();
}

TEST_CASE("sync.Map: Delete of a dirty-only key counts a miss from go1.15 (LoadAndDelete), not in go1.14") {
  KeyState one;
  // go1.14 Delete: delete(m.dirty, key) under the lock, no missLocked.
  SyncMapView v = AfterTwoDeletes("1.14", &one);
  CHECK(v.amended);
  CHECK(v.misses == 0);
  CHECK(v.dirty_len == 1);
  CHECK(one.p == EntryP::kAbsent);
  // go1.15+ LoadAndDelete: delete(m.dirty, key); missLocked(). The first
  // delete: len(dirty) 2, misses 1 < 2. The second: len(dirty) 1, misses
  // 2 ≥ 1: promoted.
  for (const char* version : {"1.15", "1.16", "1.19", "1.20", "1.23"}) {
    CAPTURE(version);
    v = AfterTwoDeletes(version, &one);
    CHECK(!v.amended);
    CHECK(v.dirty.nil());
    CHECK(v.misses == 0);
    CHECK(v.read_len == 1);
    CHECK(one.p == EntryP::kAbsent);
  }
  // go1.15.0–1.15.1 (Go issue 40999): no delete(m.dirty, key), so len(dirty)
  // stays 3 and 2 misses never reach it; key 1's entry stays in dirty, nil.
  v = AfterTwoDeletes("1.15.0", &one);
  CHECK(v.amended);
  CHECK(v.misses == 2);
  CHECK(v.dirty_len == 3);
  CHECK(one.in_dirty);
  CHECK(one.p == EntryP::kNil);
}

TEST_CASE("sync.Map: LoadAndDelete returns the value, counts a miss even for an absent key, needs go1.15") {
  SyncFixture f(P("1.15"));
  SyncMap& m = *f.m;
  for (int64_t k = 1; k <= 3; ++k) m.Store(K(k), V(1000 + k));
  SyncResult r = m.LoadAndDelete(K(99));  // "Regardless of whether the entry was present, record a miss"
  CHECK(!r.ok);
  CHECK(m.View().misses == 1);
  // Found in dirty: delete(m.dirty, key), then the miss: 2 ≥ len(dirty) = 2,
  // promoted (misses reset), and 3 is gone from both maps.
  r = m.LoadAndDelete(K(3));
  CHECK(r.ok);
  CHECK(r.value == V(1003));
  SyncMapView v = m.View();
  CHECK(v.misses == 0);
  CHECK(v.dirty.nil());
  CHECK(v.read_len == 2);
  CHECK(m.StateOf(K(3)).p == EntryP::kAbsent);
  SyncFixture old(P("1.14"));
  std::string err = ApiError([&] { old.m->LoadAndDelete(K(1)); });
  CHECK(err.find("sync.Map.LoadAndDelete needs go1.15+ (profile go1.14)") != std::string::npos);
  CHECK(err.find("m.LoadAndDelete undefined (type sync.Map has no field or method LoadAndDelete)") !=
        std::string::npos);
}

// ==== Go issue 40999 ==========================================================================================

// LeaksDeletedKeys runs Go's TestIssue40999 loop (sync/map_test.go, added by
// CL 250197) — one key stored first to keep len(m.dirty) above the miss
// count, then Store(p); Delete(p) for new keys — and reports whether the
// deleted keys' entries are still alive after a GC.
bool LeaksDeletedKeys(const char* version, SyncMapView* view, int64_t* live_entries) {
  SyncFixture f(P(version));
  SyncMap& m = *f.m;
  m.Store(K(0), V(1000));
  for (int64_t i = 1; i <= 50; ++i) {
    m.Store(K(i), V(1000 + i));
    m.Delete(K(i));
  }
  *view = m.View();
  f.c.RunCycle();
  *live_entries = f.Live("sync.entry");
  return *live_entries > 1;
}

TEST_CASE("sync.Map: Go issue 40999 — go1.15.0 never frees deleted dirty keys, go1.15 (1.15.2+) does") {
  SyncMapView v;
  int64_t live = 0;
  // go1.15.0–1.15.1: each Delete(i) finds i in dirty, counts a miss, leaves
  // the key: after 50 rounds len(dirty) = 51, misses = 50 < 51, never
  // promoted; 51 entries stay reachable.
  CHECK(LeaksDeletedKeys("1.15.0", &v, &live));
  CHECK(v.dirty_len == 51);
  CHECK(v.misses == 50);
  CHECK(v.amended);
  CHECK(live == 51);
  // The fix (delete(m.dirty, key) before missLocked): each round leaves
  // dirty = {0}, the miss reaches len(dirty) = 1 and promotes; the next
  // Store's dirtyLocked copies only key 0. One entry stays.
  for (const char* version : {"1.15", "1.16", "1.19", "1.20", "1.22", "1.23"}) {
    CAPTURE(version);
    CHECK(!LeaksDeletedKeys(version, &v, &live));
    CHECK(v.dirty.nil());
    CHECK(v.read_len == 1);
    CHECK(live == 1);
  }
  // go1.14's Delete removes the key from dirty without a miss: no leak, and
  // no promotion either.
  CHECK(!LeaksDeletedKeys("1.14", &v, &live));
  CHECK(v.dirty_len == 1);
  CHECK(v.misses == 0);
}

// ==== Swap, CompareAndSwap, CompareAndDelete, Clear ===============================================================

TEST_CASE("sync.Map: Swap, CompareAndSwap and CompareAndDelete are go1.20+, and go1.19 reports them") {
  SyncFixture old(P("1.19"));
  std::string err = ApiError([&] { old.m->Swap(K(1), V(1)); });
  CHECK(err.find("sync.Map.Swap needs go1.20+ (profile go1.19)") != std::string::npos);
  CHECK(ApiError([&] { old.m->CompareAndSwap(K(1), V(1), V(2)); }).find("sync.Map.CompareAndSwap needs go1.20+") !=
        std::string::npos);
  CHECK(ApiError([&] { old.m->CompareAndDelete(K(1), V(1)); }).find("sync.Map.CompareAndDelete needs go1.20+") !=
        std::string::npos);

  SyncFixture f(P("1.20"));
  SyncMap& m = *f.m;
  SyncResult r = m.Swap(K(1), V(1001));
  CHECK(!r.ok);
  r = m.Swap(K(1), V(2001));
  CHECK(r.ok);
  CHECK(r.value == V(1001));
  CHECK(m.CompareAndSwap(K(1), V(2001), V(3001)));
  CHECK(!m.CompareAndSwap(K(1), V(2001), V(4001)));
  CHECK(m.Load(K(1)).value == V(3001));
  CHECK(!m.CompareAndDelete(K(1), V(2001)));
  CHECK(m.CompareAndDelete(K(1), V(3001)));
  CHECK(!m.Load(K(1)).ok);
  // Interface comparison: an int64 1001 is not a nil interface.
  m.Store(K(2), SyncValue::Nil());
  CHECK(!m.CompareAndSwap(K(2), V(0), V(1)));
  CHECK(m.CompareAndSwap(K(2), SyncValue::Nil(), V(1)));
  CHECK(m.Load(K(2)).value == V(1));
}

TEST_CASE("sync.Map: CAS and CAD of dirty-only keys count misses, and CompareAndDelete keeps the key") {
  SyncFixture f(P("1.20"));
  SyncMap& m = *f.m;
  m.Store(K(5), V(1005));
  m.Store(K(6), V(1006));
  // A dirty hit under the lock: missLocked (misses 1 < len(dirty) 2).
  CHECK(m.CompareAndSwap(K(5), V(1005), V(2005)));
  CHECK(m.View().misses == 1);
  // CompareAndDelete never deletes from m.dirty ("The entry will eventually
  // be expunged"): len(dirty) stays 2, the miss makes 2 ≥ 2: promoted, and
  // key 6 is in read.m with p == nil.
  CHECK(m.CompareAndDelete(K(6), V(1006)));
  SyncMapView v = m.View();
  CHECK(v.dirty.nil());
  CHECK(v.read_len == 2);
  CHECK(m.StateOf(K(6)).p == EntryP::kNil);
  // An absent key with !read.amended: false at once, without the lock.
  uint64_t locks = f.mu.locks();
  CHECK(!m.CompareAndSwap(K(7), V(1), V(2)));
  CHECK(f.mu.locks() == locks);
}

TEST_CASE("sync.Map: Clear is go1.23+, empties read and dirty, and allocates nothing on an empty map") {
  SyncFixture old(P("1.22"));
  CHECK(ApiError([&] { old.m->Clear(); }).find("sync.Map.Clear needs go1.23+ (profile go1.22)") != std::string::npos);

  SyncFixture f(P("1.23"));
  SyncMap& m = *f.m;
  for (int64_t k = 1; k <= 3; ++k) m.Store(K(k), V(1000 + k));
  for (int64_t k = 1; k <= 3; ++k) m.Load(K(k));  // promoted
  m.Store(K(4), V(1004));                          // dirty = copy of 1..3, plus 4
  m.Load(K(4));                                    // misses 1
  gc::ObjectId mark = f.Mark();
  m.Clear();
  // m.read.Store(&readOnly{}) (one allocation); clear(m.dirty) keeps the
  // map, empty; misses = 0.
  CHECK(f.AllocatedSince(mark) == std::vector<std::string>{"sync.readOnly"});
  SyncMapView v = m.View();
  CHECK(v.read_len == 0);
  CHECK(!v.amended);
  CHECK(!v.dirty.nil());
  CHECK(v.dirty_len == 0);
  CHECK(v.misses == 0);
  for (int64_t k = 1; k <= 4; ++k) CHECK(!m.Load(K(k)).ok);
  // Already clear: the early return ("Avoid allocating a new readOnly").
  uint64_t locks = f.mu.locks();
  mark = f.Mark();
  m.Clear();
  CHECK(f.AllocatedSince(mark).empty());
  CHECK(f.mu.locks() == locks);
  m.Store(K(7), V(1007));
  CHECK(m.Load(K(7)).value == V(1007));
}

// ==== Memory ====================================================================================================

TEST_CASE("sync.Map: memory amplification against a plain map, with the bytes derived from Go's layouts") {
  for (const base::VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    // The plain map[int64]int64 with keys 1..8: one hmap (48 B) and, at B=0,
    // one bucket of 8 + 8×8 + 8×8 + 8 = 144 B.
    SyncFixture plain_f(p);
    auto plain_t = MapTypeFor(plain_f.c.types(), KeyKind::kInt64, ElemShape::Scalar(8));
    BucketMap plain(plain_f.c, p, *plain_t, plain_f.seeds, plain_f.rand, {}, &plain_f.log);
    uint32_t root = plain_f.c.host_stack()->locals.Add(plain.MakeMapSmall());
    for (int64_t k = 1; k <= 8; ++k) plain.Set(plain_f.c.host_stack()->locals[root], K(k), 1000 + k);
    plain_f.c.RunCycle();
    const uint64_t plain_bytes = 48 + 144;
    CHECK(plain_f.LiveBytes() == plain_bytes);

    // The sync.Map: keys 1..7 stored and promoted (7 misses), then key 8:
    // dirtyLocked copies 1..7 into make(map, 7) (B=0) and adds 8. Live: two
    // maps of one bucket each (read.m and dirty, map[int64]*entry buckets
    // are also 144 B), the current readOnly (16 B), and per key an entry
    // (8 B), the *any it points to (16 B) and convT64's box (8 B, values ≥ 256).
    SyncFixture f(p);
    SyncMap& m = *f.m;
    for (int64_t k = 1; k <= 7; ++k) m.Store(K(k), V(1000 + k));
    for (int64_t k = 1; k <= 7; ++k) m.Load(K(k));
    m.Store(K(8), V(1008));
    REQUIRE(m.View().dirty_len == 8);
    REQUIRE(m.View().read_len == 7);
    f.c.RunCycle();
    CHECK(f.Live("sync.entry") == 8);
    CHECK(f.Live("uint64") == 8);
    CHECK(f.LiveBytes() == 2 * plain_bytes + 16 + 8 * (8 + 16 + 8));  // 656 B: 3.4× the plain map

    // Deleting every key: the plain map keeps its hmap and bucket. sync.Map
    // deletes read.m's keys 1..7 lock-free (e.p = nil: the entries stay in
    // both maps as tombstones until a promotion and the next dirtyLocked);
    // key 8 is dirty-only: delete(m.dirty, key) drops its entry, except in
    // go1.15.0–1.15.1 (Go issue 40999), where it stays in dirty too. The 1
    // miss is below len(dirty): no promotion.
    for (int64_t k = 1; k <= 8; ++k) {
      plain.Delete(plain_f.c.host_stack()->locals[root], K(k));
      m.Delete(K(k));
    }
    plain_f.c.RunCycle();
    f.c.RunCycle();
    int64_t tombstones = p.name == "go1.15.0" ? 8 : 7;
    CHECK(plain_f.LiveBytes() == plain_bytes);
    CHECK(f.Live("sync.entry") == tombstones);
    CHECK(f.Live("uint64") == 0);
    CHECK(f.LiveBytes() == 2 * plain_bytes + 16 + 8 * tombstones);
  }
}

TEST_CASE("sync.Map: GC pressure — updating a present key allocates an any cell and a box per Store") {
  for (const base::VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    SyncFixture f(p);
    SyncMap& m = *f.m;
    m.Store(K(1), V(1000));
    m.Load(K(1));  // promoted: key 1 is a read hit from now on
    gc::ObjectId mark = f.Mark();
    for (int64_t i = 0; i < 10; ++i) m.Store(K(1), V(2000 + i));
    // Per Store: convT64 boxes the value (≥ 256) and `value` escapes (&value
    // is CASed into the entry): 2 objects; the plain map's m[k] = v: none.
    std::vector<std::string> got = f.AllocatedSince(mark);
    CHECK(got.size() == 20);
    for (size_t i = 0; i < got.size(); ++i) CHECK(got[i] == (i % 2 == 0 ? "uint64" : "interface {}"));
    // Small ints point into runtime.staticuint64s: only the *any.
    mark = f.Mark();
    m.Store(K(1), V(7));
    CHECK(f.AllocatedSince(mark) == std::vector<std::string>{"interface {}"});
    CHECK(m.Load(K(1)).value == V(7));
    // Load allocates nothing.
    mark = f.Mark();
    m.Load(K(1));
    CHECK(f.AllocatedSince(mark).empty());
  }
}

// ==== Keys and values ==============================================================================================

TEST_CASE("sync.Map: string keys, pointer values kept alive, and the invariant between read and dirty") {
  SyncFixture f(P("1.21"), KeyKind::kString);
  SyncMap& m = *f.m;
  gc::StackRoots* st = f.c.host_stack();
  const gc::Type* node = f.c.types().Struct("main.node", 16, {0});
  std::vector<uint32_t> keys;
  for (int i = 0; i < 20; ++i) {
    Key k = m.NewString("key" + std::to_string(i));
    keys.push_back(st->locals.Add(k.data));
    gc::Ref obj = f.c.New(node);
    f.c.StoreWord(obj, 8, static_cast<uint64_t>(i));
    m.Store(k, SyncValue::Ptr(obj));  // only sync.Map holds obj from here on
  }
  auto key = [&](int i) { return Key::String(st->locals[keys[i]], ("key" + std::to_string(i)).size()); };
  for (int i = 0; i < 20; i += 3) m.Load(key(i));
  for (int i = 0; i < 20; i += 4) m.Delete(key(i));
  f.c.RunCycle();  // the values are reachable only through the map
  for (int i = 0; i < 20; ++i) {
    SyncResult r = m.Load(key(i));
    CHECK(r.ok == (i % 4 != 0));
    if (r.ok) {
      CHECK(f.c.IsLive(r.value.p.id));
      CHECK(f.c.LoadWord(r.value.p, 8) == static_cast<uint64_t>(i));
    }
  }
  // KeepsInvariant: with dirty != nil, every non-expunged entry of read.m is
  // the same *entry in dirty, and no entry of dirty is expunged.
  SyncMapView v = m.View();
  for (int i = 0; i < 20; ++i) {
    KeyState s = m.StateOf(key(i));
    if (v.dirty.nil()) {
      CHECK(!v.amended);
      continue;
    }
    if (s.in_read && s.p != EntryP::kExpunged) CHECK(s.same_entry);
    if (s.in_dirty) CHECK(s.p != EntryP::kExpunged);
  }
  CHECK(f.c.Verify().empty());
}

}  // namespace
}  // namespace gostep::maps
