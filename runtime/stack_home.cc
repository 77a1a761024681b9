#include "runtime/stack_home.h"

#include <stdexcept>

#include <fmt/format.h>

#include "scheduler/scheduler.h"

namespace gostep::detail {

void StackObject::Register() {
  sched::Scheduler* s = sched::Scheduler::Current();
  if (s == nullptr) return;
  int32_t slot = s->fibers().pool().SlotOf(this);
  if (slot >= 0) s->RegisterStackObject(this, s->fibers().pool().Occupant(slot));
}

void StackObject::Unregister() {
  sched::Scheduler* s = sched::Scheduler::Current();
  if (s != nullptr) s->UnregisterStackObject(this);
}

void StackObject::CheckHome(const char* what) const {
  sched::Scheduler* s = sched::Scheduler::Current();
  if (s == nullptr || s->fibers().pool().evictions() == 0) return;  // no stack ever moved
  const sched::StackUser* owner = s->StackObjectOwner(this);
  if (owner == nullptr || owner->resident) return;
  throw std::logic_error(fmt::format(
      "gostep: a {} that lives on another goroutine's stack was used while that stack was swapped out "
      "(more goroutines started than Options::stack_slots). Allocate objects shared between goroutines "
      "off the stack, e.g. with std::make_shared, or raise stack_slots",
      what));
}

}  // namespace gostep::detail
