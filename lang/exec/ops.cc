// lang/exec/ops.cc — value operations: zero values, copies, equality,
// conversions, slices (growslice), runtime panics, the heap of host objects.
#include <cmath>

#include <fmt/format.h>

#include <chrono>

#include "gc/size_classes.h"
#include "lang/exec/run_state.h"
#include "runtime/go.h"

namespace gostep::lang::exec {

using types::Kind;
using types::Type;

// ---- Heap ---------------------------------------------------------------------------

Value* Heap::Cells(size_t n) {
  cells_.push_back(std::make_unique<Value[]>(n == 0 ? 1 : n));
  bytes_ += n * sizeof(Value);
  return cells_.back().get();
}

const StrObj* Heap::NewStr(std::string s) {
  bytes_ += s.size() + sizeof(StrObj);
  strs_.push_back(StrObj{std::move(s)});
  return &strs_.back();
}

Closure* Heap::NewClosure() {
  bytes_ += sizeof(Closure);
  return &closures_.emplace_back();
}

// ---- Values -----------------------------------------------------------------------------

void BlockTooLarge(int64_t cells) {
  S().Abort(sched::OutcomeKind::kLimit, 3,
            fmt::format("gostep: a block of {} elements is over gostep's interpreter limit of {} elements per array, "
                        "slice or channel buffer",
                        cells, kMaxBlockCells));
}

void ChargeCells(RunState& r, uint64_t n) {
  r.host_cells += n;
  if (r.host_cells < r.next_wall_check) return;
  r.next_wall_check = r.host_cells + (uint64_t{1} << 24);
  double limit = S().config().limits.max_wall_seconds;
  double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - r.started).count();
  if (limit > 0 && spent > limit) {
    S().Abort(sched::OutcomeKind::kLimit, 3, fmt::format("gostep: wall-time limit reached: {} s (--timeout)", limit));
  }
}

Value Zero(RunState& r, const Type* t) {
  const Type* u = t->Underlying();
  if (u->kind() == Kind::kStruct) {
    size_t n = u->fields().size();
    Value* cells = r.heap.Cells(n);
    for (size_t i = 0; i < n; ++i) {
      Kind k = u->fields()[i].type->UKind();
      if (k == Kind::kStruct || k == Kind::kArray) cells[i] = Zero(r, u->fields()[i].type);
    }
    return Value::Ptr(cells);
  }
  if (u->kind() == Kind::kArray) {
    if (u->len() > kMaxBlockCells) BlockTooLarge(u->len());
    ChargeCells(r, static_cast<uint64_t>(u->len()));
    Value* cells = r.heap.Cells(static_cast<size_t>(u->len()));
    Kind k = u->elem()->UKind();
    if (k == Kind::kStruct || k == Kind::kArray) {
      for (int64_t i = 0; i < u->len(); ++i) cells[i] = Zero(r, u->elem());
    }
    return Value::Ptr(cells);
  }
  return Value();
}

Value Copy(RunState& r, const Type* t, const Value& v) {
  const Type* u = t->Underlying();
  if (u->kind() == Kind::kStruct) {
    size_t n = u->fields().size();
    Value* cells = r.heap.Cells(n);
    const Value* src = static_cast<const Value*>(v.p);
    for (size_t i = 0; i < n; ++i) cells[i] = Copy(r, u->fields()[i].type, src[i]);
    Value out = Value::Ptr(cells);
    out.x = v.x;
    return out;
  }
  if (u->kind() == Kind::kArray) {
    size_t n = static_cast<size_t>(u->len());
    ChargeCells(r, n);
    Value* cells = r.heap.Cells(n);
    const Value* src = static_cast<const Value*>(v.p);
    for (size_t i = 0; i < n; ++i) cells[i] = Copy(r, u->elem(), src[i]);
    Value out = Value::Ptr(cells);
    out.x = v.x;
    return out;
  }
  return v;
}

