// maps/bucket/hmap.h — Go's bucket map on the simulated heap.
//
// Models runtime/map.go, map_fast32.go, map_fast64.go and map_faststr.go,
// go1.14–go1.23 (../shared/reference/go-map.md: the structures and algorithms
// did not change in that span; the deltas are fields of base::VersionProfile).
// Every object is a heap object laid out as Go lays it out:
//
//   hmap (48 B)     count int @0; flags uint8 @8; B uint8 @9; noverflow
//                   uint16 @10; hash0 uint32 @12; buckets @16; oldbuckets @24;
//                   nevacuate uintptr @32; extra *mapextra @40
//   mapextra (24 B) overflow *[]*bmap @0; oldoverflow *[]*bmap @8;
//                   nextOverflow *bmap @16
//   bucket          see map_type.h; an array of 2^B of them (plus the
//                   pre-allocated overflow buckets of makeBucketArray)
//
// A bucket is named by a Ref into its array (interior pointer) or to its own
// object (an overflow bucket from newobject). Pointer words are written with
// Collector::StorePtr (the write barrier, a yield point); scalar bytes
// (tophash, integer keys, elems, flags) through Collector::Raw, re-fetched
// after every allocation and yield point, so a freed or reused bucket is
// reported by the heap, never read as host memory.
//
// Concurrency is the real detector: a plain read of flags&hashWriting at the
// same sites as Go, the non-atomic `flags ^= hashWriting` after hashing, and
// runtime-grain yield points where another P could act in Go (MapOptions).
//
// States of an hmap: empty (buckets nil or count 0); not growing (oldbuckets
// nil); growing (oldbuckets set, nevacuate < 2^oldB; sameSizeGrow flag for a
// same-size grow); a writer inside (hashWriting set).
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/event_log.h"
#include "base/version_profile.h"
#include "gc/collector.h"
#include "maps/bucket/cost.h"
#include "maps/bucket/hash.h"
#include "maps/bucket/map_type.h"

namespace gostep::maps {

// ==== Constants (map.go, go1.14–go1.23) ======================================
inline constexpr uint32_t kBucketCntBits = 3;
inline constexpr uint32_t kBucketCnt = 1 << kBucketCntBits;
inline constexpr uint32_t kLoadFactorDen = 2;
inline constexpr uint64_t kDataOffset = 8;
inline constexpr uint8_t kEmptyRest = 0;
inline constexpr uint8_t kEmptyOne = 1;
inline constexpr uint8_t kEvacuatedX = 2;
inline constexpr uint8_t kEvacuatedY = 3;
inline constexpr uint8_t kEvacuatedEmpty = 4;
inline constexpr uint8_t kMinTopHash = 5;
inline constexpr uint8_t kIterator = 1;
inline constexpr uint8_t kOldIterator = 2;
inline constexpr uint8_t kHashWriting = 4;
inline constexpr uint8_t kSameSizeGrow = 8;
inline constexpr uint64_t kNoCheck = ~uint64_t{0};

// hmap and mapextra field offsets.
namespace hmap_off {
inline constexpr uint64_t kCount = 0, kFlags = 8, kB = 9, kNoverflow = 10, kHash0 = 12, kBuckets = 16,
                          kOldbuckets = 24, kNevacuate = 32, kExtra = 40, kSize = 48;
inline constexpr uint64_t kExtraOverflow = 0, kExtraOldoverflow = 8, kExtraNextOverflow = 16, kExtraSize = 24;
}  // namespace hmap_off

inline uint8_t TopHash(uint64_t hash) {  // map.go:tophash
  uint8_t top = static_cast<uint8_t>(hash >> 56);
  return top < kMinTopHash ? top + kMinTopHash : top;
}
inline bool IsEmpty(uint8_t x) { return x <= kEmptyOne; }

// MapRand is the source of the map's random draws (fastrand / rand()):
// hash0, the iterator start, NaN hashes, incrnoverflow above B=15.
class MapRand {
 public:
  virtual ~MapRand() = default;
  virtual uint32_t Fastrand() = 0;
  virtual uint64_t Fastrand64() = 0;
};

// Named faults (off by default): mechanisms the design article needs that Go
// does not have (../shared/reference/go-map.md §4).
struct MapFaults {
  bool untraced_iterator = false;  // hiter's bucket pointers are not roots
  bool no_misuse_detection = false;  // no hashWriting checks (as before go1.6)
  bool no_write_barrier_on_map_store = false;  // map pointer stores skip the barrier
};

struct MapOptions {
  bool yield_points = true;  // runtime-grain yield points inside map operations
  MapFaults faults;
};

// A key as the caller's frame holds it (the `key unsafe.Pointer` argument).
struct Key {
  uint64_t bits = 0;             // integers (two's complement), float bits
  gc::Ref data;                  // string: the bytes object
  uint64_t len = 0;              // string length
  const uint8_t* bytes = nullptr;  // kBytes, kStruct, kIface: keysize bytes, Go's layout
  const gc::ObjectId* ids = nullptr;  // kStruct, kIface: per 8-byte word, its pointer's provenance (or null)

