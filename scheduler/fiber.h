// scheduler/fiber.h — switching the host thread between goroutine fibers.
//
// This is the mechanism layer of the scheduler (loom's rt/scheduler.rs): it
// knows nothing of Gs, Ps or policies. A Context is something the host thread
// can execute: the host itself (the thread that called Scheduler::Run) or a
// goroutine fiber (Boost.Context `fiber`, fcontext, on a StackPool slot).
//
// Switch protocol (direct, one jump per switch):
//   1. SwitchTo(to) runs on the current context. It makes `to` resident
//      (StackPool), starts it if new, and jumps.
//   2. When a context is resumed, `resume()` returns the continuation of the
//      context that jumped to it; that continuation is stored back into the
//      jumper's Context (switch_from_), together with its stack pointer.
//   3. A goroutine body that returns ends with Exit(): it jumps to the host,
//      and Boost releases its stack slot on the host side.
// When `to` is evicted and its slot is the current context's own slot, the
// bytes cannot be copied back while we run on them: the switch goes through
// the host, which finishes it (TakePending).
//
// No exception crosses a fiber boundary: the entry callback must catch all.
// Each context has its own exception-handling state (caught exceptions and
// std::uncaught_exceptions), swapped on every jump, as Seastar's threads do.
// With AddressSanitizer every jump is announced with
// __sanitizer_start/finish_switch_fiber, so ASan always knows the live stack.
#pragma once

#include <boost/context/fiber.hpp>

#include <cstddef>
#include <cstring>

#include "scheduler/stack_pool.h"

namespace gostep::sched {

struct Context {
  boost::context::fiber fiber;  // suspended continuation; empty while running
  StackUser stack;              // goroutines only
  bool is_host = false;
  bool started = false;
  bool exited = false;
  void* owner = nullptr;  // the G this context belongs to (null: host)
  void* asan_fake_stack = nullptr;
  // The C++ runtime's per-thread exception state (__cxa_eh_globals: caught
  // exceptions, uncaught count), kept per context so that a goroutine may
  // block inside a catch block or a destructor run by unwinding.
  void* eh_caught = nullptr;
  unsigned eh_uncaught = 0;
};

class FiberSwitcher {
 public:
  using EntryFn = void (*)(void* arg, Context* self);

  FiberSwitcher(StackPool::Config config, EntryFn entry, void* entry_arg);
  ~FiberSwitcher();
  FiberSwitcher(const FiberSwitcher&) = delete;
  FiberSwitcher& operator=(const FiberSwitcher&) = delete;

  Context* host() { return &host_; }
  Context* current() const { return current_; }

  // SwitchTo transfers the host thread to `to` and returns when the calling
  // context is resumed.
  void SwitchTo(Context* to) {
    Context* from = current_;
    if (to == from) return;
    if (to->is_host || (to->started && to->stack.resident)) {  // the common case
      if (!to->is_host) pool_.Touch(&to->stack);
      Jump(from, to);
      return;
    }
    SwitchToSlow(to);
  }

  // TakePending returns a switch the host must finish (see header), or null.
  Context* TakePending();

  // StackRemaining returns the bytes left on the current goroutine's stack
  // (a large number on the host).
  size_t StackRemaining() const;

  StackPool& pool() { return pool_; }

 private:
  struct SlotAllocator;

  void SwitchToSlow(Context* to);
  void Start(Context* c);
  void Jump(Context* from, Context* to);
  void Arrived(boost::context::fiber&& back);
  static char* FctxOf(const boost::context::fiber& f);
  boost::context::fiber Exit();
  static boost::context::fiber Body(FiberSwitcher* self, Context* c, boost::context::fiber&& from);

  StackPool pool_;
  EntryFn entry_;
  void* entry_arg_;
  Context host_;
  Context* current_;
  Context* switch_from_ = nullptr;  // who jumped; see protocol step 2
  Context* pending_ = nullptr;
  void* eh_;  // this thread's __cxa_eh_globals (a simulation stays on its thread)
#if defined(__SANITIZE_ADDRESS__)
  void AsanStart(Context* from, Context* to);
  void AsanFinish(Context* from);
#endif
  // Host stack bounds, learned from ASan on the first switch away from it.
  const void* host_bottom_ = nullptr;
  size_t host_size_ = 0;
};

// libstdc++'s per-thread exception state (unwind-cxx.h: __cxa_eh_globals).
struct EhGlobals {
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

// FctxOf returns the saved stack pointer of a suspended fiber: Boost's fiber
// holds exactly one fcontext_t, the address at which jump_fcontext saved the
// context; every live byte of that stack lies at or above it.
inline char* FiberSwitcher::FctxOf(const boost::context::fiber& f) {
  static_assert(sizeof(boost::context::fiber) == sizeof(void*), "boost::context::fiber holds one fcontext_t");
  void* p;
  std::memcpy(&p, reinterpret_cast<const unsigned char*>(&f), sizeof p);
  return static_cast<char*>(p);
}

inline void FiberSwitcher::Jump(Context* from, Context* to) {
  switch_from_ = from;
  current_ = to;
#if defined(__SANITIZE_ADDRESS__)
  AsanStart(from, to);
#endif
  auto* eh = static_cast<EhGlobals*>(eh_);
  from->eh_caught = eh->caught_exceptions;
  from->eh_uncaught = eh->uncaught_exceptions;
  boost::context::fiber back = std::move(to->fiber).resume();
#if defined(__SANITIZE_ADDRESS__)
  AsanFinish(from);
#endif
  eh->caught_exceptions = from->eh_caught;
  eh->uncaught_exceptions = from->eh_uncaught;
  Arrived(std::move(back));
}

inline void FiberSwitcher::Arrived(boost::context::fiber&& back) {
  if (switch_from_ == nullptr) return;  // the context that jumped here has exited
  switch_from_->fiber = std::move(back);
  if (!switch_from_->is_host) switch_from_->stack.sp = FctxOf(switch_from_->fiber);
}

}  // namespace gostep::sched
