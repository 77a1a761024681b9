// maps/bucket/iter.cc — range over a map: mapiterinit and mapiternext.
//
// Models map.go:815–990 (go1.14–go1.23). The iterator walks the bucket array
// it snapshotted (it.buckets) from a random start bucket, with one random
// in-bucket offset for every bucket; while the map is growing and the
// iterator started on the new array (it.B == h.B), an unevacuated old bucket
// is read instead, filtered to the keys that will land in the current bucket
// (checkBucket). Cells that have moved since are re-looked-up (mapaccessK), so
// deleted entries are not produced and updated ones are.
//
// The hiter's pointer fields (h, buckets, bptr, overflow, oldoverflow) are
// slots of the iterating goroutine's stack (Go keeps hiter in the range
// loop's frame), except with the untraced-iterator fault.
#include "maps/bucket/hmap.h"

namespace gostep::maps {
namespace {
enum RootIndex { kH, kBuckets, kBptr, kOverflow, kOldoverflow };
}  // namespace

static void SetRoot(Hiter* it, int i, gc::Ref r) {
  if (it->roots != nullptr && it->roots->generation == it->roots_generation) it->roots->locals[it->root_slots[i]] = r;
}

void BucketMap::IterInit(gc::Ref h, Hiter* it) {
  if (h.nil() || Count(h) == 0) {
    IterInitAt(h, it, 0, 0);
    return;
  }
  // The random start: go1.19–1.21 fastrand64 when B > 28; go1.14–1.18
  // fastrand() + fastrand()<<31 when B > 28; go1.22+ one rand() (a draw of
  // the decision stream here).
  uint8_t b = B(h);
  uint64_t r;
  if (profile_.map_rand_chacha8) {
    r = rand_.Fastrand64();
  } else if (b > 31 - kBucketCntBits) {
    if (profile_.map_iter_fastrand64) {
      r = rand_.Fastrand64();
    } else {
      r = rand_.Fastrand();
      r += static_cast<uint64_t>(rand_.Fastrand()) << 31;
    }
  } else {
    r = rand_.Fastrand();
  }
  uint64_t mask = (uint64_t{1} << b) - 1;
  IterInitAt(h, it, r & mask, static_cast<uint8_t>((r >> b) & (kBucketCnt - 1)));
}

void BucketMap::IterInitAt(gc::Ref h, Hiter* it, uint64_t start_bucket, uint8_t offset) {
  *it = Hiter{};
  if (h.nil() || Count(h) == 0) return;  // it.key == nil: no iteration, no flags
  if (!options_.faults.untraced_iterator) {
    it->roots = gc_.world().CurrentStack();
    it->roots_generation = it->roots->generation;
    for (uint32_t& s : it->root_slots) s = it->roots->locals.Add(gc::Ref{});
  }
  it->h = h;
  SetRoot(it, kH, h);
  it->B = B(h);
  it->buckets = Buckets(h);
  SetRoot(it, kBuckets, it->buckets);
  if (!t_.bucket_has_pointers()) {
    CreateOverflow(h);
    gc::Ref extra = Extra(h);
    it->overflow = gc_.LoadPtr(extra, hmap_off::kExtraOverflow);
    it->oldoverflow = gc_.LoadPtr(extra, hmap_off::kExtraOldoverflow);
    SetRoot(it, kOverflow, it->overflow);
    SetRoot(it, kOldoverflow, it->oldoverflow);
  }
  it->start_bucket = start_bucket;
  it->offset = offset;
  it->bucket = start_bucket;
  // atomic.Or8(&h.flags, iterator|oldIterator): the only atomic flag update.
  uint8_t f = Flags(h);
  if ((f & (kIterator | kOldIterator)) != (kIterator | kOldIterator)) SetFlags(h, f | kIterator | kOldIterator);
  if (events()) {
    Event("map_iter_start").Uint("h", h.id).Uint("start", start_bucket).Uint("offset", offset).Uint("B", it->B);
  }
  IterNext(it);
}

void BucketMap::IterEnd(Hiter* it) {
  if (it->roots != nullptr) {
    if (it->roots->generation == it->roots_generation) {
      for (uint32_t s : it->root_slots) it->roots->locals.Remove(s);
    }
    it->roots = nullptr;
  }
}

// mapiternext (map.go:866).
void BucketMap::IterNext(Hiter* it) {
  gc::Ref h = it->h;
  Charge(cost::kIterNextNs);
  Yield("runtime.mapiternext");
  if (Writing(h)) Fatal("concurrent map iteration and map write", "runtime.mapiternext");
  uint64_t bucket = it->bucket;
  gc::Ref b = it->bptr;
  uint32_t i = it->i;
  uint64_t check_bucket = it->check_bucket;
  for (;;) {  // next:
    if (b.nil()) {
      if (bucket == it->start_bucket && it->wrapped) {
        it->has_key = false;
        if (events()) Event("map_iter_end").Uint("h", h.id);
        return;
      }
      if (Growing(h) && it->B == B(h)) {
        uint64_t oldbucket = bucket & OldBucketMask(h);
        b = BucketAt(Oldbuckets(h), oldbucket);
        if (!Evacuated(b)) {
          check_bucket = bucket;
        } else {
          b = BucketAt(it->buckets, bucket);
          check_bucket = kNoCheck;
        }
      } else {
        b = BucketAt(it->buckets, bucket);
        check_bucket = kNoCheck;
      }
      ++bucket;
      if (bucket == (uint64_t{1} << it->B)) {
        bucket = 0;
        it->wrapped = true;
      }
      i = 0;
    }
    Pinned bp = PinBucket(b);  // no allocation or yield point below
    for (; i < kBucketCnt; ++i) {
      uint32_t offi = (i + it->offset) & (kBucketCnt - 1);
      uint8_t th = bp.p[offi];
      if (IsEmpty(th) || th == kEvacuatedEmpty) continue;
      ElemSlot k = KeyAt(b, offi);
      ElemSlot e = ElemAt(b, offi);
      if (check_bucket != kNoCheck && !SameSizeGrow(h)) {
        if (t_.reflexivekey || StoredSelfEqual(k)) {
          uint64_t hash = HashStored(k, Hash0(h));
          if ((hash & ((uint64_t{1} << it->B) - 1)) != check_bucket) continue;
        } else if ((check_bucket >> (it->B - 1)) != static_cast<uint64_t>(th & 1)) {
          continue;
        }
      }
      bool moved = th == kEvacuatedX || th == kEvacuatedY;
      if (!moved || !(t_.reflexivekey || StoredSelfEqual(k))) {
        it->key = k;
        it->elem = t_.indirectelem ? ElemSlot{gc_.LoadPtr(b, e.off), 0} : e;
        it->via_lookup = false;
      } else {
        ElemSlot rk, re;
        if (!AccessK(h, k, &rk, &re)) continue;  // deleted
        it->key = rk;
        it->elem = re;
        it->via_lookup = true;
      }
      it->has_key = true;
      it->key_bucket = b;
      it->key_slot = offi;
      it->bucket = bucket;
      if (!(it->bptr == b)) {
        it->bptr = b;
        SetRoot(it, kBptr, b);
      }
      it->i = static_cast<uint8_t>(i + 1);
      it->check_bucket = check_bucket;
      if (events()) Event("map_iter_step").Uint("h", h.id).Uint("bucket", bucket).Uint("slot", offi);
      return;
    }
    b = bp.PtrAt(t_.overflow_off);
    i = 0;
  }
}

}  // namespace gostep::maps
