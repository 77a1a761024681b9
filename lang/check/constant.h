// lang/check/constant.h — constant values (go/constant's subset).
//
// Go's untyped constants are exact. gostep holds integers in 128 bits and
// floats in long double: enough for every constant a scenario writes, and an
// overflow past 128 bits is reported ("constant overflow") rather than wrapped.
// A complex constant holds its real part in f and its imaginary part in im.
#pragma once

#include <cstdint>
#include <string>

namespace gostep::lang::check {

struct Const {
  enum class K : uint8_t { kNone, kBool, kInt, kFloat, kComplex, kString };
  K k = K::kNone;
  bool b = false;
  __int128 i = 0;
  long double f = 0;
  long double im = 0;  // kComplex: the imaginary part
  std::string s;

  static Const Bool(bool v) { Const c; c.k = K::kBool; c.b = v; return c; }
  static Const Int(__int128 v) { Const c; c.k = K::kInt; c.i = v; return c; }
  static Const Float(long double v) { Const c; c.k = K::kFloat; c.f = Exact(v); return c; }
  static Const Complex(long double re, long double im) { Const c; c.k = K::kComplex; c.f = Exact(re); c.im = Exact(im); return c; }
  // Exact maps -0 to 0: an exact constant has no negative zero (spec "Constants").
  static long double Exact(long double v) { return v == 0 ? 0 : v; }
  static Const String(std::string v) { Const c; c.k = K::kString; c.s = std::move(v); return c; }
  bool valid() const { return k != K::kNone; }
  // AsFloat is the value as a float (a complex constant's real part).
  long double AsFloat() const { return k == K::kInt ? static_cast<long double>(i) : f; }
  long double Imag() const { return k == K::kComplex ? im : 0; }
  bool IsNumber() const { return k == K::kInt || k == K::kFloat || k == K::kComplex; }
  // IsIntegral reports whether the value is an integer (3.0 and 3+0i are).
  bool IsIntegral() const;
  // String renders the value as gc prints it in messages ("300", "1.5", "\"s\"").
  std::string Text() const;
};

// ParseIntLit/ParseFloatLit decode a literal's source text; false on overflow.
// ParseImagLit decodes an imaginary literal ("2i", "0x1p-2i", "0123i": the
// digits before the i are decimal unless prefixed, spec "Imaginary literals").
bool ParseIntLit(const std::string& lit, __int128* out);
bool ParseFloatLit(const std::string& lit, long double* out);
bool ParseImagLit(const std::string& lit, long double* out);

}  // namespace gostep::lang::check
