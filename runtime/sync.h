// runtime/sync.h — package sync for C++ goroutines: Mutex, RWMutex,
// WaitGroup, Once. Each is the model of scheduler/mutex.h with Go's
// semantics, panics and fatal errors. Copying one copies nothing (Go vet's
// copylocks rule): a copy is a fresh, unlocked object.
#pragma once

#include <functional>

#include "runtime/go.h"
#include "runtime/stack_home.h"
#include "scheduler/mutex.h"

namespace gostep {

class Mutex : private detail::StackObject {
 public:
  Mutex() = default;
  Mutex(const Mutex&) : StackObject() {}
  Mutex& operator=(const Mutex&) = delete;
  void Lock(SourcePos pos = SourcePos());
  bool TryLock();
  void Unlock(SourcePos pos = SourcePos());
  const sched::Mutex& raw() const { return m_; }

 private:
  sched::Mutex m_;
};

class RWMutex : private detail::StackObject {
 public:
  RWMutex() = default;
  RWMutex(const RWMutex&) : StackObject() {}
  RWMutex& operator=(const RWMutex&) = delete;
  void Lock(SourcePos pos = SourcePos());
  bool TryLock();
  void Unlock(SourcePos pos = SourcePos());
  void RLock(SourcePos pos = SourcePos());
  bool TryRLock();
  void RUnlock(SourcePos pos = SourcePos());
  const sched::RWMutex& raw() const { return rw_; }

 private:
  sched::RWMutex rw_;
};

class WaitGroup : private detail::StackObject {
 public:
  WaitGroup() = default;
  WaitGroup(const WaitGroup&) : StackObject() {}
  WaitGroup& operator=(const WaitGroup&) = delete;
  void Add(int64_t delta, SourcePos pos = SourcePos());
  void Done(SourcePos pos = SourcePos());
  void Wait(SourcePos pos = SourcePos());

 private:
  sched::WaitGroup wg_;
};

class Once : private detail::StackObject {
 public:
  Once() = default;
  Once(const Once&) : StackObject() {}
  Once& operator=(const Once&) = delete;
  void Do(const std::function<void()>& f, SourcePos pos = SourcePos());

 private:
  sched::Once o_;
};

}  // namespace gostep
