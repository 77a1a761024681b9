// gc/heap.h — the simulated heap: mheap, mcentral, mcache, and sweeping.
//
// Models the allocator side of the Go runtime, go1.14–go1.23:
//   runtime/mheap.go     mheap: arenas, the page→span map, allocSpan/freeSpan,
//                        sweepgen;
//   runtime/mcentral.go  mcentral per span class: partial/full × swept/unswept
//                        span sets (FIFO spanSets; the swept/unswept roles swap
//                        when sweepgen advances by 2), cacheSpan/uncacheSpan/grow;
//   runtime/mcache.go    per-P mcache: the span each class allocates from;
//                        refill, releaseAll;
//   runtime/mgcsweep.go  sweepLocked.sweep (allocBits = gcmarkBits), sweepone
//                        and nextSpanForSweep's order.
// What an allocation returns is decided here, in Go's order: the P's cached
// span's next free slot (ascending), then mcentral's partial swept spans, then
// sweeping unswept spans (up to 100), then a fresh span from the lowest free
// pages (gc/page_alloc.h). So a slot freed by a sweep comes back at the same
// address the next time its span is cached.
//
// Not modelled: the tiny allocator (objects under 16 bytes without pointers
// get their own 8- or 16-byte slot: addresses differ from Go's for them, and
// no two tiny objects share a block), goroutine stacks and other manually
// managed spans (they never occupy heap pages here), specials and
// finalizers, scavenging. docs/GC.md lists the consequences.
//
// Invariants (Verify, gc/verifier.h, recomputes them):
//  - every in-use span is either cached by exactly one P (sweepgen h+3 or
//    h+1) or in exactly one mcentral set matching its sweepgen and fullness;
//  - span.alloc_count == slots allocated by freeindex/allocBits, and a slot is
//    allocated iff its ids[] entry is non-zero;
//  - heap_inuse == the bytes of in-use spans.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "base/version_profile.h"
#include "gc/page_alloc.h"
#include "gc/span.h"

namespace gostep::gc {

// SpanSet is mspanset.go:spanSet: push at the tail, pop from the head.
struct SpanSet {
  std::deque<Span*> q;
  void Push(Span* s) { q.push_back(s); }
  Span* Pop() {
    if (q.empty()) return nullptr;
    Span* s = q.front();
    q.pop_front();
    return s;
  }
};

// MCentral is mcentral.go:mcentral for one span class.
struct MCentral {
  std::array<SpanSet, 2> partial;  // indexed by sweepgen/2%2 (swept) or 1-that (unswept)
  std::array<SpanSet, 2> full;
};

// MCache is mcache.go:mcache, one per P.
struct MCache {
  std::array<Span*, kNumSpanClasses> alloc{};  // null: emptymspan
  uint32_t flush_gen = 0;
  PageCache pcache;  // p.pcache (runtime2.go), used by allocSpan
};

// SweepSink receives what sweeping does to objects (the collector records
// history and events, and reports zombies as Go's fatal error).
class SweepSink {
 public:
  virtual ~SweepSink() = default;
  virtual void OnFree(Span* s, uint32_t slot) = 0;
  // OnZombie: a marked slot that is free: "found pointer to free object".
  virtual void OnZombie(Span* s, uint32_t slot) = 0;
  // OnFreeSpan: s's pages go back to the heap (its slots' last occupants
  // are about to be forgotten).
  virtual void OnFreeSpan(Span* s) {}
};

class Heap {
 public:
  Heap(const base::VersionProfile& profile, int nprocs);
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  void set_sink(SweepSink* sink) { sink_ = sink; }
  const base::VersionProfile& profile() const { return profile_; }

  // ==== Allocation (mcache / mcentral / mheap) ====

  // NextFree is mcache.nextFree with nextFreeFast first: a free slot of class
  // spc for P p. *refilled reports a refill (malloc's shouldhelpgc). Returns
  // the span; *slot is set.
  Span* NextFree(int p, SpanClass spc, uint32_t* slot, bool* refilled);
  // AllocLarge is mcache.allocLarge: a one-object span of npages.
  Span* AllocLarge(int p, uint64_t npages, bool noscan);
  // ReleaseAll is mcache.releaseAll (prepareForSweep): uncache P p's spans.
  void ReleaseAll(int p);

  // ==== Sweeping ====

  // SweepOne is mgcsweep.go:sweepone: sweep the next unswept span. Returns
  // false when none is left.
  bool SweepOne();
  bool SweepDone() const;
  // FinishSweep sweeps everything left (finishsweep_m).
  void FinishSweep();
  // NewSweepCycle is gcSweep's sweepgen += 2 (at mark termination).
  void NewSweepCycle();
  uint32_t sweepgen() const { return sweepgen_; }

