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
    : pool_(config), entry_(entry), entry_arg_(entry_arg), current_(&host_), eh_(abi::__cxa_get_globals()) {
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

void FiberSwitcher::SwitchToSlow(Context* to) {
  Context* from = current_;
  if (!to->is_host && to->started && !to->stack.resident && !from->is_host &&
      to->stack.slot == from->stack.slot) {
    pending_ = to;  // the host finishes this switch
    to = &host_;
  }
  if (!to->is_host) {
    if (!to->started) {
      Start(to);
    } else if (!to->stack.resident) {
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

#if GOSTEP_ASAN
void FiberSwitcher::AsanStart(Context* from, Context* to) {
  const void* bottom = to->is_host ? host_bottom_ : pool_.Bottom(to->stack.slot);
  size_t size = to->is_host ? host_size_ : pool_.slot_bytes();
  __sanitizer_start_switch_fiber(&from->asan_fake_stack, bottom, size);
}

void FiberSwitcher::AsanFinish(Context* from) { __sanitizer_finish_switch_fiber(from->asan_fake_stack, nullptr, nullptr); }
#endif

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
  auto* eh = static_cast<EhGlobals*>(self->eh_);  // a new context starts with no exception in flight
  eh->caught_exceptions = c->eh_caught;
  eh->uncaught_exceptions = c->eh_uncaught;
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
