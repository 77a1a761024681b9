// lang/check/constant.h — constant values (go/constant's subset).
//
// Go's untyped constants are exact. gostep holds integers in 128 bits and
// floats in long double: enough for every constant a scenario writes, and an
// overflow past 128 bits is reported ("constant overflow") rather than wrapped.
#pragma once

#include <cstdint>
#include <string>

namespace gostep::lang::check {

struct Const {
  enum class K : uint8_t { kNone, kBool, kInt, kFloat, kString };
  K k = K::kNone;
  bool b = false;
  __int128 i = 0;
  long double f = 0;
  std::string s;

  static Const Bool(bool v) { Const c; c.k = K::kBool; c.b = v; return c; }
  static Const Int(__int128 v) { Const c; c.k = K::kInt; c.i = v; return c; }
  static Const Float(long double v) { Const c; c.k = K::kFloat; c.f = v; return c; }
  static Const String(std::string v) { Const c; c.k = K::kString; c.s = std::move(v); return c; }
  bool valid() const { return k != K::kNone; }
  long double AsFloat() const { return k == K::kInt ? static_cast<long double>(i) : f; }
  // IsIntegral reports whether the value is an integer (3.0 is).
  bool IsIntegral() const;
  // String renders the value as gc prints it in messages ("300", "1.5", "\"s\"").
  std::string Text() const;
};

// ParseIntLit/ParseFloatLit decode a literal's source text; false on overflow.
bool ParseIntLit(const std::string& lit, __int128* out);
bool ParseFloatLit(const std::string& lit, long double* out);

}  // namespace gostep::lang::check
