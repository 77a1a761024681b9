// gc/sweep.cc — sweeping: Heap::Sweep and the orders that choose what to sweep.
//
// Models runtime/mgcsweep.go (sweepLocked.sweep, sweepone,
// mheap.nextSpanForSweep, finishsweep_m) and mheap.go:reclaim of
// go1.14–go1.23 (the shapes are those of go1.19; see heap.h).
#include <bit>

#include "base/check.h"
#include "gc/heap.h"

namespace gostep::gc {

void Heap::Remove(Span* s) {
  if (s->list == SpanList::kNone || s->list == SpanList::kCached) return;
  MCentral& c = central_[s->spanclass];
  SpanSet* sets[] = {&c.partial[0], &c.partial[1], &c.full[0], &c.full[1]};
  SpanSet* set = sets[static_cast<int>(s->list) - static_cast<int>(SpanList::kPartial0)];
  for (auto it = set->q.begin(); it != set->q.end(); ++it) {
    if (*it == s) {
      set->q.erase(it);
      break;
    }
  }
  s->list = SpanList::kNone;
}

// Sweep is sweepLocked.sweep: free the unmarked objects of s, then make the
// mark bits the allocation bits. s->sweepgen must be sweepgen-1 (acquired).
// With preserve, s is kept by the caller (mcentral.cacheSpan); otherwise it
// goes back to the heap (empty) or to its mcentral's swept set. Reports
// whether the span was freed.
bool Heap::Sweep(Span* s, bool preserve) {
  GOSTEP_CHECK(s->state == SpanState::kInUse && s->sweepgen == sweepgen_ - 1) << "mspan.sweep: bad span state";
  if (s->sweepgen_was_unswept) --nunswept_;
  s->sweepgen_was_unswept = false;
  stats_.npages_swept += s->npages;
  ++stats_.nsweep_spans;
  // Zombies: marked slots that are free (the zombie check of sweep).
  for (uint32_t i = s->freeindex; i < s->nelems; ++i) {
    if (s->IsMarked(i) && !s->AllocBit(i) && sink_ != nullptr) sink_->OnZombie(s, i);
  }
  // Free every allocated, unmarked object, in slot order.
  uint32_t nfreed = 0;
  for (size_t w = 0; w < s->gcmark_bits.size(); ++w) {
    uint64_t lo = uint64_t{w} * 64;
    uint64_t below = s->freeindex <= lo ? 0
                     : s->freeindex >= lo + 64 ? ~uint64_t{0}
                                               : (uint64_t{1} << (s->freeindex - lo)) - 1;
    uint64_t freed = (s->alloc_bits[w] | below) & ~s->gcmark_bits[w];
    if (lo + 64 > s->nelems) freed &= (uint64_t{1} << (s->nelems - lo)) - 1;
    while (freed != 0) {
      uint32_t i = static_cast<uint32_t>(lo) + std::countr_zero(freed);
      freed &= freed - 1;
      if (sink_ != nullptr) sink_->OnFree(s, i);  // ids[i] keeps the freed id: the slot's last occupant
      ++nfreed;
    }
  }
  uint32_t nalloc = s->CountAlloc();
  s->alloc_count = nalloc;
  s->freeindex = 0;
  s->alloc_bits.swap(s->gcmark_bits);
  std::fill(s->gcmark_bits.begin(), s->gcmark_bits.end(), 0);
  s->RefillAllocCache(0);
  s->sweepgen = sweepgen_;
  if (nfreed > 0) {
    s->needzero = true;
    stats_.total_free += uint64_t{nfreed} * s->elemsize;
  }
  if (preserve) return false;
  MCentral& c = central_[s->spanclass];
  if (!s->large()) {
    if (nalloc == 0) {
      FreeSpan(s);
      return true;
    }
    PushTo(nalloc == s->nelems ? FullSwept(c) : PartialSwept(c), s);
    return false;
  }
  if (nfreed != 0) {
    FreeSpan(s);
    return true;
  }
  PushTo(FullSwept(c), s);
  return false;
}

// NextSpanForSweep is mheap.nextSpanForSweep: for each span class in
// order, its full unswept spans, then its partial unswept spans.
Span* Heap::NextSpanForSweep() {
  for (uint32_t sc = sweep_central_index_; sc < 2 * kNumSpanClasses; ++sc) {
    MCentral& c = central_[sc >> 1];
    bool full = (sc & 1) == 0;  // sweepClass.split
    Span* s = PopFrom(full ? FullUnswept(c) : PartialUnswept(c));
    if (s != nullptr) {
      sweep_central_index_ = sc;
      return s;
    }
  }
  sweep_central_index_ = 2 * kNumSpanClasses;
  return nullptr;
}

// SweepOne is mgcsweep.go:sweepone.
bool Heap::SweepOne() {
  Span* s = NextSpanForSweep();
  if (s == nullptr) return false;
  s->sweepgen = sweepgen_ - 1;  // tryAcquire
  uint64_t npages = s->npages;
  if (Sweep(s, false)) reclaim_credit_ += npages;  // freed pages count for the reclaimer
  return true;
}

bool Heap::SweepDone() const { return nunswept_ == 0; }

void Heap::FinishSweep() {
  while (SweepOne()) {
  }
}

// NewSweepCycle is gcSweep's part on the heap (mgc.go): sweepgen += 2 turns
// every swept set into an unswept one; the reclaimer and the sweep order
// start over.
void Heap::NewSweepCycle() {
  GOSTEP_CHECK(SweepDone()) << "gcSweep: sweep of the previous cycle unfinished";
  sweepgen_ += 2;
  sweep_central_index_ = 0;
  reclaim_index_ = 0;
  reclaim_credit_ = 0;
  stats_.npages_swept = 0;
  nunswept_ = 0;
  for (MCentral& c : central_) {
    for (SpanSet* set : {&PartialUnswept(c), &FullUnswept(c)}) {
      for (Span* s : set->q) {
        s->sweepgen_was_unswept = true;
        ++nunswept_;
      }
    }
  }
}

// Reclaim is mheap.go:reclaim: sweep, in address order, spans none of whose
// objects is marked (pageInUse &^ pageMarks) until npages pages are freed,
// in chunks of 512 pages; extra pages become credit.
void Heap::Reclaim(uint64_t npages) {
  constexpr uint64_t kPagesPerReclaimerChunk = 512;
  while (npages > 0) {
    if (reclaim_credit_ > 0) {
      uint64_t take = std::min(reclaim_credit_, npages);
      reclaim_credit_ -= take;
      npages -= take;
      continue;
    }
    if (reclaim_index_ >= page_spans_.size()) return;
    uint64_t end = std::min<uint64_t>(reclaim_index_ + kPagesPerReclaimerChunk, page_spans_.size());
    uint64_t found = 0;
    for (uint64_t pg = reclaim_index_; pg < end; ++pg) {
      Span* s = page_spans_[pg];
      if (s == nullptr || s->base != kArenaBaseAddr + pg * kPageSize) continue;  // pageInUse: first pages
      if (s->sweepgen != sweepgen_ - 2 || s->CountAlloc() != 0) continue;
      Remove(s);
      uint64_t n = s->npages;
      s->sweepgen = sweepgen_ - 1;
      if (Sweep(s, false)) found += n;
    }
    reclaim_index_ = end;
    if (found <= npages) {
      npages -= found;
    } else {
      reclaim_credit_ += found - npages;
      npages = 0;
    }
  }
}

}  // namespace gostep::gc
