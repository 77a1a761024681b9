// lang/std/std_cond.cc — sync.Cond and sync.(*RWMutex).RLocker.
//
// sync.Cond is Go's struct {L Locker; notify notifyList; checker
// copyChecker} (sync/cond.go, go1.14–go1.23) as three cells: L is a user
// field (c.L.Lock()), cell 1 holds the scheduler's NotifyList (made on first
// use, so the zero Cond is ready), cell 2 the copy checker: the address of
// the Cond's own cells, recorded at first use, so a Cond copied after its
// first use panics "sync.Cond is copied" as Go's copyChecker.check does.
// Wait, Signal and Broadcast follow cond.go line for line over
// scheduler/sema.h's notifyList model; L's methods are called through the
// interface (a *sync.Mutex, a *sync.RWMutex's RLocker, or a user Locker).
#include "lang/exec/run_state.h"
#include "lang/std/std_impl.h"
#include "runtime/go.h"
#include "scheduler/mutex.h"
#include "scheduler/sema.h"

namespace gostep::lang::std_pkg {
namespace {

sched::SourcePos At(Frame& f) { return sched::At(f.fn != nullptr ? f.fn->file : nullptr, f.line); }

const types::Type* OpaqueStruct(TypeTable& t) {
  return t.Struct({types::StructField{"state", t.Basic(Kind::kUnsafePointer), false}});
}

// RLockerType is *sync.rlocker (sync/rwmutex.go: type rlocker RWMutex),
// whose Lock and Unlock are RLock and RUnlock.
const types::Type* RLockerType(TypeTable& t) { return t.Pointer(t.Std("sync", "rlocker", [&t] { return OpaqueStruct(t); })); }

// Checked returns the Cond's cells after copyChecker.check.
Value* Checked(Frame& f, Value* recv) {
  auto* cells = static_cast<Value*>(recv->p);
  Value& checker = cells[2];
  if (checker.p != cells) {
    if (checker.p != nullptr) PanicString(f, "sync.Cond is copied");
    checker.p = cells;
  }
  return cells;
}

sched::NotifyList* List(Frame& f, Value* cells) {
  if (cells[1].p == nullptr) cells[1].p = exec::Run(f).heap.New<sched::NotifyList>();
  return static_cast<sched::NotifyList*>(cells[1].p);
}

// CallLocker calls c.L.Lock() or c.L.Unlock() through the interface.
void CallLocker(Frame& f, const Value& l, const char* name) {
  if (l.x == 0) exec::NilDeref(f);
  const types::Type* dt = exec::DynType(l);
  exec::CallMethod(f, dt, exec::Unbox(dt, l), types::LookupMethod(dt, name));
}

}  // namespace

const types::Type* CondType(TypeTable& t) {
  return t.Std("sync", "Cond", [&t] {
    return t.Struct({types::StructField{"L", LockerType(t), false},
                     types::StructField{"notify", t.Basic(Kind::kUnsafePointer), false},
                     types::StructField{"checker", t.Basic(Kind::kUintptr), false}});
  });
}

void AddCond(std::vector<StdFunc>* v) {
  // sync.NewCond (cond.go): &Cond{L: l}.
  v->push_back({"sync", "NewCond", 0, Sig({LockerType}, {[](TypeTable& t) { return t.Pointer(CondType(t)); }}),
                [](Frame& f, const Value* a, Value* r) { r[0] = NewStructPtr(f, {a[0], Value(), Value()}); }});
}

void AddCondMethods(std::vector<NativeMethod>* v) {
  auto none = Sig({}, {});
  // cond.go: Wait takes its ticket before it unlocks L, so a Signal between
  // the Unlock and the park still wakes it.
  v->push_back({"sync.Cond", "Wait", 0, none, [](Frame& f, Value* c, const Value*, Value*) {
                  Value* cells = Checked(f, c);
                  sched::NotifyList* l = List(f, cells);
                  uint32_t t = sched::NotifyListAdd(S(), l);
                  CallLocker(f, cells[0], "Unlock");
                  sched::NotifyListWait(S(), l, t, sched::frames::kCondWait, At(f));
                  CallLocker(f, cells[0], "Lock");
                }});
  v->push_back({"sync.Cond", "Signal", 0, none, [](Frame& f, Value* c, const Value*, Value*) {
                  sched::NotifyListNotifyOne(S(), List(f, Checked(f, c)));
                }});
  v->push_back({"sync.Cond", "Broadcast", 0, none, [](Frame& f, Value* c, const Value*, Value*) {
                  sched::NotifyListNotifyAll(S(), List(f, Checked(f, c)));
                }});
  // rwmutex.go: RLocker returns (*rlocker)(rw): the same cells, another type.
  v->push_back({"sync.RWMutex", "RLocker", 0, Sig({}, {[](TypeTable& t) {
                                                    RLockerType(t);  // made at compile time: runs only read the table
                                                    return LockerType(t);
                                                  }}),
                [](Frame& f, Value* rw, const Value*, Value* r) {
                  r[0] = Value::Ptr(rw);
                  r[0].x = reinterpret_cast<uint64_t>(RLockerType(*exec::Run(f).prog_types));
                }});
  v->push_back({"sync.rlocker", "Lock", 0, none, [](Frame& f, Value* m, const Value*, Value*) {
                  sched::RWMutexRLock(S(), HostObject<sched::RWMutex>(f, m), At(f));
                }});
  v->push_back({"sync.rlocker", "Unlock", 0, none, [](Frame& f, Value* m, const Value*, Value*) {
                  sched::RWMutexRUnlock(S(), HostObject<sched::RWMutex>(f, m), At(f));
                }});
}

}  // namespace gostep::lang::std_pkg
