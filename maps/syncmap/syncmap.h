// maps/syncmap/syncmap.h — sync.Map on the simulated heap, per profile.
//
// Models sync/map.go of go1.14–go1.23 (the go1.19.8 source is the reference
// text; ../shared/reference/go-map.md §1.11, §3, §4(h), §5.12). The deltas
// between releases are fields of base::VersionProfile:
//   syncmap_load_and_delete     go1.15+: LoadAndDelete; Delete calls it and
//                               counts a miss (go1.14's Delete does not)
//   syncmap_issue40999          go1.15.0–1.15.1: LoadAndDelete leaves the key
//                               in the dirty map (Go issue 40999)
//   syncmap_swap_cas            go1.20+: Swap, CompareAndSwap, CompareAndDelete;
//                               Store calls Swap
//   syncmap_range_escapes_read  go1.20–1.21: Range allocates a readOnly per call
//   syncmap_clear               go1.23+: Clear
//
// ==== Layout ====
//
//   Map       {mu Mutex; read atomic.Value|atomic.Pointer[readOnly];
//              dirty map[any]*entry; misses int}
//             A package-level variable (`var m sync.Map`): read and dirty are
//             pointer words of the data segment (gc globals: traced, stores
//             barriered), misses a scalar word (a host integer here), mu the
//             SyncMapLocker the caller supplies.
//   readOnly  16 B {m *hmap @0; amended bool @8}. Immutable once published.
//             go1.14–1.19 box it into the atomic.Value on each Store (convT:
//             one 16-byte object); go1.20+ allocate `&readOnly{...}` (the same
//             object). The atomic.Value's type word is static data in Go and
//             is not modelled.
//   entry     8 B {p unsafe.Pointer}: nil, expunged, or a *any.
//   *any      16 B {typ, data}: the heap copy of an escaping `any` variable.
//             typ is static data in Go (a *_type); here a scalar tag (0 nil,
//             1 int64, 2 a pointer-shaped *T). data is a pointer word: the
//             *T itself, or convT64's box for an int64: an 8-byte object, or
//             &runtime.staticuint64s[v] for 0 <= v < 256 (no allocation).
//   expunged  one `new(any)` per simulation (SyncMapRuntime), never freed.
//   staticuint64s  runtime's [256]uint64 (data segment in Go; one heap
//             object per simulation here, held by a global).
//   read.m, dirty: gostep's bucket map (maps/bucket/) of type map[K]*entry.
//             Go's are map[any]*entry: the key is an interface, hashed with
//             interhash, stored as a 16-byte eface (and an int key >= 256 is
//             boxed by the caller). gostep stores the user's key kind (int64,
//             string, …) inline and hashes it as map[K] would: a sync.Map's
//             bucket layout is never compared with Go's, and its key storage
//             costs the K's bytes instead of 16 (+8).
//
// ==== Entry states (entry.p) and the invariant ====
//
//   value     p points to a *any: the key is present; e is in read.m[key] if
//             the key was there at the last promotion, and in dirty[key]
//             whenever dirty != nil.
//   nil       deleted; either dirty == nil or dirty[key] == e (or e is in
//             neither map any more: a dirty-only key deleted by go1.14's
//             Delete or by LoadAndDelete).
//   expunged  deleted, dirty != nil, and e is NOT in dirty: only read.m has it.
//             Set by dirtyLocked (tryExpungeLocked: nil → expunged); left by
//             unexpungeLocked (expunged → nil, under mu, which then puts e
//             back into dirty before storing).
//
// KeepsInvariant (checked by tests through View/StateOf): dirty == nil ⇒
// !read.amended, and no entry of dirty is expunged; every non-expunged entry
// of read.m is in dirty when dirty != nil.
//
// ==== The operations (numbered as the source runs them) ====
//
// Load: 1. read := m.read.Load (lock-free); e := read.m[key]. 2. If missing
//   and read.amended: lock, re-load read, re-check read.m (a promotion may have
//   happened while blocked), then e := dirty[key] and missLocked() — a miss is
//   counted whether or not the key was there — unlock. 3. e.load().
// missLocked: misses++; if misses < len(dirty) return; else PROMOTE:
//   m.read.Store(readOnly{m: dirty}) — the dirty hmap becomes read.m as is, an
//   O(1) hand-over of one pointer plus one 16-byte readOnly — dirty = nil,
//   misses = 0.
// dirtyLocked: if dirty != nil return; else THE O(n) COPY: dirty =
//   make(map, len(read.m)); for each (k, e) of read.m: tryExpungeLocked
//   (nil → expunged), and copy the non-expunged ones. Runs on the first store
//   of a key that is in neither map after a promotion.
// Store (go1.14–1.19) / Swap (go1.20+; Store calls it): `value` escapes (a
//   *any allocated on every call); if e is in read.m and not expunged, a
//   lock-free CAS; else lock: in read.m → unexpungeLocked, and if it was
//   expunged dirty[key] = e; store. In dirty → store. Neither → if
//   !read.amended { dirtyLocked(); m.read.Store(readOnly{read.m, true}) };
//   dirty[key] = newEntry(value). Unlock.
// LoadOrStore: read hit → tryLoadOrStore (lock-free unless expunged); else
//   lock: as Store, but a dirty hit also counts a miss.
// LoadAndDelete (go1.15+; Delete calls it): read hit → e.delete() lock-free;
//   else lock, dirty lookup, delete(dirty, key) (missing in go1.15.0–1.15.1),
//   missLocked(), unlock, e.delete(). go1.14 Delete: delete(dirty, key), no
//   miss.
// CompareAndSwap / CompareAndDelete (go1.20+): read hit → lock-free; a dirty
//   hit under the lock counts a miss; CompareAndDelete never deletes a key
//   from dirty (it expunges later).
// Range: if read.amended, promote at once under the lock (misses = 0); then
//   iterate read.m without the lock, e.load() per key: every key present at
//   the start is visited at most once, with any value it had during the call;
//   keys stored after the promotion go to the new dirty map and are not seen.
// Clear (go1.23+): m.read.Store(&readOnly{}) if anything is there,
//   clear(m.dirty) (mapclear: dirty stays non-nil), misses = 0.
//
// ==== Atomics, yields and the heap ====
//
// Every atomic operation of the source (m.read.Load/Store, e.p.Load/Store/
// CompareAndSwap/Swap) is one runtime-grain yield point named after the
// function ("sync.(*Map).Load: e.p.Load") followed by the heap operation:
// gc global loads/stores for read, Collector::CasPtr/SwapPtr (barrier and
// exchange in one step) for entry.p. A C++ Ref held across an allocation or
// a yield is a TempRoot (the Go local on the stack). mu is taken where the
// source takes it; Unlock is explicit, as in the source (only CompareAndSwap
// and Clear use defer there; a panic cannot happen inside them here).
//
// Not modelled: the race detector annotations; compile-time constant values
// (the compiler emits static data for `m.Store(1, 1000)`: no convT64); the
// 1.24 HashTrieMap (outside go1.14–go1.23).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "base/version_profile.h"
#include "gc/collector.h"
#include "maps/bucket/hmap.h"
#include "maps/bucket/map_type.h"

