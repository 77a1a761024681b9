// gc/barrier.cc — the write barrier and the per-P barrier buffer.
//
// Models runtime/mbarrier.go (the hybrid barrier of design 17503, as the
// runtime runs it: shade the old and the new pointer, unconditionally) and
// mwbbuf.go (the per-P wbBuf and wbBufFlush1) of go1.14–go1.23:
//  - go1.14–go1.20: gcWriteBarrier appends the pair (new, old) to the 512-word
//    buffer, then does the store; a full buffer is flushed (wbBufFlush).
//  - go1.21+: the compiler asks gcWriteBarrier2 (get2) for buffer slots first
//    (flushing if they do not fit), records new and old, and stores; for a
//    store into memory it knows is freshly zeroed (needWBdst is false:
//    InitPtr) it records only the new pointer (get1).
// Either way the barrier is "shade(old); shade(new)", deferred until the
// buffer is flushed: buffered pointers are grey-protected but still white.
// The teaching variants record only what they shade: dijkstra the new
// pointer, yuasa the old one, none nothing.
#include "base/check.h"
#include "gc/collector.h"
#include "gc/cost.h"

namespace gostep::gc {

namespace {
constexpr size_t kWbBufWords = 512;  // mwbbuf.go: wbBufEntries*wbBufEntryPointers (both eras)
}  // namespace

void Collector::WriteBarrier(Addr old, Addr val, bool init) {
  int p = world_->CurrentP();
  std::vector<Addr>& buf = wbbufs_[p];
  world_->Charge(cost::kBarrierNs);
  switch (config_.barrier) {
    case BarrierKind::kHybrid:
      if (profile_.wbbuf_pointers_only) {
        size_t need = init ? 1 : 2;
        if (buf.size() + need > kWbBufWords) FlushWbBuf(p);
        buf.push_back(val);
        if (!init) buf.push_back(old);
      } else {
        buf.push_back(val);
        buf.push_back(old);
      }
      break;
    case BarrierKind::kDijkstra:
      if (profile_.wbbuf_pointers_only && buf.size() + 1 > kWbBufWords) FlushWbBuf(p);
      buf.push_back(val);
      break;
    case BarrierKind::kYuasa:
      if (profile_.wbbuf_pointers_only && buf.size() + 1 > kWbBufWords) FlushWbBuf(p);
      buf.push_back(old);
      break;
    case BarrierKind::kNone:
      return;
  }
  // go1.14–1.20 flush as soon as the buffer is full; go1.21+ when the next
  // store's words do not fit (above).
  if (!profile_.wbbuf_pointers_only && buf.size() >= kWbBufWords) FlushWbBuf(p);
}

// ==== Atomic pointer operations =================================================

// Models runtime/atomic_pointer.go:atomic_casPointer (go1.14–go1.23):
// `if writeBarrier.enabled { atomicwb(ptr, new) }` then the CAS.
bool Collector::CasPtr(Ref obj, uint64_t off, Ref old, Ref val, const char* point) {
  world_->YieldPoint(point);
  Span* s;
  uint64_t* w = WordAt(obj, off, true, &s, "pointer CAS");
  if (barrier_on_) WriteBarrier(*w, val.addr, false);
  if (*w != old.addr) return false;
  uint64_t& shadow = s->shadow[w - s->words.get()];
  CommitPtrStore(obj, off, w, shadow, val);
  return true;
}

// Models runtime/atomic_pointer.go:atomic_swapPointer (go1.14–go1.23).
Ref Collector::SwapPtr(Ref obj, uint64_t off, Ref val, const char* point) {
  world_->YieldPoint(point);
  Span* s;
  uint64_t* w = WordAt(obj, off, true, &s, "pointer swap");
  uint64_t& shadow = s->shadow[w - s->words.get()];
  if (barrier_on_) WriteBarrier(*w, val.addr, false);
  Ref prev{*w, shadow};
  CommitPtrStore(obj, off, w, shadow, val);
  return prev;
}

// FlushWbBuf is wbBufFlush1: shade every buffered pointer onto P p's gcWork.
bool Collector::FlushWbBuf(int p) {
  std::vector<Addr>& buf = wbbufs_[p];
  if (buf.empty()) return false;
  ++wbbuf_flushes_;
  GcWork& gcw = gcws_[p];
  bool shaded = false;
  for (Addr ptr : buf) {
    if (ptr < kMinLegalPointer) continue;
    Span* s = heap_.SpanOf(ptr);
    if (s == nullptr) continue;
    uint32_t idx = s->ObjIndex(ptr);
    if (s->IsMarked(idx)) continue;
    GreyObject(s, idx, gcw);
    shaded = true;
  }
  world_->Charge(cost::kWbFlushPerEntryNs * static_cast<int64_t>(buf.size()));
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "gc_wbbuf_flush").Int("p", p).Uint("entries", buf.size());
  }
  buf.clear();
  return shaded;
}

}  // namespace gostep::gc
