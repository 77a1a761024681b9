#include "gc/page_alloc.h"

#include <bit>

#include "base/check.h"

namespace gostep::gc {

void PageAlloc::SetRange(uint64_t first, uint64_t n, bool used) {
  for (uint64_t i = first; i < first + n; ++i) {
    uint64_t m = uint64_t{1} << (i & 63);
    if (used) {
      inuse_[i >> 6] |= m;
    } else {
      inuse_[i >> 6] &= ~m;
    }
  }
  if (used) {
    nfree_ -= n;
  } else {
    nfree_ += n;
    if (first < search_) search_ = first;
  }
}

uint64_t PageAlloc::Find(uint64_t npages) const {
  uint64_t run = 0;
  for (uint64_t i = search_; i < npages_; ++i) {
    if ((i & 63) == 0 && inuse_[i >> 6] == ~uint64_t{0}) {  // skip full words
      run = 0;
      i += 63;
      continue;
    }
    run = Bit(i) ? 0 : run + 1;
    if (run == npages) return i + 1 - npages;
  }
  return npages_;
}

Addr PageAlloc::Alloc(uint64_t npages) {
  uint64_t first = Find(npages);
  if (first == npages_) return 0;
  SetRange(first, npages, true);
  if (first == search_) {
    while (search_ < npages_ && Bit(search_)) ++search_;
  }
  return kArenaBaseAddr + first * kPageSize;
}

void PageAlloc::Free(Addr base, uint64_t npages) {
  uint64_t first = (base - kArenaBaseAddr) / kPageSize;
  GOSTEP_CHECK(first + npages <= npages_) << "freeing pages outside the heap";
  SetRange(first, npages, false);
}

Addr PageAlloc::Grow(uint64_t npages) {
  // mheap.go:grow: whole palloc chunks.
  uint64_t add = (npages + kPallocChunkPages - 1) / kPallocChunkPages * kPallocChunkPages;
  Addr base = end();
  npages_ += add;
  nfree_ += add;
  inuse_.resize(npages_ / 64, 0);
  return base;
}

PageCache PageAlloc::AllocToCache() {
  if (search_ >= npages_) return {};
  uint64_t first = Find(1);
  if (first == npages_) {
    search_ = npages_;
    return {};
  }
  uint64_t block = first & ~uint64_t{63};
  PageCache c{.base = kArenaBaseAddr + block * kPageSize, .cache = ~inuse_[block >> 6]};
  nfree_ -= static_cast<uint64_t>(std::popcount(c.cache));
  inuse_[block >> 6] = ~uint64_t{0};
  // searchAddr moves to the last page of the block (allocToCache).
  search_ = block + kPageCachePages - 1;
  while (search_ < npages_ && Bit(search_)) ++search_;
  return c;
}

Addr PageAlloc::CacheAlloc(PageCache* c, uint64_t npages) {
  if (c->cache == 0) return 0;
  uint64_t mask = (npages == 64) ? ~uint64_t{0} : ((uint64_t{1} << npages) - 1);
  for (uint64_t i = 0; i + npages <= 64; ++i) {  // findBitRange64: lowest run
    if ((c->cache >> i & mask) == mask) {
      c->cache &= ~(mask << i);
      return c->base + i * kPageSize;
    }
  }
  return 0;
}

void PageAlloc::FlushCache(PageCache* c) {
  uint64_t block = (c->base - kArenaBaseAddr) / kPageSize;
  for (uint64_t i = 0; i < 64; ++i) {
    if ((c->cache >> i) & 1) SetRange(block + i, 1, false);
  }
  *c = {};
}

}  // namespace gostep::gc