namespace gostep::maps {

// ==== Map.mu ====================================================================

// SyncMapLocker is Map.mu. maps/ does not see the scheduler (DESIGN.md,
// "Layers"): runtime/ implements it over the scheduler's sync.Mutex model
// (runtime/syncmap.h). Obligations:
//  1. Lock returns with the lock held by the calling goroutine; it may park it.
//  2. Unlock releases it; unlocking an unlocked mu is sync's fatal error.
//  3. Both are yield points of the implementation's choosing.
class SyncMapLocker {
 public:
  virtual ~SyncMapLocker() = default;
  virtual void Lock() = 0;
  virtual void Unlock() = 0;
};

// HostLocker is Map.mu without a scheduler (unit tests, the host thread):
// nothing else can run, so nothing blocks. It checks that sync.Map never locks
// twice or unlocks an unlocked mu, and counts acquisitions (the slow paths).
class HostLocker final : public SyncMapLocker {
 public:
  void Lock() override;
  void Unlock() override;
  bool held() const { return held_; }
  uint64_t locks() const { return locks_; }

 private:
  bool held_ = false;
  uint64_t locks_ = 0;
};

// SyncMapApiError: the program calls a method its release's sync.Map does
// not have (Go would not compile it: "m.Swap undefined (type sync.Map has no
// field or method Swap)"). A misuse of gostep's API, thrown as
// std::logic_error like the runtime API's other misuse errors.
class SyncMapApiError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// ==== Values ====================================================================

// SyncValue is an `any` the program stores or loads: nil, an int64, or a
// pointer-shaped value (a *T, whose data word is the pointer itself).
struct SyncValue {
  enum class Kind : uint8_t {
    kNil,  // the nil interface: typ and data both nil
    kInt,  // int64: data points to convT64's box (or into staticuint64s)
    kPtr,  // *T: data is the pointer (not rooted by SyncValue: a raw Ref)
  };
  Kind kind = Kind::kNil;
  int64_t i = 0;
  gc::Ref p;

