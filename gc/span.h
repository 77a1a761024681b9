// gc/span.h — the span (mheap.go's mspan): a run of pages cut into equal slots.
//
// Models runtime/mheap.go:mspan and its bitmaps (mbitmap.go) of go1.14–go1.23.
// A span of size class c holds nelems slots of elemsize bytes starting at
// base; a large span (class 0) holds one object. Allocation state:
//
//   freeindex   slots below it are allocated (whatever their allocBits say);
//   allocBits   for slots at or above freeindex: 1 = allocated, 0 = free;
//   allocCache  the complement of allocBits from freeindex's 64-bit word,
//               shifted so that bit 0 is slot freeindex: ctz finds a free slot;
//   gcmarkBits  this cycle's mark bits; sweep makes them the next allocBits
//               (allocBits = gcmarkBits, fresh gcmarkBits), so a slot whose
//               object died becomes free and is handed out again in slot order:
//               the same address comes back (the ABA hazard).
//   sweepgen    relative to the heap's sweepgen h (mheap.go):
//                 h-2 needs sweeping, h-1 being swept, h swept,
//                 h+1 cached before sweep began (still needs sweeping),
//                 h+3 swept and then cached.
//
// Host side: the object bytes (words_), one ObjectId per slot (0 = free), the
// object's type and element count, and for spans that may hold pointers the
// shadow id of every word (see gc/ref.h).
#pragma once

#include <bit>
#include <cstdint>
#include <memory>
#include <vector>

#include "gc/ref.h"
#include "gc/size_classes.h"
#include "gc/type.h"

namespace gostep::gc {

// spanClass (mheap.go): size class << 1 | noscan.
using SpanClass = uint8_t;
constexpr int kNumSpanClasses = kNumSizeClassesMax << 1;
inline SpanClass MakeSpanClass(int sizeclass, bool noscan) {
  return static_cast<SpanClass>(sizeclass << 1 | (noscan ? 1 : 0));
}
inline int SizeClassOf(SpanClass spc) { return spc >> 1; }
inline bool NoscanOf(SpanClass spc) { return (spc & 1) != 0; }

enum class SpanState : uint8_t {
  kDead,   // mSpanDead: not in use (its pages are free)
  kInUse,  // mSpanInUse: a heap span
};

// Which mcentral spanSet holds a span (for the verifier; Go does not record it).
enum class SpanList : uint8_t { kNone, kCached, kPartial0, kPartial1, kFull0, kFull1 };

struct Span {
  // ---- mspan ----
  Addr base = 0;
  uint64_t npages = 0;
  SpanClass spanclass = 0;
  uint64_t elemsize = 0;
  uint32_t nelems = 0;
  uint32_t div_mul = 0;      // class_to_divmagic: slot = offset*div_mul >> 32
  uint32_t header = 0;       // go1.22+: bytes of malloc header before each object
  uint32_t freeindex = 0;
  uint64_t alloc_cache = 0;
  uint32_t alloc_count = 0;
  uint32_t alloc_count_before_cache = 0;
  uint32_t sweepgen = 0;
  bool needzero = false;
  SpanState state = SpanState::kDead;
  std::vector<uint64_t> alloc_bits;
  std::vector<uint64_t> gcmark_bits;

  // ---- gostep ----
  std::vector<uint64_t> grey_bits;  // marked and queued (grey), for colour queries
  uint32_t index = 0;           // in MHeap::allspans
  SpanList list = SpanList::kNone;
  int32_t cached_by = -1;       // P whose mcache holds it
  bool sweepgen_was_unswept = false;  // counted in Heap's unswept total
  std::unique_ptr<uint64_t[]> words;   // object bytes, npages*8KiB
  std::unique_ptr<uint64_t[]> shadow;  // per word: the ObjectId a pointer word refers to
  std::vector<ObjectId> ids;    // per slot: the live object's id, 0 if free
  std::vector<uint32_t> types;  // per slot: its Type id
  std::vector<uint32_t> counts; // per slot: its element count (arrays)

  int sizeclass() const { return SizeClassOf(spanclass); }
  bool noscan() const { return NoscanOf(spanclass); }
  bool large() const { return sizeclass() == 0; }
  Addr limit() const { return base + uint64_t{nelems} * elemsize; }
  Addr end() const { return base + npages * kPageSize; }

  // ObjIndex returns the slot holding address a (mbitmap.go:objIndex).
  uint32_t ObjIndex(Addr a) const {
    return static_cast<uint32_t>((a - base) * uint64_t{div_mul} >> 32);
  }
  Addr SlotAddr(uint32_t i) const { return base + uint64_t{i} * elemsize; }
  uint64_t* SlotWords(uint32_t i) { return words.get() + (uint64_t{i} * elemsize >> 3); }
  // DataWords is the object's first word, after any malloc header.
  uint64_t* DataWords(uint32_t i) { return SlotWords(i) + header / kPtrSize; }
  Addr DataAddr(uint32_t i) const { return SlotAddr(i) + header; }

  bool IsMarked(uint32_t i) const { return (gcmark_bits[i >> 6] >> (i & 63)) & 1; }
  void SetMarked(uint32_t i) { gcmark_bits[i >> 6] |= uint64_t{1} << (i & 63); }
  bool IsGrey(uint32_t i) const { return (grey_bits[i >> 6] >> (i & 63)) & 1; }
  void SetGrey(uint32_t i, bool on) {
    if (on) {
      grey_bits[i >> 6] |= uint64_t{1} << (i & 63);
    } else {
      grey_bits[i >> 6] &= ~(uint64_t{1} << (i & 63));
    }
  }
  bool AllocBit(uint32_t i) const { return (alloc_bits[i >> 6] >> (i & 63)) & 1; }
  // IsFree reports whether slot i is free (mbitmap.go:isFree).
  bool IsFree(uint32_t i) const { return i >= freeindex && !AllocBit(i); }

  // Init makes a fresh in-use span over [base, base+npages*8KiB).
  void Init(Addr base, uint64_t npages, SpanClass spc, uint64_t elemsize, uint32_t nelems);
  // Release drops the host memory of a span whose pages are freed.
  void Release();

  // NextFreeFast is malloc.go:nextFreeFast: a free slot from allocCache, or -1.
  int64_t NextFreeFast() {
    int bit = std::countr_zero(alloc_cache);
    if (bit < 64) {
      uint64_t result = uint64_t{freeindex} + bit;
      if (result < nelems) {
        uint64_t freeidx = result + 1;
        if (freeidx % 64 == 0 && freeidx != nelems) return -1;
        alloc_cache = bit == 63 ? 0 : alloc_cache >> (bit + 1);
        freeindex = static_cast<uint32_t>(freeidx);
        ++alloc_count;
        return static_cast<int64_t>(result);
      }
    }
    return -1;
  }
  // NextFreeIndex is mbitmap.go:nextFreeIndex (nelems when full).
  uint32_t NextFreeIndex();
  // RefillAllocCache is mbitmap.go:refillAllocCache (whichByte is 8-aligned).
  void RefillAllocCache(uint32_t which_byte);
  // CountAlloc is mbitmap.go:countAlloc: set bits in gcmarkBits.
  uint32_t CountAlloc() const;
  // AllocatedSlots counts slots allocated by freeindex/allocBits (verifier).
  uint32_t AllocatedSlots() const;
};

}  // namespace gostep::gc
