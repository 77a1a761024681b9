// gc/roots.h — root slots: goroutine stacks and globals.
//
// Roots are where marking starts (mgcmark.go:markroot). gostep has three
// kinds, all tables of Ref slots owned by the collector:
//   StackRoots   one per goroutine (and one for the host thread): the C++
//                API's Local handles, plus any SlotSource (lang/'s
//                interpreter frames). Writes to a stack have no write
//                barrier, as in Go. Each stack is scanned once per cycle
//                (gcscandone), unless a re-scanning barrier asks again.
//   GlobalRoots  the data/BSS segment: Global handles. Writes to globals go
//                through the write barrier (Go emits barriers for them), so
//                globals are scanned once, in blocks of rootBlockBytes.
// A stack's StackRoots lives as long as its goroutine; its generation
// changes when the goroutine exits, so a stale snapshot entry is a dead G
// (markroot: "if gp.status == _Gdead, gcscandone = true").
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "gc/ref.h"

namespace gostep::gc {

// SlotSource supplies extra root slots of a stack (interpreter frames).
class SlotSource {
 public:
  virtual ~SlotSource() = default;
  virtual void VisitSlots(const std::function<void(Ref&)>& fn) = 0;
};

// SlotTable is a table of Ref slots with a free list (handles index it).
class SlotTable {
 public:
  uint32_t Add(Ref r) {
    if (!free_.empty()) {
      uint32_t i = free_.back();
      free_.pop_back();
      slots_[i] = r;
      used_[i] = 1;
      ++nused_;
      return i;
    }
    slots_.push_back(r);
    used_.push_back(1);
    ++nused_;
    return static_cast<uint32_t>(slots_.size() - 1);
  }
  void Remove(uint32_t i) {
    used_[i] = 0;
    slots_[i] = {};
    free_.push_back(i);
    --nused_;
  }
  Ref& operator[](uint32_t i) { return slots_[i]; }
  const Ref& operator[](uint32_t i) const { return slots_[i]; }
  bool used(uint32_t i) const { return used_[i] != 0; }
  uint32_t capacity() const { return static_cast<uint32_t>(slots_.size()); }
  uint32_t nused() const { return nused_; }
  void Clear() {
    slots_.clear();
    used_.clear();
    free_.clear();
    nused_ = 0;
  }
  // ForEach calls fn(Ref&) for used slots in [first, last).
  template <typename Fn>
  void ForEach(uint32_t first, uint32_t last, Fn fn) {
    for (uint32_t i = first; i < last && i < slots_.size(); ++i) {
      if (used_[i]) fn(slots_[i]);
    }
  }

 private:
  std::vector<Ref> slots_;
  std::vector<uint8_t> used_;
  std::vector<uint32_t> free_;
  uint32_t nused_ = 0;
};

struct StackRoots {
  uint64_t goid = 0;            // 0: the host thread
  uint32_t generation = 0;      // bumped when the goroutine exits
  bool live = false;
  SlotTable locals;             // Local handles
  SlotSource* frames = nullptr; // lang/ frames, if any
  uint32_t scan_cycle = 0;      // the cycle (1, 2, …) whose mark scanned it: gcscandone
  uint32_t rescan_cycle = 0;    // the cycle whose mark termination re-scanned it (dijkstra)
  int64_t assist_bytes = 0;     // gcAssistBytes: credit (>0) or debt (<0)

  template <typename Fn>
  void ForEachSlot(Fn fn) {
    locals.ForEach(0, locals.capacity(), fn);
    if (frames != nullptr) frames->VisitSlots(fn);
  }
};

// _StackMin (stack.go): the scannable stack gostep counts per goroutine.
constexpr int64_t kStackMinBytes = 2048;

// rootBlockBytes (mgcmark.go): globals are scanned in blocks of 256 KiB.
constexpr uint32_t kRootBlockSlots = 256 * 1024 / kPtrSize;

}  // namespace gostep::gc
