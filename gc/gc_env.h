// gc/gc_env.h — GOGC and GOMEMLIMIT as the runtime reads them at start-up.
//
// Models runtime.readGOGC (mgc.go in go1.14–1.17, mgcpacer.go since go1.18),
// runtime.readGOMEMLIMIT (mgcpacer.go, go1.19+) and runtime.parseByteCount
// with runtime.atoi64 / atoi32 (string.go, go1.19). Read in the go1.19.8
// source; readGOGC is the same text in the go1.14.6 and go1.17 sources.
//
// Rules these functions reproduce:
//  - GOGC: "off" → -1; a decimal integer that fits in an int32 (optional
//    leading '-', no '+', no spaces) → that number; anything else, including
//    "" and "OFF", silently → 100. Negative numbers are kept here;
//    setGCPercent turns every value < 0 into -1 (Pacer::SetGcPercent).
//  - GOMEMLIMIT: "" or "off" → math.MaxInt64 (no limit); otherwise
//    ^[0-9]+(([KMGT]i)?B)?$ with the value ≤ MaxInt64; anything else is a
//    runtime throw, printed as two lines (see kMalformedGomemlimit).
//    GOMEMLIMIT exists in go1.19+ only; older releases ignore the variable.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace gostep::gc {

// ParseGogc returns the gcPercent of GOGC=value (readGOGC).
int32_t ParseGogc(std::string_view value);

// ParseByteCount parses value as runtime.parseByteCount; returns false if
// value is not a valid byte count (the result is then untouched).
bool ParseByteCount(std::string_view value, int64_t* out);

// kNoMemoryLimit is GOMEMLIMIT=off: math.MaxInt64.
inline constexpr int64_t kNoMemoryLimit = std::numeric_limits<int64_t>::max();

// The text of the throw for a malformed GOMEMLIMIT (mgcpacer.go:readGOMEMLIMIT,
// go1.19), printed after the line "GOMEMLIMIT=<value>".
inline constexpr std::string_view kMalformedGomemlimit =
    "malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`";

struct MemoryLimitSetting {
  int64_t limit = kNoMemoryLimit;
  // Empty if the value parsed. Otherwise the exact stderr lines Go prints
  // before its runtime stack:
  //   "GOMEMLIMIT=<value>\nfatal error: malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`\n"
  std::string fatal_error;
};

// ParseMemoryLimit returns the limit of GOMEMLIMIT=value (readGOMEMLIMIT).
MemoryLimitSetting ParseMemoryLimit(std::string_view value);

}  // namespace gostep::gc
