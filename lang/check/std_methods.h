// lang/check/std_methods.h — the method sets of the std packages' types.
//
// A std type's methods (sync.(*Mutex).Lock, time.Duration.String) are C++
// bodies (std_pkg::NativeMethod). For them to satisfy interfaces
// (var l sync.Locker = &mu), be promoted through embedded fields
// (struct{ sync.RWMutex }) and be called through an interface or a method
// value, each becomes a types::Method whose code is a wrapper FuncCode of
// the program: slot 0 the receiver, then the arguments, then the results,
// and a body that calls the native body. The wrapper is hidden in
// tracebacks: the std frames a blocked goroutine shows come from the
// scheduler's runtime frame tables (scheduler/frames.h), as before.
#pragma once

#include <functional>
#include <string>

#include "lang/exec/frame.h"
#include "lang/types/type.h"

namespace gostep::lang::check {

// StdMethodTable is the TypeTable's StdMethods for go1.<minor>; new_func
// makes a FuncCode owned by the program being compiled.
types::TypeTable::StdMethods StdMethodTable(int minor, std::function<exec::FuncCode*(std::string name)> new_func);

}  // namespace gostep::lang::check
