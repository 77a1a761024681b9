// maps/syncmap/syncmap.cc — the methods of *sync.Map: Load, Store/Swap,
// LoadOrStore, LoadAndDelete/Delete, CompareAndSwap, CompareAndDelete,
// Clear, Range, and missLocked/dirtyLocked.
//
// Each function models the sync/map.go function it is named after, in the
// releases its comment names; the statements follow the source's order so
// that its yield points (one per atomic operation, syncmap.h) fall where
// another P could act in Go. The entry operations are in entry.cc.
#include "maps/syncmap/syncmap.h"

#include <fmt/format.h>

#include "base/check.h"

namespace gostep::maps {

// ==== HostLocker, values, names ===================================================

void HostLocker::Lock() {
  GOSTEP_CHECK(!held_) << "sync.Map locked its mu twice";
  held_ = true;
  ++locks_;
}

void HostLocker::Unlock() {
  GOSTEP_CHECK(held_) << "sync.Map unlocked an unlocked mu";
  held_ = false;
}

bool operator==(const SyncValue& a, const SyncValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case SyncValue::Kind::kNil: return true;
    case SyncValue::Kind::kInt: return a.i == b.i;
    case SyncValue::Kind::kPtr: return a.p.addr == b.p.addr;
  }
  return false;
}

const char* EntryPName(EntryP p) {
  switch (p) {
    case EntryP::kAbsent: return "absent";
    case EntryP::kValue: return "value";
    case EntryP::kNil: return "nil";
    case EntryP::kExpunged: return "expunged";
  }
  return "?";
}

// ==== SyncMapRuntime ================================================================

SyncMapRuntime::SyncMapRuntime(gc::Collector& c, const base::VersionProfile& profile, const HashSeeds& seeds,
                               MapRand& rand, MapOptions options)
    : gc_(c), profile_(profile), seeds_(seeds), rand_(rand), options_(options) {
  gc::TypeTable& t = c.types();
  readonly_ = t.Struct("sync.readOnly", 16, {0});
  entry_ = t.Struct("sync.entry", 8, {0});
  any_ = t.Struct("interface {}", 16, {1});  // {typ (static data: a scalar here), data}
  uint64_ = t.Scalar("uint64", 8);            // convT64's box (uint64Type)
  const gc::Type* static_array = t.Scalar("runtime.staticuint64s", 8);
  // Package initialisation, before any Map exists:
  //  - sync/map.go's `var expunged = unsafe.Pointer(new(any))` (go1.14–1.19),
  //    `var expunged = new(any)` (go1.20+): one object, alive for the run;
  //  - runtime.staticuint64s, [256]uint64 in Go's data segment: here one heap
  //    object held by a global, so &staticuint64s[v] is an ordinary pointer.
  expunged_slot_ = c.NewGlobal();
  c.StoreGlobal(expunged_slot_, c.New(any_));
  static_slot_ = c.NewGlobal();
  gc::Ref a = c.New(static_array, 256);
  c.StoreGlobal(static_slot_, a);
  for (uint64_t i = 0; i < 256; ++i) c.StoreWord(a, 8 * i, i);
}

SyncMapRuntime::~SyncMapRuntime() {
  if (abandoned_) return;
  gc_.FreeGlobal(expunged_slot_);
  gc_.FreeGlobal(static_slot_);
}

gc::Ref SyncMapRuntime::Expunged() { return gc_.LoadGlobal(expunged_slot_); }

gc::Ref SyncMapRuntime::StaticUint64(uint64_t v) {
  GOSTEP_CHECK(v < 256) << "staticuint64s index " << v;
  gc::Ref a = gc_.LoadGlobal(static_slot_);
  return gc::Ref{a.addr + 8 * v, a.id};
}

// ==== SyncMap: construction, read, dirty ============================================

SyncMap::SyncMap(SyncMapRuntime& rt, KeyKind key, SyncMapLocker& mu)
    : rt_(rt),
      gc_(rt.collector()),
      profile_(rt.profile()),
      mu_(mu),
      type_(MapTypeFor(rt.collector().types(), key, ElemShape::Pointer())),
      hmap_(rt.collector(), rt.profile(), *type_, rt.seeds(), rt.rand(), rt.options(), &rt.collector().log()),
      read_slot_(rt.collector().NewGlobal()),
      dirty_slot_(rt.collector().NewGlobal()) {}

SyncMap::~SyncMap() {
  if (abandoned_) return;
  gc_.FreeGlobal(read_slot_);
  gc_.FreeGlobal(dirty_slot_);
}

