// lang/exec/value.h — the interpreter's values, frames and goroutine state.
//
// Value is two machine words. How a Go value of static type T is held:
//   bool, ints, uintptr      i (two's complement, normalised to T's width)
//   float32/64               f (float32 values are rounded to float on store)
//   complex64/128            f = real part, x = the imaginary part's bits
//                            (complex64 parts are rounded to float on store)
//   string                   p = const StrObj* (nullptr: ""), immutable
//   pointer, unsafe.Pointer  p = Value* (the pointee's cell)
//   struct, array            p = Value* to a block of field/element cells;
//                            value semantics: assignment copies the block (Copy)
//   slice                    p = Value* base, x = len | cap << 32
//   map                      p = MapObj* (the hmap lives on the simulated heap)
//   chan                     p = sched::Hchan*
//   func                     p = Closure*
//   interface                x = dynamic const Type* (0: nil), payload in i/f/p
//                            (a slice or complex payload is boxed in one cell)
//
// First-cut memory model (lang/README.md, "Memory"): maps, their buckets and
// their string keys live on the simulated heap, so the collector, the misuse
// detector and the map faults see exactly what the bucket model does. Every
// other object is a host object owned by the run's Heap and freed when the
// run ends: the collector does not see them, runtime.GC does not free them.
#pragma once

#include <bit>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "lang/types/type.h"

namespace gostep::lang::exec {

struct Value {
  union {
    int64_t i;
    uint64_t u;
    double f;
    void* p;
  };
  uint64_t x;
  Value() : i(0), x(0) {}
  static Value Int(int64_t v) { Value r; r.i = v; return r; }
  static Value Float(double v) { Value r; r.f = v; return r; }
  static Value Ptr(void* v) { Value r; r.p = v; return r; }
  static Value Complex(double re, double im) { Value r; r.f = re; r.x = std::bit_cast<uint64_t>(im); return r; }
};
static_assert(sizeof(Value) == 16, "a Value is two words");

// Move2 copies a Value word by word. A Value returned in two registers is
// stored as two 8-byte words; copying it on as one 16-byte load right after
// fails store-to-load forwarding (measured on the call path: a tenth of a
// call). The hot copies (arguments, results) use this.
inline void Move2(Value& to, const Value& from) {
  to.u = from.u;
  to.x = from.x;
}

// ValueBuf is uninitialised room for N Values, for the hot paths (a call's
// arguments and results): a plain Value array would zero itself every call.
template <int N>
union ValueBuf {
  Value v[N];
  ValueBuf() {}
};

struct StrObj {
  std::string s;
};

inline std::string_view Str(const Value& v) {
  return v.p == nullptr ? std::string_view() : std::string_view(static_cast<const StrObj*>(v.p)->s);
}
inline int64_t SliceLen(const Value& v) { return static_cast<int64_t>(v.x & 0xffffffffu); }
inline int64_t SliceCap(const Value& v) { return static_cast<int64_t>(v.x >> 32); }
inline uint64_t SliceX(int64_t len, int64_t cap) { return static_cast<uint64_t>(len) | static_cast<uint64_t>(cap) << 32; }
inline const types::Type* DynType(const Value& v) { return reinterpret_cast<const types::Type*>(v.x); }
inline double Real(const Value& v) { return v.f; }
inline double Imag(const Value& v) { return std::bit_cast<double>(v.x); }
// Complex64 rounds both parts to float32, as a complex64 store does.
inline Value Complex64(double re, double im) {
  return Value::Complex(static_cast<float>(re), static_cast<float>(im));
}
// BoxedInIface reports whether an interface holds a T payload in a cell of
// its own: a slice (three words) or a complex number (x is the dynamic type).
inline bool BoxedInIface(const types::Type* t) {
  types::Kind k = t->UKind();
  return k == types::Kind::kSlice || k == types::Kind::kComplex64 || k == types::Kind::kComplex128;
}

struct FuncCode;
struct Frame;

// Closure is a func value: its code and its captured variables (each a cell
// shared with the enclosing function: capture by reference), or a bound
// method value (recv set).
struct Closure {
  const FuncCode* code = nullptr;
  std::vector<Value*> captured;
  bool bound = false;
  Value recv;  // the receiver of a method value (x.M)
};

// Heap owns the host objects of one run (see the file comment).
class Heap {
 public:
  Value* Cells(size_t n);
  const StrObj* NewStr(std::string s);
  Closure* NewClosure();
  template <typename T, typename... A>
  T* New(A&&... a) {
    auto o = std::make_shared<T>(std::forward<A>(a)...);
    T* raw = o.get();
    others_.push_back(std::move(o));
    return raw;
  }
  uint64_t bytes() const { return bytes_; }

 private:
  std::deque<std::unique_ptr<Value[]>> cells_;
  std::deque<StrObj> strs_;
  std::deque<Closure> closures_;
  std::vector<std::shared_ptr<void>> others_;
  uint64_t bytes_ = 0;
};

// PanicEx is a Go panic in flight (a C++ exception through the interpreter's
// frames). recover() takes it; uncaught, it becomes sched::GoPanic.
struct PanicEx {
  Value v;  // an interface value (x = dynamic type)
  bool runtime_error = false;
  bool signal = false;  // a nil dereference: Go adds the [signal SIGSEGV …] line
};

}  // namespace gostep::lang::exec
