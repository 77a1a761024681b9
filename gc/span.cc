#include "gc/span.h"

#include <cstring>

namespace gostep::gc {

void Span::Init(Addr b, uint64_t np, SpanClass spc, uint64_t esize, uint32_t n) {
  base = b;
  npages = np;
  spanclass = spc;
  elemsize = esize;
  nelems = n;
  // class_to_divmagic (sizeclasses.go): ^uint32(0)/size + 1; 0 for one-object spans.
  header = 0;
  div_mul = n > 1 ? static_cast<uint32_t>(0xffffffffull / esize + 1) : 0;
  freeindex = 0;
  alloc_count = 0;
  alloc_count_before_cache = 0;
  needzero = false;
  state = SpanState::kInUse;
  list = SpanList::kNone;
  cached_by = -1;
  sweepgen_was_unswept = false;
  size_t nwords = (n + 63) / 64;
  alloc_bits.assign(nwords, 0);
  gcmark_bits.assign(nwords, 0);
  grey_bits.assign(nwords, 0);
  RefillAllocCache(0);
  uint64_t bytes_words = npages * kPageSize / kPtrSize;
  words = std::make_unique<uint64_t[]>(bytes_words);  // zeroed: fresh pages are zero
  shadow = noscan() ? nullptr : std::make_unique<uint64_t[]>(bytes_words);
  ids.assign(n, 0);
  types.assign(n, 0);
  counts.assign(n, 0);
}

void Span::Release() {
  state = SpanState::kDead;
  list = SpanList::kNone;
  words.reset();
  shadow.reset();
  std::vector<ObjectId>().swap(ids);
  std::vector<uint32_t>().swap(types);
  std::vector<uint32_t>().swap(counts);
  std::vector<uint64_t>().swap(alloc_bits);
  std::vector<uint64_t>().swap(gcmark_bits);
  std::vector<uint64_t>().swap(grey_bits);
}

void Span::RefillAllocCache(uint32_t which_byte) {
  size_t w = which_byte / 8;
  uint64_t bits = w < alloc_bits.size() ? alloc_bits[w] : 0;
  alloc_cache = ~bits;
}

uint32_t Span::NextFreeIndex() {
  uint32_t sfreeindex = freeindex;
  if (sfreeindex == nelems) return sfreeindex;
  uint64_t a_cache = alloc_cache;
  int bit = std::countr_zero(a_cache);
  while (bit == 64) {
    // Move index to start of next cached bits.
    sfreeindex = (sfreeindex + 64) & ~uint32_t{63};
    if (sfreeindex >= nelems) {
      freeindex = nelems;
      return nelems;
    }
    RefillAllocCache(sfreeindex / 8);
    a_cache = alloc_cache;
    bit = std::countr_zero(a_cache);
  }
  uint32_t result = sfreeindex + static_cast<uint32_t>(bit);
  if (result >= nelems) {
    freeindex = nelems;
    return nelems;
  }
  alloc_cache = bit == 63 ? 0 : alloc_cache >> (bit + 1);
  sfreeindex = result + 1;
  if (sfreeindex % 64 == 0 && sfreeindex != nelems) RefillAllocCache(sfreeindex / 8);
  freeindex = sfreeindex;
  return result;
}

uint32_t Span::CountAlloc() const {
  uint32_t n = 0;
  for (uint64_t w : gcmark_bits) n += static_cast<uint32_t>(std::popcount(w));
  return n;
}

uint32_t Span::AllocatedSlots() const {
  uint32_t n = 0;
  for (uint32_t i = 0; i < nelems; ++i) n += IsFree(i) ? 0 : 1;
  return n;
}

}  // namespace gostep::gc