bool Equal(Frame& f, const Type* t, const Value& a, const Value& b) {
  const Type* u = t->Underlying();
  switch (u->kind()) {
    case Kind::kString: return Str(a) == Str(b);
    case Kind::kFloat32: case Kind::kFloat64: return a.f == b.f;
    case Kind::kComplex64: case Kind::kComplex128: return Real(a) == Real(b) && Imag(a) == Imag(b);
    case Kind::kStruct: {
      const Value* x = static_cast<const Value*>(a.p);
      const Value* y = static_cast<const Value*>(b.p);
      for (size_t i = 0; i < u->fields().size(); ++i) {
        if (u->fields()[i].name == "_") continue;  // blank fields are not compared (spec, Comparison operators)
        if (!Equal(f, u->fields()[i].type, x[i], y[i])) return false;
      }
      return true;
    }
    case Kind::kArray: {
      const Value* x = static_cast<const Value*>(a.p);
      const Value* y = static_cast<const Value*>(b.p);
      for (int64_t i = 0; i < u->len(); ++i) {
        if (!Equal(f, u->elem(), x[i], y[i])) return false;
      }
      return true;
    }
    case Kind::kInterface: {
      if (a.x != b.x) return false;
      if (a.x == 0) return true;
      const Type* dt = DynType(a);
      if (!dt->Comparable()) RuntimePanic(f, fmt::format("comparing uncomparable type {}", dt->String()));
      return Equal(f, dt, Unbox(dt, a), Unbox(dt, b));
    }
    case Kind::kPointer: case Kind::kChan: case Kind::kMap: case Kind::kFunc: case Kind::kUnsafePointer: return a.p == b.p;
    default: return a.i == b.i;
  }
}

std::function<bool(const Value&)> TypeTest(const Type* t) {
  if (t->IsInterface()) {
    return [t](const Value& v) {
      if (v.x == 0) return false;
      std::string missing;
      bool ptr;
      return types::Implements(DynType(v), t, &missing, &ptr);
    };
  }
  return [t](const Value& v) { return DynType(v) == t; };
}

Value Unbox(const Type* t, const Value& iv) {
  if (t->IsInterface()) return iv;
  if (BoxedInIface(t)) return iv.p == nullptr ? Value() : *static_cast<const Value*>(iv.p);
  Value v = iv;
  v.x = 0;
  return v;
}

namespace {
thread_local const std::vector<Value>* pre_evaluated = nullptr;
}  // namespace

const std::vector<Value>& PreEvaluated() { return *pre_evaluated; }
PreEvaluatedScope::PreEvaluatedScope(const std::vector<Value>* vals) : saved_(pre_evaluated) { pre_evaluated = vals; }
PreEvaluatedScope::~PreEvaluatedScope() { pre_evaluated = saved_; }

namespace {

// CellShape spells how a value of t is held in cells (value.h): one letter
// per cell by representation, braces for a struct's or array's block. Two
// types of one shape can be read as each other without misreading a word
// as a host pointer.
std::string CellShape(const Type* t) {
  const Type* u = t->Underlying();
  switch (u->kind()) {
    case Kind::kStruct: {
      std::string s = "{";
      for (const types::StructField& fd : u->fields()) s += CellShape(fd.type);
      return s + "}";
    }
    case Kind::kArray: {
      std::string s = "{";
      for (int64_t i = 0; i < u->len(); ++i) s += CellShape(u->elem());
      return s + "}";
    }
    case Kind::kString: return "s";
    case Kind::kSlice: return "S";
    case Kind::kInterface: return "I";
    case Kind::kPointer: case Kind::kUnsafePointer: case Kind::kChan: case Kind::kMap: case Kind::kFunc: return "p";
    // Numbers and bools share one cell representation (the union's word):
    // reading a float64's cell as a uint64 gives its bits, as in Go.
    default: return "n";
  }
}

}  // namespace

void CheckSameCells(Frame& f, const Type* from, const Type* to) {
  if (from == to || CellShape(from) == CellShape(to)) return;
  PlainRuntimePanic(f, fmt::format("gostep: unsafe.Pointer conversion of a *{} to *{}: the two types are laid out "
                                   "differently in gostep's interpreter (not supported)",
                                   from->String(), to->String()));
}

constexpr uint64_t kFakeBase = 0xc000010000ull;

uint64_t FakeAddr(RunState& r, const void* p) {
  if (p == nullptr) return 0;
  auto [it, fresh] = r.fake_addr.emplace(p, 0);
  if (fresh) {
    it->second = kFakeBase + 0x10ull * r.fake_objs.size();
    r.fake_objs.push_back(p);
  }
  return it->second;
}

const void* FakeObj(const RunState& r, uint64_t addr) {
  if (addr == 0) return nullptr;
  return r.fake_objs.at((addr - kFakeBase) / 0x10);
}