  static Key Int(int64_t v) { return Key{.bits = static_cast<uint64_t>(v)}; }
  // Image is a struct or interface key (key_layout.h: KeyImage).
  static Key Image(const uint8_t* bytes, const gc::ObjectId* ids) { return Key{.bytes = bytes, .ids = ids}; }
  static Key Float(double v);
  static Key String(gc::Ref data, uint64_t len) { return Key{.data = data, .len = len}; }
};

// Where mapassign put an elem: the caller stores the value there afterwards.
struct ElemSlot {
  gc::Ref obj;    // the bucket (or the indirect elem object)
  uint64_t off = 0;
};

class BucketMap;

// TempRoot keeps a Ref alive across allocations and yield points: a slot of
// the current goroutine's stack (Go's local variable in a runtime frame). A
// goroutine that dies inside map code (a fatal error, a fault) has its stack
// released before the C++ frames unwind: the slot is then already gone.
class TempRoot {
 public:
  TempRoot(gc::Collector& c, gc::Ref r)
      : stack_(c.world().CurrentStack()), slot_(stack_->locals.Add(r)), generation_(stack_->generation) {}
  ~TempRoot() {
    if (stack_->generation == generation_) stack_->locals.Remove(slot_);
  }
  TempRoot(const TempRoot&) = delete;
  TempRoot& operator=(const TempRoot&) = delete;
  gc::Ref get() const { return stack_->locals[slot_]; }
  void set(gc::Ref r) { stack_->locals[slot_] = r; }

 private:
  gc::StackRoots* stack_;
  uint32_t slot_;
  uint32_t generation_;
};

// Hiter models hiter (map.go:165): 12 words in Go. Its pointer fields are
// roots of the goroutine that iterates (Go keeps the hiter on its stack),
// unless the untraced-iterator fault is on.
struct Hiter {
  gc::Ref key_bucket;  // where it.key/it.elem point (bucket or old bucket)
  uint32_t key_slot = 0;
  bool has_key = false;   // it.key != nil
  bool via_lookup = false;  // key/elem came from mapaccessK (moved entry)
  ElemSlot key, elem;     // it.key / it.elem locations
  gc::Ref h, buckets, bptr, overflow, oldoverflow;
  uint64_t start_bucket = 0;
  uint8_t offset = 0;
  bool wrapped = false;
  uint8_t B = 0;
  uint8_t i = 0;
  uint64_t bucket = 0;
  uint64_t check_bucket = 0;
  uint32_t root_slots[5] = {};  // StackRoots slots holding h, buckets, bptr, overflow, oldoverflow
  gc::StackRoots* roots = nullptr;
  uint32_t roots_generation = 0;  // the stack's generation when the slots were taken
};

// BucketMap is the runtime code for maps of one type under one profile.
class BucketMap {
 public:
  BucketMap(gc::Collector& gc, const base::VersionProfile& profile, const MapType& t, const HashSeeds& seeds,
            MapRand& rand, MapOptions options, base::EventLog* log);

