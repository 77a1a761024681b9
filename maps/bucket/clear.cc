// maps/bucket/clear.cc — mapclear and mapclone.
//
// mapclear (map.go:993, go1.14–go1.23) empties a map in place: B and the
// bucket array are kept (zeroed), overflow chains dropped, a new hash0 from
// go1.16 (Go issue 25237); go1.21+ first marks every chain of the new and old
// arrays emptyRest (markBucketsEmpty), which ends running iterators (Go issue
// 59411). The compiler calls it for `for k := range m { delete(m, k) }` with a
// reflexive key type (go1.11+), and for clear(m) (go1.21+).
//
// mapclone (go1.21+, maps.Clone): mapclone2 and moveToBmap as in go1.21.12
// (with the indirect-key copy fix of Go issue 64474). The go1.23.x cap of the
// destination hint for an overloaded source (Go issue 69110) is not modelled.
#include <stdexcept>

#include <fmt/format.h>

#include "base/check.h"
#include "maps/bucket/hmap.h"

namespace gostep::maps {

void BucketMap::Clear(gc::Ref h) {
  if (h.nil() || Count(h) == 0) return;
  if (Writing(h)) Fatal("concurrent map writes", "runtime.mapclear");
  SetFlags(h, Flags(h) ^ kHashWriting);
  Yield("runtime.mapclear: hashWriting set");
  if (profile_.map_clear_builtin) {
    // markBucketsEmpty(h.buckets, bucketMask(h.B)) and, while growing, the old
    // array: every tophash of every chain becomes emptyRest.
    auto mark = [&](gc::Ref array, uint64_t n) {
      for (uint64_t i = 0; i < n; ++i) {
        for (gc::Ref b = BucketAt(array, i); !b.nil(); b = Overflow(b)) {
          for (uint32_t j = 0; j < kBucketCnt; ++j) SetTopHash(b, j, kEmptyRest);
        }
      }
    };
    mark(Buckets(h), uint64_t{1} << B(h));
    if (Growing(h)) mark(Oldbuckets(h), NoldBuckets(h));
  }
  SetFlags(h, Flags(h) & ~kSameSizeGrow);
  StorePtr(h, hmap_off::kOldbuckets, gc::Ref{});
  SetNevacuate(h, 0);
  SetNoverflow(h, 0);
  SetCount(h, 0);
  if (profile_.map_reseed_on_empty) SetHash0(h, rand_.Fastrand());
  gc::Ref extra = Extra(h);
  if (!extra.nil()) {  // *h.extra = mapextra{}
    StorePtr(extra, hmap_off::kExtraOverflow, gc::Ref{});
    StorePtr(extra, hmap_off::kExtraOldoverflow, gc::Ref{});
    StorePtr(extra, hmap_off::kExtraNextOverflow, gc::Ref{});
  }
  Charge(cost::kClearPerBucketNs << B(h));
  gc::Ref next;
  MakeBucketArray(B(h), Buckets(h), &next);
  if (!next.nil()) StorePtr(Extra(h), hmap_off::kExtraNextOverflow, next);
  if (events()) Event("map_clear").Uint("h", h.id).Uint("B", B(h));
  Yield("runtime.mapclear: before the exit check");
  if (!options_.faults.no_misuse_detection && (Flags(h) & kHashWriting) == 0) {
    Fatal("concurrent map writes", "runtime.mapclear", true);
  }
  SetFlags(h, Flags(h) & ~kHashWriting);
}

gc::Ref BucketMap::Clone(gc::Ref src) {
  if (!profile_.map_clear_builtin) {
    // Go before 1.21 has no maps.Clone: the program would not compile.
    throw std::logic_error(fmt::format("maps.Clone needs go1.21+ (profile {})", profile_.name));
  }
  TempRoot dst(gc_, MakeMap(Count(src)));
  gc::Ref d = dst.get();
  SetHash0(d, Hash0(src));
  SetNevacuate(d, 0);
  if (Count(src) == 0) return d;
  auto check = [&] {
    if (Writing(src)) Fatal("concurrent map clone and map write", "runtime.mapclone2");
  };
  check();
  // Copies cell (s, i) to the end of d's chain at (b, pos).
  auto copy_cell = [&](gc::Ref& b, uint32_t& pos, gc::Ref s, uint32_t i) {
    for (; pos < kBucketCnt; ++pos) {
      if (IsEmpty(TopHashAt(b, pos))) break;
    }
    if (pos == kBucketCnt) {
      b = NewOverflow(d, b);
      pos = 0;
    }
    SetTopHash(b, pos, TopHashAt(s, i));
    if (t_.indirectkey) {
      gc::Ref sk = gc_.LoadPtr(s, t_.KeyOff(i));
      if (t_.needkeyupdate) {
        TempRoot ks(gc_, gc_.New(t_.key));
        CopyKey(ElemSlot{ks.get(), 0}, ElemSlot{sk, 0});
        sk = ks.get();
        StorePtr(b, t_.KeyOff(pos), sk);
      } else {
        StorePtr(b, t_.KeyOff(pos), sk);
      }
    } else {
      CopyKey(ElemSlot{b, t_.KeyOff(pos)}, ElemSlot{s, t_.KeyOff(i)});
    }
    if (t_.indirectelem) {
      TempRoot es(gc_, gc_.New(t_.elem));
      CopyElem(ElemSlot{es.get(), 0}, ElemSlot{gc_.LoadPtr(s, t_.ElemOff(i)), 0});
      StorePtr(b, t_.ElemOff(pos), es.get());
    } else {
      CopyElem(ElemSlot{b, t_.ElemOff(pos)}, ElemSlot{s, t_.ElemOff(i)});
    }
    ++pos;
    SetCount(d, Count(d) + 1);
  };
  if (B(src) == 0 && !(t_.indirectkey && t_.needkeyupdate) && !t_.indirectelem) {
    // Quick copy for small maps: typedmemmove of the one bucket.
    TempRoot nb(gc_, gc_.New(t_.bucket));
    StorePtr(d, hmap_off::kBuckets, nb.get());
    gc::Ref sb = Buckets(src), db = nb.get();
    for (uint32_t i = 0; i < kBucketCnt; ++i) SetTopHash(db, i, TopHashAt(sb, i));
    for (uint32_t i = 0; i < kBucketCnt; ++i) {
      if (t_.indirectkey) {
        StorePtr(db, t_.KeyOff(i), gc_.LoadPtr(sb, t_.KeyOff(i)));
      } else {
        CopyKey(ElemSlot{db, t_.KeyOff(i)}, ElemSlot{sb, t_.KeyOff(i)});
      }
      CopyElem(ElemSlot{db, t_.ElemOff(i)}, ElemSlot{sb, t_.ElemOff(i)});
    }
    SetCount(d, Count(src));
    return d;
  }
  if (B(d) == 0) {
    TempRoot nb(gc_, gc_.New(t_.bucket));
    StorePtr(d, hmap_off::kBuckets, nb.get());
  }
  uint64_t dst_size = uint64_t{1} << B(d), src_size = uint64_t{1} << B(src);
  // moveToBmap: the live cells of sb appended to db's chain from pos.
  auto move = [&](gc::Ref& db, uint32_t& pos, gc::Ref sb) {
    TempRoot keep(gc_, db);
    for (uint32_t i = 0; i < kBucketCnt; ++i) {
      if (IsEmpty(TopHashAt(sb, i))) continue;
      copy_cell(db, pos, sb, i);
      keep.set(db);
    }
  };
  for (uint64_t i = 0; i < dst_size; ++i) {
    gc::Ref db = BucketAt(Buckets(d), i);
    uint32_t pos = 0;
    for (uint64_t j = 0; j < src_size; j += dst_size) {
      for (gc::Ref sb = BucketAt(Buckets(src), i + j); !sb.nil(); sb = Overflow(sb)) move(db, pos, sb);
    }
  }
  if (!Growing(src)) return d;
  uint8_t oldB = B(src);
  if (!SameSizeGrow(src)) --oldB;
  for (uint64_t i = 0; i < (uint64_t{1} << oldB); ++i) {
    gc::Ref sb = BucketAt(Oldbuckets(src), i);
    if (Evacuated(sb)) continue;
    if (oldB >= B(d)) {
      gc::Ref db = BucketAt(Buckets(d), i & ((uint64_t{1} << B(d)) - 1));
      while (!Overflow(db).nil()) db = Overflow(db);
      uint32_t pos = 0;
      for (; !sb.nil(); sb = Overflow(sb)) move(db, pos, sb);
      continue;
    }
    for (; !sb.nil(); sb = Overflow(sb)) {
      for (uint32_t k = 0; k < kBucketCnt; ++k) {
        if (IsEmpty(TopHashAt(sb, k))) continue;
        check();
        Key key = LoadKey(KeyAt(sb, k));
        ElemSlot se = ElemAt(sb, k);
        if (t_.indirectelem) se = ElemSlot{gc_.LoadPtr(sb, se.off), 0};
        ElemSlot de = Assign(d, key);
        CopyElem(de, se);
      }
    }
  }
  return d;
}

}  // namespace gostep::maps
