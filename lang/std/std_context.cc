// lang/std/std_context.cc — package context (context/context.go, go1.14–go1.19 API).
//
// Background, TODO, WithCancel, WithDeadline, WithTimeout, WithValue,
// Canceled and DeadlineExceeded, as context.go has them:
//   - the dynamic types are Go's: *context.emptyCtx, *context.cancelCtx,
//     *context.timerCtx, *context.valueCtx, each a std type whose one cell
//     holds the host Ctx, with the Context methods as native methods;
//   - a cancelCtx's mu is a sync.Mutex (scheduler/mutex.h: its yield
//     points), its done channel is made on first Done() (or is the shared
//     closed channel when the context was canceled before), cancel closes
//     it and cancels the children, then leaves the parent's children set;
//   - a timerCtx's timer is time.AfterFunc on the virtual clock, whose
//     goroutine cancels with DeadlineExceeded; an earlier parent deadline
//     makes WithDeadline a WithCancel, as in Go.
// Differences (lang/README.md): children are cancelled in the order they
// were added (Go ranges over a map: a random order); a parent Context
// implemented by the program is refused with a gostep panic (Go watches it
// from a goroutine); go1.20+'s WithCancelCause, Cause, AfterFunc and
// WithoutCancel are not shimmed.
#include <fmt/format.h>

#include <algorithm>

#include "lang/exec/run_state.h"
#include "lang/std/std_impl.h"
#include "runtime/go.h"
#include "runtime/time.h"
#include "scheduler/chan.h"
#include "scheduler/mutex.h"

