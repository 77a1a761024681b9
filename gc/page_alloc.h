// gc/page_alloc.h — the page allocator (mpagealloc.go, mpagecache.go).
//
// Models runtime/mpagealloc.go:pageAlloc and mpagecache.go:pageCache of
// go1.14–go1.23 (design 35112, the radix-tree page allocator of go1.14), at
// the level that decides addresses:
//  - the heap grows upward from kArenaBaseAddr in whole palloc chunks of 512
//    pages (4 MiB, mheap.go:grow);
//  - alloc(npages) returns the lowest-addressed run of npages free pages
//    (pageAlloc.find searches from searchAddr, the lowest possibly-free page);
//  - a P allocating fewer than 16 pages takes them from its page cache: a
//    64-page-aligned block of the free pages around the lowest free page
//    (allocToCache), handed out lowest first (pageCache.alloc).
// gostep keeps one flat bitmap instead of the radix summaries; the answers
// are the same. Scavenging (returning pages to the OS) is not modelled:
// every page, once grown, stays ready.
#pragma once

#include <cstdint>
#include <vector>

#include "gc/ref.h"
#include "gc/size_classes.h"

namespace gostep::gc {

constexpr uint64_t kPallocChunkPages = 512;  // mpagealloc.go: pallocChunkPages
constexpr uint64_t kPageCachePages = 64;     // mpagecache.go: pageCachePages

// PageCache is mpagecache.go:pageCache: up to 64 free pages owned by one P.
struct PageCache {
  Addr base = 0;       // 64-page aligned
  uint64_t cache = 0;  // bit i: page base+i*8KiB is free and ours
  bool empty() const { return cache == 0; }
};

class PageAlloc {
 public:
  // Alloc returns the base of npages free pages, lowest address first, or 0
  // when the heap must grow.
  Addr Alloc(uint64_t npages);
  // Free returns pages to the allocator.
  void Free(Addr base, uint64_t npages);
  // Grow adds [end, end+bytes) (whole chunks) to the heap; returns its base.
  Addr Grow(uint64_t npages);
  // AllocToCache takes a 64-page block for a P's cache (empty if none free).
  PageCache AllocToCache();
  // CacheAlloc is pageCache.alloc: npages from the cache, or 0.
  static Addr CacheAlloc(PageCache* c, uint64_t npages);
  // FlushCache returns a cache's pages (pageCache.flush).
  void FlushCache(PageCache* c);

  uint64_t total_pages() const { return npages_; }
  uint64_t free_pages() const { return nfree_; }
  bool IsFree(uint64_t page) const { return !Bit(page); }
  Addr end() const { return kArenaBaseAddr + npages_ * kPageSize; }

 private:
  bool Bit(uint64_t i) const { return (inuse_[i >> 6] >> (i & 63)) & 1; }
  void SetRange(uint64_t first, uint64_t n, bool used);
  uint64_t Find(uint64_t npages) const;  // first page of the lowest run, or npages_

  std::vector<uint64_t> inuse_;  // bit per page: 1 = allocated (or cached by a P)
  uint64_t npages_ = 0;          // pages grown so far
  uint64_t nfree_ = 0;
  uint64_t search_ = 0;          // no free page below this one
};

}  // namespace gostep::gc
