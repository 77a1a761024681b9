// lang/std/packages.h — the std shims scenarios may import.
//
// Each package is limited to what scenarios need (DESIGN.md, "The scenario
// language"). A std function is data: its Go signature and a native body.
// The checker checks a call against the signature like any Go call, and the
// body runs on the simulated runtime (sync on scheduler/mutex.h, sync.Map on
// maps/syncmap, time on the virtual clock, runtime.GC on the collector).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "lang/exec/frame.h"
#include "lang/types/type.h"

namespace gostep::lang::std_pkg {

using Impl = std::function<void(exec::Frame&, const exec::Value* args, exec::Value* results)>;
using SigFn = std::function<const types::Type*(types::TypeTable&)>;

struct StdFunc {
  std::string pkg, name;
  int since = 0;  // first Go minor version that has it
  SigFn sig;
  Impl impl;
  // Generic functions (maps.Clone, slices.Sort): the signature instantiated
  // from the argument types, or null when they do not fit.
  std::function<const types::Type*(types::TypeTable&, const std::vector<const types::Type*>&)> generic;
};

// A method of a std type (receiver: the address of the value's cell).
struct NativeMethod {
  std::string type, name;  // "sync.Mutex", "Lock"
  int since = 0;
  SigFn sig;
  std::function<void(exec::Frame&, exec::Value* recv, const exec::Value* args, exec::Value* results)> impl;
};

struct StdConst {
  std::string pkg, name;
  SigFn type;          // its type (untyped kinds allowed)
  long double f = 0;   // numeric value
  __int128 i = 0;
  bool is_int = true;
  const char* s = nullptr;  // a string constant's value (runtime.GOOS)
};

// StdVar is a package variable (os.Args, runtime.MemProfileRate): one cell
// per run, set by init on first use.
struct StdVar {
  std::string pkg, name;
  SigFn type;
  std::function<exec::Value(exec::Frame&)> init;
};

// Known reports whether an import path is a shimmed std package for minor.
bool Known(const std::string& path, int minor);
// Type returns a std package's type (sync.Mutex, time.Duration, …) or null.
const types::Type* Type(types::TypeTable& t, const std::string& pkg, const std::string& name, int minor);
const StdFunc* FindFunc(const std::string& pkg, const std::string& name, int minor);
const StdConst* FindConst(const std::string& pkg, const std::string& name);
const StdVar* FindVar(const std::string& pkg, const std::string& name);
// VarCell is v's cell in the current run.
exec::Value* VarCell(exec::Frame& f, const StdVar* v);
// FindMethod finds a native method of t (a std named type, or *T).
const NativeMethod* FindMethod(const types::Type* t, const std::string& name);
// MethodsOf lists the native methods of the std type `full` ("sync.Mutex")
// that go1.<minor> has: the type's method set (types::TypeTable::StdMethods).
std::vector<const NativeMethod*> MethodsOf(const std::string& full, int minor);
// PointerReceiver reports whether the std type's methods are declared on *T
// in Go's source (sync's, sync/atomic's, strings.Builder's, time.Timer's and
// time.Ticker's) rather than on T (time.Duration's, time.Time's).
bool PointerReceiver(const std::string& full);

}  // namespace gostep::lang::std_pkg