  const MapType& type() const { return t_; }
  const base::VersionProfile& profile() const { return profile_; }

  // ==== The runtime entry points ====
  gc::Ref MakeMap(int64_t hint);   // makemap (makemap64: hints past int are 0)
  gc::Ref MakeMapSmall();          // makemap_small
  // Access returns the elem slot of key, or nothing (mapaccess2 / _fast*).
  bool Access(gc::Ref h, const Key& key, ElemSlot* elem);
  ElemSlot Assign(gc::Ref h, const Key& key);  // mapassign / _fast*
  void Delete(gc::Ref h, const Key& key);      // mapdelete / _fast*
  void Clear(gc::Ref h);                       // mapclear (the clear builtin, go1.21+; range-delete idiom)
  gc::Ref Clone(gc::Ref src);                  // maps.Clone → mapclone (go1.21+)
  int64_t Len(gc::Ref h);                      // len(m): no check
  void IterInit(gc::Ref h, Hiter* it);          // mapiterinit
  // IterInitAt is mapiterinit with the start bucket and offset given (a
  // differential test reads them from a real reflect.MapIter).
  void IterInitAt(gc::Ref h, Hiter* it, uint64_t start_bucket, uint8_t offset);
  void IterNext(Hiter* it);                     // mapiternext
  void IterEnd(Hiter* it);                      // the range loop's frame is gone: drop the roots

  // ==== Values (the caller's side of the assignment) ====
  int64_t LoadInt(const ElemSlot& e);
  void StoreInt(const ElemSlot& e, int64_t v);
  gc::Ref LoadElemPtr(const ElemSlot& e);
  void StoreElemPtr(const ElemSlot& e, gc::Ref v);
  Key LoadKey(const ElemSlot& k);
  // Set is `m[k] = v` for an 8-byte scalar elem: mapassign, then the store.
  void Set(gc::Ref h, const Key& key, int64_t v);
  bool Get(gc::Ref h, const Key& key, int64_t* v);

  // ==== Inspection (dump.cc) ====
  // Dump is the differential test's view of a map (dump.cc has the format;
  // tests/differential/ prints the same from real Go).
  nlohmann::json Dump(gc::Ref h);
  uint64_t Hash(const Key& k, uint32_t seed);

  // A string's bytes (a noscan object) and its Go value.
  Key NewString(std::string_view s);
  std::string StringOf(gc::Ref data, uint64_t len);

 private:
  friend class MapInternals;
  // Pinned: an object's bytes and its pointer words' ids, valid until the
  // next allocation or yield point (gc::Collector::RawWithShadow). A pin of
  // an object that stays reachable from the caller for the whole operation
  // (the hmap: Go's `h *hmap` argument; h.buckets while h points to it) stays
  // valid across them too: heap objects never move and a reachable object is
  // never freed. Only scalar bytes are written through a pin (Set).
  struct Pinned {
    uint8_t* p = nullptr;
    const uint64_t* shadow = nullptr;
    gc::Ref PtrAt(uint64_t off) const {
      uint64_t a;
      std::memcpy(&a, p + off, 8);
      return gc::Ref{a, shadow != nullptr ? shadow[off / 8] : 0};
    }
    template <typename T>
    T At(uint64_t off) const {
      T v;
      std::memcpy(&v, p + off, sizeof(T));
      return v;
    }
    template <typename T>
    void Set(uint64_t off, T v) const {
      std::memcpy(p + off, &v, sizeof(T));
    }
  };
  Pinned PinH(gc::Ref h) {
    Pinned x;
    x.p = gc_.RawWithShadow(h, 0, hmap_off::kSize, "map header", &x.shadow);
    return x;
  }
  Pinned PinBucket(gc::Ref b) {
    Pinned x;
    x.p = gc_.RawWithShadow(b, 0, t_.bucketsize, "map bucket", &x.shadow);
    return x;
  }
  bool KeyEqualAt(const Key& k, const Pinned& b, uint32_t i);

