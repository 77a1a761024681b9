// scheduler/sudog.h — a goroutine's entry in a wait queue (runtime2.go's sudog).
//
// A sudog records that G waits on something: a channel (send or receive, one
// per select case) or a semaphore. It lives on the host heap, never on the
// goroutine's stack: a parked goroutine's stack may be evicted (stack_pool.h),
// so a value handed between goroutines is copied into the sudog's own buffer
// (`elem`) instead of straight onto the other stack as Go's sendDirect does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "scheduler/types.h"

namespace gostep::sched {

struct G;
struct Hchan;

struct Sudog {
  G* g = nullptr;
  Sudog* next = nullptr;  // wait-queue links
  Sudog* prev = nullptr;
  Sudog* waitlink = nullptr;  // g.waiting list (select) / semaphore list
  Sudog* waittail = nullptr;  // semaphore list tail
  Hchan* c = nullptr;
  const void* sema = nullptr;  // semaphore it waits on
  bool is_select = false;
  bool success = false;        // the channel operation completed (not closed)
  uint32_t ticket = 0;         // semaphore handoff
  uint16_t elemsize = 0;
  bool has_elem = false;       // elem holds a value (or is a receive buffer)
  int32_t casei = -1;          // select case index

  // Elem returns the off-stack value buffer, sized for `size` bytes.
  std::byte* Elem(size_t size) {
    if (size <= sizeof(inline_buf_)) return inline_buf_;
    if (heap_buf_.size() < size) heap_buf_.resize(size);
    return heap_buf_.data();
  }
  void Reset() {
    g = nullptr;
    next = prev = waitlink = waittail = nullptr;
    c = nullptr;
    sema = nullptr;
    is_select = success = has_elem = false;
    ticket = 0;
    elemsize = 0;
    casei = -1;
  }

 private:
  alignas(16) std::byte inline_buf_[32];
  std::vector<std::byte> heap_buf_;
};

// SudogPool recycles sudogs (proc.go:acquireSudog/releaseSudog).
class SudogPool {
 public:
  Sudog* Acquire() {
    if (free_.empty()) {
      all_.push_back(std::make_unique<Sudog>());
      return all_.back().get();
    }
    Sudog* s = free_.back();
    free_.pop_back();
    return s;
  }
  void Release(Sudog* s) {
    s->Reset();
    free_.push_back(s);
  }

 private:
  std::vector<std::unique_ptr<Sudog>> all_;
  std::vector<Sudog*> free_;
};

}  // namespace gostep::sched
