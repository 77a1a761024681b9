#include "scheduler/timer_heap.h"

#include "base/check.h"

namespace gostep::sched {

void TimerHeap::Add(Timer* t, int32_t owner) {
  GOSTEP_CHECK(t->owner < 0) << "timer added to two heaps";
  t->owner = owner;
  heap_.push_back(t);
  Set(heap_.size() - 1, t);
  SiftUp(heap_.size() - 1);
}

// Models runtime/time.go:dodeltimer.
void TimerHeap::Remove(Timer* t) {
  size_t i = static_cast<size_t>(t->index);
  GOSTEP_CHECK(i < heap_.size() && heap_[i] == t) << "timer not in this heap";
  size_t last = heap_.size() - 1;
  if (i != last) Set(i, heap_[last]);
  heap_.pop_back();
  if (i != last) {
    // Moving to i may have moved the last timer to a new parent, so sift up
    // to preserve the heap guarantee (time.go).
    SiftUp(i);
    SiftDown(i);
  }
  t->owner = -1;
  t->index = -1;
}

void TimerHeap::Fix(Timer* t) {
  SiftUp(static_cast<size_t>(t->index));
  SiftDown(static_cast<size_t>(t->index));
}

// Models runtime/time.go:siftupTimer (4-ary heap on `when`).
void TimerHeap::SiftUp(size_t i) {
  Timer* tmp = heap_[i];
  Nanos when = tmp->when;
  while (i > 0) {
    size_t p = (i - 1) / 4;  // parent
    if (when >= heap_[p]->when) break;
    Set(i, heap_[p]);
    i = p;
  }
  Set(i, tmp);
}

// Models runtime/time.go:siftdownTimer.
void TimerHeap::SiftDown(size_t i) {
  size_t n = heap_.size();
  Timer* tmp = heap_[i];
  Nanos when = tmp->when;
  for (;;) {
    size_t c = i * 4 + 1;  // left child
    size_t c3 = c + 2;     // mid child
    if (c >= n) break;
    Nanos w = heap_[c]->when;
    if (c + 1 < n && heap_[c + 1]->when < w) {
      w = heap_[c + 1]->when;
      ++c;
    }
    if (c3 < n) {
      Nanos w3 = heap_[c3]->when;
      if (c3 + 1 < n && heap_[c3 + 1]->when < w3) {
        w3 = heap_[c3 + 1]->when;
        ++c3;
      }
      if (w3 < w) {
        w = w3;
        c = c3;
      }
    }
    if (w >= when) break;
    Set(i, heap_[c]);
    i = c;
  }
  Set(i, tmp);
}

}  // namespace gostep::sched
