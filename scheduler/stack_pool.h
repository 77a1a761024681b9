// scheduler/stack_pool.h — host stacks for goroutine fibers, shared by eviction.
//
// Goal: a million parked goroutines in a few GiB, and no per-goroutine mmap
// (the kernel allows about 65k mappings; a guarded stack costs two).
//
// Design. Stacks live in a bounded set of slots carved from large mappings:
//   [guard page | usable stack ......................... top]   one slot
// A goroutine gets a slot when it first runs and keeps that address for life,
// because its frames hold pointers into it. When all slots are taken, a slot
// is shared: its occupant is *evicted* — the live bytes [sp, top) are copied
// to an exact-size heap buffer — and the new goroutine runs there. When an
// evicted goroutine is resumed, whatever occupies its slot is evicted in turn
// and its bytes are copied back to the same addresses. A parked goroutine
// therefore costs its live stack bytes (a few hundred) instead of a page.
// Victims are chosen by the CLOCK approximation of least-recently-run.
//
// Invariants:
//  - A StackUser is resident (its bytes are in its slot) or evicted (in
//    `saved`), never both; a slot has at most one resident occupant.
//  - The context executing on the host is always resident, and is never
//    evicted: callers pass it as `running`.
//  - Nothing outside a goroutine may point into its stack while it is
//    suspended (wait records, channel buffers and roots live off-stack), since
//    the bytes may be elsewhere. scheduler/README.md states this rule.
//
// Sanitizers: copies use an uninstrumented loop (redzones are poisoned), and
// a slot is unpoisoned before a goroutine's bytes are copied back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gostep::sched {

// StackUser is the per-goroutine residency record, embedded in the G.
struct StackUser {
  int32_t slot = -1;        // -1: not started yet
  bool resident = false;
  uint32_t saved_size = 0;  // bytes in `saved`
  char* saved = nullptr;    // heap copy of [sp, top) while evicted
  char* sp = nullptr;       // lowest live address while suspended (fctx)
};

class StackPool {
 public:
  struct Config {
    size_t slot_bytes = 256 * 1024;  // usable bytes per slot (a guard page is added)
    size_t max_slots = 4096;         // slots before eviction starts
  };

  explicit StackPool(Config config);
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  // Assign gives `u` a slot (a free one, a new one, or an evicted victim's)
  // and makes it resident. `running` is never evicted.
  void Assign(StackUser* u, const StackUser* running);
  // MakeResident copies `u`'s bytes back into its slot, evicting the occupant.
  // u's slot must not be running's slot.
  void MakeResident(StackUser* u, const StackUser* running);
  // Release frees u's slot (the goroutine has exited) or its saved bytes.
  void Release(StackUser* u);
  // Touch marks u's slot recently used (CLOCK reference bit).
  void Touch(const StackUser* u) { slots_[u->slot].referenced = true; }

  char* Top(int32_t slot) const { return slots_[slot].base + config_.slot_bytes; }
  char* Bottom(int32_t slot) const { return slots_[slot].base; }
  size_t slot_bytes() const { return config_.slot_bytes; }
  const StackUser* Occupant(int32_t slot) const { return slots_[slot].occupant; }
  // SlotOf returns the slot whose usable bytes hold addr, or -1.
  int32_t SlotOf(const void* addr) const;

  // Counters for benchmarks and tests.
  size_t slots_in_use() const { return slots_.size() - free_.size(); }
  uint64_t evictions() const { return evictions_; }
  uint64_t restores() const { return restores_; }

 private:
  struct Slot {
    char* base;  // lowest usable byte (guard page below)
    StackUser* occupant = nullptr;
    bool referenced = false;
  };

  int32_t NewSlot();
  int32_t PickVictim(const StackUser* running);
  void Evict(StackUser* u);

  Config config_;
  std::vector<Slot> slots_;
  std::vector<int32_t> free_;     // released slots, reused LIFO
  std::vector<char*> mappings_;   // each holds kSlotsPerMapping slots
  size_t mapping_bytes_ = 0;
  size_t guarded_ = 0;            // slots of the last mapping whose guard page is set
  size_t clock_hand_ = 0;
  uint64_t evictions_ = 0;
  uint64_t restores_ = 0;
};

}  // namespace gostep::sched
