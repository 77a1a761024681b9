// lang/std/std_sync.cc — packages sync and sync/atomic.
//
// sync's types are opaque structs whose one cell holds the host object of
// scheduler/mutex.h (or runtime/syncmap.h), made on first use, so the zero
// value is ready to use. sync.Map keys must be integers or strings (the
// model's key kinds); its values are stored as handles to interpreter cells.
// Atomic operations are runtime-grain yield points ("sync/atomic").
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <tuple>

#include "lang/std/std_impl.h"
#include "runtime/go.h"
#include "runtime/syncmap.h"
#include "scheduler/mutex.h"

namespace gostep::lang::std_pkg {
namespace {

sched::SourcePos At(Frame& f) { return sched::At(f.fn != nullptr ? f.fn->file : nullptr, f.line); }

void AtomicPoint() {
  static constexpr sched::YieldPoint kPoint{"sync.atomic", sched::YieldKind::kRuntime, 5};
  S().Yield(kPoint);
}

// SyncMapBox holds a sync.Map model, created at its first use with the key
// kind of that first key.
struct SyncMapBox {
  std::unique_ptr<gostep::SyncMap> m;
  bool string_keys = false;
};

gostep::SyncMap& MapFor(Frame& f, Value* recv, const Value& key) {
  SyncMapBox* b = HostObject<SyncMapBox>(f, recv);
  const types::Type* kt = exec::DynType(key);
  bool is_string = kt != nullptr && kt->UKind() == Kind::kString;
  bool is_int = kt != nullptr && kt->IsInteger();
  if (!is_string && !is_int) exec::RuntimePanic(f, fmt::format("gostep: sync.Map keys must be integers or strings, not {}", kt ? kt->String() : "nil"));
  if (b->m == nullptr) {
    b->string_keys = is_string;
    b->m = std::make_unique<gostep::SyncMap>(is_string ? maps::KeyKind::kString : maps::KeyKind::kInt64);
  }
  if (b->string_keys != is_string) exec::RuntimePanic(f, "gostep: sync.Map with both integer and string keys is not supported");
  return *b->m;
}

// A sync.Map value is an 8-byte handle to a cell holding the interface
// value (the model compares values as efaceeq does, by their words). Values
// of scalar dynamic types are interned — equal Go values get one handle —
// so that CompareAndSwap/CompareAndDelete's `*p == old` is Go's ==; a NaN
// never equals itself, so each NaN gets a fresh handle (±0: see Put).
struct SyncValues {
  std::map<std::tuple<const types::Type*, uint64_t, std::string>, int64_t> interned;
};

// Interned reports whether v's dynamic type is a scalar whose == Put
// reproduces (numbers, bools, strings, pointers, channels).
bool Interned(const Value& v) {
  const types::Type* t = exec::DynType(v);
  if (t == nullptr) return false;
  const types::Type* u = t->Underlying();
  Kind k = u->kind();
  return u->IsInteger() || u->IsBoolean() || u->IsFloat() || u->IsString() || k == Kind::kPointer ||
         k == Kind::kUnsafePointer || k == Kind::kChan;
}

maps::SyncValue Handle(int64_t h) {
  maps::SyncValue s;
  s.kind = maps::SyncValue::Kind::kInt;
  s.i = h;
  return s;
}

maps::SyncValue Put(Frame& f, const Value& v) {
  if (v.x == 0) return maps::SyncValue{};
  exec::RunState& r = exec::Run(f);
  const types::Type* t = exec::DynType(v);
  bool nan = t->Underlying()->IsFloat() && std::isnan(v.f);
  if (!Interned(v) || nan) {
    r.elem_cells.push_back(v);
    return Handle(static_cast<int64_t>(r.elem_cells.size()));
  }
  if (r.sync_values == nullptr) r.sync_values = std::make_shared<SyncValues>();
  auto& table = static_cast<SyncValues*>(r.sync_values.get())->interned;
  bool str = t->Underlying()->IsString();
  // Floats by their bits: Load must give back -0 as -0, so +0 and -0 are two
  // handles, and a CompareAndSwap of one zero against the other fails where
  // Go's == would succeed (a known gap).
  uint64_t bits = str ? 0 : v.u;
  auto [it, fresh] = table.emplace(std::make_tuple(t, bits, str ? std::string(exec::Str(v)) : std::string()), 0);
  if (fresh) {
    r.elem_cells.push_back(v);
    it->second = static_cast<int64_t>(r.elem_cells.size());
  }
  return Handle(it->second);
}

// PutOld is the `old` argument of CompareAndSwap/CompareAndDelete: Go
// compares it with ==, which gostep reproduces for scalars and nil only.
maps::SyncValue PutOld(Frame& f, const Value& old, const char* method) {
  if (old.x != 0 && !Interned(old)) {
    exec::RuntimePanic(f, fmt::format("gostep: sync.Map.{} with an old value of type {} is not modelled (only "
                                      "numbers, bools, strings, pointers, channels and nil)",
                                      method, exec::DynType(old)->String()));
  }
  return Put(f, old);
}

Value Get(Frame& f, const maps::SyncValue& s) {
  if (s.kind == maps::SyncValue::Kind::kNil) return Value();
  return exec::Run(f).elem_cells[s.i - 1];
}

void SetResult(Frame& f, const maps::SyncResult& res, Value* r) {
  r[0] = res.ok ? Get(f, res.value) : Value();
  r[1] = Value::Int(res.ok);
}


}  // namespace

void AddSync(std::vector<StdFunc>* v) {
  // sync/atomic functions on *int64 / *int32 / *uint64 / *uint32 / *unsafe.Pointer.
  struct IntKind {
    const char* suffix;
    TypeFn elem;
    Kind kind;
  };
  const IntKind kinds[] = {{"Int64", ty::Int64, Kind::kInt64}, {"Int32", ty::Int32, Kind::kInt32},
                           {"Uint64", ty::Uint64, Kind::kUint64}, {"Uint32", ty::Uint32, Kind::kUint32},
                           {"Uintptr", ty::Uintptr, Kind::kUintptr}};
  for (const IntKind& k : kinds) {
    TypeFn elem = k.elem;
    TypeFn ptr = [elem](TypeTable& t) { return t.Pointer(elem(t)); };
    Kind kind = k.kind;
    std::string s = k.suffix;
    v->push_back({"atomic", "Add" + s, 0, Sig({ptr, elem}, {elem}), [kind](Frame& f, const Value* a, Value* r) {
                    AtomicPoint();
                    auto* p = static_cast<Value*>(a[0].p);
                    if (p == nullptr) exec::NilDeref(f);
                    p->i = exec::Wrap(kind, static_cast<int64_t>(p->u + a[1].u));
                    r[0] = *p;
                  }});
    v->push_back({"atomic", "Load" + s, 0, Sig({ptr}, {elem}), [](Frame& f, const Value* a, Value* r) {
                    AtomicPoint();
                    if (a[0].p == nullptr) exec::NilDeref(f);
                    r[0] = *static_cast<Value*>(a[0].p);
                  }});
    v->push_back({"atomic", "Store" + s, 0, Sig({ptr, elem}, {}), [](Frame& f, const Value* a, Value*) {
                    AtomicPoint();
                    if (a[0].p == nullptr) exec::NilDeref(f);
                    *static_cast<Value*>(a[0].p) = a[1];
                  }});
    v->push_back({"atomic", "Swap" + s, 0, Sig({ptr, elem}, {elem}), [](Frame& f, const Value* a, Value* r) {
                    AtomicPoint();
                    if (a[0].p == nullptr) exec::NilDeref(f);
                    r[0] = *static_cast<Value*>(a[0].p);
                    *static_cast<Value*>(a[0].p) = a[1];
                  }});
    v->push_back({"atomic", "CompareAndSwap" + s, 0, Sig({ptr, elem, elem}, {ty::Bool}), [](Frame& f, const Value* a, Value* r) {
                    AtomicPoint();
                    auto* p = static_cast<Value*>(a[0].p);
                    if (p == nullptr) exec::NilDeref(f);
                    bool ok = p->i == a[1].i;
                    if (ok) *p = a[2];
                    r[0] = Value::Int(ok);
                  }});
  }
  TypeFn pptr = [](TypeTable& t) { return t.Pointer(t.Basic(Kind::kUnsafePointer)); };
  v->push_back({"atomic", "LoadPointer", 0, Sig({pptr}, {ty::UnsafePointer}), [](Frame& f, const Value* a, Value* r) {
                  AtomicPoint();
                  if (a[0].p == nullptr) exec::NilDeref(f);
                  r[0] = *static_cast<Value*>(a[0].p);
                }});
  v->push_back({"atomic", "StorePointer", 0, Sig({pptr, ty::UnsafePointer}, {}), [](Frame& f, const Value* a, Value*) {
                  AtomicPoint();
                  if (a[0].p == nullptr) exec::NilDeref(f);
                  *static_cast<Value*>(a[0].p) = a[1];
                }});
  v->push_back({"atomic", "SwapPointer", 0, Sig({pptr, ty::UnsafePointer}, {ty::UnsafePointer}), [](Frame& f, const Value* a, Value* r) {
                  AtomicPoint();
                  r[0] = *static_cast<Value*>(a[0].p);
                  *static_cast<Value*>(a[0].p) = a[1];
                }});
  v->push_back({"atomic", "CompareAndSwapPointer", 0, Sig({pptr, ty::UnsafePointer, ty::UnsafePointer}, {ty::Bool}),
                [](Frame& f, const Value* a, Value* r) {
                  AtomicPoint();
                  auto* p = static_cast<Value*>(a[0].p);
                  bool ok = p->p == a[1].p;
                  if (ok) *p = a[2];
                  r[0] = Value::Int(ok);
                }});
}

void AddSyncMethods(std::vector<NativeMethod>* v) {
  using sched::Mutex;
  using sched::RWMutex;
  auto none = Sig({}, {});
  v->push_back({"sync.Mutex", "Lock", 0, none, [](Frame& f, Value* m, const Value*, Value*) { sched::MutexLock(S(), HostObject<Mutex>(f, m), At(f)); }});
  v->push_back({"sync.Mutex", "Unlock", 0, none, [](Frame& f, Value* m, const Value*, Value*) { sched::MutexUnlock(S(), HostObject<Mutex>(f, m), At(f)); }});
  v->push_back({"sync.Mutex", "TryLock", 18, Sig({}, {ty::Bool}),
                [](Frame& f, Value* m, const Value*, Value* r) { r[0] = Value::Int(sched::MutexTryLock(S(), HostObject<Mutex>(f, m))); }});
  v->push_back({"sync.RWMutex", "Lock", 0, none, [](Frame& f, Value* m, const Value*, Value*) { sched::RWMutexLock(S(), HostObject<RWMutex>(f, m), At(f)); }});
  v->push_back({"sync.RWMutex", "Unlock", 0, none, [](Frame& f, Value* m, const Value*, Value*) { sched::RWMutexUnlock(S(), HostObject<RWMutex>(f, m), At(f)); }});
  v->push_back({"sync.RWMutex", "RLock", 0, none, [](Frame& f, Value* m, const Value*, Value*) { sched::RWMutexRLock(S(), HostObject<RWMutex>(f, m), At(f)); }});
  v->push_back({"sync.RWMutex", "RUnlock", 0, none, [](Frame& f, Value* m, const Value*, Value*) { sched::RWMutexRUnlock(S(), HostObject<RWMutex>(f, m), At(f)); }});
  // go1.18 (sync/rwmutex.go: TryLock, TryRLock).
  v->push_back({"sync.RWMutex", "TryLock", 18, Sig({}, {ty::Bool}),
                [](Frame& f, Value* m, const Value*, Value* r) { r[0] = Value::Int(sched::RWMutexTryLock(S(), HostObject<RWMutex>(f, m))); }});
  v->push_back({"sync.RWMutex", "TryRLock", 18, Sig({}, {ty::Bool}),
                [](Frame& f, Value* m, const Value*, Value* r) { r[0] = Value::Int(sched::RWMutexTryRLock(S(), HostObject<RWMutex>(f, m))); }});
  v->push_back({"sync.WaitGroup", "Add", 0, Sig({ty::Int}, {}),
                [](Frame& f, Value* w, const Value* a, Value*) { sched::WaitGroupAdd(S(), HostObject<sched::WaitGroup>(f, w), a[0].i, At(f)); }});
  v->push_back({"sync.WaitGroup", "Done", 0, none,
                [](Frame& f, Value* w, const Value*, Value*) { sched::WaitGroupAdd(S(), HostObject<sched::WaitGroup>(f, w), -1, At(f), true); }});
  v->push_back({"sync.WaitGroup", "Wait", 0, none,
                [](Frame& f, Value* w, const Value*, Value*) { sched::WaitGroupWait(S(), HostObject<sched::WaitGroup>(f, w), At(f)); }});
  v->push_back({"sync.Once", "Do", 0, Sig({ty::Func0}, {}), [](Frame& f, Value* o, const Value* a, Value*) {
                  auto* c = static_cast<exec::Closure*>(a[0].p);
                  sched::OnceDo(S(), HostObject<sched::Once>(f, o), [&f, c] {
                    if (c == nullptr) exec::NilDeref(f);
                    exec::Call(f, c, nullptr, 0, nullptr);
                  }, At(f));
                }});
  // sync.Map (maps/syncmap: read/dirty, misses, promotion, expunged).
  auto key_any = Sig({ty::Any}, {ty::Any, ty::Bool});
  v->push_back({"sync.Map", "Load", 0, key_any, [](Frame& f, Value* m, const Value* a, Value* r) {
                  gostep::SyncMap& sm = MapFor(f, m, a[0]);
                  SetResult(f, exec::DynType(a[0])->IsString() ? sm.LoadString(exec::Str(a[0])) : sm.Load(a[0].i), r);
                }});
  v->push_back({"sync.Map", "Store", 0, Sig({ty::Any, ty::Any}, {}), [](Frame& f, Value* m, const Value* a, Value*) {
                  gostep::SyncMap& sm = MapFor(f, m, a[0]);
                  if (exec::DynType(a[0])->IsString()) sm.StoreString(exec::Str(a[0]), Put(f, a[1]));
                  else sm.Store(a[0].i, Put(f, a[1]));
                }});
  v->push_back({"sync.Map", "LoadOrStore", 0, Sig({ty::Any, ty::Any}, {ty::Any, ty::Bool}), [](Frame& f, Value* m, const Value* a, Value* r) {
                  gostep::SyncMap& sm = MapFor(f, m, a[0]);
                  SetResult(f, exec::DynType(a[0])->IsString() ? sm.LoadOrStoreString(exec::Str(a[0]), Put(f, a[1])) : sm.LoadOrStore(a[0].i, Put(f, a[1])), r);
                }});
  v->push_back({"sync.Map", "LoadAndDelete", 15, key_any, [](Frame& f, Value* m, const Value* a, Value* r) {
                  gostep::SyncMap& sm = MapFor(f, m, a[0]);
                  SetResult(f, exec::DynType(a[0])->IsString() ? sm.LoadAndDeleteString(exec::Str(a[0])) : sm.LoadAndDelete(a[0].i), r);
                }});
  // go1.20 (sync/map.go: Swap, CompareAndSwap, CompareAndDelete) and go1.23 (Clear).
  v->push_back({"sync.Map", "Swap", 20, Sig({ty::Any, ty::Any}, {ty::Any, ty::Bool}), [](Frame& f, Value* m, const Value* a, Value* r) {
                  gostep::SyncMap& sm = MapFor(f, m, a[0]);
                  maps::SyncValue nv = Put(f, a[1]);
                  SetResult(f, exec::DynType(a[0])->IsString() ? sm.SwapString(exec::Str(a[0]), nv) : sm.Swap(a[0].i, nv), r);
                }});
  v->push_back({"sync.Map", "CompareAndSwap", 20, Sig({ty::Any, ty::Any, ty::Any}, {ty::Bool}),
                [](Frame& f, Value* m, const Value* a, Value* r) {
                  gostep::SyncMap& sm = MapFor(f, m, a[0]);
                  maps::SyncValue old = PutOld(f, a[1], "CompareAndSwap"), nv = Put(f, a[2]);
                  bool ok = exec::DynType(a[0])->IsString() ? sm.CompareAndSwapString(exec::Str(a[0]), old, nv)
                                                            : sm.CompareAndSwap(a[0].i, old, nv);
                  r[0] = Value::Int(ok);
                }});
  v->push_back({"sync.Map", "CompareAndDelete", 20, Sig({ty::Any, ty::Any}, {ty::Bool}),
                [](Frame& f, Value* m, const Value* a, Value* r) {
                  gostep::SyncMap& sm = MapFor(f, m, a[0]);
                  maps::SyncValue old = PutOld(f, a[1], "CompareAndDelete");
                  bool ok = exec::DynType(a[0])->IsString() ? sm.CompareAndDeleteString(exec::Str(a[0]), old)
                                                            : sm.CompareAndDelete(a[0].i, old);
                  r[0] = Value::Int(ok);
                }});
  v->push_back({"sync.Map", "Clear", 23, Sig({}, {}), [](Frame& f, Value* m, const Value*, Value*) {
                  SyncMapBox* b = HostObject<SyncMapBox>(f, m);
                  if (b->m != nullptr) b->m->Clear();
                }});
  v->push_back({"sync.Map", "Delete", 0, Sig({ty::Any}, {}), [](Frame& f, Value* m, const Value* a, Value*) {
                  gostep::SyncMap& sm = MapFor(f, m, a[0]);
                  if (exec::DynType(a[0])->IsString()) sm.DeleteString(exec::Str(a[0]));
                  else sm.Delete(a[0].i);
                }});
  v->push_back({"sync.Map", "Range", 0,
                [](TypeTable& t) { return t.Func({t.Func({t.EmptyInterface(), t.EmptyInterface()}, {t.Bool()}, false)}, {}, false); },
                [](Frame& f, Value* m, const Value* a, Value*) {
                  SyncMapBox* b = HostObject<SyncMapBox>(f, m);
                  if (b->m == nullptr) return;
                  auto* fn = static_cast<exec::Closure*>(a[0].p);
                  const types::Type* int_t = f.g->run->prog_types->Int();
                  const types::Type* str_t = f.g->run->prog_types->String();
                  auto call = [&](Value k, const maps::SyncValue& sv) {
                    Value args[2] = {k, Get(f, sv)};
                    Value res;
                    exec::Call(f, fn, args, 2, &res);
                    return res.i != 0;
                  };
                  if (b->string_keys) {
                    b->m->RangeStrings([&](const std::string& k, const maps::SyncValue& sv) {
                      Value kv = NewString(f, k);
                      kv.x = reinterpret_cast<uint64_t>(str_t);
                      return call(kv, sv);
                    });
                  } else {
                    b->m->Range([&](int64_t k, const maps::SyncValue& sv) {
                      Value kv = Value::Int(k);
                      kv.x = reinterpret_cast<uint64_t>(int_t);
                      return call(kv, sv);
                    });
                  }
                }});
  // atomic.Value (an interface cell; Store of nil panics as in Go).
  v->push_back({"atomic.Value", "Load", 0, Sig({}, {ty::Any}), [](Frame& f, Value* m, const Value*, Value* r) {
                  AtomicPoint();
                  Value* cells = static_cast<Value*>(m->p);
                  r[0] = cells[0].p == nullptr ? Value() : *static_cast<Value*>(cells[0].p);
                }});
  v->push_back({"atomic.Value", "Store", 0, Sig({ty::Any}, {}), [](Frame& f, Value* m, const Value* a, Value*) {
                  AtomicPoint();
                  if (a[0].x == 0) exec::PanicValue(f, MakeError(f, "sync/atomic: store of nil value into Value"));
                  Value* cells = static_cast<Value*>(m->p);
                  if (cells[0].p != nullptr && static_cast<Value*>(cells[0].p)->x != a[0].x)
                    exec::PanicValue(f, MakeError(f, "sync/atomic: store of inconsistently typed value into Value"));
                  Value* cell = exec::Run(f).heap.Cells(1);
                  *cell = a[0];
                  cells[0] = Value::Ptr(cell);
                }});
  // The typed atomics of go1.19.
  for (const char* name : {"Int64", "Int32", "Uint64", "Uint32"}) {
    std::string tn = std::string("atomic.") + name;
    TypeFn elem = std::string(name) == "Int64" ? TypeFn(ty::Int64) : std::string(name) == "Int32" ? TypeFn(ty::Int32)
                  : std::string(name) == "Uint64" ? TypeFn(ty::Uint64) : TypeFn(ty::Uint32);
    Kind kind = std::string(name) == "Int64" ? Kind::kInt64 : std::string(name) == "Int32" ? Kind::kInt32
                : std::string(name) == "Uint64" ? Kind::kUint64 : Kind::kUint32;
    v->push_back({tn, "Load", 19, Sig({}, {elem}), [](Frame& f, Value* m, const Value*, Value* r) {
                    AtomicPoint();
                    r[0] = static_cast<Value*>(m->p)[0];
                  }});
    v->push_back({tn, "Store", 19, Sig({elem}, {}), [](Frame& f, Value* m, const Value* a, Value*) {
                    AtomicPoint();
                    static_cast<Value*>(m->p)[0] = a[0];
                  }});
    v->push_back({tn, "Add", 19, Sig({elem}, {elem}), [kind](Frame& f, Value* m, const Value* a, Value* r) {
                    AtomicPoint();
                    Value& c = static_cast<Value*>(m->p)[0];
                    c.i = exec::Wrap(kind, static_cast<int64_t>(c.u + a[0].u));
                    r[0] = c;
                  }});
    v->push_back({tn, "CompareAndSwap", 19, Sig({elem, elem}, {ty::Bool}), [](Frame& f, Value* m, const Value* a, Value* r) {
                    AtomicPoint();
                    Value& c = static_cast<Value*>(m->p)[0];
                    bool ok = c.i == a[0].i;
                    if (ok) c = a[1];
                    r[0] = Value::Int(ok);
                  }});
  }
}

const types::Type* LockerType(TypeTable& t) {
  return t.Std("sync", "Locker", [&t]() {
    return t.Interface({types::Method{"Lock", t.Func({}, {}, false), false, -1}, types::Method{"Unlock", t.Func({}, {}, false), false, -1}});
  });
}

}  // namespace gostep::lang::std_pkg