namespace gostep::lang::std_pkg {
namespace {

sched::SourcePos At(Frame& f) { return sched::At(f.fn != nullptr ? f.fn->file : nullptr, f.line); }

enum class CtxKind { kEmpty, kCancel, kTimer, kValue };

struct Ctx {
  CtxKind kind = CtxKind::kEmpty;
  const char* name = "";     // emptyCtx: "context.Background" or "context.TODO"
  Ctx* parent = nullptr;     // null for an emptyCtx
  // cancelCtx (and a timerCtx's embedded one).
  sched::Mutex mu;
  sched::Hchan* done = nullptr;
  Value err;                 // nil until canceled
  std::vector<Ctx*> children;
  // timerCtx.
  int64_t deadline = 0;
  std::unique_ptr<gostep::Timer> timer;
  // valueCtx.
  Value key, val;
};

const types::Type* OpaqueStruct(TypeTable& t) {
  return t.Struct({types::StructField{"state", t.Basic(Kind::kUnsafePointer), false}});
}
const char* TypeName(CtxKind k) {
  switch (k) {
    case CtxKind::kEmpty: return "emptyCtx";
    case CtxKind::kCancel: return "cancelCtx";
    case CtxKind::kTimer: return "timerCtx";
    case CtxKind::kValue: return "valueCtx";
  }
  return "";
}
const types::Type* CtxPtrType(TypeTable& t, CtxKind k) {
  return t.Pointer(t.Std("context", TypeName(k), [&t] { return OpaqueStruct(t); }));
}

const types::Type* DeadlineExceededType(TypeTable& t) {
  return t.Std("context", "deadlineExceededError", [&t] { return t.Struct({}); });
}

// ContextType is the Context interface; making it makes the four dynamic
// types too (at compile time: a run only reads the type table).
const types::Type* ContextType(TypeTable& t) {
  const types::Type* ctx = t.Std("context", "Context", [&t] {
    const types::Type* done = t.Chan(t.Struct({}), types::ChanDirKind::kRecv);
    return t.Interface({types::Method{"Deadline", t.Func({}, {TimeType(t), t.Bool()}, false), false, -1},
                        types::Method{"Done", t.Func({}, {done}, false), false, -1},
                        types::Method{"Err", t.Func({}, {t.Error()}, false), false, -1},
                        types::Method{"Value", t.Func({t.EmptyInterface()}, {t.EmptyInterface()}, false), false, -1}});
  });
  for (CtxKind k : {CtxKind::kEmpty, CtxKind::kCancel, CtxKind::kTimer, CtxKind::kValue}) CtxPtrType(t, k);
  DeadlineExceededType(t);
  return ctx;
}
const types::Type* CancelFuncType(TypeTable& t) { return t.Std("context", "CancelFunc", [&t] { return t.Func({}, {}, false); }); }

// Box makes the Context interface value of c.
Value Box(Frame& f, Ctx* c) { return NewStructPtr(f, {Value::Ptr(c)}, CtxPtrType(*exec::Run(f).prog_types, c->kind)); }

// CtxOf is the Ctx of a Context value made here; a nil parent panics as Go
// does, a program's own Context type is refused.
Ctx* CtxOf(Frame& f, const Value& v) {
  if (v.x == 0) PanicString(f, "cannot create context from nil parent");
  const types::Type* dt = exec::DynType(v);
  TypeTable& t = *exec::Run(f).prog_types;
  for (CtxKind k : {CtxKind::kEmpty, CtxKind::kCancel, CtxKind::kTimer, CtxKind::kValue}) {
    if (dt == CtxPtrType(t, k)) {
      auto* cells = static_cast<Value*>(static_cast<Value*>(v.p)->p);
      return static_cast<Ctx*>(cells[0].p);
    }
  }
  exec::RuntimePanic(f, fmt::format("gostep: context: a parent Context of type {} (implemented by the program) is not supported", dt->String()));
}

Ctx* Recv(Value* recv) { return static_cast<Ctx*>(static_cast<Value*>(recv->p)[0].p); }

// PerRun is a value made once per run (background, todo, closedchan, the errors).
Value& PerRun(Frame& f, const void* key, const std::function<Value()>& make) {
  exec::RunState& r = exec::Run(f);
  auto [it, fresh] = r.std_vars.emplace(key, nullptr);
  if (fresh) {
    it->second = r.heap.Cells(1);
    *it->second = make();
  }
  return *it->second;
}

sched::Hchan* ClosedChan(Frame& f) {
  static const char key = 0;
  return static_cast<sched::Hchan*>(PerRun(f, &key, [&f] {
    sched::Hchan* c = sched::MakeChan(S(), sizeof(Value), 0);
    sched::CloseChan(S(), c, At(f));
    return Value::Ptr(c);
  }).p);
}

Value Canceled(Frame& f) {
  static const char key = 0;
  return PerRun(f, &key, [&f] { return MakeError(f, "context canceled"); });
}

Value DeadlineExceeded(Frame& f) {
  static const char key = 0;
  return PerRun(f, &key, [&f] {
    Value v;
    v.p = exec::Run(f).heap.Cells(1);  // struct{}{}
    v.x = reinterpret_cast<uint64_t>(DeadlineExceededType(*exec::Run(f).prog_types));
    return v;
  });
}

Ctx* CancelOf(Ctx* c) {  // the nearest cancelCtx (value(c, &cancelCtxKey))
  while (c != nullptr && c->kind == CtxKind::kValue) c = c->parent;
  return c != nullptr && c->kind != CtxKind::kEmpty ? c : nullptr;
}

sched::Hchan* Done(Frame& f, Ctx* c) {
  c = CancelOf(c);
  if (c == nullptr) return nullptr;  // emptyCtx: nil, never done
  sched::MutexLock(S(), &c->mu, At(f));
  if (c->done == nullptr) c->done = sched::MakeChan(S(), sizeof(Value), 0);
  sched::Hchan* d = c->done;
  sched::MutexUnlock(S(), &c->mu, At(f));
  return d;
}

Value Err(Frame& f, Ctx* c) {
  c = CancelOf(c);
  if (c == nullptr) return Value();
  sched::MutexLock(S(), &c->mu, At(f));
  Value e = c->err;
  sched::MutexUnlock(S(), &c->mu, At(f));
  return e;
}

// ParentCancelCtx models parentCancelCtx: the parent's cancelCtx whose done
// channel is the parent's Done().
Ctx* ParentCancelCtx(Frame& f, Ctx* parent) {
  sched::Hchan* done = Done(f, parent);
  if (done == nullptr || done == ClosedChan(f)) return nullptr;
  Ctx* p = CancelOf(parent);
  return p != nullptr && p->done == done ? p : nullptr;
}

void RemoveChild(Frame& f, Ctx* parent, Ctx* child) {
  Ctx* p = ParentCancelCtx(f, parent);
  if (p == nullptr) return;
  sched::MutexLock(S(), &p->mu, At(f));
  std::erase(p->children, child);
  sched::MutexUnlock(S(), &p->mu, At(f));
}

// Cancel models cancelCtx.cancel (and timerCtx.cancel's timer stop).
void Cancel(Frame& f, Ctx* c, bool remove_from_parent, const Value& err) {
  sched::MutexLock(S(), &c->mu, At(f));
  if (c->err.x != 0) {
    sched::MutexUnlock(S(), &c->mu, At(f));
    return;  // already canceled
  }
  c->err = err;
  if (c->done == nullptr) {
    c->done = ClosedChan(f);
  } else {
    sched::CloseChan(S(), c->done, At(f));
  }
  std::vector<Ctx*> children = std::move(c->children);
  c->children.clear();
  for (Ctx* child : children) Cancel(f, child, false, err);  // with c.mu held, as Go does
  sched::MutexUnlock(S(), &c->mu, At(f));
  if (remove_from_parent) RemoveChild(f, c->parent, c);
  if (c->kind == CtxKind::kTimer) {
    sched::MutexLock(S(), &c->mu, At(f));
    if (c->timer != nullptr) {
      c->timer->Stop();
      c->timer.reset();
    }
    sched::MutexUnlock(S(), &c->mu, At(f));
  }
}

// PropagateCancel arranges for child to be canceled when parent is.
void PropagateCancel(Frame& f, Ctx* parent, Ctx* child) {
  sched::Hchan* done = Done(f, parent);
  if (done == nullptr) return;  // parent is never canceled
  Value v;
  if (sched::ChanRecv(S(), done, &v, false, At(f)).selected) {
    Cancel(f, child, false, Err(f, parent));  // parent is already canceled
    return;
  }
  if (Ctx* p = ParentCancelCtx(f, parent)) {
    sched::MutexLock(S(), &p->mu, At(f));
    if (p->err.x != 0) {
      Cancel(f, child, false, p->err);
    } else {
      p->children.push_back(child);
    }
    sched::MutexUnlock(S(), &p->mu, At(f));
  }
}

// CancelFunc is the func value that cancels c (context.WithCancel.func1).
Value CancelFunc(Frame& f, Ctx* c, bool remove_from_parent) {
  static exec::FuncCode remove = [] {
    exec::FuncCode code;
    code.name = "context.WithCancel.func1";
    code.hidden = true;
    code.body = [](Frame& fr) {
      Cancel(fr, static_cast<Ctx*>(fr.closure->recv.p), true, Canceled(fr));
      return exec::Ctl::kReturn;
    };
    return code;
  }();
  static exec::FuncCode keep = [] {
    exec::FuncCode code;
    code.name = "context.WithDeadline.func1";
    code.hidden = true;
    code.body = [](Frame& fr) {
      Cancel(fr, static_cast<Ctx*>(fr.closure->recv.p), false, Canceled(fr));
      return exec::Ctl::kReturn;
    };
    return code;
  }();
  exec::Closure* cl = exec::Run(f).heap.NewClosure();
  cl->code = remove_from_parent ? &remove : &keep;
  cl->recv.p = c;
  return Value::Ptr(cl);
}

Ctx* NewCtx(Frame& f, CtxKind kind, Ctx* parent) {
  Ctx* c = exec::Run(f).heap.New<Ctx>();
  c->kind = kind;
  c->parent = parent;
  return c;
}

void WithCancel(Frame& f, const Value& parent, Value* r) {
  Ctx* p = CtxOf(f, parent);
  Ctx* c = NewCtx(f, CtxKind::kCancel, p);
  PropagateCancel(f, p, c);
  r[0] = Box(f, c);
  r[1] = CancelFunc(f, c, true);
}

// Deadline is Context.Deadline: the nearest timerCtx's deadline.
bool Deadline(Ctx* c, int64_t* d) {
  for (; c != nullptr; c = c->parent) {
    if (c->kind == CtxKind::kTimer) {
      *d = c->deadline;
      return true;
    }
  }
  return false;
}

void WithDeadline(Frame& f, const Value& parent, int64_t d, Value* r) {
  Ctx* p = CtxOf(f, parent);
  int64_t cur;
  if (Deadline(p, &cur) && cur < d) {
    WithCancel(f, parent, r);  // the current deadline is already sooner
    return;
  }
  Ctx* c = NewCtx(f, CtxKind::kTimer, p);
  c->deadline = d;
  PropagateCancel(f, p, c);
  r[0] = Box(f, c);
  int64_t dur = d - gostep::Now();
  if (dur <= 0) {
    Cancel(f, c, true, DeadlineExceeded(f));  // deadline has already passed
    r[1] = CancelFunc(f, c, false);
    return;
  }
  sched::MutexLock(S(), &c->mu, At(f));
  if (c->err.x == 0) {
    exec::RunState* run = f.g->run;
    c->timer = std::make_unique<gostep::Timer>(gostep::AfterFunc(dur, [run, c] {
      gostep::Go([run, c] { exec::RunGoroutine(run, [c](Frame& fr) { Cancel(fr, c, true, DeadlineExceeded(fr)); }); },
                 gostep::GoOptions{.name = "context.WithDeadline.func2"});
    }));
  }
  sched::MutexUnlock(S(), &c->mu, At(f));
  r[1] = CancelFunc(f, c, true);
}

// Lookup is Context.Value(key): the nearest valueCtx with an == key.
Value Lookup(Frame& f, Ctx* c, const Value& key) {
  const types::Type* any = exec::Run(f).prog_types->EmptyInterface();
  for (; c != nullptr; c = c->parent) {
    if (c->kind == CtxKind::kValue && exec::Equal(f, any, c->key, key)) return c->val;
  }
  return Value();
}

std::string Name(Frame& f, Ctx* c);

// Stringify is valueCtx's stringify: a Stringer's String, a string, or
// "<not Stringer>".
std::string Stringify(Frame& f, const Value& v) {
  if (v.x == 0) return "<nil>";
  const types::Type* dt = exec::DynType(v);
  types::MethodLookup ml = types::LookupMethod(dt, "String");
  if (ml.method != nullptr && ml.method->sig->params().empty() && ml.method->sig->results().size() == 1 &&
      !(ml.method->pointer_recv && dt->UKind() != Kind::kPointer)) {
    return std::string(exec::Str(exec::CallMethod(f, dt, exec::Unbox(dt, v), ml)));
  }
  if (dt->UKind() == Kind::kString) return std::string(exec::Str(v));
  return "<not Stringer>";
}

std::string Name(Frame& f, Ctx* c) {
  switch (c->kind) {
    case CtxKind::kEmpty: return c->name;
    case CtxKind::kCancel: return Name(f, c->parent) + ".WithCancel";
    case CtxKind::kValue:
      return Name(f, c->parent) + ".WithValue(type " + exec::DynType(c->key)->String() + ", val " + Stringify(f, c->val) + ")";
    case CtxKind::kTimer: break;
  }
  // timerCtx.String prints the deadline as a time.Time, which gostep's
  // virtual clock does not format: the offset from the run's start instead.
  return fmt::format("{}.WithDeadline(+{}ns)", Name(f, c->parent), c->deadline);
}

Value EmptyCtx(Frame& f, const char* name) {
  return PerRun(f, name, [&f, name] {
    Ctx* c = NewCtx(f, CtxKind::kEmpty, nullptr);
    c->name = name;
    return Box(f, c);
  });
}

TypeFn CtxT() { return [](TypeTable& t) { return ContextType(t); }; }
TypeFn CancelT() { return [](TypeTable& t) { return CancelFuncType(t); }; }

}  // namespace

void AddContext(std::vector<StdFunc>* v) {
  static const char kBackground[] = "context.Background";
  static const char kTODO[] = "context.TODO";
  v->push_back({"context", "Background", 0, Sig({}, {CtxT()}), [](Frame& f, const Value*, Value* r) { r[0] = EmptyCtx(f, kBackground); }});
  v->push_back({"context", "TODO", 0, Sig({}, {CtxT()}), [](Frame& f, const Value*, Value* r) { r[0] = EmptyCtx(f, kTODO); }});
  v->push_back({"context", "WithCancel", 0, Sig({CtxT()}, {CtxT(), CancelT()}),
                [](Frame& f, const Value* a, Value* r) { WithCancel(f, a[0], r); }});
  v->push_back({"context", "WithDeadline", 0, Sig({CtxT(), [](TypeTable& t) { return TimeType(t); }}, {CtxT(), CancelT()}),
                [](Frame& f, const Value* a, Value* r) { WithDeadline(f, a[0], a[1].i, r); }});
  v->push_back({"context", "WithTimeout", 0, Sig({CtxT(), [](TypeTable& t) { return DurationType(t); }}, {CtxT(), CancelT()}),
                [](Frame& f, const Value* a, Value* r) { WithDeadline(f, a[0], gostep::Now() + a[1].i, r); }});
  v->push_back({"context", "WithValue", 0, Sig({CtxT(), ty::Any, ty::Any}, {CtxT()}), [](Frame& f, const Value* a, Value* r) {
                  Ctx* p = CtxOf(f, a[0]);
                  if (a[1].x == 0) PanicString(f, "nil key");
                  if (!exec::DynType(a[1])->Comparable()) PanicString(f, "key is not comparable");
                  Ctx* c = NewCtx(f, CtxKind::kValue, p);
                  c->key = a[1];
                  c->val = a[2];
                  r[0] = Box(f, c);
                }});
}

void AddContextMethods(std::vector<NativeMethod>* v) {
  for (const char* type : {"context.emptyCtx", "context.cancelCtx", "context.timerCtx", "context.valueCtx"}) {
    v->push_back({type, "Deadline", 0, Sig({}, {[](TypeTable& t) { return TimeType(t); }, ty::Bool}),
                  [](Frame&, Value* c, const Value*, Value* r) {
                    int64_t d = 0;
                    bool ok = Deadline(Recv(c), &d);
                    r[0] = Value::Int(d);
                    r[1] = Value::Int(ok);
                  }});
    v->push_back({type, "Done", 0, Sig({}, {[](TypeTable& t) { return t.Chan(t.Struct({}), types::ChanDirKind::kRecv); }}),
                  [](Frame& f, Value* c, const Value*, Value* r) { r[0] = Value::Ptr(Done(f, Recv(c))); }});
    v->push_back({type, "Err", 0, Sig({}, {ty::Error}), [](Frame& f, Value* c, const Value*, Value* r) { r[0] = Err(f, Recv(c)); }});
    v->push_back({type, "Value", 0, Sig({ty::Any}, {ty::Any}),
                  [](Frame& f, Value* c, const Value* a, Value* r) { r[0] = Lookup(f, Recv(c), a[0]); }});
    v->push_back({type, "String", 0, Sig({}, {ty::String}),
                  [](Frame& f, Value* c, const Value*, Value* r) { r[0] = NewString(f, Name(f, Recv(c))); }});
  }
  // deadlineExceededError (context.go): a net.Error-style timeout.
  const char* de = "context.deadlineExceededError";
  v->push_back({de, "Error", 0, Sig({}, {ty::String}), [](Frame& f, Value*, const Value*, Value* r) { r[0] = NewString(f, "context deadline exceeded"); }});
  v->push_back({de, "Timeout", 0, Sig({}, {ty::Bool}), [](Frame&, Value*, const Value*, Value* r) { r[0] = Value::Int(1); }});
  v->push_back({de, "Temporary", 0, Sig({}, {ty::Bool}), [](Frame&, Value*, const Value*, Value* r) { r[0] = Value::Int(1); }});
}

const types::Type* ContextPackageType(TypeTable& t, const std::string& name) {
  if (name == "Context") return ContextType(t);
  if (name == "CancelFunc") return CancelFuncType(t);
  return nullptr;
}

Value ContextVar(Frame& f, const std::string& name) { return name == "Canceled" ? Canceled(f) : DeadlineExceeded(f); }

}  // namespace gostep::lang::std_pkg