const FuncCode* FuncByIndex(Frame& f, int index) { return (*f.g->run->funcs)[index].get(); }

// ---- Complex numbers ------------------------------------------------------------

namespace {
// inf2one returns a signed 1 if f is an infinity and a signed 0 otherwise.
double Inf2One(double f) { return std::copysign(std::isinf(f) ? 1.0 : 0.0, f); }
}  // namespace

// Complex128Div models runtime/complex.go: complex128div (go1.19), Smith's
// algorithm with C99's corrections to infinities and zeros.
Value Complex128Div(const Value& nv, const Value& mv) {
  double nr = Real(nv), ni = Imag(nv), mr = Real(mv), mi = Imag(mv);
  double e, f;
  if (std::fabs(mr) >= std::fabs(mi)) {
    double ratio = mi / mr;
    double denom = mr + ratio * mi;
    e = (nr + ni * ratio) / denom;
    f = (ni - nr * ratio) / denom;
  } else {
    double ratio = mr / mi;
    double denom = mi + ratio * mr;
    e = (nr * ratio + ni) / denom;
    f = (ni * ratio - nr) / denom;
  }
  if (std::isnan(e) && std::isnan(f)) {
    double a = nr, b = ni, c = mr, d = mi;
    const double inf = INFINITY;
    if (c == 0 && d == 0 && (!std::isnan(a) || !std::isnan(b))) {
      e = std::copysign(inf, c) * a;
      f = std::copysign(inf, c) * b;
    } else if ((std::isinf(a) || std::isinf(b)) && std::isfinite(c) && std::isfinite(d)) {
      a = Inf2One(a);
      b = Inf2One(b);
      e = inf * (a * c + b * d);
      f = inf * (b * c - a * d);
    } else if ((std::isinf(c) || std::isinf(d)) && std::isfinite(a) && std::isfinite(b)) {
      c = Inf2One(c);
      d = Inf2One(d);
      e = 0 * (a * c + b * d);
      f = 0 * (b * c - a * d);
    }
  }
  return Value::Complex(e, f);
}

// ---- Strings and runes ------------------------------------------------------------

int32_t DecodeRune(std::string_view s, int* n) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  *n = 1;
  if (s.empty()) return 0xFFFD;
  unsigned char c = b(0);
  if (c < 0x80) return c;
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || c > 0xF4 || s.size() < static_cast<size_t>(len)) return 0xFFFD;
  int32_t r = c & (0x3F >> (len - 1));
  for (int i = 1; i < len; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0xFFFD;
    r = (r << 6) | (b(i) & 0x3F);
  }
  static const int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (r < kMin[len] || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 0xFFFD;
  *n = len;
  return r;
}

std::string EncodeRune(int32_t r) {
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  std::string s;
  if (r < 0x80) {
    s += static_cast<char>(r);
  } else if (r < 0x800) {
    s += static_cast<char>(0xC0 | (r >> 6));
    s += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    s += static_cast<char>(0xE0 | (r >> 12));
    s += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (r >> 18));
    s += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (r & 0x3F));
  }
  return s;
}

size_t RuneCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    int k;
    DecodeRune(s.substr(i), &k);
    i += k;
  }
  return n;
}

std::string TruncateRunes(const std::string& s, int n) {
  size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) {
    int w;
    DecodeRune(std::string_view(s).substr(i), &w);
    i += w;
  }
  return s.substr(0, i);
}

static Value StrValue(Frame& f, std::string s) {
  if (s.empty()) return Value();
  return Value::Ptr(const_cast<StrObj*>(Run(f).heap.NewStr(std::move(s))));
}

Value RuneToString(Frame& f, int64_t r) {
  if (r < 0 || r > 0x10FFFF) r = 0xFFFD;
  return StrValue(f, EncodeRune(static_cast<int32_t>(r)));
}

Value SliceToString(Frame& f, const Value& s, Kind elem) {
  std::string out;
  const Value* p = static_cast<const Value*>(s.p);
  for (int64_t i = 0; i < SliceLen(s); ++i) {
    if (elem == Kind::kUint8) out += static_cast<char>(p[i].i);
    else out += EncodeRune(static_cast<int32_t>(p[i].i));
  }
  return StrValue(f, std::move(out));
}