  // ==== Lookup ====

  // SpanOf returns the in-use span holding address a, or null (spanOfHeap).
  Span* SpanOf(Addr a) const {
    uint64_t page = (a - kArenaBaseAddr) >> kPageShift;
    if (a < kArenaBaseAddr || page >= page_spans_.size()) return nullptr;
    Span* s = page_spans_[page];
    return (s != nullptr && s->state == SpanState::kInUse && a < s->limit()) ? s : nullptr;
  }
  const std::vector<Span*>& allspans() const { return allspans_; }
  const MCentral& central(SpanClass spc) const { return central_[spc]; }
  const MCache& mcache(int p) const { return mcaches_[p]; }
  int nprocs() const { return static_cast<int>(mcaches_.size()); }
  const PageAlloc& pages() const { return pages_; }

  // ==== Accounting (for the pacer and the verifier) ====
  struct Stats {
    uint64_t heap_inuse = 0;    // bytes of in-use spans
    uint64_t heap_alloc = 0;    // bytes of allocated slots (after sweep accounting)
    uint64_t mapped = 0;        // bytes of pages grown (sysMap'd)
    uint64_t ready = 0;         // bytes of pages ever handed to a span (mappedReady: no scavenger)
    uint64_t total_alloc = 0;   // gcController.totalAlloc
    uint64_t total_free = 0;    // gcController.totalFree
    uint64_t nsweep_spans = 0;  // spans swept, ever
    uint64_t npages_swept = 0;  // pages swept this cycle
  };
  const Stats& stats() const { return stats_; }
  // heap_live_delta_ accumulates gcController.update's dHeapLive since the
  // last TakeHeapLiveDelta (the collector feeds it to the pacer).
  int64_t TakeHeapLiveDelta() {
    int64_t d = heap_live_delta_;
    heap_live_delta_ = 0;
    return d;
  }

 private:
  friend class HeapVerifier;
  SpanSet& PartialSwept(MCentral& c) { return c.partial[sweepgen_ / 2 % 2]; }
  SpanSet& PartialUnswept(MCentral& c) { return c.partial[1 - sweepgen_ / 2 % 2]; }
  SpanSet& FullSwept(MCentral& c) { return c.full[sweepgen_ / 2 % 2]; }
  SpanSet& FullUnswept(MCentral& c) { return c.full[1 - sweepgen_ / 2 % 2]; }
  void PushTo(SpanSet& set, Span* s);
  Span* PopFrom(SpanSet& set);

  Span* Alloc(int p, uint64_t npages, SpanClass spc);      // mheap.alloc
  Span* AllocSpan(int p, uint64_t npages, SpanClass spc);  // mheap.allocSpan
  void Reclaim(uint64_t npages);                           // mheap.reclaim
  void FreeSpan(Span* s);                                  // mheap.freeSpan
  void Refill(int p, SpanClass spc);                       // mcache.refill
  Span* CacheSpan(int p, SpanClass spc);                   // mcentral.cacheSpan
  void UncacheSpan(Span* s);                               // mcentral.uncacheSpan
  Span* Grow(int p, SpanClass spc);                        // mcentral.grow
  void Remove(Span* s);                                    // take s off its span set
  Span* NextSpanForSweep();                                // mheap.nextSpanForSweep
  bool Sweep(Span* s, bool preserve);                      // sweepLocked.sweep
  Span* NewSpanStruct();

  const base::VersionProfile& profile_;
  SweepSink* sink_ = nullptr;
  PageAlloc pages_;
  std::vector<Span*> page_spans_;  // heapArena.spans, flattened: page -> span
  std::vector<bool> page_ready_;   // the page has been used (sysUsed): counted in mappedReady
  std::vector<Span*> allspans_;    // every span struct ever made (h.allspans)
  std::vector<Span*> free_structs_;
  std::deque<std::unique_ptr<Span>> span_store_;
  std::array<MCentral, kNumSpanClasses> central_{};
  std::vector<MCache> mcaches_;
  uint32_t sweepgen_ = 0;
  uint32_t sweep_central_index_ = 0;  // sweep.centralIndex
  uint64_t nunswept_ = 0;        // spans still to sweep this cycle
  uint64_t reclaim_index_ = 0;   // mheap.reclaimIndex (pages)
  uint64_t reclaim_credit_ = 0;  // mheap.reclaimCredit
  Stats stats_;
  int64_t heap_live_delta_ = 0;
};

}  // namespace gostep::gc
