// lang/check/constant.cc — constant values and literal decoding.
#include "lang/check/constant.h"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "lang/std/fmt.h"

namespace gostep::lang::check {

bool Const::IsIntegral() const {
  if (k == K::kInt) return true;
  if (k == K::kComplex && im != 0) return false;  // go/constant ToInt: a complex needs imag 0
  if (k != K::kFloat && k != K::kComplex) return false;
  return std::isfinite(static_cast<double>(f)) && std::floor(f) == f && std::fabs(f) < 1.7e38L;
}

namespace {
std::string I128(__int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string s;
  while (u > 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  return neg ? "-" + s : s;
}

// PartText renders a complex constant's part as go/constant does (its
// floatVal.String: "%.6g", or "%g" if that hides a fraction; go1.19).
std::string PartText(long double v) {
  double d = static_cast<double>(v);
  if (std::floor(v) == v && std::fabs(v) < 1e6L) return I128(static_cast<__int128>(v));
  if (!std::isfinite(d)) return fmt::format("{:.6g}", v);  // past float64's range
  std::string s = fmt::format("{:.6g}", d);
  if (std::floor(v) != v && s.find('.') == std::string::npos) s = std_pkg::FormatFloat(d, 'g', -1, 64);
  return s;
}
}  // namespace

std::string Const::Text() const {
  switch (k) {
    case K::kBool: return b ? "true" : "false";
    case K::kInt: return I128(i);
    case K::kFloat: {
      if (IsIntegral()) return I128(static_cast<__int128>(f));
      return fmt::format("{}", static_cast<double>(f));
    }
    case K::kComplex: return "(" + PartText(f) + " + " + PartText(im) + "i)";  // go/constant complexVal.String
    case K::kString: return "\"" + s + "\"";
    default: return "?";
  }
}

bool ParseIntLit(const std::string& lit, __int128* out) {
  std::string d;
  for (char c : lit) if (c != '_') d += c;
  int base = 10;
  size_t i = 0;
  if (d.size() > 1 && d[0] == '0') {
    char p = static_cast<char>(d[1] | 0x20);
    if (p == 'x') { base = 16; i = 2; }
    else if (p == 'b') { base = 2; i = 2; }
    else if (p == 'o') { base = 8; i = 2; }
    else { base = 8; i = 1; }
  }
  unsigned __int128 v = 0;
  const unsigned __int128 limit = static_cast<unsigned __int128>(1) << 126;
  for (; i < d.size(); ++i) {
    char c = static_cast<char>(d[i] | 0x20);
    int digit = c >= 'a' ? c - 'a' + 10 : c - '0';
    v = v * base + digit;
    if (v > limit) return false;
  }
  *out = static_cast<__int128>(v);
  return true;
}

bool ParseFloatLit(const std::string& lit, long double* out) {
  std::string d;
  for (char c : lit) if (c != '_') d += c;
  char* end = nullptr;
  *out = std::strtold(d.c_str(), &end);
  return end != nullptr && *end == '\0';
}

bool ParseImagLit(const std::string& lit, long double* out) {
  std::string d = lit.substr(0, lit.size() - 1);  // drop the i
  bool prefixed = d.size() > 1 && d[0] == '0' && std::string("xXbBoO").find(d[1]) != std::string::npos;
  bool is_float = prefixed ? d.find_first_of("pP.") != std::string::npos && (d[1] | 0x20) == 'x'
                           : d.find_first_of(".eE") != std::string::npos;
  if (is_float) return ParseFloatLit(d, out);
  if (!prefixed) {
    // An integer part of decimal digits is decimal even with a leading 0.
    size_t z = d.find_first_not_of("0_");
    d = z == std::string::npos ? "0" : d.substr(z);
  }
  __int128 v;
  if (!ParseIntLit(d, &v)) return false;
  *out = static_cast<long double>(v);
  return true;
}

}  // namespace gostep::lang::check
