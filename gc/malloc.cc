// gc/malloc.cc — allocation (mallocgc) and checked heap access.
//
// Models runtime/malloc.go:mallocgc of go1.14–go1.23 minus the tiny
// allocator (heap.h says why): pick the size class (gc/size_classes.h, with
// go1.22's malloc header), take the next free slot from the P's mcache
// (refilling it from mcentral), zero it, and during mark allocate it black
// (gcmarknewobject). Every load and store then resolves its Ref against the
// object now at that address (see gc/ref.h): a freed or reused object is a
// reported fault, never a host access to freed memory.
#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

#include "base/check.h"
#include "gc/collector.h"
#include "gc/cost.h"

namespace gostep::gc {

const char* FaultKindName(FaultKind k) {
  switch (k) {
    case FaultKind::kNilDereference: return "nil dereference";
    case FaultKind::kFreedObject: return "use of freed object";
    case FaultKind::kReusedAddress: return "use of freed object whose address was reused";
    case FaultKind::kBadPointer: return "bad pointer";
    case FaultKind::kOutOfBounds: return "out of bounds";
    case FaultKind::kNotPointerSlot: return "wrong slot kind";
    case FaultKind::kLostObject: return "lost object";
  }
  return "?";
}

// ==== Stacks and globals ======================================================

StackRoots* Collector::NewStack(uint64_t goid) {
  StackRoots* s;
  if (!free_stacks_.empty()) {
    s = free_stacks_.back();
    free_stacks_.pop_back();
  } else {
    stacks_.emplace_back();
    s = &stacks_.back();
  }
  s->goid = goid;
  s->live = true;
  s->assist_bytes = 0;
  // A goroutine created during mark is not in the allGs snapshot: it starts
  // with no roots, black (any root it gets passes through a barrier or a
  // scanned stack).
  bool marking = phase_ == GcPhase::kMark || phase_ == GcPhase::kMarkTermination;
  s->scan_cycle = marking ? cycles_ : 0;
  s->rescan_cycle = 0;
  // Each goroutine counts _StackMin bytes of scannable stack (newproc1's
  // addScannableStack; gostep's goroutines have no Go stack of their own).
  pacer_->AddScannableStack(nullptr, kStackMinBytes);
  return s;
}

void Collector::ReleaseStack(StackRoots* s) {
  s->live = false;
  ++s->generation;
  pacer_->AddScannableStack(nullptr, -kStackMinBytes);
  s->locals.Clear();
  s->frames = nullptr;
  free_stacks_.push_back(s);
}

uint32_t Collector::NewGlobal() {
  pacer_->AddGlobals(kPtrSize);  // the data segment grows by one pointer word
  return globals_.Add({});
}

void Collector::StoreGlobal(uint32_t slot, Ref v) {
  Ref& g = globals_[slot];
  if (barrier_on_) WriteBarrier(g.addr, v.addr, false);
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "ptr_store")
        .Str("dst", "global")
        .Uint("slot", slot)
        .Uint("old", g.id)
        .Uint("new", v.id);
  }
  g = v;
}

// ==== mallocgc ================================================================

Ref Collector::New(const Type* t, uint32_t count) {
  uint64_t size = t->size * count;
  if (size == 0) return Ref{kZeroBaseAddr, 0};  // &zerobase: every zero-size allocation
  world_->CallPoint("runtime.mallocgc");  // newobject is a call: a safe point
  AssistAlloc(size);  // may park (GC assist wait): before the object exists
  int p = world_->CurrentP();
  bool noscan = t->noscan();
  AllocSize a = ClassFor(profile_, size, noscan);
  if (a.tiny) {
    // No tiny allocator (heap.h): the object gets the slot of its own size.
    const SizeClassTable& t = SizeClasses(profile_);
    a.sizeclass = SizeToClass(t, size);
    a.elemsize = t.class_to_size[a.sizeclass];
  }
  Span* s;
  uint32_t slot = 0;
  bool refilled = true;
  if (!a.large) {
    s = heap_.NextFree(p, MakeSpanClass(a.sizeclass, noscan), &slot, &refilled);
  } else {
    s = heap_.AllocLarge(p, a.npages, noscan);
    s->freeindex = 1;
    s->alloc_count = 1;
  }
  Addr addr = s->SlotAddr(slot);
  uint64_t* words = s->SlotWords(slot);
  std::memset(words, 0, s->elemsize);
  if (s->shadow != nullptr) std::memset(s->shadow.get() + (words - s->words.get()), 0, s->elemsize);
  bool black = phase_ == GcPhase::kMark || phase_ == GcPhase::kMarkTermination;
  ObjectId prev = s->ids[slot];
  if (prev == 0 && !last_at_.empty()) {
    auto it = last_at_.find(addr);
    if (it != last_at_.end()) {
      prev = it->second;
      last_at_.erase(it);
    }
  }
  ObjectRecord rec;
  rec.addr = addr + s->header;
  rec.size = s->elemsize;
  rec.alloc_step = world_->StepCount();
  rec.alloc_goid = world_->CurrentGoid();
  rec.type = t->id;
  rec.count = count;
  rec.alloc_cycle = cycles_;
  rec.alloc_black = black;
  ObjectId id = history_.Add(rec);
  s->ids[slot] = id;
  s->types[slot] = t->id;
  s->counts[slot] = count;
  if (!noscan) scan_alloc_[p] += static_cast<int64_t>((count - 1) * t->size + t->ptrdata);  // c.scanAlloc
  if (black) {
    // gcmarknewobject: all slots hold nil, so no scanning is needed.
    s->SetMarked(slot);
    gcws_[p].bytes_marked += s->elemsize;
  }
  world_->Charge(cost::kMallocNs + (refilled ? cost::kRefillNs : 0) +
                 cost::kZeroPerKiBNs * static_cast<int64_t>(s->elemsize >> 10));
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "alloc")
        .Uint("obj", id)
        .Str("addr", HexAddr(addr))
        .Str("type", t->name)
        .Uint("size", s->elemsize)
        .Bool("black", black);
    if (prev != 0) {
      log_->Begin(world_->StepCount(), world_->Now(), "addr_reuse")
          .Str("addr", HexAddr(addr))
          .Uint("old", prev)
          .Uint("new", id);
    }
  }
  AfterAlloc(refilled);
  return Ref{addr + s->header, id};
}

