#include "runtime/stack_home.h"

#include <stdexcept>

#include <fmt/format.h>

#include "scheduler/scheduler.h"

namespace gostep::detail {

StackHome::StackHome() {
  sched::Scheduler* s = sched::Scheduler::Current();
  if (s == nullptr) return;
  slot_ = s->fibers().pool().SlotOf(this);
  if (slot_ >= 0) occupant_ = s->fibers().pool().Occupant(slot_);
}

void StackHome::CheckSlow(const char* what) const {
  sched::Scheduler* s = sched::Scheduler::Current();
  if (s == nullptr || s->fibers().pool().Occupant(slot_) == occupant_) return;
  throw std::logic_error(fmt::format(
      "gostep: a {} that lives on another goroutine's stack was used while that stack was swapped out "
      "(more goroutines started than Options::stack_slots). Allocate objects shared between goroutines "
      "off the stack, e.g. with std::make_shared, or raise stack_slots",
      what));
}

}  // namespace gostep::detail
