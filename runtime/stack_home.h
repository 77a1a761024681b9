// runtime/stack_home.h — catching C++ objects shared from a swapped-out stack.
//
// Past Options::stack_slots started goroutines, gostep shares stack slots
// (scheduler/stack_pool.h): a parked goroutine's stack bytes move to the heap
// and another goroutine runs at the same addresses. A C++ object that lives
// on a goroutine's stack and is used by another goroutine (a lambda capturing
// a local by reference) would then be read from the wrong bytes. The API's
// own objects (Mutex, Chan, WaitGroup, …) register where they live when they
// are built on a goroutine stack, and refuse to be used while that stack is
// swapped out, with a clear error. The registry is kept outside the objects:
// nothing of a swapped-out object can be trusted. Plain variables cannot be
// checked. Go has no such hazard: escape analysis moves such variables to the
// heap, which is what a C++ test should do (std::make_shared) when it runs
// that many goroutines.
#pragma once

namespace gostep::detail {

// StackObject is an empty base of the API's objects; the checks use only its
// address.
class StackObject {
 public:
  StackObject() { Register(); }
  StackObject(const StackObject&) { Register(); }
  StackObject& operator=(const StackObject&) { return *this; }
  ~StackObject() { Unregister(); }

 protected:
  // CheckHome throws std::logic_error if this object lives on a goroutine
  // stack that is swapped out.
  void CheckHome(const char* what) const;

 private:
  void Register();
  void Unregister();
};

}  // namespace gostep::detail
