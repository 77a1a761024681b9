// gc/mark.cc — marking: root jobs, stack scans, scanobject, greyobject.
//
// Models runtime/mgcmark.go (markroot, scanstack, scanobject, greyobject,
// shade) and mbitmap.go:findObject of go1.14–go1.23. Objects over
// maxObletBytes (128 KiB) are scanned in oblets, each queued separately.
#include "base/check.h"
#include "gc/collector.h"
#include "gc/cost.h"

namespace gostep::gc {

namespace {
constexpr uint64_t kMaxObletBytes = 128 << 10;  // mgcmark.go: maxObletBytes
}  // namespace

bool Collector::MarkRoot() {
  RootJob j = root_jobs_[root_next_++];
  if (j.globals) {
    uint32_t first = j.block * kRootBlockSlots;
    globals_.ForEach(first, first + kRootBlockSlots, [&](Ref& r) { ScanSlot(r); });
    uint32_t n = std::min(kRootBlockSlots, globals_.capacity() - first);
    pacer_->AddScanWork(ScanWorkKind::kGlobals, static_cast<int64_t>(n * kPtrSize));
    if (log_->on()) log_->Begin(world_->StepCount(), world_->Now(), "gc_root").Str("kind", "globals").Uint("block", j.block);
    return true;
  }
  // markroot on a stack: a goroutine that has exited since the snapshot has
  // nothing to scan (gcscandone).
  if (j.stack->live && j.stack->generation == j.generation) ScanStack(j.stack);
  return true;
}

// ScanStack is scanstack: every pointer slot of the stack is shaded; then the
// stack is black for the rest of the cycle (gcscandone).
void Collector::ScanStack(StackRoots* s) {
  s->ForEachSlot([&](Ref& r) { ScanSlot(r); });
  s->scan_cycle = cycles_;
  if (s->goid != 0) pacer_->AddScanWork(ScanWorkKind::kStack, kStackMinBytes);  // the host thread has no Go stack
  world_->Charge(cost::kScanStackNs);
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "gc_root").Str("kind", "stack").Uint("g", s->goid);
  }
}

void Collector::ScanSlot(const Ref& r) {
  if (r.addr != 0) Shade(r.addr, CurGcw());
}

bool Collector::DrainOne(GcWork& gcw) {
  if (lists_.FullEmpty()) gcw.Balance();
  Addr b = gcw.TryGet();
  if (b == 0) return false;
  ScanObject(b, gcw);
  return true;
}

// ScanObject is scanobject: shade every pointer of the object (or oblet) at b.
void Collector::ScanObject(Addr b, GcWork& gcw) {
  Span* s = heap_.SpanOf(b);
  GOSTEP_CHECK(s != nullptr) << "scanobject of a non-heap address";
  uint32_t idx = s->ObjIndex(b);
  Addr base = s->SlotAddr(idx);
  uint64_t n = s->elemsize;
  if (b == base) s->SetGrey(idx, false);  // popped: no longer queued
  if (n > kMaxObletBytes) {
    if (b == base) {
      for (Addr oblet = b + kMaxObletBytes; oblet < base + s->elemsize; oblet += kMaxObletBytes) {
        gcw.Put(oblet);
      }
    }
    n = std::min(base + s->elemsize - b, kMaxObletBytes);
  }
  const Type* t = types_.Get(s->types[idx]);
  uint64_t count = s->counts[idx];
  uint64_t start = b - base;  // byte offset of this oblet in the slot
  uint64_t end = start + n;
  uint64_t scanned = 0;
  // Offsets below are in the object's data; a malloc header (go1.22+) is
  // the type pointer, not a heap pointer.
  start = start > s->header ? start - s->header : 0;
  end -= s->header;
  const uint64_t* words = s->DataWords(idx);
  uint64_t ptr_words = t->ptrdata / kPtrSize;
  for (uint64_t e = 0; e < count && ptr_words != 0; ++e) {
    uint64_t elem = e * t->size;
    if (elem + t->ptrdata <= start) continue;
    if (elem >= end) break;
    for (uint64_t w = 0; w < ptr_words; ++w) {
      uint64_t off = elem + w * kPtrSize;
      if (off < start || off >= end || !t->IsPointerWord(w)) continue;
      scanned = off + kPtrSize - start;
      Addr obj = words[off / kPtrSize];
      // "obj-b >= n": pointers into the object itself are skipped.
      if (obj != 0 && obj - b >= n) Shade(obj, gcw);
    }
  }
  gcw.bytes_marked += b == base ? s->elemsize : 0;
  gcw.heap_scan_work += static_cast<int64_t>(scanned);
  world_->Charge(cost::kScanObjectNs + cost::kScanWordNs * static_cast<int64_t>(scanned / kPtrSize));
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "gc_scan").Uint("obj", s->ids[idx]).Str("addr", HexAddr(b));
  }
}

void Collector::Shade(Addr a, GcWork& gcw) {
  if (a < kMinLegalPointer) return;
  Span* s = heap_.SpanOf(a);  // findObject: not a heap address: nothing to do
  if (s == nullptr) return;
  GreyObject(s, s->ObjIndex(a), gcw);
}

// GreyObject is greyobject: mark, and queue unless the object has no pointers
// (noscan objects turn black at once).
void Collector::GreyObject(Span* s, uint32_t idx, GcWork& gcw) {
  if (s->IsMarked(idx)) return;
  s->SetMarked(idx);
  world_->Charge(cost::kGreyObjectNs);
  bool black = s->noscan();
  if (black) {
    gcw.bytes_marked += s->elemsize;
  } else {
    s->SetGrey(idx, true);
    gcw.Put(s->SlotAddr(idx));
  }
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "gc_shade")
        .Uint("obj", s->ids[idx])
        .Str("color", black ? "black" : "grey");
  }
}

bool Collector::WorkAvailable() const {
  if (root_next_ < root_jobs_.size() || !lists_.FullEmpty()) return true;
  return false;
}

Color Collector::ColorOf(Ref r) const {
  Span* s = heap_.SpanOf(r.addr);
  if (s == nullptr) return Color::kWhite;
  uint32_t i = s->ObjIndex(r.addr);
  if (!s->IsMarked(i)) return Color::kWhite;
  return s->IsGrey(i) ? Color::kGrey : Color::kBlack;
}

bool Collector::IsMarked(Ref r) const {
  Span* s = heap_.SpanOf(r.addr);
  return s != nullptr && s->IsMarked(s->ObjIndex(r.addr));
}

ObjectId Collector::ObjectAt(Addr a) const {
  Span* s = heap_.SpanOf(a);
  if (s == nullptr) return 0;
  uint32_t i = s->ObjIndex(a);
  return s->IsFree(i) ? 0 : s->ids[i];
}

}  // namespace gostep::gc
