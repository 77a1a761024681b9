#include "gc/heap.h"

#include "base/check.h"

namespace gostep::gc {

Heap::Heap(const base::VersionProfile& profile, int nprocs) : profile_(profile), mcaches_(nprocs) {}

Heap::~Heap() = default;

void Heap::PushTo(SpanSet& set, Span* s) {
  set.Push(s);
  MCentral& c = central_[s->spanclass];
  int half = &set == &c.partial[0] ? 0 : &set == &c.partial[1] ? 1 : &set == &c.full[0] ? 2 : 3;
  static constexpr SpanList kLists[] = {SpanList::kPartial0, SpanList::kPartial1, SpanList::kFull0,
                                        SpanList::kFull1};
  s->list = kLists[half];
}

Span* Heap::PopFrom(SpanSet& set) {
  Span* s = set.Pop();
  if (s != nullptr) s->list = SpanList::kNone;
  return s;
}

// ==== mheap ===================================================================

Span* Heap::NewSpanStruct() {
  if (!free_structs_.empty()) {
    Span* s = free_structs_.back();
    free_structs_.pop_back();
    return s;
  }
  span_store_.push_back(std::make_unique<Span>());
  Span* s = span_store_.back().get();
  s->index = static_cast<uint32_t>(allspans_.size());
  allspans_.push_back(s);
  return s;
}

// Models runtime/mheap.go:allocSpan (go1.14–go1.23): the P's page cache for
// spans under 16 pages, else the lowest free pages, growing the heap in
// 4 MiB chunks.
Span* Heap::AllocSpan(int p, uint64_t npages, SpanClass spc) {
  Addr base = 0;
  MCache& c = mcaches_[p];
  if (npages < kPageCachePages / 4) {
    if (c.pcache.empty()) c.pcache = pages_.AllocToCache();
    base = PageAlloc::CacheAlloc(&c.pcache, npages);
  }
  if (base == 0) base = pages_.Alloc(npages);
  if (base == 0) {
    pages_.Grow(npages);
    stats_.mapped = pages_.total_pages() * kPageSize;
    page_spans_.resize(pages_.total_pages(), nullptr);
    page_ready_.resize(pages_.total_pages(), false);
    base = pages_.Alloc(npages);
    GOSTEP_CHECK(base != 0) << "grew heap, but no adequate free space found";
  }
  Span* s = NewSpanStruct();
  int sc = SizeClassOf(spc);
  uint64_t nbytes = npages * kPageSize;
  uint64_t elemsize = sc == 0 ? nbytes : SizeClasses(profile_).class_to_size[sc];
  s->Init(base, npages, spc, elemsize, static_cast<uint32_t>(nbytes / elemsize));
  s->sweepgen = sweepgen_;
  // Allocation headers (go1.22+): every object of a small pointerful span
  // whose slots exceed minSizeForMallocHeader starts with its type pointer.
  s->header = profile_.malloc_headers && !NoscanOf(spc) && sc != 0 && elemsize > kMinSizeForMallocHeader
                  ? kMallocHeaderSize
                  : 0;
  uint64_t first = (base - kArenaBaseAddr) >> kPageShift;
  for (uint64_t i = 0; i < npages; ++i) {
    page_spans_[first + i] = s;
    // Fresh memory is released until allocSpan uses it (sysUsed); without a
    // scavenger it stays ready.
    if (!page_ready_[first + i]) {
      page_ready_[first + i] = true;
      stats_.ready += kPageSize;
    }
  }
  stats_.heap_inuse += nbytes;
  return s;
}

// Models runtime/mheap.go:freeSpan.
void Heap::FreeSpan(Span* s) {
  if (sink_ != nullptr) sink_->OnFreeSpan(s);
  uint64_t first = (s->base - kArenaBaseAddr) >> kPageShift;
  for (uint64_t i = 0; i < s->npages; ++i) page_spans_[first + i] = nullptr;
  pages_.Free(s->base, s->npages);
  stats_.heap_inuse -= s->npages * kPageSize;
  s->Release();
  free_structs_.push_back(s);
}

// ==== mcentral ================================================================

// Models runtime/mheap.go:alloc: reclaim at least npages by sweeping before
// taking fresh pages, while the last cycle's sweep is unfinished.
Span* Heap::Alloc(int p, uint64_t npages, SpanClass spc) {
  if (!SweepDone()) Reclaim(npages);
  return AllocSpan(p, npages, spc);
}

// Models runtime/mcentral.go:grow.
Span* Heap::Grow(int p, SpanClass spc) {
  uint64_t npages = SizeClasses(profile_).class_to_allocnpages[SizeClassOf(spc)];
  return Alloc(p, npages, spc);
}

// Models runtime/mcentral.go:cacheSpan (go1.15–go1.23, the spanSet mcentral
// of CL 221182; go1.14's linked-list mcentral hands out spans in the same
// order for a single P). Sweeping happens on the way: unswept partial spans,
// then unswept full ones, within a budget of 100.
Span* Heap::CacheSpan(int p, SpanClass spc) {
  MCentral& c = central_[spc];
  int budget = 100;
  Span* s = PopFrom(PartialSwept(c));
  if (s == nullptr) {
    for (; budget >= 0 && s == nullptr; --budget) {
      Span* u = PopFrom(PartialUnswept(c));
      if (u == nullptr) break;
      u->sweepgen = sweepgen_ - 1;
      Sweep(u, true);
      s = u;
    }
    for (; budget >= 0 && s == nullptr; --budget) {
      Span* u = PopFrom(FullUnswept(c));
      if (u == nullptr) break;
      u->sweepgen = sweepgen_ - 1;
      Sweep(u, true);
      uint32_t free_index = u->NextFreeIndex();
      if (free_index != u->nelems) {
        u->freeindex = free_index;
        s = u;
      } else {
        PushTo(FullSwept(c), u);
      }
    }
  }
  if (s == nullptr) s = Grow(p, spc);
  GOSTEP_CHECK(s->alloc_count < s->nelems && s->freeindex < s->nelems) << "span has no free objects";
  uint32_t free_byte_base = s->freeindex & ~uint32_t{63};
  s->RefillAllocCache(free_byte_base / 8);
  uint32_t shift = s->freeindex % 64;
  s->alloc_cache = shift == 0 ? s->alloc_cache : s->alloc_cache >> shift;
  return s;
}

// Models runtime/mcentral.go:uncacheSpan.
void Heap::UncacheSpan(Span* s) {
  bool stale = s->sweepgen == sweepgen_ + 1;
  s->sweepgen = stale ? sweepgen_ - 1 : sweepgen_;
  s->cached_by = -1;
  s->list = SpanList::kNone;
  if (stale) {
    Sweep(s, false);
    return;
  }
  MCentral& c = central_[s->spanclass];
  PushTo(s->nelems > s->alloc_count ? PartialSwept(c) : FullSwept(c), s);
}

// ==== mcache ==================================================================

// Models runtime/mcache.go:refill.
void Heap::Refill(int p, SpanClass spc) {
  MCache& c = mcaches_[p];
  if (Span* s = c.alloc[spc]; s != nullptr) {
    GOSTEP_CHECK(s->alloc_count == s->nelems) << "refill of span with free space remaining";
    GOSTEP_CHECK(s->sweepgen == sweepgen_ + 3) << "bad sweepgen in refill";
    stats_.total_alloc += uint64_t{s->alloc_count - s->alloc_count_before_cache} * s->elemsize;
    s->alloc_count_before_cache = 0;
    UncacheSpan(s);
  }
  Span* s = CacheSpan(p, spc);
  s->sweepgen = sweepgen_ + 3;
  s->alloc_count_before_cache = s->alloc_count;
  s->cached_by = p;
  s->list = SpanList::kCached;
  // heapLive assumes every free slot of the span will be used (#53738).
  heap_live_delta_ += static_cast<int64_t>(s->npages * kPageSize) -
                      static_cast<int64_t>(uint64_t{s->alloc_count} * s->elemsize);
  c.alloc[spc] = s;
}

Span* Heap::NextFree(int p, SpanClass spc, uint32_t* slot, bool* refilled) {
  Span* s = mcaches_[p].alloc[spc];
  *refilled = false;
  if (s != nullptr) {
    if (int64_t i = s->NextFreeFast(); i >= 0) {
      *slot = static_cast<uint32_t>(i);
      return s;
    }
  }
  // A null cached span is emptymspan: its nextFreeIndex is its nelems (0).
  uint32_t free_index = s != nullptr ? s->NextFreeIndex() : 0;
  if (s == nullptr || free_index == s->nelems) {
    Refill(p, spc);
    *refilled = true;
    s = mcaches_[p].alloc[spc];
    free_index = s->NextFreeIndex();
  }
  GOSTEP_CHECK(free_index < s->nelems) << "freeIndex is not valid";
  ++s->alloc_count;
  *slot = free_index;
  return s;
}

// Models runtime/mcache.go:allocLarge.
Span* Heap::AllocLarge(int p, uint64_t npages, bool noscan) {
  SpanClass spc = MakeSpanClass(0, noscan);
  Span* s = Alloc(p, npages, spc);
  stats_.total_alloc += npages * kPageSize;
  heap_live_delta_ += static_cast<int64_t>(npages * kPageSize);
  PushTo(FullSwept(central_[spc]), s);
  return s;
}

// Models runtime/mcache.go:releaseAll.
void Heap::ReleaseAll(int p) {
  MCache& c = mcaches_[p];
  for (auto& s : c.alloc) {
    if (s == nullptr) continue;
    stats_.total_alloc += uint64_t{s->alloc_count - s->alloc_count_before_cache} * s->elemsize;
    s->alloc_count_before_cache = 0;
    if (s->sweepgen != sweepgen_ + 1) {
      heap_live_delta_ -= static_cast<int64_t>(uint64_t{s->nelems - s->alloc_count} * s->elemsize);
    }
    UncacheSpan(s);
    s = nullptr;
  }
  c.flush_gen = sweepgen_;
}

}  // namespace gostep::gc