// ==== Checked access ==========================================================

// Resolve caches its answers (Collector::Lookup, inline): an object live now
// stays live until a sweep frees something (heap_epoch_), so a hit needs no
// span lookup.
Span* Collector::Resolve(Ref r, uint32_t* slot, uint64_t off) {
  const ResolveHit& e = Lookup(r, off);
  *slot = e.slot;
  return e.span;
}

namespace {
uint64_t FastmodMultiplier(uint64_t size, uint64_t len) {
  if (size == 0 || size > UINT32_MAX || len > UINT32_MAX) return 0;
  return ~uint64_t{0} / size + 1;
}
}  // namespace

const Collector::ResolveHit& Collector::ResolveSlow(Ref r, uint64_t off) {
  if (r.addr == 0) ReportFault(FaultKind::kNilDereference, r, off, "dereference");
  Span* s = heap_.SpanOf(r.addr);
  if (s == nullptr) {
    bool freed = history_.Valid(r.id) && !history_.Live(r.id);
    ReportFault(freed ? FaultKind::kFreedObject : FaultKind::kBadPointer, r, off, "access");
  }
  uint32_t i = s->ObjIndex(r.addr);
  ObjectId cur = s->IsFree(i) ? 0 : s->ids[i];
  if (cur != 0 && (cur == r.id || r.id == 0)) {
    const Type* t = types_.Get(s->types[i]);
    uint64_t* words = s->DataWords(i);
    ResolveHit& e = resolve_cache_[CacheIndex(r)];
    e = ResolveHit{.lo = s->SlotAddr(i),
                   .hi = s->SlotAddr(i) + s->elemsize,
                   .id = cur,
                   .span = s,
                   .slot = i,
                   .epoch = heap_epoch_,
                   .data = s->DataAddr(i),
                   .data_len = t->size * s->counts[i],
                   .words = words,
                   .shadow = s->shadow != nullptr ? s->shadow.get() + (words - s->words.get()) : nullptr,
                   .type = t,
                   .mod_m = FastmodMultiplier(t->size, t->size * s->counts[i])};
    return e;
  }
  if (r.id != 0 && history_.Live(r.id)) ReportFault(FaultKind::kOutOfBounds, r, off, "access");
  ReportFault(cur != 0 ? FaultKind::kReusedAddress : FaultKind::kFreedObject, r, off, "access");
}

void Collector::Check(Ref r, uint64_t off, uint64_t len, const char* what) {
  const ResolveHit& e = Lookup(r, off);
  uint64_t start = r.addr - e.data + off;
  if (r.addr < e.data || start + len > e.data_len) ReportFault(FaultKind::kOutOfBounds, r, off, what);
}

void Collector::StorePtrNoBarrier(Ref obj, uint64_t off, Ref val) {
  world_->YieldPoint("runtime.gcWriteBarrier");
  Span* s;
  uint64_t* w = WordAt(obj, off, true, &s, "pointer store");
  *w = val.addr;
  s->shadow[w - s->words.get()] = val.id;
}