void SyncMap::Lock() {
  mu_.Lock();
  ++stats_.lock_acquisitions;
}

SyncMap::ReadOnly SyncMap::ReadOnlyAt(gc::Ref obj) {
  if (obj.nil()) return {};  // the zero Map: readOnly{}
  return ReadOnly{gc_.LoadPtr(obj, 0), (gc_.LoadWord(obj, 8) & 0xff) != 0};
}

// Models `read, _ := m.read.Load().(readOnly)` (go1.14–1.19) and
// m.loadReadOnly() (go1.20+): an atomic load of the read word, then a copy.
SyncMap::ReadOnly SyncMap::LoadReadOnly(const char* point) {
  Yield(point);
  return ReadOnlyAt(gc_.LoadGlobal(read_slot_));
}

// Models `m.read.Store(readOnly{m: m, amended: amended})` (go1.14–1.19: the
// value is boxed into the atomic.Value, one 16-byte object) and
// `m.read.Store(&readOnly{...})` (go1.20+: the same object).
void SyncMap::StoreReadOnly(const char* point, gc::Ref m, bool amended) {
  TempRoot rm(gc_, m);
  TempRoot obj(gc_, gc_.New(rt_.readonly_type()));
  ++stats_.readonly_allocs;
  if (!rm.get().nil()) gc_.InitPtr(obj.get(), 0, rm.get());
  gc_.StoreWord(obj.get(), 8, amended ? 1 : 0);
  Yield(point);
  gc_.StoreGlobal(read_slot_, obj.get());
}

// `e, ok := h[key]` for a map[any]*entry (mapaccess2; a nil map has nothing).
bool SyncMap::MapLookup(gc::Ref h, const Key& key, gc::Ref* e) {
  ElemSlot s;
  if (!hmap_.Access(h, key, &s)) {
    *e = gc::Ref{};
    return false;
  }
  *e = hmap_.LoadElemPtr(s);
  return true;
}

// `m.dirty[key] = e`: mapassign, then the elem store.
void SyncMap::DirtyAssign(const Key& key, gc::Ref e) {
  TempRoot re(gc_, e);
  ElemSlot s = hmap_.Assign(Dirty(), key);
  hmap_.StoreElemPtr(s, re.get());
}

base::EventLog::Line SyncMap::Event(base::Lit kind) {
  return gc_.log().Begin(gc_.world().StepCount(), gc_.world().Now(), kind);
}

void SyncMap::RequireApi(bool has, const char* method, const char* since) const {
  if (has) return;
  throw SyncMapApiError(fmt::format(
      "gostep: sync.Map.{0} needs {1}+ (profile {2}); Go rejects the program: m.{0} undefined (type sync.Map "
      "has no field or method {0})",
      method, since, profile_.name));
}

// ==== missLocked, dirtyLocked =========================================================

// Models sync/map.go:missLocked (go1.14–go1.23). The promotion is a
// hand-over: read = readOnly{m: dirty} (one readOnly; the hmap itself is not
// touched), dirty = nil, misses = 0.
void SyncMap::MissLocked() {
  ++stats_.misses;
  ++misses_;
  gc::Ref d = Dirty();
  if (misses_ < hmap_.Len(d)) return;
  ++stats_.promotions;
  if (events()) {
    Event("syncmap_promote")
        .Str("via", "missLocked")
        .Uint("hmap", d.id)
        .Int("len", hmap_.Len(d))
        .Int("misses", misses_);
  }
  StoreReadOnly("sync.(*Map).missLocked: m.read.Store", d, false);
  SetDirty(gc::Ref{});
  misses_ = 0;
}

// Models sync/map.go:dirtyLocked (go1.14–go1.23): the O(n) copy of read.m
// into a new dirty map, expunging the deleted entries.
void SyncMap::DirtyLocked() {
  if (!Dirty().nil()) return;
  ReadOnly read = LoadReadOnly("sync.(*Map).dirtyLocked: m.read.Load");
  TempRoot rm(gc_, read.m);
  SetDirty(hmap_.MakeMap(hmap_.Len(rm.get())));  // make(map[any]*entry, len(read.m))
  ++stats_.dirty_copies;
  uint64_t copied = 0, expunged = 0;
  Hiter it;
  hmap_.IterInit(rm.get(), &it);
  struct End {  // the range loop's frame goes away however the loop ends
    BucketMap& h;
    Hiter& it;
    ~End() { h.IterEnd(&it); }
  } end{hmap_, it};
  for (; it.has_key; hmap_.IterNext(&it)) {
    Key k = hmap_.LoadKey(it.key);
    TempRoot kdata(gc_, k.data);
    TempRoot e(gc_, hmap_.LoadElemPtr(it.elem));
    if (TryExpungeLocked(e.get())) {
      ++expunged;
      continue;
    }
    DirtyAssign(k, e.get());
    ++copied;
  }
  stats_.copied_entries += copied;
  stats_.expunged += expunged;
  if (events()) Event("syncmap_dirty_copy").Uint("copied", copied).Uint("expunged", expunged);
}