  static SyncValue Nil() { return {}; }
  static SyncValue Int(int64_t v) { return {Kind::kInt, v, {}}; }
  static SyncValue Ptr(gc::Ref r) { return {Kind::kPtr, 0, r}; }
  // operator== is Go's interface comparison: the same dynamic type and equal
  // values (pointers by address).
  friend bool operator==(const SyncValue& a, const SyncValue& b);
};

// SyncResult is (value, ok) of Load, (actual, loaded) of LoadOrStore,
// (value, loaded) of LoadAndDelete, (previous, loaded) of Swap.
struct SyncResult {
  SyncValue value;
  bool ok = false;
};

// ==== Inspection =================================================================

// EntryP is what an entry's p holds (the header's states), or kAbsent.
enum class EntryP : uint8_t {
  kAbsent,    // the key has no entry in read.m or dirty
  kValue,     // p points to a *any
  kNil,       // deleted (p == nil)
  kExpunged,  // deleted and not in dirty (p == expunged)
};
const char* EntryPName(EntryP p);

// KeyState says where a key's entry is and its state.
struct KeyState {
  bool in_read = false;
  bool in_dirty = false;
  bool same_entry = false;  // in both, and read.m[key] == dirty[key]
  EntryP p = EntryP::kAbsent;
  gc::Ref entry;
};

// SyncMapView is the Map's fields, read without yields or locks.
struct SyncMapView {
  gc::Ref read;           // the readOnly object (nil before the first store)
  gc::Ref read_m;         // read.m
  int64_t read_len = 0;   // len(read.m), nil and expunged entries included
  bool amended = false;   // read.amended
  gc::Ref dirty;          // m.dirty (nil when promoted)
  int64_t dirty_len = 0;  // len(m.dirty)
  int64_t misses = 0;
};

// SyncMapStats counts the events of the algorithm (tests and the event log).
struct SyncMapStats {
  uint64_t misses = 0;           // missLocked calls
  uint64_t promotions = 0;       // dirty → read by missLocked
  uint64_t range_promotions = 0; // dirty → read by Range
  uint64_t dirty_copies = 0;     // dirtyLocked runs that built a dirty map
  uint64_t copied_entries = 0;   // entries copied into dirty by dirtyLocked
  uint64_t expunged = 0;         // tryExpungeLocked: nil → expunged
  uint64_t unexpunged = 0;       // unexpungeLocked: expunged → nil
  uint64_t readonly_allocs = 0;  // readOnly objects allocated
  uint64_t lock_acquisitions = 0;
};

// ==== Package sync's state =========================================================

// SyncMapRuntime is what every sync.Map of one simulation shares: package
// sync's `expunged`, the runtime's staticuint64s (convT64's small ints), the
// type descriptors, and the hash seeds and random source of the maps. Create
// one per collector (runtime/ keeps one per run); it must outlive its Maps
// and die before the collector (or be Abandon()ed).
class SyncMapRuntime {
 public:
  SyncMapRuntime(gc::Collector& c, const base::VersionProfile& profile, const HashSeeds& seeds, MapRand& rand,
                 MapOptions options = {});
  ~SyncMapRuntime();
  SyncMapRuntime(const SyncMapRuntime&) = delete;
  SyncMapRuntime& operator=(const SyncMapRuntime&) = delete;

