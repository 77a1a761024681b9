#include "scheduler/fiber.h"

#include <cxxabi.h>

#include <cstring>

#include "base/check.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define GOSTEP_ASAN 1
#else
#define GOSTEP_ASAN 0
#endif

namespace gostep::sched {
namespace ctx = boost::context;

namespace {

// libstdc++'s per-thread exception state (unwind-cxx.h: __cxa_eh_globals).
struct EhGlobals {
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

EhGlobals* Eh() { return reinterpret_cast<EhGlobals*>(abi::__cxa_get_globals()); }

void SaveEh(Context* c) {
  EhGlobals* g = Eh();
  c->eh_caught = g->caught_exceptions;
  c->eh_uncaught = g->uncaught_exceptions;
}

void RestoreEh(const Context* c) {
  EhGlobals* g = Eh();
  g->caught_exceptions = c->eh_caught;
  g->uncaught_exceptions = c->eh_uncaught;
}

// FctxOf returns the saved stack pointer of a suspended fiber: Boost's fiber
// holds exactly one fcontext_t, the address at which jump_fcontext saved the
// context; every live byte of that stack lies at or above it.
char* FctxOf(const ctx::fiber& f) {
  static_assert(sizeof(ctx::fiber) == sizeof(void*), "boost::context::fiber holds one fcontext_t");
  void* p;
  std::memcpy(&p, reinterpret_cast<const unsigned char*>(&f), sizeof p);
  return static_cast<char*>(p);
}

}  // namespace

// SlotAllocator is the StackAllocator Boost uses for a goroutine: the stack
// is the Context's StackPool slot; deallocate (on the host, after the body
// returned) gives the slot back.
struct FiberSwitcher::SlotAllocator {
  FiberSwitcher* self;
  Context* c;
  ctx::stack_context allocate() {
    ctx::stack_context sc;
    sc.sp = self->pool_.Top(c->stack.slot);
    sc.size = self->pool_.slot_bytes();
    return sc;
  }
  void deallocate(ctx::stack_context&) noexcept { self->pool_.Release(&c->stack); }
};

FiberSwitcher::FiberSwitcher(StackPool::Config config, EntryFn entry, void* entry_arg)
    : pool_(config), entry_(entry), entry_arg_(entry_arg), current_(&host_) {
  host_.is_host = true;
  host_.started = true;
}

FiberSwitcher::~FiberSwitcher() {
  GOSTEP_CHECK(current_ == &host_) << "FiberSwitcher destroyed off the host";
}

Context* FiberSwitcher::TakePending() {
  Context* p = pending_;
  pending_ = nullptr;
  return p;
}

size_t FiberSwitcher::StackRemaining() const {
  if (current_->is_host) return SIZE_MAX;
  char* sp = static_cast<char*>(__builtin_frame_address(0));
  char* bottom = pool_.Bottom(current_->stack.slot);
  return sp > bottom ? static_cast<size_t>(sp - bottom) : 0;
}

void FiberSwitcher::SwitchTo(Context* to) {
  Context* from = current_;
  if (to == from) return;
  if (!to->is_host && to->started && !to->stack.resident && !from->is_host &&
      to->stack.slot == from->stack.slot) {
    pending_ = to;  // the host finishes this switch
    to = &host_;
  }
  if (!to->is_host) {
    if (!to->started) {
      Start(to);
    } else {
      pool_.MakeResident(&to->stack, from->is_host ? nullptr : &from->stack);
    }
    pool_.Touch(&to->stack);
  }
  Jump(from, to);
}

void FiberSwitcher::Start(Context* c) {
  pool_.Assign(&c->stack, current_->is_host ? nullptr : &current_->stack);
  c->started = true;
  c->fiber = ctx::fiber(std::allocator_arg, SlotAllocator{this, c},
                        [this, c](ctx::fiber&& from) { return Body(this, c, std::move(from)); });
}

void FiberSwitcher::Jump(Context* from, Context* to) {
  switch_from_ = from;
  current_ = to;
#if GOSTEP_ASAN
  const void* bottom = to->is_host ? host_bottom_ : pool_.Bottom(to->stack.slot);
  size_t size = to->is_host ? host_size_ : pool_.slot_bytes();
  __sanitizer_start_switch_fiber(&from->asan_fake_stack, bottom, size);
#endif
  SaveEh(from);
  ctx::fiber back = std::move(to->fiber).resume();
#if GOSTEP_ASAN
  __sanitizer_finish_switch_fiber(from->asan_fake_stack, nullptr, nullptr);
#endif
  RestoreEh(from);
  Arrived(std::move(back));
}

void FiberSwitcher::Arrived(ctx::fiber&& back) {
  if (switch_from_ == nullptr) return;  // the context that jumped here has exited
  switch_from_->fiber = std::move(back);
  if (!switch_from_->is_host) switch_from_->stack.sp = FctxOf(switch_from_->fiber);
}

ctx::fiber FiberSwitcher::Body(FiberSwitcher* self, Context* c, ctx::fiber&& from) {
#if GOSTEP_ASAN
  const void* old_bottom = nullptr;
  size_t old_size = 0;
  __sanitizer_finish_switch_fiber(c->asan_fake_stack, &old_bottom, &old_size);
  if (self->switch_from_ == &self->host_ && self->host_bottom_ == nullptr) {
    self->host_bottom_ = old_bottom;
    self->host_size_ = old_size;
  }
#endif
  RestoreEh(c);  // a new context starts with no exception in flight
  self->Arrived(std::move(from));
  self->entry_(self->entry_arg_, c);  // never throws
  return self->Exit();
}

ctx::fiber FiberSwitcher::Exit() {
  Context* self = current_;
  self->exited = true;
  switch_from_ = nullptr;
  current_ = &host_;
#if GOSTEP_ASAN
  __sanitizer_start_switch_fiber(nullptr, host_bottom_, host_size_);
#endif
  return std::move(host_.fiber);
}

}  // namespace gostep::sched