// ==== Load ============================================================================

// Models sync/map.go:Load (go1.14–go1.23).
SyncResult SyncMap::Load(const Key& key) {
  ReadOnly read = LoadReadOnly("sync.(*Map).Load: m.read.Load");
  TempRoot rm(gc_, read.m);
  gc::Ref e;
  bool ok = MapLookup(rm.get(), key, &e);
  TempRoot re(gc_, e);
  if (!ok && read.amended) {
    Lock();
    // Avoid reporting a spurious miss if m.dirty got promoted while we were
    // blocked on m.mu.
    read = LoadReadOnly("sync.(*Map).Load: m.read.Load (locked)");
    rm.set(read.m);
    ok = MapLookup(rm.get(), key, &e);
    re.set(e);
    if (!ok && read.amended) {
      ok = MapLookup(Dirty(), key, &e);
      re.set(e);
      // Regardless of whether the entry was present, record a miss.
      MissLocked();
    }
    Unlock();
  }
  if (!ok) return {};
  return EntryLoad(re.get(), "sync.(*Map).Load: e.p.Load");
}

// ==== Store, Swap ========================================================================

// Models sync/map.go:Store (go1.14–go1.19) and Swap (go1.20+; Store is
// `_, _ = m.Swap(key, value)`): the same statements, tryStore/storeLocked
// there, trySwap/swapLocked here.
SyncResult SyncMap::StoreOrSwap(const Key& key, const SyncValue& value, bool swap) {
  Eface ev = Conv(value);
  TempRoot vdata(gc_, ev.data);
  // `value` escapes (&value is stored in the entry): it moves to the heap at
  // function entry, on every call.
  TempRoot cell(gc_, NewCell(ev));
  ReadOnly read = LoadReadOnly(swap ? "sync.(*Map).Swap: m.read.Load" : "sync.(*Map).Store: m.read.Load");
  TempRoot rm(gc_, read.m);
  gc::Ref e;
  if (MapLookup(rm.get(), key, &e)) {
    TempRoot re(gc_, e);
    gc::Ref prev;
    if (TryStore(re.get(), cell.get(), &prev, swap ? "sync.(*entry).trySwap" : "sync.(*entry).tryStore")) {
      if (prev.nil()) return {};
      return SyncResult{CellValue(prev), true};
    }
  }

  Lock();
  read = LoadReadOnly(swap ? "sync.(*Map).Swap: m.read.Load (locked)" : "sync.(*Map).Store: m.read.Load (locked)");
  rm.set(read.m);
  SyncResult out;
  const char* store_point = swap ? "sync.(*entry).swapLocked" : "sync.(*entry).storeLocked";
  if (MapLookup(rm.get(), key, &e)) {
    TempRoot re(gc_, e);
    if (UnexpungeLocked(re.get(), "sync.(*entry).unexpungeLocked")) {
      // The entry was previously expunged, which implies that there is a
      // non-nil dirty map and this entry is not in it.
      DirtyAssign(key, re.get());
    }
    gc::Ref prev = SwapP(re.get(), cell.get(), store_point);
    if (!prev.nil()) out = SyncResult{CellValue(prev), true};
  } else if (MapLookup(Dirty(), key, &e)) {
    TempRoot re(gc_, e);
    gc::Ref prev = SwapP(re.get(), cell.get(), store_point);
    if (!prev.nil()) out = SyncResult{CellValue(prev), true};
  } else {
    if (!read.amended) {
      // We're adding the first new key to the dirty map.
      DirtyLocked();
      StoreReadOnly(swap ? "sync.(*Map).Swap: m.read.Store" : "sync.(*Map).Store: m.read.Store", rm.get(), true);
    }
    DirtyAssign(key, NewEntry(ev));
  }
  Unlock();
  return out;
}

