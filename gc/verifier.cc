#include "gc/verifier.h"

#include <fmt/format.h>

#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "gc/collector.h"

namespace gostep::gc {

namespace {

// Edge is one pointer slot: where it is, and the Ref it holds.
struct Edge {
  uint64_t off;
  Ref ref;
};

// ForEachEdge calls fn(Edge) for every non-nil pointer word of slot i of s.
template <typename Fn>
void ForEachEdge(const TypeTable& types, Span* s, uint32_t i, Fn fn) {
  if (s->noscan()) return;
  const Type* t = types.Get(s->types[i]);
  uint64_t nptr = t->ptrdata / kPtrSize;
  const uint64_t* words = s->DataWords(i);
  const uint64_t* shadow = s->shadow.get() + (words - s->words.get());
  for (uint64_t e = 0; e < s->counts[i]; ++e) {
    for (uint64_t w = 0; w < nptr; ++w) {
      if (!t->IsPointerWord(w)) continue;
      uint64_t k = (e * t->size) / kPtrSize + w;
      if (words[k] != 0) fn(Edge{k * kPtrSize, Ref{words[k], shadow[k]}});
    }
  }
}

}  // namespace

void Verifier::Add(const char* check, std::string msg, ObjectId obj) {
  violations_.push_back(Violation{.check = check,
                                  .message = std::move(msg),
                                  .step = c_->world_->StepCount(),
                                  .gc_step = c_->steps_,
                                  .object = obj});
}

std::string Verifier::CheckAll() {
  size_t before = violations_.size();
  CheckBarrier();
  CheckGrey();
  CheckAccounting();
  CheckTricolor();
  CheckReachable();
  return violations_.size() > before ? violations_[before].message : "";
}

void Verifier::AfterStep() {
  size_t before = violations_.size();
  CheckAll();
  for (size_t i = before; i < violations_.size(); ++i) {
    if (violations_[i].check != std::string("lost")) continue;
    std::string msg = violations_[i].message;
    for (const Violation& v : violations_) {
      if (v.check != std::string("lost")) {
        msg += fmt::format("\nfirst violation, at step {} (collector step {}): {}", v.step, v.gc_step, v.message);
        break;
      }
    }
    HeapFault f{.kind = FaultKind::kLostObject, .object = violations_[i].object, .message = msg};
    c_->world_->Fault(f);
  }
}

// ==== 1. barrier state ========================================================

void Verifier::CheckBarrier() {
  GcPhase p = c_->phase_;
  bool want = p == GcPhase::kMark || p == GcPhase::kMarkTermination;
  if (c_->barrier_on_ != want) {
    Add("barrier", fmt::format("write barrier {} in phase {}", c_->barrier_on_ ? "on" : "off", GcPhaseName(p)));
  }
  if (c_->blacken_on_ && p != GcPhase::kMark) {
    Add("barrier", fmt::format("gcBlackenEnabled in phase {}", GcPhaseName(p)));
  }
}

// ==== 2. grey objects are queued ==============================================

void Verifier::CheckGrey() {
  std::unordered_set<Addr> queued;
  auto note = [&](Addr a) {
    Span* s = c_->heap_.SpanOf(a);
    if (s == nullptr) {
      Add("grey", fmt::format("work queue holds {}, not a heap object", HexAddr(a)));
      return;
    }
    uint32_t i = s->ObjIndex(a);
    if (!s->IsMarked(i)) Add("grey", fmt::format("queued object {} is not marked", HexAddr(a)), s->ids[i]);
    if (a == s->SlotAddr(i)) queued.insert(a);
  };
  for (const GcWork& w : c_->gcws_) w.ForEachLocal(note);
  for (const Workbuf* b : c_->lists_.full()) {
    for (uint32_t k = 0; k < b->nobj; ++k) note(b->obj[k]);
  }
  for (Span* s : c_->heap_.allspans()) {
    if (s->state != SpanState::kInUse) continue;
    for (uint32_t i = 0; i < s->nelems; ++i) {
      if (!s->IsGrey(i)) continue;
      if (!s->IsMarked(i)) Add("grey", fmt::format("grey object {} is not marked", HexAddr(s->SlotAddr(i))), s->ids[i]);
      if (!queued.contains(s->SlotAddr(i))) {
        Add("grey", fmt::format("grey object {} is on no work list", c_->Describe(s->ids[i])), s->ids[i]);
      }
    }
  }
}

// ==== 3. accounting ===========================================================

void Verifier::CheckAccounting() {
  const Heap& h = c_->heap_;
  uint64_t inuse = 0;
  uint32_t sg = h.sweepgen();
  for (Span* s : h.allspans()) {
    if (s->state != SpanState::kInUse) continue;
    inuse += s->npages * kPageSize;
    std::string where = fmt::format("span {} (class {})", HexAddr(s->base), s->sizeclass());
    if (s->alloc_count != s->AllocatedSlots()) {
      Add("accounting", fmt::format("{}: allocCount {} but {} slots allocated", where, s->alloc_count, s->AllocatedSlots()));
    }
    for (uint32_t i = 0; i < s->nelems; ++i) {
      bool alloc = !s->IsFree(i);
      bool live = s->ids[i] != 0 && c_->history_.Live(s->ids[i]);
      if (alloc != live) {
        Add("accounting", fmt::format("{} slot {}: allocated={} but object #{} live={}", where, i, alloc, s->ids[i], live));
      }
    }
    for (uint64_t pg = 0; pg < s->npages; ++pg) {
      Addr a = s->base + pg * kPageSize;
      if (h.SpanOf(a) != s && a < s->limit()) Add("accounting", fmt::format("{}: page {} maps elsewhere", where, pg));
      if (h.pages().IsFree((a - kArenaBaseAddr) / kPageSize)) Add("accounting", fmt::format("{}: page {} is free", where, pg));
    }
    if (s->list == SpanList::kCached) {
      if (s->cached_by < 0 || h.mcache(s->cached_by).alloc[s->spanclass] != s) {
        Add("accounting", fmt::format("{}: marked cached but no mcache holds it", where));
      }
      if (s->sweepgen != sg + 3 && s->sweepgen != sg + 1) {
        Add("accounting", fmt::format("{}: cached with sweepgen {} (heap {})", where, s->sweepgen, sg));
      }
      continue;
    }
    if (s->list == SpanList::kNone) {
      Add("accounting", fmt::format("{}: in use but on no list and not cached", where));
      continue;
    }
    const MCentral& c = h.central(s->spanclass);
    int k = static_cast<int>(s->list) - static_cast<int>(SpanList::kPartial0);
    const SpanSet& set = k < 2 ? c.partial[k] : c.full[k - 2];
    if (std::find(set.q.begin(), set.q.end(), s) == set.q.end()) {
      Add("accounting", fmt::format("{}: not in the span set it claims", where));
    }
    bool swept_set = (k % 2) == static_cast<int>(sg / 2 % 2);
    uint32_t want = swept_set ? sg : sg - 2;
    if (s->sweepgen != want) {
      Add("accounting", fmt::format("{}: sweepgen {} in a {} set (heap {})", where, s->sweepgen,
                                    swept_set ? "swept" : "unswept", sg));
    }
    bool full = s->alloc_count == s->nelems;
    if (full != (k >= 2)) Add("accounting", fmt::format("{}: {} span in a {} set", where, full ? "full" : "partial", k >= 2 ? "full" : "partial"));
  }
  if (inuse != h.stats().heap_inuse) {
    Add("accounting", fmt::format("heap_inuse {} but in-use spans hold {} bytes", h.stats().heap_inuse, inuse));
  }
}

// ==== 4. weak tri-colour ======================================================

void Verifier::CheckTricolor() {
  GcPhase p = c_->phase_;
  if (p != GcPhase::kMark && p != GcPhase::kMarkTermination) return;
  const Heap& h = c_->heap_;
  auto target = [&](const Ref& r, Span** sp, uint32_t* ip) -> bool {
    Span* s = h.SpanOf(r.addr);
    if (s == nullptr) return false;
    uint32_t i = s->ObjIndex(r.addr);
    if (s->IsFree(i)) return false;
    *sp = s;
    *ip = i;
    return true;
  };
  // Grey sources: queued objects (and oblets), pending barrier entries,
  // unscanned roots. Protected: white objects reachable from them through
  // white objects.
  std::unordered_set<ObjectId> grey, protected_white;
  std::deque<std::pair<Span*, uint32_t>> work;
  auto protect = [&](const Ref& r) {
    Span* s;
    uint32_t i;
    if (!target(r, &s, &i) || s->IsMarked(i)) return;
    if (protected_white.insert(s->ids[i]).second) work.emplace_back(s, i);
  };
  auto add_grey = [&](Addr a) {
    Span* s = h.SpanOf(a);
    if (s == nullptr) return;
    uint32_t i = s->ObjIndex(a);
    if (!grey.insert(s->ids[i]).second) return;
    ForEachEdge(c_->types_, s, i, [&](const Edge& e) { protect(e.ref); });
  };
  for (const GcWork& w : c_->gcws_) w.ForEachLocal(add_grey);
  for (const Workbuf* b : c_->lists_.full()) {
    for (uint32_t k = 0; k < b->nobj; ++k) add_grey(b->obj[k]);
  }
  for (const auto& buf : c_->wbbufs_) {
    for (Addr a : buf) protect(Ref{a, 0});
  }
  bool rescan = c_->config_.barrier == BarrierKind::kDijkstra && c_->config_.rescan_stacks;
  auto stack_black = [&](const StackRoots* s) {
    return rescan ? s->rescan_cycle == c_->cycles_ : s->scan_cycle == c_->cycles_;
  };
  std::vector<std::pair<StackRoots*, bool>> stacks{{&c_->host_stack_, stack_black(&c_->host_stack_)}};
  for (StackRoots& s : c_->stacks_) {
    if (s.live) stacks.emplace_back(&s, stack_black(&s));
  }
  for (auto& [s, black] : stacks) {
    if (!black) s->ForEachSlot([&](Ref& r) { protect(r); });
  }
  size_t global_jobs = 0;
  while (global_jobs < c_->root_jobs_.size() && c_->root_jobs_[global_jobs].globals) ++global_jobs;
  auto global_scanned = [&](uint32_t slot) { return c_->root_next_ > slot / kRootBlockSlots && slot / kRootBlockSlots < global_jobs; };
  for (uint32_t g = 0; g < c_->globals_.capacity(); ++g) {
    if (c_->globals_.used(g) && !global_scanned(g)) protect(c_->globals_[g]);
  }
  while (!work.empty()) {
    auto [s, i] = work.front();
    work.pop_front();
    ForEachEdge(c_->types_, s, i, [&](const Edge& e) { protect(e.ref); });
  }
  // Every black holder's white referents must be protected.
  auto check = [&](const Ref& r, const std::string& holder) {
    Span* s;
    uint32_t i;
    if (!target(r, &s, &i) || s->IsMarked(i) || protected_white.contains(s->ids[i])) return;
    Add("tricolor", fmt::format("{} points to white {}, which no grey object, unscanned root or barrier buffer protects",
                                holder, c_->Describe(s->ids[i])),
        s->ids[i]);
  };
  for (Span* s : h.allspans()) {
    if (s->state != SpanState::kInUse || s->noscan()) continue;
    for (uint32_t i = 0; i < s->nelems; ++i) {
      if (s->IsFree(i) || !s->IsMarked(i) || grey.contains(s->ids[i])) continue;
      ForEachEdge(c_->types_, s, i, [&](const Edge& e) {
        check(e.ref, fmt::format("black {} (+{})", c_->Describe(s->ids[i]), e.off));
      });
    }
  }
  for (auto& [stack, black] : stacks) {
    if (!black) continue;
    auto* s = stack;  // a lambda may not capture a structured binding before C++20 in clang 14
    s->ForEachSlot([&](Ref& r) { check(r, fmt::format("the scanned stack of goroutine {}", s->goid)); });
  }
  for (uint32_t g = 0; g < c_->globals_.capacity(); ++g) {
    if (c_->globals_.used(g) && global_scanned(g)) check(c_->globals_[g], fmt::format("scanned global {}", g));
  }
}

// ==== 5. shadow reachability ==================================================

void Verifier::CheckReachable() {
  const Heap& h = c_->heap_;
  const ObjectHistory& hist = c_->history_;
  // parent[id] = how it was first reached: (holder id or 0 for a root, text).
  std::unordered_map<ObjectId, std::pair<ObjectId, std::string>> parent;
  std::deque<ObjectId> work;
  bool lost = false;
  auto path = [&](ObjectId id) {
    std::vector<std::string> parts;
    for (ObjectId cur = id; cur != 0;) {
      auto& [from, how] = parent[cur];
      parts.push_back(how);
      cur = from;
    }
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += (out.empty() ? "" : " -> ") + *it;
    return out;
  };
  auto follow = [&](const Ref& r, ObjectId from, const std::string& how) {
    if (lost || r.addr == 0) return;
    ObjectId id = r.id != 0 ? r.id : c_->ObjectAt(r.addr);
    if (id == 0 || parent.contains(id)) return;
    parent[id] = {from, how + " -> #" + std::to_string(id)};
    if (!hist.Live(id)) {
      lost = true;
      Add("lost",
          fmt::format("lost object: {} was freed while reachable: {}", c_->Describe(id), path(id)), id);
      return;
    }
    work.push_back(id);
  };
  auto root = [&](const std::string& name) { return [&, name](Ref& r) { follow(r, 0, name); }; };
  c_->host_stack_.ForEachSlot(root("host stack"));
  for (StackRoots& s : c_->stacks_) {
    if (s.live) s.ForEachSlot(root(fmt::format("goroutine {} stack", s.goid)));
  }
  for (uint32_t g = 0; g < c_->globals_.capacity(); ++g) {
    if (c_->globals_.used(g)) follow(c_->globals_[g], 0, fmt::format("global {}", g));
  }
  bool mark_over = c_->phase_ == GcPhase::kSweep;
  uint32_t sg = h.sweepgen();
  while (!work.empty() && !lost) {
    ObjectId id = work.front();
    work.pop_front();
    const ObjectRecord& rec = hist.Get(id);
    Span* s = h.SpanOf(rec.addr);
    uint32_t i = s->ObjIndex(rec.addr);
    if (mark_over && s->sweepgen == sg - 2 && !s->IsMarked(i)) {
      lost = true;
      Add("lost", fmt::format("lost object: {} is reachable but unmarked after mark termination; the sweep will free "
                              "it: {}",
                              c_->Describe(id), path(id)),
          id);
      return;
    }
    ForEachEdge(c_->types_, s, i, [&](const Edge& e) { follow(e.ref, id, fmt::format("+{}", e.off)); });
  }
}

}  // namespace gostep::gc
