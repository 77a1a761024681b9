// lang/check/constant.cc — constant values and literal decoding.
#include "lang/check/constant.h"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace gostep::lang::check {

bool Const::IsIntegral() const {
  if (k == K::kInt) return true;
  if (k != K::kFloat) return false;
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
}  // namespace

std::string Const::Text() const {
  switch (k) {
    case K::kBool: return b ? "true" : "false";
    case K::kInt: return I128(i);
    case K::kFloat: {
      if (IsIntegral()) return I128(static_cast<__int128>(f));
      return fmt::format("{}", static_cast<double>(f));
    }
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

}  // namespace gostep::lang::check