void SyncMap::Store(const Key& key, const SyncValue& value) { StoreOrSwap(key, value, profile_.syncmap_swap_cas); }

SyncResult SyncMap::Swap(const Key& key, const SyncValue& value) {
  RequireApi(profile_.syncmap_swap_cas, "Swap", "go1.20");
  return StoreOrSwap(key, value, true);
}

// ==== LoadOrStore ==========================================================================

// Models sync/map.go:LoadOrStore (go1.14–go1.23).
SyncResult SyncMap::LoadOrStore(const Key& key, const SyncValue& value) {
  Eface ev = Conv(value);  // `value` leaks (newEntry, tryLoadOrStore): the caller's convT64
  TempRoot vdata(gc_, ev.data);
  // Avoid locking if it's a clean hit.
  ReadOnly read = LoadReadOnly("sync.(*Map).LoadOrStore: m.read.Load");
  TempRoot rm(gc_, read.m);
  gc::Ref e;
  SyncResult out;
  if (MapLookup(rm.get(), key, &e)) {
    TempRoot re(gc_, e);
    if (TryLoadOrStore(re.get(), ev, &out, "sync.(*entry).tryLoadOrStore")) return out;
  }

  Lock();
  read = LoadReadOnly("sync.(*Map).LoadOrStore: m.read.Load (locked)");
  rm.set(read.m);
  if (MapLookup(rm.get(), key, &e)) {
    TempRoot re(gc_, e);
    if (UnexpungeLocked(re.get(), "sync.(*entry).unexpungeLocked")) DirtyAssign(key, re.get());
    TryLoadOrStore(re.get(), ev, &out, "sync.(*entry).tryLoadOrStore (locked)");
  } else if (MapLookup(Dirty(), key, &e)) {
    TempRoot re(gc_, e);
    TryLoadOrStore(re.get(), ev, &out, "sync.(*entry).tryLoadOrStore (dirty)");
    MissLocked();
  } else {
    if (!read.amended) {
      // We're adding the first new key to the dirty map.
      DirtyLocked();
      StoreReadOnly("sync.(*Map).LoadOrStore: m.read.Store", rm.get(), true);
    }
    DirtyAssign(key, NewEntry(ev));
    out = SyncResult{value, false};
  }
  Unlock();
  return out;
}

// ==== LoadAndDelete, Delete ===================================================================

// Models sync/map.go:LoadAndDelete (go1.15+). In go1.15.0–go1.15.1 the locked
// path lacks `delete(m.dirty, key)` (Go issue 40999, syncmap_issue40999).
SyncResult SyncMap::LoadAndDelete(const Key& key) {
  RequireApi(profile_.syncmap_load_and_delete, "LoadAndDelete", "go1.15");
  ReadOnly read = LoadReadOnly("sync.(*Map).LoadAndDelete: m.read.Load");
  TempRoot rm(gc_, read.m);
  gc::Ref e;
  bool ok = MapLookup(rm.get(), key, &e);
  TempRoot re(gc_, e);
  if (!ok && read.amended) {
    Lock();
    read = LoadReadOnly("sync.(*Map).LoadAndDelete: m.read.Load (locked)");
    rm.set(read.m);
    ok = MapLookup(rm.get(), key, &e);
    re.set(e);
    if (!ok && read.amended) {
      ok = MapLookup(Dirty(), key, &e);
      re.set(e);
      if (!profile_.syncmap_issue40999) hmap_.Delete(Dirty(), key);
      // Regardless of whether the entry was present, record a miss.
      MissLocked();
    }
    Unlock();
  }
  if (ok) return EntryDelete(re.get(), "sync.(*entry).delete");
  return {};
}

// Models sync/map.go:Delete: go1.14's own body (Delete114); go1.15+
// `m.LoadAndDelete(key)`.
void SyncMap::Delete(const Key& key) {
  if (!profile_.syncmap_load_and_delete) {
    Delete114(key);
    return;
  }
  LoadAndDelete(key);
}

// Models sync/map.go:Delete (go1.14): a key only in the dirty map is deleted
// from it under the lock, without a miss; a key in read.m is deleted
// lock-free (e.delete()).
void SyncMap::Delete114(const Key& key) {
  ReadOnly read = LoadReadOnly("sync.(*Map).Delete: m.read.Load");
  TempRoot rm(gc_, read.m);
  gc::Ref e;
  bool ok = MapLookup(rm.get(), key, &e);
  TempRoot re(gc_, e);
  if (!ok && read.amended) {
    Lock();
    read = LoadReadOnly("sync.(*Map).Delete: m.read.Load (locked)");
    rm.set(read.m);
    ok = MapLookup(rm.get(), key, &e);
    re.set(e);
    if (!ok && read.amended) hmap_.Delete(Dirty(), key);
    Unlock();
  }
  if (ok) EntryDelete(re.get(), "sync.(*entry).delete");
}

