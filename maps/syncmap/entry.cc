// maps/syncmap/entry.cc — sync.Map's entries and the `any` values they hold.
//
// Models the (*entry) methods of sync/map.go (go1.14–go1.23): load,
// tryStore/trySwap, unexpungeLocked, storeLocked/swapLocked, tryLoadOrStore,
// delete, tryCompareAndSwap, tryExpungeLocked, and newEntry; and the
// conversions the compiler inserts around them: convT64 for an int64 passed
// as `any`, and runtime.newobject for an `any` variable whose address escapes.
// Each atomic operation on e.p is one yield point (named by the caller) and
// one Collector load, CasPtr or SwapPtr.
#include "maps/syncmap/syncmap.h"

namespace gostep::maps {
namespace {

// The typ word of a *any (syncmap.h, "Layout").
constexpr uint64_t kTypNil = 0;
constexpr uint64_t kTypInt64 = 1;
constexpr uint64_t kTypPtr = 2;

}  // namespace

// ==== Values =========================================================================

// Conv is the caller's conversion of a value to `any` for a parameter that
// leaks to the heap: runtime.convT64 for an int64 (iface.go: values below
// len(staticuint64s) point into it, others get an 8-byte box), the pointer
// itself for a pointer-shaped value, nothing for nil.
SyncMap::Eface SyncMap::Conv(const SyncValue& v) {
  switch (v.kind) {
    case SyncValue::Kind::kNil: return Eface{kTypNil, {}};
    case SyncValue::Kind::kPtr: return Eface{kTypPtr, v.p};
    case SyncValue::Kind::kInt: {
      uint64_t u = static_cast<uint64_t>(v.i);
      if (u < 256) return Eface{kTypInt64, rt_.StaticUint64(u)};
      gc::Ref box = gc_.New(rt_.uint64_type());  // mallocgc(8, uint64Type, false)
      gc_.StoreWord(box, 0, u);
      return Eface{kTypInt64, box};
    }
  }
  return {};
}

// NewCell is runtime.newobject(any) for an `any` variable whose address
// escapes (`&value`, `&ic`, `&nc`, newEntry's `&i`), initialised with v.
gc::Ref SyncMap::NewCell(const Eface& v) {
  TempRoot data(gc_, v.data);
  TempRoot cell(gc_, gc_.New(rt_.any_type()));
  gc_.StoreWord(cell.get(), 0, v.typ);
  if (!data.get().nil()) gc_.InitPtr(cell.get(), 8, data.get());
  return cell.get();
}

// CellValue is *(*any)(p): a cell never changes once published.
SyncValue SyncMap::CellValue(gc::Ref cell) {
  switch (gc_.LoadWord(cell, 0)) {
    case kTypInt64: return SyncValue::Int(static_cast<int64_t>(gc_.LoadWord(gc_.LoadPtr(cell, 8), 0)));
    case kTypPtr: return SyncValue::Ptr(gc_.LoadPtr(cell, 8));
    default: return SyncValue::Nil();
  }
}

// CellEquals is `*p == v` (efaceeq: the same type, then equal values).
bool SyncMap::CellEquals(gc::Ref cell, const SyncValue& v) { return CellValue(cell) == v; }

// Models sync/map.go:newEntry: go1.14–1.19 `&entry{p: unsafe.Pointer(&i)}`,
// go1.20+ `e := &entry{}; e.p.Store(&i)`. `i` escapes: its cell is allocated
// first, then the entry.
gc::Ref SyncMap::NewEntry(const Eface& v) {
  TempRoot cell(gc_, NewCell(v));
  TempRoot e(gc_, gc_.New(rt_.entry_type()));
  if (profile_.syncmap_swap_cas) {
    SwapP(e.get(), cell.get(), "sync.newEntry: e.p.Store");
  } else {
    gc_.InitPtr(e.get(), 0, cell.get());
  }
  return e.get();
}

// ==== Atomic operations on e.p ===========================================================

gc::Ref SyncMap::LoadP(gc::Ref e, const char* point) {
  Yield(point);
  return gc_.LoadPtr(e, 0);
}

bool SyncMap::CasP(gc::Ref e, gc::Ref old, gc::Ref nw, const char* point) {
  return gc_.CasPtr(e, 0, old, nw, point);
}

gc::Ref SyncMap::SwapP(gc::Ref e, gc::Ref nw, const char* point) { return gc_.SwapPtr(e, 0, nw, point); }

// ==== The entry methods =====================================================================

// Models (*entry).load (go1.14–go1.23).
SyncResult SyncMap::EntryLoad(gc::Ref e, const char* point) {
  gc::Ref p = LoadP(e, point);
  if (p.nil() || IsExpunged(p)) return {};
  return SyncResult{CellValue(p), true};
}

// Models (*entry).tryStore (go1.14–go1.19) and trySwap (go1.20+): CAS the new
// cell in unless the entry is expunged; *prev is the old p (nil if deleted).
bool SyncMap::TryStore(gc::Ref e, gc::Ref cell, gc::Ref* prev, const char* point) {
  for (;;) {
    TempRoot p(gc_, LoadP(e, point));
    if (IsExpunged(p.get())) return false;
    if (CasP(e, p.get(), cell, point)) {
      *prev = p.get();
      return true;
    }
  }
}

// Models (*entry).unexpungeLocked (go1.14–go1.23): CAS expunged → nil.
bool SyncMap::UnexpungeLocked(gc::Ref e, const char* point) {
  bool was = CasP(e, rt_.Expunged(), gc::Ref{}, point);
  if (was) {
    ++stats_.unexpunged;
    if (events()) Event("syncmap_unexpunge").Uint("entry", e.id);
  }
  return was;
}

// Models (*entry).tryLoadOrStore (go1.14–go1.23). Reports ok (false: the
// entry is expunged); *out is (actual, loaded).
bool SyncMap::TryLoadOrStore(gc::Ref e, const Eface& v, SyncResult* out, const char* point) {
  TempRoot p(gc_, LoadP(e, point));
  if (IsExpunged(p.get())) {
    *out = {};
    return false;
  }
  if (!p.get().nil()) {
    *out = SyncResult{CellValue(p.get()), true};
    return true;
  }
  // Copy the interface after the first load: `ic` escapes, so it is
  // heap-allocated only on this path.
  TempRoot ic(gc_, NewCell(v));
  for (;;) {
    if (CasP(e, gc::Ref{}, ic.get(), point)) {
      *out = SyncResult{CellValue(ic.get()), false};
      return true;
    }
    p.set(LoadP(e, point));
    if (IsExpunged(p.get())) {
      *out = {};
      return false;
    }
    if (!p.get().nil()) {
      *out = SyncResult{CellValue(p.get()), true};
      return true;
    }
  }
}

// Models (*entry).delete (go1.15+: returns (value, ok); go1.14: hadValue).
SyncResult SyncMap::EntryDelete(gc::Ref e, const char* point) {
  for (;;) {
    TempRoot p(gc_, LoadP(e, point));
    if (p.get().nil() || IsExpunged(p.get())) return {};
    if (CasP(e, p.get(), gc::Ref{}, point)) return SyncResult{CellValue(p.get()), true};
  }
}

// Models (*entry).tryCompareAndSwap (go1.20–go1.23).
bool SyncMap::TryCompareAndSwap(gc::Ref e, const SyncValue& old, const Eface& nw, const char* point) {
  TempRoot p(gc_, LoadP(e, point));
  if (p.get().nil() || IsExpunged(p.get()) || !CellEquals(p.get(), old)) return false;
  // Copy the interface after the first load: `nc` is heap-allocated only if
  // the comparison succeeds.
  TempRoot nc(gc_, NewCell(nw));
  for (;;) {
    if (CasP(e, p.get(), nc.get(), point)) return true;
    p.set(LoadP(e, point));
    if (p.get().nil() || IsExpunged(p.get()) || !CellEquals(p.get(), old)) return false;
  }
}

// Models (*entry).tryExpungeLocked (go1.14–go1.23): CAS nil → expunged;
// reports whether the entry is (now) expunged.
bool SyncMap::TryExpungeLocked(gc::Ref e) {
  gc::Ref p = LoadP(e, "sync.(*entry).tryExpungeLocked: e.p.Load");
  while (p.nil()) {
    if (CasP(e, gc::Ref{}, rt_.Expunged(), "sync.(*entry).tryExpungeLocked: e.p.CompareAndSwap")) {
      if (events()) Event("syncmap_expunge").Uint("entry", e.id);
      return true;
    }
    p = LoadP(e, "sync.(*entry).tryExpungeLocked: e.p.Load");
  }
  return IsExpunged(p);
}

}  // namespace gostep::maps
