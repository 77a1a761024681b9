// lang/check/builtins.h — the predeclared functions and when they appeared.
#pragma once

#include <vector>

namespace gostep::lang::check {

enum BuiltinId {
  kAppend, kCap, kClear, kClose, kComplex, kCopy, kDelete, kImag, kLen, kMake, kMax, kMin,
  kNew, kPanic, kPrint, kPrintln, kReal, kRecover,
  kSizeof, kAlignof,  // unsafe.Sizeof, unsafe.Alignof (package unsafe, not the universe)
};

struct BuiltinInfo {
  const char* name;
  int id;
  int since;  // first Go minor version that predeclares it (clear/min/max: go1.21, spec)
};

const std::vector<BuiltinInfo>& Builtins();

}  // namespace gostep::lang::check
