// lang/std/std_misc.cc — strconv, math, sort, os, strings, maps, slices, and
// the std constants.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

#include "lang/std/fmt.h"
#include "lang/std/std_impl.h"
#include "runtime/go.h"

namespace gostep::lang::std_pkg {
namespace {

std::string S(const Value& v) { return std::string(exec::Str(v)); }

// SortValues sorts cells with less, as Go's pdqsort does for n <= 12
// (insertionSortCmpFunc) and with std::sort beyond (gostep: Go's exact
// order of equal elements is kept only for short slices).
void SortCells(Value* p, int64_t n, const std::function<bool(const Value&, const Value&)>& less) {
  if (n <= 12) {
    for (int64_t i = 1; i < n; ++i) {
      for (int64_t j = i; j > 0 && less(p[j], p[j - 1]); --j) std::swap(p[j], p[j - 1]);
    }
    return;
  }
  std::sort(p, p + n, less);
}

// MapsIterCode is the func literal maps.All / maps.Keys return (go1.23
// maps/iter.go): `for k, v := range m { if !yield(k, v) { return } }`, the
// map captured, the yield func its one parameter.
const exec::FuncCode* MapsIterCode(bool values) {
  auto make = [](bool with_values) {
    auto c = std::make_unique<exec::FuncCode>();
    c->name = with_values ? "maps.All[...].func1" : "maps.Keys[...].func1";
    c->file = "$GOROOT/src/maps/iter.go";
    c->line = with_values ? 13 : 25;
    c->nparams = 1;
    c->nslots = 1;
    c->args_shape = "w";
    c->body = [with_values](Frame& fr) {
      Value m = *fr.closure->captured[0];
      auto* yield = static_cast<exec::Closure*>(fr.slots[0].p);
      exec::MapRange(fr, m, [&](const Value& k, const Value& v) {
        if (yield == nullptr) exec::NilDeref(fr);
        Value args[2] = {k, v};
        Value res;
        exec::Call(fr, yield, args, with_values ? 2 : 1, &res);
        return res.i != 0;
      });
      return exec::Ctl::kReturn;
    };
    return c;
  };
  static const std::unique_ptr<exec::FuncCode> all = make(true), keys = make(false);
  return values ? all.get() : keys.get();
}

}  // namespace

void AddMisc(std::vector<StdFunc>* v) {
  v->push_back({"strconv", "Itoa", 0, Sig({ty::Int}, {ty::String}),
                [](Frame& f, const Value* a, Value* r) { r[0] = NewString(f, std::to_string(a[0].i)); }});
  v->push_back({"strconv", "FormatInt", 0, Sig({ty::Int64, ty::Int}, {ty::String}), [](Frame& f, const Value* a, Value* r) {
                  int base = static_cast<int>(a[1].i);
                  if (base < 2 || base > 36) exec::PanicValue(f, MakeError(f, "strconv: illegal AppendInt/FormatInt base"));
                  bool neg = a[0].i < 0;
                  uint64_t u = neg ? 0 - a[0].u : a[0].u;
                  std::string s;
                  do {
                    s.insert(s.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[u % base]);
                    u /= base;
                  } while (u > 0);
                  r[0] = NewString(f, (neg ? "-" : "") + s);
                }});
  v->push_back({"strconv", "Atoi", 0, Sig({ty::String}, {ty::Int, ty::Error}), [](Frame& f, const Value* a, Value* r) {
                  std::string s = S(a[0]);
                  size_t i = 0;
                  bool neg = false;
                  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
                  __int128 n = 0;
                  bool ok = i < s.size();
                  bool range = true;
                  for (; i < s.size() && ok; ++i) {
                    if (s[i] < '0' || s[i] > '9') ok = false;
                    else n = n * 10 + (s[i] - '0');
                    if (n > static_cast<__int128>(std::numeric_limits<int64_t>::max()) + 1) range = false;
                  }
                  if (!neg && n > std::numeric_limits<int64_t>::max()) range = false;
                  if (!ok) {
                    r[0] = Value();
                    r[1] = MakeError(f, fmt::format("strconv.Atoi: parsing {}: invalid syntax", Quote(s)));
                  } else if (!range) {
                    r[0] = Value::Int(neg ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max());
                    r[1] = MakeError(f, fmt::format("strconv.Atoi: parsing {}: value out of range", Quote(s)));
                  } else {
                    r[0] = Value::Int(static_cast<int64_t>(neg ? -n : n));
                    r[1] = Value();
                  }
                }});
  v->push_back({"strconv", "Quote", 0, Sig({ty::String}, {ty::String}),
                [](Frame& f, const Value* a, Value* r) { r[0] = NewString(f, Quote(exec::Str(a[0]))); }});
  v->push_back({"strconv", "FormatFloat", 0, Sig({ty::Float64, [](TypeTable& t) { return t.Basic(Kind::kUint8); }, ty::Int, ty::Int}, {ty::String}),
                [](Frame& f, const Value* a, Value* r) {
                  r[0] = NewString(f, FormatFloat(a[0].f, static_cast<char>(a[1].i), static_cast<int>(a[2].i), static_cast<int>(a[3].i)));
                }});
  // math
  auto f1 = [v](const char* name, double (*fn)(double)) {
    v->push_back({"math", name, 0, Sig({ty::Float64}, {ty::Float64}), [fn](Frame&, const Value* a, Value* r) { r[0] = Value::Float(fn(a[0].f)); }});
  };
  f1("Sqrt", [](double x) { return std::sqrt(x); });
  f1("Abs", [](double x) { return std::fabs(x); });
  f1("Floor", [](double x) { return std::floor(x); });
  f1("Ceil", [](double x) { return std::ceil(x); });
  f1("Trunc", [](double x) { return std::trunc(x); });
  // math.Float64bits & co. (math/unsafe.go): the IEEE 754 bits, unchanged.
  auto f32 = [](TypeTable& t) { return t.Basic(Kind::kFloat32); };
  v->push_back({"math", "Float64bits", 0, Sig({ty::Float64}, {ty::Uint64}), [](Frame&, const Value* a, Value* r) { r[0].u = a[0].u; }});
  v->push_back({"math", "Float64frombits", 0, Sig({ty::Uint64}, {ty::Float64}), [](Frame&, const Value* a, Value* r) { r[0].u = a[0].u; }});
  v->push_back({"math", "Float32bits", 0, Sig({f32}, {ty::Uint32}), [](Frame&, const Value* a, Value* r) {
                  float x = static_cast<float>(a[0].f);
                  uint32_t bits;
                  std::memcpy(&bits, &x, 4);
                  r[0].u = bits;
                }});
  v->push_back({"math", "Float32frombits", 0, Sig({ty::Uint32}, {f32}), [](Frame&, const Value* a, Value* r) {
                  uint32_t bits = static_cast<uint32_t>(a[0].u);
                  float x;
                  std::memcpy(&x, &bits, 4);
                  r[0].f = x;
                }});
  // runtime.SetFinalizer (mfinal.go). gostep's interpreter objects other
  // than maps are host objects that are never freed (exec/value.h), so a
  // finalizer never runs — which Go allows ("not guaranteed to run").
  v->push_back({"runtime", "SetFinalizer", 0, Sig({ty::Any, ty::Any}, {}), [](Frame& f, const Value* a, Value*) {
                  if (a[0].x == 0) gostep::S().Fatal("runtime.SetFinalizer: first argument is nil");  // a throw
                }});
  v->push_back({"math", "NaN", 0, Sig({}, {ty::Float64}), [](Frame&, const Value*, Value* r) { r[0] = Value::Float(std::nan("")); }});
  v->push_back({"math", "Inf", 0, Sig({ty::Int}, {ty::Float64}), [](Frame&, const Value* a, Value* r) {
                  r[0] = Value::Float(a[0].i >= 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity());
                }});
  v->push_back({"math", "IsNaN", 0, Sig({ty::Float64}, {ty::Bool}), [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(std::isnan(a[0].f)); }});
  v->push_back({"math", "IsInf", 0, Sig({ty::Float64, ty::Int}, {ty::Bool}), [](Frame&, const Value* a, Value* r) {
                  r[0] = Value::Int(std::isinf(a[0].f) && (a[1].i == 0 || (a[1].i > 0) == (a[0].f > 0)));
                }});
  v->push_back({"math", "Signbit", 0, Sig({ty::Float64}, {ty::Bool}), [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(std::signbit(a[0].f)); }});
  v->push_back({"math", "Max", 0, Sig({ty::Float64, ty::Float64}, {ty::Float64}), [](Frame&, const Value* a, Value* r) {
                  r[0] = Value::Float(std::isnan(a[0].f) || std::isnan(a[1].f) ? std::nan("") : std::max(a[0].f, a[1].f));
                }});
  v->push_back({"math", "Min", 0, Sig({ty::Float64, ty::Float64}, {ty::Float64}), [](Frame&, const Value* a, Value* r) {
                  r[0] = Value::Float(std::isnan(a[0].f) || std::isnan(a[1].f) ? std::nan("") : std::min(a[0].f, a[1].f));
                }});
  // os
  v->push_back({"os", "Exit", 0, Sig({ty::Int}, {}), [](Frame&, const Value* a, Value*) { gostep::Exit(static_cast<int>(a[0].i)); }});
  // sort
  v->push_back({"sort", "Ints", 0, Sig({ty::IntSlice}, {}), [](Frame&, const Value* a, Value*) {
                  SortCells(static_cast<Value*>(a[0].p), exec::SliceLen(a[0]), [](const Value& x, const Value& y) { return x.i < y.i; });
                }});
  v->push_back({"sort", "Float64s", 0, Sig({ty::Float64Slice}, {}), [](Frame&, const Value* a, Value*) {
                  SortCells(static_cast<Value*>(a[0].p), exec::SliceLen(a[0]),
                            [](const Value& x, const Value& y) { return x.f < y.f || (std::isnan(x.f) && !std::isnan(y.f)); });
                }});
  v->push_back({"sort", "Strings", 0, Sig({ty::StringSlice}, {}), [](Frame&, const Value* a, Value*) {
                  SortCells(static_cast<Value*>(a[0].p), exec::SliceLen(a[0]), [](const Value& x, const Value& y) { return exec::Str(x) < exec::Str(y); });
                }});
  // strings
  v->push_back({"strings", "Repeat", 0, Sig({ty::String, ty::Int}, {ty::String}), [](Frame& f, const Value* a, Value* r) {
                  if (a[1].i < 0) exec::PanicValue(f, MakeError(f, "strings: negative Repeat count"));
                  std::string out;
                  for (int64_t i = 0; i < a[1].i; ++i) out += exec::Str(a[0]);
                  r[0] = NewString(f, out);
                }});
  v->push_back({"strings", "Contains", 0, Sig({ty::String, ty::String}, {ty::Bool}),
                [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(exec::Str(a[0]).find(exec::Str(a[1])) != std::string_view::npos); }});
  v->push_back({"strings", "Join", 0, Sig({ty::StringSlice, ty::String}, {ty::String}), [](Frame& f, const Value* a, Value* r) {
                  std::string out;
                  std::vector<Value> el = SliceElems(a[0]);
                  for (size_t i = 0; i < el.size(); ++i) {
                    if (i) out += exec::Str(a[1]);
                    out += exec::Str(el[i]);
                  }
                  r[0] = NewString(f, out);
                }});
  // maps and slices (go1.21): instantiated from the argument types.
  StdFunc clone{"maps", "Clone", 21, nullptr, [](Frame& f, const Value* a, Value* r) { r[0] = exec::MapClone(f, a[0]); }};
  clone.generic = [](TypeTable& t, const std::vector<const types::Type*>& args) -> const types::Type* {
    if (args.size() != 1 || args[0]->UKind() != Kind::kMap) return nullptr;
    return t.Func({args[0]}, {args[0]}, false);
  };
  v->push_back(clone);
  StdFunc sort{"slices", "Sort", 21, nullptr, [](Frame&, const Value* a, Value*) {}};
  sort.generic = [](TypeTable& t, const std::vector<const types::Type*>& args) -> const types::Type* {
    if (args.size() != 1 || args[0]->UKind() != Kind::kSlice) return nullptr;
    const types::Type* e = args[0]->Underlying()->elem();
    if (!e->IsOrdered()) return nullptr;  // cmp.Ordered
    return t.Func({args[0]}, {}, false);
  };
  v->push_back(sort);  // the body is chosen per element kind in the checker (StdCall)
  // maps.All and maps.Keys (go1.23): iterators for range-over-func.
  for (bool values : {true, false}) {
    StdFunc it{"maps", values ? "All" : "Keys", 23, nullptr, [values](Frame& f, const Value* a, Value* r) {
                 exec::Closure* c = exec::Run(f).heap.NewClosure();
                 c->code = MapsIterCode(values);
                 Value* cell = exec::Run(f).heap.Cells(1);
                 *cell = a[0];
                 c->captured.push_back(cell);
                 r[0] = Value::Ptr(c);
               }};
    it.generic = [values](TypeTable& t, const std::vector<const types::Type*>& args) -> const types::Type* {
      if (args.size() != 1 || args[0]->UKind() != Kind::kMap) return nullptr;
      const types::Type* m = args[0]->Underlying();
      std::vector<const types::Type*> kv = {m->key()};
      if (values) kv.push_back(m->elem());
      const types::Type* seq = t.Func({t.Func(kv, {t.Bool()}, false)}, {}, false);  // iter.Seq[K], iter.Seq2[K, V]
      return t.Func({args[0]}, {seq}, false);
    };
    v->push_back(it);
  }
}

void AddMiscMethods(std::vector<NativeMethod>* v) {}

const std::vector<StdVar>& Vars() {
  static const std::vector<StdVar> all = {
      // os.Args (os/proc.go): the command line. gostep runs a program with no
      // arguments; its binary's path is not modelled ("main" stands for it).
      {"os", "Args", ty::StringSlice,
       [](Frame& f) {
         Value s = exec::MakeSlice(f, exec::Run(f).prog_types->String(), 1, 1);
         static_cast<Value*>(s.p)[0] = NewString(f, "main");
         return s;
       }},
      // runtime.MemProfileRate (mprof.go, go1.19 read): defaultMemProfileRate
      // (512 KiB) is 0 when the linker found runtime.MemProfile unreachable
      // (disableMemoryProfiling) — always so for gostep's programs, which
      // cannot import runtime/pprof. Setting it has no effect.
      {"runtime", "MemProfileRate", ty::Int, [](Frame&) { return Value::Int(0); }},
      // os.Stdout and os.Stderr: *os.File values writing the program's
      // stdout and stderr (std_io.cc).
      {"os", "Stdout", FileT(), [](Frame& f) { return NewFile(f, 1); }},
      {"os", "Stderr", FileT(), [](Frame& f) { return NewFile(f, 2); }},
      // context.Canceled and context.DeadlineExceeded (std_context.cc).
      {"context", "Canceled", ty::Error, [](Frame& f) { return ContextVar(f, "Canceled"); }},
      {"context", "DeadlineExceeded", ty::Error, [](Frame& f) { return ContextVar(f, "DeadlineExceeded"); }},
  };
  return all;
}

const std::vector<StdConst>& Consts() {
  static const std::vector<StdConst> all = [] {
    std::vector<StdConst> c;
    TypeFn dur = [](TypeTable& t) { return DurationType(t); };
    auto d = [&](const char* n, int64_t ns) { c.push_back({"time", n, dur, 0, ns, true}); };
    d("Nanosecond", 1);
    d("Microsecond", 1000);
    d("Millisecond", 1000000);
    d("Second", 1000000000);
    d("Minute", 60000000000LL);
    d("Hour", 3600000000000LL);
    // runtime's build constants (extern.go, go1.19): gostep models a gc
    // binary for linux/amd64 (the Go it reproduces, DESIGN.md).
    c.push_back({"runtime", "GOOS", ty::String, 0, 0, false, "linux"});
    c.push_back({"runtime", "GOARCH", ty::String, 0, 0, false, "amd64"});
    c.push_back({"runtime", "Compiler", [](TypeTable& t) { return t.Basic(Kind::kUntypedString); }, 0, 0, false, "gc"});
    TypeFn ui = [](TypeTable& t) { return t.Basic(Kind::kUntypedInt); };
    TypeFn uf = [](TypeTable& t) { return t.Basic(Kind::kUntypedFloat); };
    auto i = [&](const char* n, __int128 v) { c.push_back({"math", n, ui, 0, v, true}); };
    i("MaxInt", std::numeric_limits<int64_t>::max());
    i("MinInt", std::numeric_limits<int64_t>::min());
    i("MaxInt64", std::numeric_limits<int64_t>::max());
    i("MinInt64", std::numeric_limits<int64_t>::min());
    i("MaxInt32", std::numeric_limits<int32_t>::max());
    i("MinInt32", std::numeric_limits<int32_t>::min());
    i("MaxInt16", std::numeric_limits<int16_t>::max());
    i("MinInt16", std::numeric_limits<int16_t>::min());
    i("MaxInt8", 127);
    i("MinInt8", -128);
    i("MaxUint8", 255);
    i("MaxUint16", 65535);
    i("MaxUint32", std::numeric_limits<uint32_t>::max());
    i("MaxUint64", static_cast<__int128>(std::numeric_limits<uint64_t>::max()));
    i("MaxUint", static_cast<__int128>(std::numeric_limits<uint64_t>::max()));
    c.push_back({"math", "Pi", uf, 3.14159265358979323846264338327950288419716939937510582097494459L, 0, false});
    c.push_back({"math", "E", uf, 2.71828182845904523536028747135266249775724709369995957496696763L, 0, false});
    c.push_back({"math", "MaxFloat64", uf, 1.79769313486231570814527423731704356798070e+308L, 0, false});
    c.push_back({"math", "SmallestNonzeroFloat64", uf, 4.9406564584124654417656879286822137236505980e-324L, 0, false});
    AddUtf8Consts(&c);
    return c;
  }();
  return all;
}

}  // namespace gostep::lang::std_pkg
