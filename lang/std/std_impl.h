// lang/std/std_impl.h — helpers shared by the std_*.cc files: signature
// builders and the registration functions packages.cc calls.
#pragma once

#include <string>
#include <vector>

#include "lang/exec/run_state.h"
#include "lang/std/packages.h"

namespace gostep::lang::std_pkg {

using exec::Frame;
using exec::Value;
using types::Kind;
using types::TypeTable;
using TypeFn = std::function<const types::Type*(TypeTable&)>;

namespace ty {
inline const types::Type* Int(TypeTable& t) { return t.Int(); }
inline const types::Type* Int64(TypeTable& t) { return t.Basic(Kind::kInt64); }
inline const types::Type* Int32(TypeTable& t) { return t.Basic(Kind::kInt32); }
inline const types::Type* Uint64(TypeTable& t) { return t.Basic(Kind::kUint64); }
inline const types::Type* Uint32(TypeTable& t) { return t.Basic(Kind::kUint32); }
inline const types::Type* Uintptr(TypeTable& t) { return t.Basic(Kind::kUintptr); }
inline const types::Type* Float64(TypeTable& t) { return t.Float64(); }
inline const types::Type* Bool(TypeTable& t) { return t.Bool(); }
inline const types::Type* String(TypeTable& t) { return t.String(); }
inline const types::Type* Any(TypeTable& t) { return t.EmptyInterface(); }
inline const types::Type* AnySlice(TypeTable& t) { return t.Slice(t.EmptyInterface()); }
inline const types::Type* Error(TypeTable& t) { return t.Error(); }
inline const types::Type* UnsafePointer(TypeTable& t) { return t.Basic(Kind::kUnsafePointer); }
inline const types::Type* Func0(TypeTable& t) { return t.Func({}, {}, false); }
inline const types::Type* IntSlice(TypeTable& t) { return t.Slice(t.Int()); }
inline const types::Type* StringSlice(TypeTable& t) { return t.Slice(t.String()); }
inline const types::Type* Float64Slice(TypeTable& t) { return t.Slice(t.Float64()); }
}  // namespace ty

// Sig builds a signature getter.
SigFn Sig(std::vector<TypeFn> params, std::vector<TypeFn> results, bool variadic = false);

const types::Type* DurationType(TypeTable& t);
const types::Type* TimeType(TypeTable& t);
const types::Type* TimerStruct(TypeTable& t);
const types::Type* LockerType(TypeTable& t);
const types::Type* CondType(TypeTable& t);  // sync.Cond: {L Locker; notify; checker}
const types::Type* MemStatsType(TypeTable& t);

// Helpers for bodies.
Value NewString(Frame& f, std::string s);
Value MakeError(Frame& f, std::string msg);          // an *errors.errorString in an error interface
[[noreturn]] void PanicString(Frame& f, const char* msg);  // panic("msg"), as std's own panics
// NewStructPtr is &T{fields...} for a std struct T (one cell per field); as
// an interface value when dyn (the *T type) is given, else a plain pointer.
Value NewStructPtr(Frame& f, std::initializer_list<Value> fields, const types::Type* dyn = nullptr);
std::vector<Value> SliceElems(const Value& s);      // a []T's cells
// HostObject returns the host object behind an opaque std value's cell
// (sync.Mutex, …), creating it on first use (the zero value is ready to use).
template <typename T>
T* HostObject(Frame& f, Value* recv) {
  Value* cells = static_cast<Value*>(recv->p);
  if (cells[0].p == nullptr) cells[0].p = exec::Run(f).heap.New<T>();
  return static_cast<T*>(cells[0].p);
}

const std::vector<StdVar>& Vars();  // std_misc.cc
void AddFmt(std::vector<StdFunc>* v);
void AddRand(std::vector<StdFunc>* v);  // std_rand.cc: math/rand
void AddRandMethods(std::vector<NativeMethod>* v);  // *rand.Rand, *rand.rngSource
const types::Type* RandType(TypeTable& t, const std::string& name);  // rand.Rand, rand.Source
void AddSync(std::vector<StdFunc>* v);
void AddTime(std::vector<StdFunc>* v);
void AddRuntime(std::vector<StdFunc>* v);
void AddMisc(std::vector<StdFunc>* v);
void AddStrings(std::vector<StdFunc>* v);  // std_strings.cc: strings, os.Getenv
void AddSyncMethods(std::vector<NativeMethod>* v);
void AddCond(std::vector<StdFunc>* v);
void AddErrors(std::vector<StdFunc>* v);              // std_errors.cc: package errors
void AddErrorsMethods(std::vector<NativeMethod>* v);  // fmt.wrapError(s), errors.joinError
// Errorf is fmt.Errorf's result for message msg whose %w verbs took
// args[wrapped[i]] (fmt.h: Sprintf); ErrorfResult is its result type, which
// also makes the wrapping types at compile time.
Value Errorf(Frame& f, const std::string& msg, const std::vector<size_t>& wrapped, const std::vector<Value>& args);
TypeFn ErrorfResult();
void AddIo(std::vector<StdFunc>* v);                  // std_io.cc: fmt.Fprint*, os.File, strings.Builder
void AddIoMethods(std::vector<NativeMethod>* v);
const types::Type* IoType(TypeTable& t, const std::string& name);  // io.Writer
TypeFn FileT();                                       // *os.File
Value NewFile(Frame& f, int64_t fd);                  // os.Stdout (1), os.Stderr (2)
void AddUtf8(std::vector<StdFunc>* v);                // std_utf8.cc: unicode/utf8
void AddUtf8Consts(std::vector<StdConst>* c);
void AddSort(std::vector<StdFunc>* v);                // std_sort.cc: sort over Go's algorithms (go_sort.h)
void AddSortMethods(std::vector<NativeMethod>* v);
const types::Type* SortType(TypeTable& t, const std::string& name);  // sort.Interface
void AddContext(std::vector<StdFunc>* v);             // std_context.cc: package context
void AddContextMethods(std::vector<NativeMethod>* v);
const types::Type* ContextPackageType(TypeTable& t, const std::string& name);  // Context, CancelFunc
Value ContextVar(Frame& f, const std::string& name);  // Canceled, DeadlineExceeded                // std_cond.cc: sync.Cond, RWMutex.RLocker
void AddCondMethods(std::vector<NativeMethod>* v);
void AddTimeMethods(std::vector<NativeMethod>* v);
void AddMiscMethods(std::vector<NativeMethod>* v);
const std::vector<StdConst>& Consts();

}  // namespace gostep::lang::std_pkg
