// lang/std/std_sort.cc — package sort over Go's own algorithms (go_sort.h):
// Sort, Stable, IsSorted and Reverse over sort.Interface, Slice,
// SliceStable and SliceIsSorted over a less func, and Search. Every Less,
// Swap and less call is a real call into the program, in Go's order.
// (sort.Ints, Float64s and Strings are in std_misc.cc: equal elements are
// indistinguishable, so their algorithm is not observable.)
#include "lang/exec/run_state.h"
#include "lang/std/go_sort.h"
#include "lang/std/std_impl.h"
#include "runtime/go.h"

namespace gostep::lang::std_pkg {
namespace {

int Minor() { return S().profile().minor; }

const types::Type* InterfaceType(TypeTable& t) {
  return t.Std("sort", "Interface", [&t] {
    return t.Interface({types::Method{"Len", t.Func({}, {t.Int()}, false), false, -1},
                        types::Method{"Less", t.Func({t.Int(), t.Int()}, {t.Bool()}, false), false, -1},
                        types::Method{"Swap", t.Func({t.Int(), t.Int()}, {}, false), false, -1}});
  });
}
// ReverseType is *sort.reverse (sort.go: type reverse struct{ Interface }).
const types::Type* ReverseType(TypeTable& t) {
  return t.Pointer(t.Std("sort", "reverse", [&t] { return t.Struct({types::StructField{"Interface", InterfaceType(t), true}}); }));
}

bool CallBool(Frame& f, exec::Closure* c, int64_t i, int64_t j) {
  Value args[2] = {Value::Int(i), Value::Int(j)};
  Value res;
  exec::Call(f, c, args, 2, &res);
  return res.i != 0;
}

// IfaceData is a sort.Interface value; each method is bound on its first
// use and kept for the whole sort.
struct IfaceData {
  Frame& f;
  const types::Type* dt;
  Value recv;
  exec::Closure* less = nullptr;
  exec::Closure* swap = nullptr;
  IfaceData(Frame& fr, const Value& v) : f(fr) {
    if (v.x == 0) exec::NilDeref(f);
    dt = exec::DynType(v);
    recv = exec::Unbox(dt, v);
  }
  exec::Closure* Bind(const char* name) { return exec::BindMethod(f, dt, recv, types::LookupMethod(dt, name)); }
  int64_t Len() {
    Value n;
    exec::Call(f, Bind("Len"), nullptr, 0, &n);
    return n.i;
  }
  bool Less(int64_t i, int64_t j) {
    if (less == nullptr) less = Bind("Less");
    return CallBool(f, less, i, j);
  }
  void Swap(int64_t i, int64_t j) {
    if (swap == nullptr) swap = Bind("Swap");
    Value args[2] = {Value::Int(i), Value::Int(j)};
    exec::Call(f, swap, args, 2, nullptr);
  }
};

// SliceData is sort.Slice's lessSwap: the program's less, and
// reflect.Swapper's swap of two elements.
struct SliceData {
  Frame& f;
  exec::Closure* less;
  Value* cells = nullptr;
  int64_t n = 0;
  SliceData(Frame& fr, const Value& x, const Value& less_fn) : f(fr), less(static_cast<exec::Closure*>(less_fn.p)) {
    const types::Type* st = exec::DynType(x);
    if (st == nullptr || st->UKind() != Kind::kSlice) {
      exec::PanicValue(f, MakeError(f, "reflect: call of Swapper on " + std::string(st == nullptr ? "zero" : st->String()) + " Value"));
    }
    Value s = exec::Unbox(st, x);
    cells = static_cast<Value*>(s.p);
    n = exec::SliceLen(s);
    if (less == nullptr && n > 1) exec::NilDeref(f);
  }
  bool Less(int64_t i, int64_t j) { return CallBool(f, less, i, j); }
  void Swap(int64_t i, int64_t j) { std::swap(cells[i], cells[j]); }
};

// LowerBound is search.go's Search over a slice: the first index whose
// element is not below (the same halving, h = int(uint(i+j) >> 1)).
template <typename Below>
int64_t LowerBound(const Value& slice, Below below) {
  const Value* p = static_cast<const Value*>(slice.p);
  int64_t i = 0, j = exec::SliceLen(slice);
  while (i < j) {
    int64_t h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
    if (below(p[h])) i = h + 1; else j = h;
  }
  return i;
}

TypeFn IfaceT() { return [](TypeTable& t) { return InterfaceType(t); }; }
TypeFn LessFn() { return [](TypeTable& t) { return t.Func({t.Int(), t.Int()}, {t.Bool()}, false); }; }

}  // namespace

const types::Type* SortType(TypeTable& t, const std::string& name) { return name == "Interface" ? InterfaceType(t) : nullptr; }

void AddSort(std::vector<StdFunc>* v) {
  v->push_back({"sort", "Sort", 0, Sig({IfaceT()}, {}), [](Frame& f, const Value* a, Value*) {
                  IfaceData d(f, a[0]);
                  gosort::Sort(d, d.Len(), Minor());
                }});
  v->push_back({"sort", "Stable", 0, Sig({IfaceT()}, {}), [](Frame& f, const Value* a, Value*) {
                  IfaceData d(f, a[0]);
                  gosort::Stable(d, d.Len());
                }});
  v->push_back({"sort", "IsSorted", 0, Sig({IfaceT()}, {ty::Bool}), [](Frame& f, const Value* a, Value* r) {
                  IfaceData d(f, a[0]);
                  bool sorted = true;
                  for (int64_t i = d.Len() - 1; i > 0 && sorted; --i) sorted = !d.Less(i, i - 1);
                  r[0] = Value::Int(sorted);
                }});
  v->push_back({"sort", "Reverse", 0, Sig({IfaceT()}, {[](TypeTable& t) {
                                                  ReverseType(t);  // made at compile time: runs only read the table
                                                  return InterfaceType(t);
                                                }}),
                [](Frame& f, const Value* a, Value* r) { r[0] = NewStructPtr(f, {a[0]}, ReverseType(*exec::Run(f).prog_types)); }});
  v->push_back({"sort", "Slice", 0, Sig({ty::Any, LessFn()}, {}), [](Frame& f, const Value* a, Value*) {
                  SliceData d(f, a[0], a[1]);
                  gosort::Sort(d, d.n, Minor());
                }});
  v->push_back({"sort", "SliceStable", 0, Sig({ty::Any, LessFn()}, {}), [](Frame& f, const Value* a, Value*) {
                  SliceData d(f, a[0], a[1]);
                  gosort::Stable(d, d.n);
                }});
  v->push_back({"sort", "SliceIsSorted", 0, Sig({ty::Any, LessFn()}, {ty::Bool}), [](Frame& f, const Value* a, Value* r) {
                  SliceData d(f, a[0], a[1]);
                  bool sorted = true;
                  for (int64_t i = d.n - 1; i > 0 && sorted; --i) sorted = !d.Less(i, i - 1);
                  r[0] = Value::Int(sorted);
                }});
  // search.go: the smallest i in [0, n) with f(i) true, or n.
  v->push_back({"sort", "Search", 0, Sig({ty::Int, [](TypeTable& t) { return t.Func({t.Int()}, {t.Bool()}, false); }}, {ty::Int}),
                [](Frame& f, const Value* a, Value* r) {
                  auto* pred = static_cast<exec::Closure*>(a[1].p);
                  int64_t i = 0, j = a[0].i;
                  while (i < j) {
                    int64_t h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
                    Value arg = Value::Int(h), res;
                    if (pred == nullptr) exec::NilDeref(f);
                    exec::Call(f, pred, &arg, 1, &res);
                    if (res.i == 0) i = h + 1; else j = h;
                  }
                  r[0] = Value::Int(i);
                }});
  // SearchInts and SearchStrings (search.go): Search with a[i] >= x.
  v->push_back({"sort", "SearchInts", 0, Sig({ty::IntSlice, ty::Int}, {ty::Int}), [](Frame&, const Value* a, Value* r) {
                  r[0] = Value::Int(LowerBound(a[0], [&](const Value& e) { return e.i < a[1].i; }));
                }});
  v->push_back({"sort", "SearchStrings", 0, Sig({ty::StringSlice, ty::String}, {ty::Int}), [](Frame&, const Value* a, Value* r) {
                  r[0] = Value::Int(LowerBound(a[0], [&](const Value& e) { return exec::Str(e) < exec::Str(a[1]); }));
                }});
}

void AddSortMethods(std::vector<NativeMethod>* v) {
  auto embedded = [](Value* recv) { return static_cast<Value*>(recv->p)[0]; };
  v->push_back({"sort.reverse", "Len", 0, Sig({}, {ty::Int}), [embedded](Frame& f, Value* rv, const Value*, Value* r) {
                  IfaceData d(f, embedded(rv));
                  r[0] = Value::Int(d.Len());
                }});
  // sort.go: reverse.Less is the embedded Less with its operands swapped.
  v->push_back({"sort.reverse", "Less", 0, Sig({ty::Int, ty::Int}, {ty::Bool}), [embedded](Frame& f, Value* rv, const Value* a, Value* r) {
                  IfaceData d(f, embedded(rv));
                  r[0] = Value::Int(d.Less(a[1].i, a[0].i));
                }});
  v->push_back({"sort.reverse", "Swap", 0, Sig({ty::Int, ty::Int}, {}), [embedded](Frame& f, Value* rv, const Value* a, Value*) {
                  IfaceData d(f, embedded(rv));
                  d.Swap(a[0].i, a[1].i);
                }});
}

}  // namespace gostep::lang::std_pkg