  gc::Collector& collector() { return gc_; }
  const base::VersionProfile& profile() const { return profile_; }
  const HashSeeds& seeds() const { return seeds_; }
  MapRand& rand() { return rand_; }
  const MapOptions& options() const { return options_; }

  // Expunged returns `expunged`; StaticUint64 returns
  // &runtime.staticuint64s[v], v < 256. Both are allocated by the
  // constructor (package initialisation).
  gc::Ref Expunged();
  gc::Ref StaticUint64(uint64_t v);

  const gc::Type* readonly_type() const { return readonly_; }
  const gc::Type* entry_type() const { return entry_; }
  const gc::Type* any_type() const { return any_; }
  const gc::Type* uint64_type() const { return uint64_; }

  // Abandon leaves the globals in place at destruction (the collector is
  // already gone, or going).
  void Abandon() { abandoned_ = true; }

 private:
  gc::Collector& gc_;
  const base::VersionProfile& profile_;
  HashSeeds seeds_;
  MapRand& rand_;
  MapOptions options_;
  const gc::Type* readonly_;
  const gc::Type* entry_;
  const gc::Type* any_;
  const gc::Type* uint64_;
  uint32_t expunged_slot_ = 0;
  uint32_t static_slot_ = 0;
  bool abandoned_ = false;
};

// ==== sync.Map ======================================================================

// SyncMap is one sync.Map variable with keys of kind `key` under the
// runtime's profile. Calling a method the profile lacks throws
// SyncMapApiError. Keys are the caller's (a string key's bytes are a heap
// object the caller keeps alive: NewString); a kPtr value is the caller's raw
// Ref, which sync.Map then keeps alive.
class SyncMap {
 public:
  SyncMap(SyncMapRuntime& rt, KeyKind key, SyncMapLocker& mu);
  ~SyncMap();
  SyncMap(const SyncMap&) = delete;
  SyncMap& operator=(const SyncMap&) = delete;

  // ==== The API (the methods of *sync.Map) ====
  SyncResult Load(const Key& key);
  void Store(const Key& key, const SyncValue& value);
  SyncResult LoadOrStore(const Key& key, const SyncValue& value);
  SyncResult LoadAndDelete(const Key& key);  // go1.15+
  void Delete(const Key& key);
  SyncResult Swap(const Key& key, const SyncValue& value);                          // go1.20+
  bool CompareAndSwap(const Key& key, const SyncValue& old, const SyncValue& nw);  // go1.20+
  bool CompareAndDelete(const Key& key, const SyncValue& old);                     // go1.20+
  void Clear();                                                                    // go1.23+
  // Range calls f(key, value) for each key present (f returns false to stop);
  // f may call any method of this map.
  void Range(const std::function<bool(const Key&, const SyncValue&)>& f);

  // ==== Keys ====
  // NewString allocates a string key's bytes (the caller roots key.data).
  Key NewString(std::string_view s) { return hmap_.NewString(s); }
  std::string StringOf(const Key& k) { return hmap_.StringOf(k.data, k.len); }