  // ---- hmap fields ----
  uint8_t* H(gc::Ref h) { return gc_.Raw(h, 0, hmap_off::kSize, "map header"); }
  uint8_t Flags(gc::Ref h) { return H(h)[hmap_off::kFlags]; }
  void SetFlags(gc::Ref h, uint8_t f) { H(h)[hmap_off::kFlags] = f; }
  uint8_t B(gc::Ref h) { return H(h)[hmap_off::kB]; }
  // Scalar hmap fields at their offsets (hmap_off), read and written as Go does.
  template <typename T>
  T Field(gc::Ref h, uint64_t off) {
    T v;
    std::memcpy(&v, H(h) + off, sizeof(T));
    return v;
  }
  template <typename T>
  void SetField(gc::Ref h, uint64_t off, T v) {
    std::memcpy(H(h) + off, &v, sizeof(T));
  }
  int64_t Count(gc::Ref h) { return Field<int64_t>(h, hmap_off::kCount); }
  void SetCount(gc::Ref h, int64_t c) { SetField(h, hmap_off::kCount, c); }
  uint32_t Hash0(gc::Ref h) { return Field<uint32_t>(h, hmap_off::kHash0); }
  void SetHash0(gc::Ref h, uint32_t v) { SetField(h, hmap_off::kHash0, v); }
  uint16_t Noverflow(gc::Ref h) { return Field<uint16_t>(h, hmap_off::kNoverflow); }
  void SetNoverflow(gc::Ref h, uint16_t v) { SetField(h, hmap_off::kNoverflow, v); }
  uint64_t Nevacuate(gc::Ref h) { return Field<uint64_t>(h, hmap_off::kNevacuate); }
  void SetNevacuate(gc::Ref h, uint64_t v) { SetField(h, hmap_off::kNevacuate, v); }
  gc::Ref Buckets(gc::Ref h) { return gc_.LoadPtr(h, hmap_off::kBuckets); }
  gc::Ref Oldbuckets(gc::Ref h) { return gc_.LoadPtr(h, hmap_off::kOldbuckets); }
  gc::Ref Extra(gc::Ref h) { return gc_.LoadPtr(h, hmap_off::kExtra); }
  void StorePtr(gc::Ref obj, uint64_t off, gc::Ref v);
  bool Growing(gc::Ref h) { return !Oldbuckets(h).nil(); }
  bool SameSizeGrow(gc::Ref h) { return (Flags(h) & kSameSizeGrow) != 0; }
  uint64_t NoldBuckets(gc::Ref h);
  uint64_t OldBucketMask(gc::Ref h) { return NoldBuckets(h) - 1; }

  // ---- buckets ----
  gc::Ref BucketAt(gc::Ref array, uint64_t i) const {
    return gc::Ref{array.addr + i * t_.bucketsize, array.id};
  }
  uint8_t* Bk(gc::Ref b) { return gc_.Raw(b, 0, t_.bucketsize, "map bucket"); }
  uint8_t TopHashAt(gc::Ref b, uint32_t i) { return Bk(b)[i]; }
  void SetTopHash(gc::Ref b, uint32_t i, uint8_t v) { Bk(b)[i] = v; }
  gc::Ref Overflow(gc::Ref b);
  void SetOverflow(gc::Ref b, gc::Ref ovf);
  bool Evacuated(gc::Ref b) {
    uint8_t h = TopHashAt(b, 0);
    return h > kEmptyOne && h < kMinTopHash;
  }

  struct DumpArrays;
  nlohmann::json DumpChain(gc::Ref b, const DumpArrays& arrays);

