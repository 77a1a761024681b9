// runtime/heap.h — the C++ API to the simulated heap, for goroutine code.
//
//   const gc::Type* node = gostep::Types().Struct("main.node", 16, {0});
//   gostep::Local a = gostep::New(node);     // a root on this goroutine's stack
//   gostep::Local b = gostep::New(node);
//   gostep::Store(a, 0, b);                  // a.next = b, through the write barrier
//   gc::Ref raw = a;                         // a raw Ref is NOT a root (an integer copy)
//   gostep::GC();                            // runtime.GC
//   gostep::Gc().ColorOf(b)                  // stepping and inspection: gc/collector.h
//
// Roots: a Local is a slot on the current goroutine's stack (writes to it
// have no barrier, as stack writes in Go); a Global is a slot in the data
// segment (writes go through the barrier). Anything else the C++ code holds
// — a gc::Ref in a variable, a captured Ref in a lambda — is invisible to
// the collector, like a uintptr in Go: the object can die, be freed, and
// its address be reused, and a later access through the stale Ref is
// reported as a fault (gc/ref.h).
#pragma once

#include <cstdint>

#include "gc/collector.h"

namespace gostep {

// Gc returns the collector of the running simulation.
gc::Collector& Gc();
gc::TypeTable& Types();

// Local is a rooted reference on the current goroutine's stack. It must live
// on that goroutine (a local variable of its code).
class Local {
 public:
  Local() : Local(gc::Ref{}) {}
  Local(gc::Ref r);  // NOLINT(google-explicit-constructor): Local a = New(t);
  Local(const Local& o) : Local(o.ref()) {}
  Local& operator=(const Local& o) { return *this = o.ref(); }
  Local& operator=(gc::Ref r);
  ~Local();

  gc::Ref ref() const { return stack_->locals[slot_]; }
  operator gc::Ref() const { return ref(); }  // NOLINT(google-explicit-constructor)
  bool nil() const { return ref().nil(); }

 private:
  gc::StackRoots* stack_;
  uint32_t slot_;
  uint32_t generation_;
};

// Global is a rooted reference in the data segment; stores go through the
// write barrier.
class Global {
 public:
  Global();
  ~Global();
  Global(const Global&) = delete;
  Global& operator=(const Global&) = delete;
  Global& operator=(gc::Ref r);
  gc::Ref ref() const;
  operator gc::Ref() const { return ref(); }  // NOLINT(google-explicit-constructor)

 private:
  uint32_t slot_;
};

// New is `new(T)` (count 1) or the backing array of `make([]T, count)`.
gc::Ref New(const gc::Type* t, uint32_t count = 1);
// Load/Store access the pointer word at byte offset `off`; Store runs the
// write barrier. InitStore is a store into a just-allocated object.
gc::Ref Load(gc::Ref obj, uint64_t off);
void Store(gc::Ref obj, uint64_t off, gc::Ref val);
void InitStore(gc::Ref obj, uint64_t off, gc::Ref val);
uint64_t LoadInt(gc::Ref obj, uint64_t off);
void StoreInt(gc::Ref obj, uint64_t off, uint64_t v);
// GC is runtime.GC (a full cycle, including its sweep).
void GC();

}  // namespace gostep
