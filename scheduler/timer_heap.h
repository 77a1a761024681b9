// scheduler/timer_heap.h — a P's timers: the 4-ary heap of runtime/time.go.
//
// Models runtime/time.go's p.timers heap (go1.14–go1.22: siftupTimer,
// siftdownTimer, doaddtimer, dodeltimer) with timerHeapN = 4. The order of
// timers with equal `when` is the heap's, as in Go. gostep runs one thread, so
// the timer state machine of those releases (timerWaiting, timerModifiedEarlier,
// timerDeleted, …) collapses to "in a heap or not": Stop removes at once
// instead of lazily (documented in scheduler/README.md).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "scheduler/types.h"

namespace gostep::sched {

struct G;
struct Hchan;

// What a timer does when it fires (runtime/time.go's t.f).
enum class TimerFunc : uint8_t {
  kGoroutineReady,  // time.Sleep: goready(g)
  kSendTime,        // time.NewTimer/NewTicker/After: non-blocking send on c
  kGoFunc,          // time.AfterFunc: go fn()
  kCallback,        // runtime-internal: call fn on the scheduler
};

struct Timer {
  Nanos when = 0;    // 0: not armed
  Nanos period = 0;  // > 0: a ticker
  TimerFunc f = TimerFunc::kCallback;
  G* g = nullptr;                // kGoroutineReady
  Hchan* c = nullptr;            // kSendTime
  std::function<void()> fn;      // kGoFunc, kCallback
  int32_t owner = -1;            // P whose heap holds it, -1: in no heap
  int32_t index = -1;            // position in that heap
  // go1.23 synchronous timer channels (time.go: isChan, blocked, seq).
  bool is_chan = false;
  int32_t blocked = 0;  // goroutines blocked receiving on c
  uint64_t seq = 0;
  uint64_t id = 0;      // creation number, for events
};

class TimerHeap {
 public:
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  // Earliest timer, or null.
  Timer* Min() const { return heap_.empty() ? nullptr : heap_[0]; }
  // Add inserts t (owned by P `owner`).
  void Add(Timer* t, int32_t owner);
  // Remove takes t out; it must be in this heap.
  void Remove(Timer* t);
  // Fix restores the order after t->when changed.
  void Fix(Timer* t);

 private:
  void SiftUp(size_t i);
  void SiftDown(size_t i);
  void Set(size_t i, Timer* t) {
    heap_[i] = t;
    t->index = static_cast<int32_t>(i);
  }
  std::vector<Timer*> heap_;
};

}  // namespace gostep::sched