// ==== CompareAndSwap, CompareAndDelete (go1.20+) ===============================================

// Models sync/map.go:CompareAndSwap (go1.20–go1.23).
bool SyncMap::CompareAndSwap(const Key& key, const SyncValue& old, const SyncValue& nw) {
  RequireApi(profile_.syncmap_swap_cas, "CompareAndSwap", "go1.20");
  Eface nv = Conv(nw);  // `new` leaks (nc := new escapes); `old` does not: no conversion cost
  TempRoot ndata(gc_, nv.data);
  ReadOnly read = LoadReadOnly("sync.(*Map).CompareAndSwap: m.read.Load");
  TempRoot rm(gc_, read.m);
  gc::Ref e;
  if (MapLookup(rm.get(), key, &e)) {
    TempRoot re(gc_, e);
    return TryCompareAndSwap(re.get(), old, nv, "sync.(*entry).tryCompareAndSwap");
  }
  if (!read.amended) return false;  // No existing value for key.

  Lock();  // defer m.mu.Unlock() in the source; nothing here can panic
  read = LoadReadOnly("sync.(*Map).CompareAndSwap: m.read.Load (locked)");
  rm.set(read.m);
  bool swapped = false;
  if (MapLookup(rm.get(), key, &e)) {
    TempRoot re(gc_, e);
    swapped = TryCompareAndSwap(re.get(), old, nv, "sync.(*entry).tryCompareAndSwap (locked)");
  } else if (MapLookup(Dirty(), key, &e)) {
    TempRoot re(gc_, e);
    swapped = TryCompareAndSwap(re.get(), old, nv, "sync.(*entry).tryCompareAndSwap (dirty)");
    // Count it as a miss so that we will eventually switch to the more
    // efficient steady state.
    MissLocked();
  }
  Unlock();
  return swapped;
}

// Models sync/map.go:CompareAndDelete (go1.20–go1.23): the key is never
// deleted from m.dirty here (its entry is expunged at the next dirtyLocked
// after a promotion).
bool SyncMap::CompareAndDelete(const Key& key, const SyncValue& old) {
  RequireApi(profile_.syncmap_swap_cas, "CompareAndDelete", "go1.20");
  ReadOnly read = LoadReadOnly("sync.(*Map).CompareAndDelete: m.read.Load");
  TempRoot rm(gc_, read.m);
  gc::Ref e;
  bool ok = MapLookup(rm.get(), key, &e);
  TempRoot re(gc_, e);
  if (!ok && read.amended) {
    Lock();
    read = LoadReadOnly("sync.(*Map).CompareAndDelete: m.read.Load (locked)");
    rm.set(read.m);
    ok = MapLookup(rm.get(), key, &e);
    re.set(e);
    if (!ok && read.amended) {
      ok = MapLookup(Dirty(), key, &e);
      re.set(e);
      MissLocked();
    }
    Unlock();
  }
  while (ok) {
    TempRoot p(gc_, LoadP(re.get(), "sync.(*Map).CompareAndDelete: e.p.Load"));
    if (p.get().nil() || IsExpunged(p.get()) || !CellEquals(p.get(), old)) return false;
    if (CasP(re.get(), p.get(), gc::Ref{}, "sync.(*Map).CompareAndDelete: e.p.CompareAndSwap")) return true;
  }
  return false;
}

// ==== Clear (go1.23+) ===========================================================================

// Models sync/map.go:Clear (go1.23).
void SyncMap::Clear() {
  RequireApi(profile_.syncmap_clear, "Clear", "go1.23");
  ReadOnly read = LoadReadOnly("sync.(*Map).Clear: m.read.Load");
  if (hmap_.Len(read.m) == 0 && !read.amended) return;  // avoid allocating a new readOnly

  Lock();  // defer m.mu.Unlock() in the source
  read = LoadReadOnly("sync.(*Map).Clear: m.read.Load (locked)");
  if (hmap_.Len(read.m) > 0 || read.amended) StoreReadOnly("sync.(*Map).Clear: m.read.Store", gc::Ref{}, false);
  hmap_.Clear(Dirty());  // clear(m.dirty): the map stays, empty
  // Don't immediately promote the newly-cleared dirty map on the next operation.
  misses_ = 0;
  Unlock();
}