Value StringToSlice(Frame& f, const Value& sv, Kind elem) {
  std::string_view s = Str(sv);
  std::vector<Value> cells;
  if (elem == Kind::kUint8) {
    for (char c : s) cells.push_back(Value::Int(static_cast<uint8_t>(c)));
  } else {
    for (size_t i = 0; i < s.size();) {
      int n;
      cells.push_back(Value::Int(DecodeRune(s.substr(i), &n)));
      i += n;
    }
  }
  Value* p = Run(f).heap.Cells(cells.size());
  std::copy(cells.begin(), cells.end(), p);
  Value out = Value::Ptr(p);
  out.x = SliceX(static_cast<int64_t>(cells.size()), static_cast<int64_t>(cells.size()));
  return out;
}

// ---- Slices -------------------------------------------------------------------------

static bool NoScan(const Type* t) {
  const Type* u = t->Underlying();
  if (u->IsNumeric() || u->IsBoolean()) return true;
  if (u->kind() == Kind::kArray) return NoScan(u->elem());
  if (u->kind() == Kind::kStruct) {
    for (const types::StructField& fl : u->fields()) if (!NoScan(fl.type)) return false;
    return true;
  }
  return false;
}

Value MakeSlice(Frame& f, const Type* et, int64_t len, int64_t cap) {
  RunState& r = Run(f);
  ChargeCells(r, static_cast<uint64_t>(cap));
  Value* cells = r.heap.Cells(static_cast<size_t>(cap));
  Kind k = et->UKind();
  if (k == Kind::kStruct || k == Kind::kArray) {
    for (int64_t i = 0; i < cap; ++i) cells[i] = Zero(r, et);
  }
  Value s = Value::Ptr(cells);
  s.x = SliceX(len, cap);
  return s;
}

// RoundupSize is runtime/msize.go:roundupsize, the size class growslice
// rounds a new backing array up to: the class of the request itself, never
// the tiny allocator's 16-byte block (so []int64 grows 0 -> 1, []int32 0 ->
// 2); go1.22+ (allocation headers) adds the header to a pointerful request
// over 512 bytes and takes it back off the class size.
static uint64_t RoundupSize(const base::VersionProfile& p, uint64_t size, bool noscan) {
  uint64_t max_small = p.malloc_headers ? gc::kMaxSmallSize - gc::kMallocHeaderSize : gc::kMaxSmallSize - 1;
  if (size == 0 || size > max_small) {
    uint64_t up = size + gc::kPageSize - 1;
    return up < size ? size : up / gc::kPageSize * gc::kPageSize;
  }
  uint64_t req = size;
  if (p.malloc_headers && !noscan && req > gc::kMinSizeForMallocHeader) req += gc::kMallocHeaderSize;
  const gc::SizeClassTable& t = gc::SizeClasses(p);
  return t.class_to_size[gc::SizeToClass(t, req)] - (req - size);
}

// GrowCap models runtime/slice.go:growslice's new capacity: doubling, then
// the go1.18 smooth formula past 256 (or 1.25x past 1024 before), rounded
// up to the allocator's size class (roundupsize).
static int64_t GrowCap(const base::VersionProfile& p, const Type* et, int64_t old_cap, int64_t need) {
  int64_t newcap = old_cap;
  int64_t doublecap = newcap + newcap;
  if (need > doublecap) {
    newcap = need;
  } else if (p.slice_growth_256) {
    const int64_t threshold = 256;
    if (old_cap < threshold) {
      newcap = doublecap;
    } else {
      while (0 < newcap && newcap < need) newcap += (newcap + 3 * threshold) / 4;
      if (newcap <= 0) newcap = need;
    }
  } else {
    if (old_cap < 1024) {
      newcap = doublecap;
    } else {
      while (0 < newcap && newcap < need) newcap += newcap / 4;
      if (newcap <= 0) newcap = need;
    }
  }
  int64_t size = std::max<int64_t>(et->Size(), 1);
  uint64_t mem = static_cast<uint64_t>(newcap) * size;
  return static_cast<int64_t>(RoundupSize(p, mem, NoScan(et)) / size);
}

Value Append(Frame& f, const Type* et, const Value& s, const Value* items, int64_t n) {
  int64_t len = SliceLen(s), cap = SliceCap(s);
  if (n == 0) return s;
  Value out = s;
  if (len + n > cap) {
    int64_t newcap = GrowCap(S().profile(), et, cap, len + n);
    Value grown = MakeSlice(f, et, len, newcap);
    if (len > 0) std::copy(static_cast<Value*>(s.p), static_cast<Value*>(s.p) + len, static_cast<Value*>(grown.p));
    out = grown;
    cap = newcap;
  }
  Value* p = static_cast<Value*>(out.p);
  for (int64_t i = 0; i < n; ++i) p[len + i] = items[i];
  out.x = SliceX(len + n, cap);
  return out;
}

