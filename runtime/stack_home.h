// runtime/stack_home.h — catching C++ objects shared from a swapped-out stack.
//
// Past Options::stack_slots started goroutines, gostep shares stack slots
// (scheduler/stack_pool.h): a parked goroutine's stack bytes move to the heap
// and another goroutine runs at the same addresses. A C++ object that lives
// on a goroutine's stack and is used by another goroutine (a lambda capturing
// a local by reference) would then be read from the wrong bytes. The API's
// own objects (Mutex, Chan, WaitGroup, …) remember the stack they were built
// on and refuse to be used while it is swapped out, with a clear error; plain
// variables cannot be checked. Go has no such hazard: escape analysis moves
// such variables to the heap, which is what a C++ test should do
// (std::make_shared) when it runs that many goroutines.
#pragma once

#include <cstdint>

namespace gostep::sched {
struct StackUser;
}

namespace gostep::detail {

class StackHome {
 public:
  StackHome();
  StackHome(const StackHome&) : StackHome() {}
  StackHome& operator=(const StackHome&) { return *this; }
  // Check throws std::logic_error if the home stack is swapped out.
  void Check(const char* what) const {
    if (slot_ >= 0) CheckSlow(what);
  }

 private:
  void CheckSlow(const char* what) const;
  int32_t slot_ = -1;
  const sched::StackUser* occupant_ = nullptr;
};

}  // namespace gostep::detail