// ==== Range ======================================================================================

// Models sync/map.go:Range (go1.14–go1.23). go1.14–1.19 keep `read` on the
// stack and box a copy into the atomic.Value when promoting; go1.20–1.21
// store `&read`, so `read` lives on the heap: one readOnly per call
// (syncmap_range_escapes_read, Go issue 62404); go1.22+ store a copy
// (copyRead) and allocate only when promoting.
void SyncMap::Range(const std::function<bool(const Key&, const SyncValue&)>& f) {
  // We need to be able to iterate over all of the keys that were already
  // present at the start of the call to Range.
  ReadOnly read;
  TempRoot heap_read(gc_, gc::Ref{});  // go1.20–1.21: `read`, moved to the heap
  if (profile_.syncmap_range_escapes_read) {
    heap_read.set(gc_.New(rt_.readonly_type()));
    ++stats_.readonly_allocs;
  }
  auto set_read = [&](const ReadOnly& r) {  // `read = …`
    read = r;
    if (heap_read.get().nil()) return;
    gc_.StorePtr(heap_read.get(), 0, r.m);
    gc_.StoreWord(heap_read.get(), 8, r.amended ? 1 : 0);
  };
  set_read(LoadReadOnly("sync.(*Map).Range: m.read.Load"));
  TempRoot rm(gc_, read.m);
  if (read.amended) {
    // m.dirty contains keys not in read.m. Range is already O(N), so a call
    // to Range amortizes an entire copy of the map: promote the dirty copy
    // immediately.
    Lock();
    set_read(LoadReadOnly("sync.(*Map).Range: m.read.Load (locked)"));
    rm.set(read.m);
    if (read.amended) {
      ++stats_.range_promotions;
      gc::Ref d = Dirty();
      if (events()) Event("syncmap_promote").Str("via", "Range").Uint("hmap", d.id).Int("len", hmap_.Len(d));
      set_read(ReadOnly{d, false});
      rm.set(d);
      if (!heap_read.get().nil()) {
        Yield("sync.(*Map).Range: m.read.Store(&read)");
        gc_.StoreGlobal(read_slot_, heap_read.get());
      } else {
        StoreReadOnly("sync.(*Map).Range: m.read.Store", d, false);
      }
      SetDirty(gc::Ref{});
      misses_ = 0;
    }
    Unlock();
  }

  Hiter it;
  hmap_.IterInit(rm.get(), &it);
  struct End {
    BucketMap& h;
    Hiter& it;
    ~End() { h.IterEnd(&it); }
  } end{hmap_, it};
  for (; it.has_key; hmap_.IterNext(&it)) {
    Key k = hmap_.LoadKey(it.key);
    TempRoot kdata(gc_, k.data);
    TempRoot e(gc_, hmap_.LoadElemPtr(it.elem));
    SyncResult v = EntryLoad(e.get(), "sync.(*Map).Range: e.p.Load");
    if (!v.ok) continue;
    TempRoot vp(gc_, v.value.p);
    if (!f(k, v.value)) break;
  }
}

// ==== Inspection ====================================================================================

SyncMapView SyncMap::View() {
  SyncMapView v;
  v.read = gc_.LoadGlobal(read_slot_);
  ReadOnly r = ReadOnlyAt(v.read);
  v.read_m = r.m;
  v.read_len = hmap_.Len(r.m);
  v.amended = r.amended;
  v.dirty = Dirty();
  v.dirty_len = hmap_.Len(v.dirty);
  v.misses = misses_;
  return v;
}

KeyState SyncMap::StateOf(const Key& key) {
  KeyState st;
  ReadOnly r = ReadOnlyAt(gc_.LoadGlobal(read_slot_));
  gc::Ref er, ed;
  st.in_read = MapLookup(r.m, key, &er);
  st.in_dirty = MapLookup(Dirty(), key, &ed);
  st.same_entry = st.in_read && st.in_dirty && er == ed;
  st.entry = st.in_read ? er : ed;
  if (!st.in_read && !st.in_dirty) return st;
  gc::Ref p = gc_.LoadPtr(st.entry, 0);
  st.p = p.nil() ? EntryP::kNil : IsExpunged(p) ? EntryP::kExpunged : EntryP::kValue;
  return st;
}

}  // namespace gostep::maps