// ---- Panics ---------------------------------------------------------------------------

static Value ErrValue(Frame& f, std::string msg, const Type* t) {
  Value v = Value::Ptr(const_cast<StrObj*>(Run(f).heap.NewStr(std::move(msg))));
  v.x = reinterpret_cast<uint64_t>(t);
  return v;
}

// Throw records the goroutine's frames at the panic (the dump of an
// uncaught panic shows them; by the time it is printed the C++ frames are
// gone) and throws.
[[noreturn]] static void Throw(Frame& f, PanicEx p) {
  f.g->panic_frames.clear();
  f.g->AppendFrames(&f.g->panic_frames);
  throw p;
}

void RuntimePanic(Frame& f, std::string msg) {
  Throw(f, PanicEx{ErrValue(f, "runtime error: " + msg, Run(f).runtime_error), true});
}

void PlainRuntimePanic(Frame& f, std::string msg) { Throw(f, PanicEx{ErrValue(f, std::move(msg), Run(f).runtime_error), true}); }

void PanicValue(Frame& f, Value iface) {
  if (iface.x == 0 && S().profile().minor >= 21) {
    // go1.21: panic(nil) becomes a *runtime.PanicNilError (Go issue 25448).
    Throw(f, PanicEx{ErrValue(f, "panic called with nil argument (obsolete: use GODEBUG=panicnil=1)", Run(f).runtime_error), true});
  }
  Throw(f, PanicEx{iface, false});
}

void NilDeref(Frame& f) {
  PanicEx p{ErrValue(f, "runtime error: invalid memory address or nil pointer dereference", Run(f).runtime_error), true};
  p.signal = true;
  Throw(f, p);
}

void GoNilFunc(Frame& f) { S().Fatal("go of nil func value"); }

void TypeAssertPanic(Frame& f, const Type* iface, const Value& v, const Type* want) {
  std::string have = v.x == 0 ? "nil" : DynType(v)->String();
  if (want->IsInterface() && v.x != 0) {
    std::string missing;
    bool ptr;
    types::Implements(DynType(v), want, &missing, &ptr);
    PlainRuntimePanic(f, fmt::format("interface conversion: {} is not {}: missing method {}", have, want->String(), missing));
  }
  PlainRuntimePanic(f, fmt::format("interface conversion: {} is {}, not {}", iface->String(), have, want->String()));
}

Closure* BindMethod(Frame& f, const Type* t, const Value& v, const types::MethodLookup& ml) {
  // A promoted method's receiver is the embedded field itself: a pointer
  // method of a value-embedded field gets the field's address (&x.Sub),
  // as the compiler's promoted-method wrappers do.
  Value recv = v;
  Value* field = nullptr;  // recv's cell, once reached through the path
  const Type* cur = t;
  for (int idx : ml.path) {
    if (cur->UKind() == Kind::kPointer) {
      if (recv.p == nullptr) NilDeref(f);
      recv = *static_cast<Value*>(recv.p);
      cur = cur->Underlying()->elem();
    }
    field = &static_cast<Value*>(recv.p)[idx];
    recv = *field;
    cur = cur->Underlying()->fields()[idx].type;
  }
  if (ml.method->func_index < 0 && ml.method->native == nullptr) {
    // A method promoted from an embedded interface: dispatch on the field's
    // dynamic type (the compiler's wrapper calls the interface method).
    if (recv.x == 0) NilDeref(f);
    const Type* dt = DynType(recv);
    return BindMethod(f, dt, Unbox(dt, recv), types::LookupMethod(dt, ml.method->name));
  }
  bool have_ptr = cur->UKind() == Kind::kPointer;
  if (ml.method->pointer_recv && !have_ptr) {
    Value* cell = field;
    if (cell == nullptr) {
      cell = Run(f).heap.Cells(1);
      *cell = recv;
    }
    recv = Value::Ptr(cell);
  } else if (!ml.method->pointer_recv && have_ptr) {
    if (recv.p == nullptr) NilDeref(f);
    recv = Copy(Run(f), cur->Underlying()->elem(), *static_cast<Value*>(recv.p));
  } else if (!ml.method->pointer_recv) {
    recv = Copy(Run(f), cur, recv);
  }
  Closure* c = Run(f).heap.NewClosure();
  c->code = ml.method->native != nullptr ? ml.method->native : FuncByIndex(f, ml.method->func_index);
  c->bound = true;
  c->recv = recv;
  return c;
}

