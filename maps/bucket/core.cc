// maps/bucket/core.cc — the hmap header, makemap, mapaccess, mapassign,
// mapdelete, and the misuse detector's fatal.
//
// Models runtime/map.go (go1.14–go1.23; line numbers are go1.19.8's) and the
// fast variants of map_fast32.go / map_fast64.go / map_faststr.go, which give
// the same layout as the generic code except where noted (faststr's key
// update before go1.17, its delete clearing only the data pointer).
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "base/check.h"
#include "gc/size_classes.h"
#include "maps/bucket/hmap.h"

namespace gostep::maps {

BucketMap::BucketMap(gc::Collector& gc, const base::VersionProfile& profile, const MapType& t,
                     const HashSeeds& seeds, MapRand& rand, MapOptions options, base::EventLog* log)
    : gc_(gc), profile_(profile), t_(t), seeds_(seeds), rand_(rand), options_(options), log_(log) {
  gc::TypeTable& types = gc.types();
  hmap_type_ = types.Struct("runtime.hmap", hmap_off::kSize, {2, 3, 5});
  extra_type_ = types.Struct("runtime.mapextra", hmap_off::kExtraSize, {0, 1, 2});
  slice_type_ = types.Slice();
  ptr_array_type_ = types.Pointer();
  string_bytes_type_ = types.Scalar("uint8", 1);
}

// ==== hmap fields ==============================================================

void BucketMap::StorePtr(gc::Ref obj, uint64_t off, gc::Ref v) {
  if (options_.faults.no_write_barrier_on_map_store) {
    gc_.StorePtrNoBarrier(obj, off, v);
  } else {
    gc_.StorePtr(obj, off, v);
  }
}

// noldbuckets: the old array's size (half the new one unless same-size).
uint64_t BucketMap::NoldBuckets(gc::Ref h) {
  uint8_t ob = B(h);
  if (!SameSizeGrow(h)) --ob;
  return uint64_t{1} << ob;
}

// b.overflow(t): the last word; a *bmap, or a uintptr in a noscan bucket.
gc::Ref BucketMap::Overflow(gc::Ref b) {
  if (t_.bucket_has_pointers()) return gc_.LoadPtr(b, t_.overflow_off);
  return gc_.LoadUintptr(b, t_.overflow_off);
}

void BucketMap::SetOverflow(gc::Ref b, gc::Ref ovf) {
  if (t_.bucket_has_pointers()) {
    StorePtr(b, t_.overflow_off, ovf);
  } else {
    gc_.StoreUintptr(b, t_.overflow_off, ovf);
  }
}

int64_t BucketMap::Len(gc::Ref h) { return h.nil() ? 0 : Count(h); }

// ==== Misuse, events ===========================================================

// fatal (go1.19+) or throw (go1.6–1.18): the message is the same; the
// traceback differs (base::VersionProfile::user_fatal_style). Neither is
// recoverable.
void BucketMap::Fatal(const char* msg, const char* go_func, bool exit_check) {
  if (events()) Event("map_misuse").Str("msg", msg).Str("fn", go_func).Bool("exit_check", exit_check);
  gc_.world().MapFatal(msg, go_func, exit_check);
  std::abort();  // World::MapFatal does not return
}

base::EventLog::Line BucketMap::Event(base::Lit kind) {
  return log_->Begin(gc_.world().StepCount(), gc_.world().Now(), kind);
}

const char* BucketMap::FnName(const char* generic, const char* f32, const char* f64, const char* fstr) const {
  switch (t_.fast) {
    case FastPath::k32: return f32;
    case FastPath::k64: return f64;
    case FastPath::kStr: return fstr;
    case FastPath::kNone: return generic;
  }
  return generic;
}

// ==== makemap ===================================================================

bool BucketMap::OverLoadFactor(int64_t count, uint8_t b) const {
  // overLoadFactor: count > bucketCnt && count > loadFactorNum*(bucketShift(B)/loadFactorDen).
  uint64_t num = profile_.map_load_factor_num;
  return count > static_cast<int64_t>(kBucketCnt) &&
         static_cast<uint64_t>(count) > num * ((uint64_t{1} << b) / kLoadFactorDen);
}

bool BucketMap::TooManyOverflowBuckets(uint16_t noverflow, uint8_t b) {
  if (b > 15) b = 15;
  return noverflow >= static_cast<uint16_t>(uint16_t{1} << (b & 15));
}

// Models makemap_small (map.go:293).
gc::Ref BucketMap::MakeMapSmall() {
  gc::Ref h = gc_.New(hmap_type_);
  SetHash0(h, rand_.Fastrand());
  if (events()) Event("map_make").Uint("h", h.id).Uint("B", 0).Uint("hash0", Hash0(h));
  return h;
}

// Models makemap (map.go:304) and makemap64.
gc::Ref BucketMap::MakeMap(int64_t hint) {
  unsigned __int128 mem = static_cast<unsigned __int128>(static_cast<uint64_t>(hint)) * t_.bucketsize;
  if (hint < 0 || mem > (uint64_t{1} << 48)) hint = 0;  // maxAlloc on linux/amd64
  TempRoot hr(gc_, gc_.New(hmap_type_));
  gc::Ref h = hr.get();
  SetHash0(h, rand_.Fastrand());
  uint8_t b = 0;
  while (OverLoadFactor(hint, b)) ++b;
  H(h)[hmap_off::kB] = b;
  if (b != 0) {
    gc::Ref next;
    TempRoot buckets(gc_, MakeBucketArray(b, gc::Ref{}, &next));
    StorePtr(h, hmap_off::kBuckets, buckets.get());
    if (!next.nil()) {
      TempRoot extra(gc_, gc_.New(extra_type_));
      StorePtr(h, hmap_off::kExtra, extra.get());
      StorePtr(extra.get(), hmap_off::kExtraNextOverflow, next);
    }
  }
  if (events()) Event("map_make").Uint("h", h.id).Uint("B", b).Uint("hash0", Hash0(h));
  return h;
}

// ==== mapaccess ================================================================

// The chain walk of mapaccess1/2 (map.go:395–515): the old bucket while it is
// not evacuated, stop at emptyRest. The fast variants skip the hash at B == 0
// and compare keys first; the slot they find is the same.
bool BucketMap::Lookup(gc::Ref h, const Key& key, gc::Ref* bucket, uint32_t* slot, Pinned* pinned,
                       const Pinned* header) {
  Pinned hp = header != nullptr ? *header : PinH(h);
  uint8_t flags = hp.p[hmap_off::kFlags];
  uint64_t m = (uint64_t{1} << hp.p[hmap_off::kB]) - 1;
  gc::Ref buckets = hp.PtrAt(hmap_off::kBuckets), c = hp.PtrAt(hmap_off::kOldbuckets);
  uint64_t hash = HashKey(key, hp.At<uint32_t>(hmap_off::kHash0));
  gc::Ref b = BucketAt(buckets, hash & m);
  if (!c.nil()) {
    if ((flags & kSameSizeGrow) == 0) m >>= 1;
    gc::Ref oldb = BucketAt(c, hash & m);
    if (!Evacuated(oldb)) b = oldb;
  }
  uint8_t top = TopHash(hash);
  while (!b.nil()) {
    Pinned bp = PinBucket(b);
    for (uint32_t i = 0; i < kBucketCnt; ++i) {
      uint8_t th = bp.p[i];
      if (th != top) {
        if (th == kEmptyRest) return false;
        continue;
      }
      if (KeyEqualAt(key, bp, i)) {
        *bucket = b;
        *slot = i;
        if (pinned != nullptr) *pinned = bp;
        return true;
      }
    }
    b = bp.PtrAt(t_.overflow_off);
  }
  return false;
}

// Find is mapaccess2's body (and the fast variants'): nil or empty maps
// return before the misuse check, as in Go; then the chain walk.
bool BucketMap::Find(gc::Ref h, const Key& key, gc::Ref* b, uint32_t* i, Pinned* bp) {
  Charge(cost::kAccessNs);
  if (h.nil() || Count(h) == 0) {
    if (t_.hash_might_panic) HashKey(key, 0);  // t.hasher(key, 0): Go issue 23734 (go1.11+)
    return false;
  }
  Pinned hp = PinH(h);
  if (!options_.faults.no_misuse_detection && (hp.p[hmap_off::kFlags] & kHashWriting) != 0) {
    Fatal("concurrent map read and map write",
          FnName("runtime.mapaccess2", "runtime.mapaccess2_fast32", "runtime.mapaccess2_fast64",
                 "runtime.mapaccess2_faststr"));
  }
  return Lookup(h, key, b, i, bp, &hp);
}

bool BucketMap::Access(gc::Ref h, const Key& key, ElemSlot* elem) {
  gc::Ref b;
  uint32_t i;
  Pinned bp;
  if (!Find(h, key, &b, &i, &bp)) return false;
  ElemSlot e = ElemAt(b, i);
  if (t_.indirectelem) e = ElemSlot{bp.PtrAt(e.off), 0};
  *elem = e;
  return true;
}

bool BucketMap::Get(gc::Ref h, const Key& key, int64_t* v) {
  *v = 0;
  gc::Ref b;
  uint32_t i;
  Pinned bp;
  if (!Find(h, key, &b, &i, &bp)) return false;
  if (t_.indirectelem) {
    *v = LoadInt(ElemSlot{bp.PtrAt(t_.ElemOff(i)), 0});
  } else {
    std::memcpy(v, bp.p + t_.ElemOff(i), 8);
  }
  return true;
}

// mapaccessK (map.go:518): no misuse check; used by mapiternext for moved
// entries. `key` is a stored key (the iterator's stale copy).
bool BucketMap::AccessK(gc::Ref h, const ElemSlot& key, ElemSlot* k, ElemSlot* e) {
  if (h.nil() || Count(h) == 0) return false;
  gc::Ref b;
  uint32_t i;
  if (!Lookup(h, LoadKey(key), &b, &i)) return false;
  *k = KeyAt(b, i);
  *e = ElemAt(b, i);
  if (t_.indirectelem) *e = ElemSlot{gc_.LoadPtr(b, e->off), 0};
  return true;
}

// ==== mapassign ================================================================

// Models mapassign (map.go:578) and mapassign_fast32/64/faststr: the entry
// check, the hash, `flags ^= hashWriting`, lazy first bucket, growWork, the
// chain walk remembering the first empty slot, hashGrow on a new key past the
// load factor or with too many overflow buckets, newoverflow when the chain is
// full, the exit check. The caller stores the elem after it returns.
ElemSlot BucketMap::Assign(gc::Ref h, const Key& key) {
  const char* fn = FnName("runtime.mapassign", "runtime.mapassign_fast32", "runtime.mapassign_fast64",
                          "runtime.mapassign_faststr");
  if (h.nil()) gc_.world().GoPanic("assignment to entry in nil map");
  Charge(cost::kAssignNs);
  Pinned hp = PinH(h);  // for the whole call: h is the caller's (see Pinned)
  if (!options_.faults.no_misuse_detection && (hp.p[hmap_off::kFlags] & kHashWriting) != 0) {
    Fatal("concurrent map writes", fn);
  }
  uint64_t hash = HashKey(key, hp.At<uint32_t>(hmap_off::kHash0));
  hp.p[hmap_off::kFlags] ^= kHashWriting;
  if (events()) Event("map_flag").Uint("h", h.id).Str("fn", fn).Bool("writing", true);
  Yield("runtime.mapassign: hashWriting set");
  if (hp.PtrAt(hmap_off::kBuckets).nil()) {
    TempRoot nb(gc_, gc_.New(t_.bucket));  // h.buckets = newobject(t.bucket)
    StorePtr(h, hmap_off::kBuckets, nb.get());
  }

  gc::Ref insertb;
  uint32_t inserti = 0;
  for (;;) {  // again:
    uint8_t B = hp.p[hmap_off::kB];
    uint64_t bucket = hash & ((uint64_t{1} << B) - 1);
    if (!hp.PtrAt(hmap_off::kOldbuckets).nil()) GrowWork(h, bucket);
    gc::Ref b = BucketAt(hp.PtrAt(hmap_off::kBuckets), bucket);
    uint8_t top = TopHash(hash);
    bool found = false;
    insertb = gc::Ref{};
    for (bool stop = false; !stop;) {
      Pinned bp = PinBucket(b);
      for (uint32_t i = 0; i < kBucketCnt && !stop; ++i) {
        uint8_t th = bp.p[i];
        if (th != top) {
          if (IsEmpty(th) && insertb.nil()) {
            insertb = b;
            inserti = i;
          }
          stop = th == kEmptyRest;
          continue;
        }
        if (!KeyEqualAt(key, bp, i)) continue;
        // Already have a mapping for key: update it (needkeyupdate; faststr
        // only from go1.17, CL 305089).
        bool update = t_.needkeyupdate && (t_.fast != FastPath::kStr || profile_.map_faststr_key_update);
        if (update) StoreKey(KeyAt(b, i), key);
        insertb = b;
        inserti = i;
        found = stop = true;
      }
      if (stop) break;
      gc::Ref ovf = bp.PtrAt(t_.overflow_off);
      if (ovf.nil()) break;
      b = ovf;
    }
    if (found) break;
    bool growing = !hp.PtrAt(hmap_off::kOldbuckets).nil();
    if (!growing && (OverLoadFactor(hp.At<int64_t>(hmap_off::kCount) + 1, B) ||
                     TooManyOverflowBuckets(hp.At<uint16_t>(hmap_off::kNoverflow), B))) {
      HashGrow(h);
      continue;  // growing the table invalidates everything
    }
    if (insertb.nil()) {
      insertb = NewOverflow(h, b);
      inserti = 0;
    }
    InsertKey(insertb, inserti, key, top);
    hp.Set<int64_t>(hmap_off::kCount, hp.At<int64_t>(hmap_off::kCount) + 1);
    break;
  }
  Yield("runtime.mapassign: before the exit check");
  if (!options_.faults.no_misuse_detection && (hp.p[hmap_off::kFlags] & kHashWriting) == 0) {
    Fatal("concurrent map writes", fn, true);
  }
  hp.p[hmap_off::kFlags] &= ~kHashWriting;
  if (events()) Event("map_flag").Uint("h", h.id).Str("fn", fn).Bool("writing", false);
  ElemSlot e = ElemAt(insertb, inserti);
  if (t_.indirectelem) e = ElemSlot{gc_.LoadPtr(insertb, e.off), 0};
  return e;
}

// mapassign's new entry in slot i of b: newobject for an indirect key and
// elem, typedmemmove of the key, the tophash.
void BucketMap::InsertKey(gc::Ref insertb, uint32_t inserti, const Key& key, uint8_t top) {
  ElemSlot ks{insertb, t_.KeyOff(inserti)};
  TempRoot ib(gc_, insertb);
  if (t_.indirectkey) {
    TempRoot kmem(gc_, gc_.New(t_.key));
    StorePtr(insertb, ks.off, kmem.get());
    ks = ElemSlot{kmem.get(), 0};
  }
  if (t_.indirectelem) {
    TempRoot vmem(gc_, gc_.New(t_.elem));
    StorePtr(insertb, t_.ElemOff(inserti), vmem.get());
  }
  StoreKey(ks, key);
  SetTopHash(insertb, inserti, top);
}

void BucketMap::Set(gc::Ref h, const Key& key, int64_t v) {
  ElemSlot e = Assign(h, key);
  Yield("m[k] = v: the elem store after mapassign");
  StoreInt(e, v);
}

// ==== mapdelete ================================================================

// Models mapdelete (map.go:695) and mapdelete_fast32/64/faststr: the slot's
// key and elem cleared, tophash emptyOne, the trailing emptyOne run turned
// into emptyRest across overflow buckets, count--, and (go1.16+) a new hash0
// when the map becomes empty (Go issue 25237).
void BucketMap::Delete(gc::Ref h, const Key& key) {
  const char* fn = FnName("runtime.mapdelete", "runtime.mapdelete_fast32", "runtime.mapdelete_fast64",
                          "runtime.mapdelete_faststr");
  if (h.nil() || Count(h) == 0) {
    if (t_.hash_might_panic) HashKey(key, 0);  // t.hasher(key, 0): Go issue 23734 (go1.11+)
    if (h.nil()) return;
  }
  Charge(cost::kDeleteNs);
  Pinned hp = PinH(h);  // for the whole call: h is the caller's (see Pinned)
  if (hp.At<int64_t>(hmap_off::kCount) == 0) return;
  if (!options_.faults.no_misuse_detection && (hp.p[hmap_off::kFlags] & kHashWriting) != 0) {
    Fatal("concurrent map writes", fn);
  }
  uint64_t hash = HashKey(key, hp.At<uint32_t>(hmap_off::kHash0));
  hp.p[hmap_off::kFlags] ^= kHashWriting;
  if (events()) Event("map_flag").Uint("h", h.id).Str("fn", fn).Bool("writing", true);
  Yield("runtime.mapdelete: hashWriting set");
  uint64_t bucket = hash & ((uint64_t{1} << hp.p[hmap_off::kB]) - 1);
  if (!hp.PtrAt(hmap_off::kOldbuckets).nil()) GrowWork(h, bucket);
  gc::Ref b_orig = BucketAt(hp.PtrAt(hmap_off::kBuckets), bucket);
  uint8_t top = TopHash(hash);
  bool done = false;
  for (gc::Ref b = b_orig; !b.nil() && !done;) {
    Pinned bp = PinBucket(b);  // valid until the first pointer store below
    for (uint32_t i = 0; i < kBucketCnt && !done; ++i) {
      uint8_t th = bp.p[i];
      if (th != top) {
        done = th == kEmptyRest;
        continue;
      }
      if (!KeyEqualAt(key, bp, i)) continue;
      DeleteSlot(b_orig, b, i);
      int64_t count = hp.At<int64_t>(hmap_off::kCount) - 1;
      hp.Set<int64_t>(hmap_off::kCount, count);
      if (count == 0 && profile_.map_reseed_on_empty) hp.Set<uint32_t>(hmap_off::kHash0, rand_.Fastrand());
      done = true;
    }
    if (!done) b = bp.PtrAt(t_.overflow_off);
  }
  Yield("runtime.mapdelete: before the exit check");
  if (!options_.faults.no_misuse_detection && (hp.p[hmap_off::kFlags] & kHashWriting) == 0) {
    Fatal("concurrent map writes", fn, true);
  }
  hp.p[hmap_off::kFlags] &= ~kHashWriting;
  if (events()) Event("map_flag").Uint("h", h.id).Str("fn", fn).Bool("writing", false);
}

// mapdelete's work on the found slot i of b (b_orig: the chain's first
// bucket): clear the key and elem, tophash emptyOne, then, if the slot ends
// its chain's entries, turn the trailing run of emptyOne into emptyRest,
// walking back across overflow buckets.
void BucketMap::DeleteSlot(gc::Ref b_orig, gc::Ref b, uint32_t i) {
  ClearKey(b, i, t_.fast == FastPath::kStr);
  ClearElem(b, i);
  SetTopHash(b, i, kEmptyOne);
  bool last;
  if (i == kBucketCnt - 1) {
    gc::Ref ovf = Overflow(b);
    last = ovf.nil() || TopHashAt(ovf, 0) == kEmptyRest;
  } else {
    last = TopHashAt(b, i + 1) == kEmptyRest;
  }
  if (!last) return;
  gc::Ref cur = b;
  uint32_t j = i;
  for (;;) {
    SetTopHash(cur, j, kEmptyRest);
    if (j == 0) {
      if (cur == b_orig) break;
      gc::Ref c = cur;
      for (cur = b_orig; Overflow(cur).addr != c.addr; cur = Overflow(cur)) {
      }
      j = kBucketCnt - 1;
    } else {
      --j;
    }
    if (TopHashAt(cur, j) != kEmptyOne) break;
  }
}

}  // namespace gostep::maps
