// lang/exec/run_state.h — the state of one run, and the value operations
// every part of the interpreter shares (zero values, copies, equality,
// runtime panics, maps).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/exec/frame.h"
#include "maps/bucket/hmap.h"
#include "runtime/heap.h"
#include "scheduler/scheduler.h"

namespace gostep::lang::exec {


// MapObj is a map value: the *hmap on the simulated heap (kept by a Global
// root while the map value exists — the run), and the runtime code for its
// type. Elems that are integers, bools or floats are stored in the bucket
// as Go stores them; other elems are stored as an 8-byte handle to a host
// cell (lang/README.md, "Memory").
struct MapObj {
  maps::BucketMap* code = nullptr;
  std::unique_ptr<gostep::Global> root;
  const types::Type* type = nullptr;
  struct RunState* run = nullptr;  // the run that made it (pointer keys' fake addresses)
  const maps::GoType* key_type = nullptr;  // a struct or array key's layout (map_keys.h)
  bool elem_direct = true;
};

struct RunState {
  const std::vector<std::unique_ptr<FuncCode>>* funcs = nullptr;  // the program's functions
  types::TypeTable* prog_types = nullptr;
  Heap heap;
  std::vector<Value> globals;
  std::deque<Value> elem_cells;  // indirect map elems (handle = index + 1)
  std::map<const void*, uint64_t> fake_addr;  // %p, pointer map keys: deterministic addresses
  std::vector<const void*> fake_objs;          // the object of each fake address, in order
  std::map<const types::Type*, const maps::GoType*> key_types;  // map key layouts (map_keys.h)
  std::map<const types::Type*, const maps::GoType*> dyn_key_types;  // interface keys' dynamic types
  std::map<const maps::GoType*, const types::Type*> dyn_key_langs;  // and back
  const types::Type* runtime_error = nullptr;  // the dynamic type of runtime errors
  const types::Type* error_string = nullptr;   // errors.New / fmt.Errorf values
  std::map<const void*, Value*> std_vars;     // std package variables (std_pkg::VarCell)
  std::shared_ptr<void> math_rand;             // math/rand's global source (std_rand.cc)
  std::shared_ptr<void> sync_values;           // sync.Map's interned values (std_sync.cc)
  // Host work of large blocks (ChargeCells): a run of few but huge copies
  // never reaches the scheduler's step-based wall-time check.
  uint64_t host_cells = 0;
  uint64_t next_wall_check = uint64_t{1} << 24;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

inline RunState& Run(Frame& f) { return *f.g->run; }
inline Value* Globals(Frame& f) { return f.g->run->globals.data(); }

// kMaxBlockCells bounds one block of cells (an array, a slice's backing, a
// channel's buffer): 2^26 cells, 1 GiB of host memory. A larger block is
// legal Go that gostep's interpreter does not hold: the run stops with a
// limit outcome that says so (BlockTooLarge), never a host out-of-memory.
inline constexpr int64_t kMaxBlockCells = int64_t{1} << 26;
[[noreturn]] void BlockTooLarge(int64_t cells);
// ChargeCells counts n cells of a large block made or copied; every 2^24
// cells it checks the run's wall-time limit (--timeout).
void ChargeCells(RunState& r, uint64_t n);
// Zero returns the zero value of t (a fresh block for structs and arrays).
Value Zero(RunState& r, const types::Type* t);
// Copy returns a copy of v with Go's value semantics (structs and arrays are
// copied deeply through nested struct/array fields; pointers are shared).
Value Copy(RunState& r, const types::Type* t, const Value& v);
// Equal is Go's ==, for comparable types; comparing uncomparable dynamic
// types in interfaces panics (runtime error: comparing uncomparable type T).
bool Equal(Frame& f, const types::Type* t, const Value& a, const Value& b);
// Wrap normalises an integer result to the width of kind k.
inline int64_t Wrap(types::Kind k, int64_t v) {
  switch (k) {
    case types::Kind::kInt8: return static_cast<int8_t>(v);
    case types::Kind::kInt16: return static_cast<int16_t>(v);
    case types::Kind::kInt32: return static_cast<int32_t>(v);
    case types::Kind::kUint8: return static_cast<uint8_t>(v);
    case types::Kind::kUint16: return static_cast<uint16_t>(v);
    case types::Kind::kUint32: return static_cast<uint32_t>(v);
    default: return v;
  }
}

// Complex128Div is n / m for complex numbers (runtime/complex.go: complex128div).
Value Complex128Div(const Value& n, const Value& m);

// Panics.
[[noreturn]] void RuntimePanic(Frame& f, std::string msg);   // "runtime error: " + msg
[[noreturn]] void PlainRuntimePanic(Frame& f, std::string msg);  // a runtime.Error without the prefix
[[noreturn]] void TypeAssertPanic(Frame& f, const types::Type* iface, const Value& v, const types::Type* want);
[[noreturn]] void GoNilFunc(Frame& f);
[[noreturn]] void PanicValue(Frame& f, Value iface);          // panic(v)
[[noreturn]] void NilDeref(Frame& f);
// ChanOp runs a channel operation of the scheduler (send, close, select).
// Its panics — chan.go's plainErrors "send on closed channel", "close of
// nil channel", "close of closed channel", runtime.Errors in Go — become Go
// panics that deferred calls can recover (panic.go: gopanic, go1.19).
template <typename Fn>
decltype(auto) ChanOp(Frame& f, Fn&& fn) {
  try {
    return fn();
  } catch (sched::GoPanic& p) {
    PlainRuntimePanic(f, p.value);
  }
}
std::string PanicText(Frame& f, const Value& iface);          // what "panic: " prints
std::string PrintFloat(double v);                             // runtime.printfloat: +1.500000e+000
std::string PrintComplex(const Value& v);                     // runtime.printcomplex: (+1.5…e+000-2…e+000i)

// Maps (the bucket model).
Value MakeMap(Frame& f, const types::Type* t, int64_t hint);
bool MapGet(Frame& f, const Value& m, const Value& key, Value* out);  // zero if missing
void MapSet(Frame& f, const Value& m, const Value& key, const Value& v);
void MapDelete(Frame& f, const Value& m, const Value& key);
int64_t MapLen(const Value& m);
void MapClear(Frame& f, const Value& m);
Value MapClone(Frame& f, const Value& m);
// MapRange calls fn(key, value) for each entry in Go's order; fn returns
// false to stop.
void MapRange(Frame& f, const Value& m, const std::function<bool(const Value&, const Value&)>& fn);
// MapKeySupported reports whether gostep can key a map by t: integers,
// bools, floats, strings, pointers and channels, and structs and arrays of
// those (not interfaces).
bool MapKeySupported(const types::Type* t);

// Interfaces, methods, functions.
std::function<bool(const Value&)> TypeTest(const types::Type* t);  // x.(T) succeeds
Value Unbox(const types::Type* t, const Value& iface);             // the T value of an interface holding T
Value CallMethod(Frame& f, const types::Type* t, const Value& v, const types::MethodLookup& ml);
// BindMethod is the method value v.M for a value v of type t (through the
// embedded fields of ml.path; a pointer method of a value-embedded field
// gets the field's address).
Closure* BindMethod(Frame& f, const types::Type* t, const Value& v, const types::MethodLookup& ml);
const FuncCode* FuncByIndex(Frame& f, int index);
bool SortLess(RunState& r, const types::Type* t, const Value& a, const Value& b);  // internal/fmtsort order

// Strings, runes and slices.
int32_t DecodeRune(std::string_view s, int* n);  // utf8.DecodeRuneInString
std::string EncodeRune(int32_t r);
size_t RuneCount(std::string_view s);
std::string TruncateRunes(const std::string& s, int n);
Value RuneToString(Frame& f, int64_t r);
Value SliceToString(Frame& f, const Value& s, types::Kind elem);
Value StringToSlice(Frame& f, const Value& s, types::Kind elem);
Value MakeSlice(Frame& f, const types::Type* elem, int64_t len, int64_t cap);
Value Append(Frame& f, const types::Type* elem, const Value& s, const Value* items, int64_t n);

// PreEvaluated are the arguments a go/defer statement took for a builtin or
// std call it runs later; PreEvaluatedScope sets them while the call's
// arguments are read (the reads never yield, so one per thread suffices).
const std::vector<Value>& PreEvaluated();
class PreEvaluatedScope {
 public:
  explicit PreEvaluatedScope(const std::vector<Value>* vals);
  ~PreEvaluatedScope();
  PreEvaluatedScope(const PreEvaluatedScope&) = delete;
  PreEvaluatedScope& operator=(const PreEvaluatedScope&) = delete;

 private:
  const std::vector<Value>* saved_;
};

// CheckSameCells panics (a gostep limitation) unless a value of type `from`
// can be read as a `to` in the interpreter's cells (unsafe.Pointer
// conversions): the same cells, each of the same representation.
void CheckSameCells(Frame& f, const types::Type* from, const types::Type* to);

// Fake addresses: a deterministic "0xc000…" for a host object (%p, println).
uint64_t FakeAddr(RunState& r, const void* p);
// FakeObj is the object FakeAddr gave `addr` (null for 0).
const void* FakeObj(const RunState& r, uint64_t addr);

}  // namespace gostep::lang::exec