void Collector::ReportFault(FaultKind kind, Ref r, uint64_t off, const char* what) {
  HeapFault f;
  f.kind = kind;
  f.addr = r.addr + off;
  f.object = r.id;
  std::string meant = history_.Valid(r.id) ? Describe(r.id) : "an untracked address";
  switch (kind) {
    case FaultKind::kNilDereference:
      f.message = "invalid memory address or nil pointer dereference";
      break;
    case FaultKind::kReusedAddress: {
      Span* s = heap_.SpanOf(r.addr);
      f.now_at = s->ids[s->ObjIndex(r.addr)];
      f.message = fmt::format("{} through {}: {}; the address now holds {}", FaultKindName(kind), HexAddr(f.addr),
                              meant, Describe(f.now_at));
      break;
    }
    case FaultKind::kFreedObject:
      f.message = fmt::format("{} through {}: {}; nothing lives there now", FaultKindName(kind), HexAddr(f.addr), meant);
      break;
    default:
      f.message = fmt::format("{}: {} at {}+{} ({})", FaultKindName(kind), what, HexAddr(r.addr), off, meant);
      break;
  }
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "heap_fault")
        .Str("kind", FaultKindName(kind))
        .Str("addr", HexAddr(f.addr))
        .Uint("obj", f.object)
        .Uint("now", f.now_at);
  }
  world_->Fault(f);
  std::abort();  // World::Fault does not return
}

// CommitPtrStore writes a pointer word and its shadow id (after any barrier)
// and logs the store.
void Collector::CommitPtrStore(Ref obj, uint64_t off, uint64_t* w, uint64_t& shadow, Ref val) {
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "ptr_store")
        .Uint("obj", obj.id)
        .Uint("off", off)
        .Uint("old", shadow)
        .Uint("new", val.id)
        .Bool("barrier", barrier_on_);
  }
  *w = val.addr;
  shadow = val.id;
}

Ref Collector::LoadPtr(Ref obj, uint64_t off) {
  Span* s;
  uint64_t* w = WordAt(obj, off, true, &s, "pointer load");
  return Ref{*w, s->shadow[w - s->words.get()]};
}

void Collector::Store(Ref obj, uint64_t off, Ref val, bool init) {
  world_->YieldPoint("runtime.gcWriteBarrier");
  Span* s;
  uint64_t* w = WordAt(obj, off, true, &s, "pointer store");
  uint64_t& shadow = s->shadow[w - s->words.get()];
  if (barrier_on_) WriteBarrier(*w, val.addr, init);
  CommitPtrStore(obj, off, w, shadow, val);
}

uint64_t Collector::LoadWord(Ref obj, uint64_t off) {
  Span* s;
  return *WordAt(obj, off, false, &s, "load");
}

void Collector::StoreWord(Ref obj, uint64_t off, uint64_t v) {
  Span* s;
  uint64_t* w = WordAt(obj, off, false, &s, "store");
  *w = v;
  if (s->shadow != nullptr) s->shadow[w - s->words.get()] = 0;
}

void Collector::StoreUintptr(Ref obj, uint64_t off, Ref v) {
  Span* s;
  uint64_t* w = WordAt(obj, off, false, &s, "store");
  *w = v.addr;
  if (s->shadow != nullptr) s->shadow[w - s->words.get()] = v.id;  // noscan spans keep no provenance
}

Ref Collector::LoadUintptr(Ref obj, uint64_t off) {
  Span* s;
  uint64_t* w = WordAt(obj, off, false, &s, "load");
  return Ref{*w, s->shadow != nullptr ? s->shadow[w - s->words.get()] : 0};
}

// ==== Sweep callbacks =========================================================

void Collector::OnFree(Span* s, uint32_t slot) {
  ++heap_epoch_;  // a live object may be gone: forget what Resolve cached
  ObjectId id = s->ids[slot];
  if (id == 0 || !history_.Live(id)) return;
  ObjectRecord& r = history_.Get(id);
  r.free_cycle = cycles_;
  r.free_step = world_->StepCount();
  world_->Charge(cost::kSweepObjectNs);
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "free")
        .Uint("obj", id)
        .Str("addr", HexAddr(s->SlotAddr(slot)))
        .Uint("cycle", cycles_);
  }
}

void Collector::OnFreeSpan(Span* s) {
  ++heap_epoch_;
  if (!log_->on()) return;
  for (uint32_t i = 0; i < s->nelems; ++i) {
    if (s->ids[i] != 0) last_at_[s->SlotAddr(i) + s->header] = s->ids[i];
  }
}

// OnZombie is mspan.reportZombies: a marked free slot means a pointer to a
// freed object was followed; Go throws.
void Collector::OnZombie(Span* s, uint32_t slot) {
  std::string pre = fmt::format(
      "runtime: marked free object in span {}, elemsize={} freeindex={} (bad use of unsafe.Pointer? try "
      "-d=checkptr)\n",
      HexAddr(s->base), s->elemsize, s->freeindex);
  for (uint32_t i = 0; i < s->nelems; ++i) {
    bool alloc = !s->IsFree(i);
    bool marked = s->IsMarked(i);
    pre += fmt::format("{}{}{}{}\n", HexAddr(s->SlotAddr(i)), alloc ? " alloc" : " free ",
                       marked ? " marked  " : " unmarked", marked && !alloc ? " zombie" : "");
  }
  world_->Throw(pre, "found pointer to free object");
}

}  // namespace gostep::gc
