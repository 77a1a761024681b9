#include "gc/gc_env.h"

namespace gostep::gc {
namespace {

constexpr uint64_t kMaxUint64 = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kMaxInt64 = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());

// Atoi64 models runtime.atoi64 (string.go): optional '-', decimal digits,
// overflow-checked; false for "" or any other character.
bool Atoi64(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  uint64_t un = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    if (un > kMaxUint64 / 10) return false;  // overflow
    un *= 10;
    uint64_t un1 = un + static_cast<uint64_t>(c - '0');
    if (un1 < un) return false;  // overflow
    un = un1;
  }
  if (!neg && un > kMaxInt64) return false;
  if (neg && un > kMaxInt64 + 1) return false;
  // Go: n := int64(un); if neg { n = -n } (two's complement, no overflow trap).
  *out = static_cast<int64_t>(neg ? ~un + 1 : un);
  return true;
}

}  // namespace

int32_t ParseGogc(std::string_view value) {
  if (value == "off") return -1;
  // atoi32: atoi64 must succeed and the value must fit in an int32.
  int64_t n = 0;
  if (Atoi64(value, &n) && n == static_cast<int64_t>(static_cast<int32_t>(n))) {
    return static_cast<int32_t>(n);
  }
  return 100;
}

bool ParseByteCount(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  int64_t n = 0;
  char last = s.back();
  if (last >= '0' && last <= '9') {  // no suffix
    if (!Atoi64(s, &n) || n < 0) return false;
    *out = n;
    return true;
  }
  // Failing a trailing digit, this must end in 'B' with a digit before it.
  if (last != 'B' || s.size() < 2) return false;
  char c = s[s.size() - 2];
  if (c >= '0' && c <= '9') {  // plain "B"
    if (!Atoi64(s.substr(0, s.size() - 1), &n) || n < 0) return false;
    *out = n;
    return true;
  }
  if (c != 'i' || s.size() < 4) return false;
  int power = 0;
  switch (s[s.size() - 3]) {
    case 'K': power = 1; break;
    case 'M': power = 2; break;
    case 'G': power = 3; break;
    case 'T': power = 4; break;
    default: return false;
  }
  uint64_t m = 1;
  for (int i = 0; i < power; ++i) m *= 1024;
  if (!Atoi64(s.substr(0, s.size() - 3), &n) || n < 0) return false;
  uint64_t un = static_cast<uint64_t>(n);
  if (un > kMaxUint64 / m) return false;  // overflow
  un *= m;
  if (un > kMaxInt64) return false;  // overflow
  *out = static_cast<int64_t>(un);
  return true;
}

MemoryLimitSetting ParseMemoryLimit(std::string_view value) {
  MemoryLimitSetting s;
  if (value.empty() || value == "off") return s;
  if (!ParseByteCount(value, &s.limit)) {
    s.limit = kNoMemoryLimit;
    s.fatal_error = "GOMEMLIMIT=" + std::string(value) + "\nfatal error: " +
                    std::string(kMalformedGomemlimit) + "\n";
  }
  return s;
}

}  // namespace gostep::gc