Value CallMethod(Frame& f, const Type* t, const Value& v, const types::MethodLookup& ml) {
  Value out[4];
  Call(f, BindMethod(f, t, v, ml), nullptr, 0, out);
  return out[0];
}

// PrintFloat models runtime/print.go: printfloat (go1.19): seven digits,
// rounded by adding 5e-7 to the normalised mantissa, "+d.dddddde+ddd".
std::string PrintFloat(double v) {
  if (v != v) return "NaN";
  if (v + v == v && v > 0) return "+Inf";
  if (v + v == v && v < 0) return "-Inf";
  constexpr int n = 7;
  char buf[n + 7];
  buf[0] = '+';
  int e = 0;
  if (v == 0) {
    if (std::signbit(v)) buf[0] = '-';
  } else {
    if (v < 0) {
      v = -v;
      buf[0] = '-';
    }
    while (v >= 10) {
      e++;
      v /= 10;
    }
    while (v < 1) {
      e--;
      v *= 10;
    }
    double h = 5.0;
    for (int i = 0; i < n; i++) h /= 10;
    v += h;
    if (v >= 10) {
      e++;
      v /= 10;
    }
  }
  for (int i = 0; i < n; i++) {
    int s = static_cast<int>(v);
    buf[i + 2] = static_cast<char>(s + '0');
    v -= s;
    v *= 10;
  }
  buf[1] = buf[2];
  buf[2] = '.';
  buf[n + 2] = 'e';
  buf[n + 3] = '+';
  if (e < 0) {
    e = -e;
    buf[n + 3] = '-';
  }
  buf[n + 4] = static_cast<char>(e / 100 + '0');
  buf[n + 5] = static_cast<char>(e / 10 % 10 + '0');
  buf[n + 6] = static_cast<char>(e % 10 + '0');
  return std::string(buf, sizeof buf);
}

// PrintComplex models runtime/print.go: printcomplex (go1.19).
std::string PrintComplex(const Value& v) { return "(" + PrintFloat(Real(v)) + PrintFloat(Imag(v)) + "i)"; }

std::string PanicText(Frame& f, const Value& iv) {
  RunState& r = Run(f);
  if (iv.x == 0) return "nil";
  const Type* t = DynType(iv);
  if (t == r.runtime_error || t == r.error_string) {
    return t == r.error_string ? std::string(Str(iv)) : std::string(Str(iv));
  }
  for (const char* name : {"Error", "String"}) {
    types::MethodLookup ml = types::LookupMethod(t, name);
    if (ml.method != nullptr && (ml.method->func_index >= 0 || ml.method->native != nullptr) &&
        ml.method->sig->params().empty() &&
        ml.method->sig->results().size() == 1 && !(ml.method->pointer_recv && t->kind() != Kind::kPointer)) {
      return std::string(Str(CallMethod(f, t, Unbox(t, iv), ml)));
    }
  }
  const Type* u = t->Underlying();
  Value v = Unbox(t, iv);
  std::string s;
  // runtime/error.go:printpanicval (named basic types print as T(v), go1.18+).
  if (u->kind() == Kind::kString) {
    s = std::string(Str(v));
    return t->kind() == Kind::kNamed ? fmt::format("{}(\"{}\")", t->String(), s) : s;
  }
  if (u->kind() == Kind::kBool) s = v.i ? "true" : "false";
  else if (u->IsUnsigned()) s = fmt::format("{}", v.u);
  else if (u->IsInteger()) s = fmt::format("{}", v.i);
  else if (u->IsFloat()) s = PrintFloat(v.f);
  else if (u->IsComplex()) {
    // printanycustomtype prints a named complex type as T(re+imi), no extra parentheses.
    s = PrintComplex(v);
    return t->kind() == Kind::kNamed ? t->String() + s : s;
  } else {
    return fmt::format("({}) 0x{:x}", t->String(), FakeAddr(r, v.p));
  }
  return t->kind() == Kind::kNamed ? fmt::format("{}({})", t->String(), s) : s;
}

}  // namespace gostep::lang::exec