  // ==== Inspection (no yields, no lock) ====
  SyncMapView View();
  KeyState StateOf(const Key& key);
  const SyncMapStats& stats() const { return stats_; }
  const base::VersionProfile& profile() const { return profile_; }
  gc::Collector& collector() { return gc_; }
  BucketMap& hmap() { return hmap_; }
  // Abandon leaves the Map's globals in place at destruction.
  void Abandon() { abandoned_ = true; }

 private:
  struct ReadOnly {  // a readOnly value copied out of m.read
    gc::Ref m;
    bool amended = false;
  };
  struct Eface {  // an `any` value: typ tag and data word
    uint64_t typ = 0;
    gc::Ref data;
  };

  // ---- read, dirty, misses (syncmap.cc) ----
  ReadOnly LoadReadOnly(const char* point);  // m.read.Load() (loadReadOnly in go1.20+)
  void StoreReadOnly(const char* point, gc::Ref m, bool amended);  // m.read.Store(readOnly{m, amended})
  ReadOnly ReadOnlyAt(gc::Ref obj);
  gc::Ref Dirty() { return gc_.LoadGlobal(dirty_slot_); }
  void SetDirty(gc::Ref h) { gc_.StoreGlobal(dirty_slot_, h); }
  bool MapLookup(gc::Ref h, const Key& key, gc::Ref* e);  // e, ok := h[key]
  void DirtyAssign(const Key& key, gc::Ref e);            // m.dirty[key] = e
  void MissLocked();
  void DirtyLocked();
  void Lock();
  void Unlock() { mu_.Unlock(); }
  void RequireApi(bool has, const char* method, const char* since) const;
  SyncResult StoreOrSwap(const Key& key, const SyncValue& value, bool swap);
  void Delete114(const Key& key);

  // ---- entries and values (entry.cc) ----
  Eface Conv(const SyncValue& v);         // the caller's conversion to any (convT64)
  gc::Ref NewCell(const Eface& v);        // newobject(any) for an escaping `any`
  SyncValue CellValue(gc::Ref cell);      // *(*any)(p)
  bool CellEquals(gc::Ref cell, const SyncValue& v);  // *p == v
  gc::Ref NewEntry(const Eface& v);       // newEntry
  bool IsExpunged(gc::Ref p) { return !p.nil() && p.addr == rt_.Expunged().addr; }
  gc::Ref LoadP(gc::Ref e, const char* point);
  bool CasP(gc::Ref e, gc::Ref old, gc::Ref nw, const char* point);
  gc::Ref SwapP(gc::Ref e, gc::Ref nw, const char* point);
  SyncResult EntryLoad(gc::Ref e, const char* point);                      // e.load()
  bool TryStore(gc::Ref e, gc::Ref cell, gc::Ref* prev, const char* point);  // tryStore / trySwap
  bool UnexpungeLocked(gc::Ref e, const char* point);
  bool TryLoadOrStore(gc::Ref e, const Eface& v, SyncResult* out, const char* point);
  SyncResult EntryDelete(gc::Ref e, const char* point);                    // e.delete()
  bool TryCompareAndSwap(gc::Ref e, const SyncValue& old, const Eface& nw, const char* point);
  bool TryExpungeLocked(gc::Ref e);
  void Yield(const char* point) {
    if (rt_.options().yield_points) gc_.world().YieldPoint(point);
  }
  base::EventLog::Line Event(base::Lit kind);
  bool events() { return gc_.log().on(); }

  SyncMapRuntime& rt_;
  gc::Collector& gc_;
  const base::VersionProfile& profile_;
  SyncMapLocker& mu_;
  std::unique_ptr<MapType> type_;
  BucketMap hmap_;
  uint32_t read_slot_;
  uint32_t dirty_slot_;
  int64_t misses_ = 0;
  SyncMapStats stats_;
  bool abandoned_ = false;
};

}  // namespace gostep::maps
