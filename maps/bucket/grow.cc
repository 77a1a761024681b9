// maps/bucket/grow.cc — bucket arrays, overflow buckets and incremental growth.
//
// Models makeBucketArray, newoverflow, incrnoverflow, createOverflow,
// hashGrow, growWork, evacuate, advanceEvacuationMark and bucketEvacuated of
// runtime/map.go (go1.14–go1.23: unchanged in that span; go-map.md §1.3,
// §1.7). Growth is incremental: each write to a growing map evacuates the old
// bucket it is about to use and one more (h.nevacuate), with a yield point
// between the two; reads never evacuate.
#include <cstring>

#include "base/check.h"
#include "gc/size_classes.h"
#include "maps/bucket/hmap.h"

namespace gostep::maps {
namespace {

// roundupsize (msize.go; go1.22+ msize_allocheaders.go): the bytes mallocgc
// hands out for a request, less any malloc header.
uint64_t RoundUpSize(const base::VersionProfile& p, uint64_t size, bool noscan) {
  gc::AllocSize a = gc::ClassFor(p, size, noscan);
  if (a.large) return (size + gc::kPageSize - 1) / gc::kPageSize * gc::kPageSize;
  return a.elemsize - a.header;
}

}  // namespace

// The array length of makeBucketArray (map.go:345–356); Dump needs it too,
// to tell a pre-allocated overflow bucket from one of its own.
uint64_t BucketMap::BucketArrayLen(uint8_t b) const {
  uint64_t nbuckets = uint64_t{1} << b;
  if (b >= 4) {
    nbuckets += uint64_t{1} << (b - 4);
    uint64_t sz = t_.bucketsize * nbuckets;
    uint64_t up = RoundUpSize(profile_, sz, !t_.bucket_has_pointers());
    if (up != sz) nbuckets = up / t_.bucketsize;
  }
  return nbuckets;
}

// makeBucketArray (map.go:344): 2^b buckets, plus 2^(b-4) pre-allocated
// overflow buckets for b >= 4 (rounded up to the size class); the last one's
// overflow pointer is the array itself (the end-of-list sentinel). A dirty
// array (mapclear) is zeroed and reused.
gc::Ref BucketMap::MakeBucketArray(uint8_t b, gc::Ref dirty, gc::Ref* next_overflow) {
  uint64_t base = uint64_t{1} << b;
  uint64_t nbuckets = BucketArrayLen(b);
  gc::Ref buckets = dirty;
  if (dirty.nil()) {
    buckets = gc_.New(t_.bucket, static_cast<uint32_t>(nbuckets));
  } else {
    for (uint64_t i = 0; i < nbuckets; ++i) {
      gc::Ref bk = BucketAt(buckets, i);
      for (uint32_t w = 0; w < t_.bucketsize / 8; ++w) {
        if (t_.bucket->IsPointerWord(w)) {
          if (gc_.LoadPtr(bk, 8 * w).addr != 0) StorePtr(bk, 8 * w, gc::Ref{});
        } else {
          std::memset(gc_.Raw(bk, 8 * w, 8, "map bucket"), 0, 8);
        }
      }
      if (!t_.bucket_has_pointers()) gc_.StoreUintptr(bk, t_.overflow_off, gc::Ref{});
    }
  }
  *next_overflow = gc::Ref{};
  if (base != nbuckets) {
    TempRoot keep(gc_, buckets);
    *next_overflow = BucketAt(buckets, base);
    SetOverflow(BucketAt(buckets, nbuckets - 1), buckets);
  }
  return buckets;
}

// incrnoverflow (map.go:227): exact below B=16, then with probability
// 1/2^(B-15) (fastrand; rand() from go1.22).
void BucketMap::IncrNoverflow(gc::Ref h) {
  uint8_t b = B(h);
  if (b < 16) {
    SetNoverflow(h, Noverflow(h) + 1);
    return;
  }
  uint32_t mask = (uint32_t{1} << (b - 15)) - 1;
  if ((rand_.Fastrand() & mask) == 0) SetNoverflow(h, Noverflow(h) + 1);
}

// createOverflow (map.go:274): h.extra and h.extra.overflow (new([]*bmap)).
void BucketMap::CreateOverflow(gc::Ref h) {
  if (Extra(h).nil()) {
    TempRoot extra(gc_, gc_.New(extra_type_));
    StorePtr(h, hmap_off::kExtra, extra.get());
  }
  gc::Ref extra = Extra(h);
  if (gc_.LoadPtr(extra, hmap_off::kExtraOverflow).nil()) {
    TempRoot sl(gc_, gc_.New(slice_type_));
    StorePtr(extra, hmap_off::kExtraOverflow, sl.get());
  }
}

// `*h.extra.overflow = append(*h.extra.overflow, ovf)` with growslice's
// capacity rule (go1.18+: 2x below 256, then +(cap+768)/4; before: 2x below
// 1024, then 1.25x) and roundupsize.
void BucketMap::AppendOverflow(gc::Ref h, gc::Ref ovf) {
  gc::Ref sl = gc_.LoadPtr(Extra(h), hmap_off::kExtraOverflow);
  TempRoot keep_sl(gc_, sl);
  uint64_t len = gc_.LoadWord(sl, 8), cap = gc_.LoadWord(sl, 16);
  if (len == cap) {
    uint64_t want = cap + 1, newcap = cap, doublecap = 2 * cap;
    if (want > doublecap) {
      newcap = want;
    } else if (profile_.slice_growth_256 ? cap < 256 : len < 1024) {
      newcap = doublecap;
    } else {
      while (newcap < want) newcap += profile_.slice_growth_256 ? (newcap + 3 * 256) / 4 : newcap / 4;
    }
    newcap = RoundUpSize(profile_, newcap * 8, false) / 8;
    TempRoot arr(gc_, gc_.New(ptr_array_type_, static_cast<uint32_t>(newcap)));
    gc::Ref old = gc_.LoadPtr(sl, 0);
    for (uint64_t i = 0; i < len; ++i) gc_.InitPtr(arr.get(), 8 * i, gc_.LoadPtr(old, 8 * i));
    StorePtr(sl, 0, arr.get());
    gc_.StoreWord(sl, 16, newcap);
  }
  StorePtr(gc_.LoadPtr(sl, 0), 8 * len, ovf);
  gc_.StoreWord(sl, 8, len + 1);
}

// newoverflow (map.go:246): the next pre-allocated bucket if any (the one
// whose overflow pointer is set is the last), else newobject(t.bucket).
gc::Ref BucketMap::NewOverflow(gc::Ref h, gc::Ref b) {
  TempRoot keep_b(gc_, b);
  gc::Ref extra = Extra(h);
  gc::Ref next = extra.nil() ? gc::Ref{} : gc_.LoadPtr(extra, hmap_off::kExtraNextOverflow);
  bool prealloc = !next.nil();
  TempRoot ovf(gc_, next);
  if (prealloc) {
    if (Overflow(next).nil()) {
      StorePtr(extra, hmap_off::kExtraNextOverflow, gc::Ref{next.addr + t_.bucketsize, next.id});
    } else {
      SetOverflow(next, gc::Ref{});
      StorePtr(extra, hmap_off::kExtraNextOverflow, gc::Ref{});
    }
  } else {
    ovf.set(gc_.New(t_.bucket));
  }
  IncrNoverflow(h);
  if (!t_.bucket_has_pointers()) {
    CreateOverflow(h);
    AppendOverflow(h, ovf.get());
  }
  SetOverflow(keep_b.get(), ovf.get());
  if (events()) Event("map_overflow").Uint("h", h.id).Bool("prealloc", prealloc).Uint("noverflow", Noverflow(h));
  return ovf.get();
}

// hashGrow (map.go:1041): double, or a same-size grow when only overflow
// buckets are too many; iterator flags move to the old generation; no data
// moves here.
void BucketMap::HashGrow(gc::Ref h) {
  uint8_t bigger = 1;
  if (!OverLoadFactor(Count(h) + 1, B(h))) {
    bigger = 0;
    SetFlags(h, Flags(h) | kSameSizeGrow);
  }
  gc::Ref next;
  TempRoot newbuckets(gc_, MakeBucketArray(B(h) + bigger, gc::Ref{}, &next));
  TempRoot next_root(gc_, next);
  uint8_t flags = Flags(h) & ~(kIterator | kOldIterator);
  if ((Flags(h) & kIterator) != 0) flags |= kOldIterator;
  uint8_t oldB = B(h);
  H(h)[hmap_off::kB] = oldB + bigger;
  SetFlags(h, flags);
  StorePtr(h, hmap_off::kOldbuckets, Buckets(h));
  StorePtr(h, hmap_off::kBuckets, newbuckets.get());
  SetNevacuate(h, 0);
  SetNoverflow(h, 0);
  gc::Ref extra = Extra(h);
  if (!extra.nil() && !gc_.LoadPtr(extra, hmap_off::kExtraOverflow).nil()) {
    if (!gc_.LoadPtr(extra, hmap_off::kExtraOldoverflow).nil()) {
      gc_.world().Throw("", "oldoverflow is not nil");
    }
    StorePtr(extra, hmap_off::kExtraOldoverflow, gc_.LoadPtr(extra, hmap_off::kExtraOverflow));
    StorePtr(extra, hmap_off::kExtraOverflow, gc::Ref{});
  }
  if (!next.nil()) {
    if (Extra(h).nil()) {
      TempRoot e(gc_, gc_.New(extra_type_));
      StorePtr(h, hmap_off::kExtra, e.get());
    }
    StorePtr(Extra(h), hmap_off::kExtraNextOverflow, next_root.get());
  }
  if (events()) {
    Event("map_grow").Uint("h", h.id).Bool("same_size", bigger == 0).Uint("oldB", oldB).Uint("B", B(h));
  }
}

// growWork (map.go:1128): the old bucket behind `bucket`, then one more.
void BucketMap::GrowWork(gc::Ref h, uint64_t bucket) {
  Evacuate(h, bucket & OldBucketMask(h));
  Yield("runtime.growWork: between the two evacuations");
  if (Growing(h)) Evacuate(h, Nevacuate(h));
}

bool BucketMap::BucketEvacuated(gc::Ref h, uint64_t bucket) { return Evacuated(BucketAt(Oldbuckets(h), bucket)); }

// evacuate (map.go:1152): each old chain's live cells go to X (same index)
// or Y (index + newbit) by hash&newbit, or by tophash&1 for a NaN key while
// an iterator may run; old cells keep tophash evacuatedX/Y/Empty; the old
// bucket's keys and elems are cleared only when no old iterator can read them.
void BucketMap::Evacuate(gc::Ref h, uint64_t oldbucket) {
  TempRoot old_array(gc_, Oldbuckets(h));
  gc::Ref b = BucketAt(old_array.get(), oldbucket);
  uint64_t newbit = NoldBuckets(h);
  if (!Evacuated(b)) {
    struct Dst {
      gc::Ref b;
      uint32_t i = 0;
    };
    TempRoot xr(gc_, BucketAt(Buckets(h), oldbucket));
    TempRoot yr(gc_, gc::Ref{});
    Dst xy[2];
    xy[0].b = xr.get();
    bool same = SameSizeGrow(h);
    if (!same) xy[1].b = BucketAt(Buckets(h), oldbucket + newbit);
    yr.set(xy[1].b);
    uint32_t moved = 0;
    for (; !b.nil(); b = Overflow(b)) {
      for (uint32_t i = 0; i < kBucketCnt; ++i) {
        uint8_t top = TopHashAt(b, i);
        if (IsEmpty(top)) {
          SetTopHash(b, i, kEvacuatedEmpty);
          continue;
        }
        if (top < kMinTopHash) gc_.world().Throw("", "bad map state");
        ElemSlot k2 = KeyAt(b, i);
        uint8_t use_y = 0;
        if (!same) {
          uint64_t hash = HashStored(k2, Hash0(h));
          if ((Flags(h) & kIterator) != 0 && !t_.reflexivekey && !StoredSelfEqual(k2)) {
            use_y = top & 1;
            top = TopHash(hash);
          } else if ((hash & newbit) != 0) {
            use_y = 1;
          }
        }
        SetTopHash(b, i, kEvacuatedX + use_y);
        Dst& dst = xy[use_y];
        if (dst.i == kBucketCnt) {
          dst.b = NewOverflow(h, dst.b);
          (use_y ? yr : xr).set(dst.b);
          dst.i = 0;
        }
        SetTopHash(dst.b, dst.i & (kBucketCnt - 1), top);
        ElemSlot dk{dst.b, t_.KeyOff(dst.i)};
        if (t_.indirectkey) {
          StorePtr(dst.b, dk.off, gc_.LoadPtr(b, t_.KeyOff(i)));
        } else {
          CopyKey(dk, ElemSlot{b, t_.KeyOff(i)});
        }
        if (t_.indirectelem) {
          StorePtr(dst.b, t_.ElemOff(dst.i), gc_.LoadPtr(b, t_.ElemOff(i)));
        } else {
          CopyElem(ElemSlot{dst.b, t_.ElemOff(dst.i)}, ElemSlot{b, t_.ElemOff(i)});
        }
        ++dst.i;
        ++moved;
      }
    }
    if ((Flags(h) & kOldIterator) == 0 && t_.bucket_has_pointers()) {
      ClearSlotPointers(BucketAt(old_array.get(), oldbucket));
    }
    Charge(cost::kEvacuateNs);
    if (events()) Event("map_evacuate").Uint("h", h.id).Uint("oldbucket", oldbucket).Uint("moved", moved);
    Yield("runtime.evacuate: bucket evacuated");
  }
  if (oldbucket == Nevacuate(h)) AdvanceEvacuationMark(h, newbit);
}

// advanceEvacuationMark (map.go:1266): nevacuate past evacuated buckets (at
// most 1024 at a time); at newbit the grow is over.
void BucketMap::AdvanceEvacuationMark(gc::Ref h, uint64_t newbit) {
  SetNevacuate(h, Nevacuate(h) + 1);
  uint64_t stop = Nevacuate(h) + 1024;
  if (stop > newbit) stop = newbit;
  while (Nevacuate(h) != stop && BucketEvacuated(h, Nevacuate(h))) SetNevacuate(h, Nevacuate(h) + 1);
  if (Nevacuate(h) == newbit) {
    StorePtr(h, hmap_off::kOldbuckets, gc::Ref{});
    gc::Ref extra = Extra(h);
    if (!extra.nil()) StorePtr(extra, hmap_off::kExtraOldoverflow, gc::Ref{});
    SetFlags(h, Flags(h) & ~kSameSizeGrow);
    if (events()) Event("map_grow_done").Uint("h", h.id).Uint("B", B(h));
  }
}

}  // namespace gostep::maps
