#include "runtime/heap.h"

#include "base/check.h"
#include "runtime/gc_binding.h"

namespace gostep {
namespace {

runtime::GcBinding& B() {
  runtime::GcBinding* b = runtime::GcBinding::Current();
  GOSTEP_CHECK(b != nullptr) << "gostep heap API used outside a running simulation";
  return *b;
}

}  // namespace

gc::Collector& Gc() { return B().collector(); }
gc::TypeTable& Types() { return Gc().types(); }

// LogStackStore records a pointer written to a stack slot (no barrier: it
// is how objects move between heap and stacks, for lost-object histories).
void LogStackStore(const gc::StackRoots* stack, uint32_t slot, gc::Ref r) {
  base::EventLog& log = Gc().log();
  if (!log.on() || r.id == 0) return;
  gc::World& w = Gc().world();
  log.Begin(w.StepCount(), w.Now(), "stack_store").Uint("g", stack->goid).Uint("slot", slot).Uint("obj", r.id);
}

Local::Local(gc::Ref r) : stack_(B().CurrentStack()) {
  slot_ = stack_->locals.Add(r);
  generation_ = stack_->generation;
  LogStackStore(stack_, slot_, r);
}

Local& Local::operator=(gc::Ref r) {
  stack_->locals[slot_] = r;
  LogStackStore(stack_, slot_, r);
  return *this;
}

Local::~Local() {
  // A goroutine's roots are dropped when it exits; a Local destroyed later
  // (in a destroyed closure) has nothing left to remove.
  if (stack_->generation == generation_) stack_->locals.Remove(slot_);
}

Global::Global() : slot_(Gc().NewGlobal()) {}
Global::~Global() {
  if (runtime::GcBinding::Current() != nullptr) Gc().FreeGlobal(slot_);
}
Global& Global::operator=(gc::Ref r) {
  Gc().StoreGlobal(slot_, r);
  return *this;
}
gc::Ref Global::ref() const { return Gc().LoadGlobal(slot_); }

gc::Ref New(const gc::Type* t, uint32_t count) { return Gc().New(t, count); }
gc::Ref Load(gc::Ref obj, uint64_t off) { return Gc().LoadPtr(obj, off); }
void Store(gc::Ref obj, uint64_t off, gc::Ref val) { Gc().StorePtr(obj, off, val); }
void InitStore(gc::Ref obj, uint64_t off, gc::Ref val) { Gc().InitPtr(obj, off, val); }
uint64_t LoadInt(gc::Ref obj, uint64_t off) { return Gc().LoadWord(obj, off); }
void StoreInt(gc::Ref obj, uint64_t off, uint64_t v) { Gc().StoreWord(obj, off, v); }
void GC() { Gc().GC(); }

}  // namespace gostep