  // ---- keys (keys.cc) ----
  ElemSlot KeyAt(gc::Ref b, uint32_t i);   // follows an indirect key
  ElemSlot ElemAt(gc::Ref b, uint32_t i);  // the slot (not followed)
  uint64_t HashKey(const Key& k, uint32_t hash0);
  uint64_t HashStored(const ElemSlot& k, uint32_t hash0);
  bool KeyEqual(const Key& k, const ElemSlot& stored);
  bool StoredSelfEqual(const ElemSlot& stored);  // t.key.equal(k, k)
  void StoreKey(const ElemSlot& dst, const Key& k);
  void CopyKey(const ElemSlot& dst, const ElemSlot& src);   // typedmemmove(t.key)
  void CopyElem(const ElemSlot& dst, const ElemSlot& src);  // typedmemmove(t.elem)
  void ClearKey(gc::Ref b, uint32_t i, bool faststr);
  void ClearElem(gc::Ref b, uint32_t i);
  void ClearSlotPointers(gc::Ref b);  // evacuate's memclrHasPointers after tophash
  // kStruct/kIface keys (keys_struct.cc via keys.cc): the hasher and t.key.equal.
  uint64_t HashGoKey(const uint8_t* key, uint64_t hash0);
  bool EqualGoKey(const uint8_t* a, const uint8_t* b);

  // ---- growth (grow.cc) ----
  gc::Ref MakeBucketArray(uint8_t b, gc::Ref dirty, gc::Ref* next_overflow);
  // BucketArrayLen is how many buckets makeBucketArray allocates for 2^b:
  // with the pre-allocated overflow buckets, rounded up to the size class.
  uint64_t BucketArrayLen(uint8_t b) const;
  gc::Ref NewOverflow(gc::Ref h, gc::Ref b);
  void IncrNoverflow(gc::Ref h);
  void CreateOverflow(gc::Ref h);
  void AppendOverflow(gc::Ref h, gc::Ref ovf);
  void HashGrow(gc::Ref h);
  void GrowWork(gc::Ref h, uint64_t bucket);
  void Evacuate(gc::Ref h, uint64_t oldbucket);
  void AdvanceEvacuationMark(gc::Ref h, uint64_t newbit);
  bool BucketEvacuated(gc::Ref h, uint64_t bucket);
  bool OverLoadFactor(int64_t count, uint8_t B) const;
  static bool TooManyOverflowBuckets(uint16_t noverflow, uint8_t B);

  // ---- access ----
  // Lookup is the chain walk; *pinned is the found bucket, pinned.
  bool Lookup(gc::Ref h, const Key& key, gc::Ref* bucket, uint32_t* slot, Pinned* pinned = nullptr,
              const Pinned* header = nullptr);
  bool Find(gc::Ref h, const Key& key, gc::Ref* b, uint32_t* i, Pinned* bp);  // mapaccess2's body
  void InsertKey(gc::Ref b, uint32_t i, const Key& key, uint8_t top);          // mapassign's new slot
  void DeleteSlot(gc::Ref b_orig, gc::Ref b, uint32_t i);                      // mapdelete's clearing
  bool AccessK(gc::Ref h, const ElemSlot& key, ElemSlot* k, ElemSlot* e);     // mapaccessK

  // ---- misuse, yields, events ----
  bool Writing(gc::Ref h) { return !options_.faults.no_misuse_detection && (Flags(h) & kHashWriting) != 0; }
  [[noreturn]] void Fatal(const char* msg, const char* go_func, bool exit_check = false);
  void Charge(int64_t ns) { gc_.world().Charge(ns); }
  void Yield(const char* point) {
    if (options_.yield_points) gc_.world().YieldPoint(point);
  }
  base::EventLog::Line Event(base::Lit kind);
  bool events() const { return log_ != nullptr && log_->on(); }
  const char* FnName(const char* generic, const char* f32, const char* f64, const char* fstr) const;

  gc::Collector& gc_;
  const base::VersionProfile& profile_;
  const MapType& t_;
  HashSeeds seeds_;
  MapRand& rand_;
  MapOptions options_;
  base::EventLog* log_;
  const gc::Type* hmap_type_;
  const gc::Type* extra_type_;
  const gc::Type* slice_type_;
  const gc::Type* ptr_array_type_;
  const gc::Type* string_bytes_type_;
};

}  // namespace gostep::maps
