// tools/scenario_header.h — the header of a scenario file, parsed.
//
// The grammar is the one traces/README.md ("Header format") defines: the `//`
// comment lines before the package clause, of three kinds,
//   // gostep: key=value ...        run settings (several lines add up)
//   // want[SELECTOR]: EXPECTATION  what must hold (selector optional)
//   // out[SELECTOR]: TEXT          one expected stdout line (selector optional)
// and prose (every other comment line). A SELECTOR is a comma-separated list
// of version ranges (1.14-1.20, 1.21+, 1.19, 1.14.1) and `key=value`
// overrides of the settings. Malformed lines are errors with the position of
// the offending text: "file:line:col: message" (1-based, byte columns).
//
// Version ranges match profiles by minor release, so [1.14-1.20] covers the
// point-release profiles go1.14.1 and go1.15.0 too; the `versions` setting,
// which lists the profiles a scenario is checked on, names a point-release
// profile only when it is spelled out (versions=1.14.1,1.15+).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/version_profile.h"

namespace gostep::tools {

// One item of a version list: a point-release profile, or minors [lo, hi].
struct VersionItem {
  std::string point;  // "go1.14.1" for a point-release item; "" for a range
  int lo = 0;
  int hi = 0;
};

struct VersionSet {
  std::vector<VersionItem> items;  // empty: every version
  bool Matches(const base::VersionProfile& p) const;
  // Profiles lists the profiles to check, oldest first: minor-release
  // profiles in a range, point-release profiles only when named.
  std::vector<const base::VersionProfile*> Profiles() const;
};

// Settings are the `// gostep:` keys other than `versions`.
struct Settings {
  int gomaxprocs = 2;
  std::string policy = "go";
  std::string granularity;  // "" : statement for single runs, runtime for explore
  uint64_t seed = 1;
  std::vector<std::string> faults;
  std::string godebug;
  std::string gogc;
  std::string gomemlimit;
  std::string explore = "random";
  bool gorun = true;
};

// ApplySetting sets one key; false with *error set for an unknown key or a
// bad value. `versions` is not a setting (ParseScenarioHeader handles it).
bool ApplySetting(Settings* s, std::string_view key, std::string_view value, std::string* error);

// ParseVersionList parses "1.14-1.16,1.21+"; false with *error on a bad item.
bool ParseVersionList(std::string_view text, VersionSet* out, std::string* error);

using Overrides = std::vector<std::pair<std::string, std::string>>;  // sorted by key

struct Selector {
  VersionSet versions;  // empty: the scenario's versions
  Overrides overrides;
};

enum class ExpectKind { kExit, kPanic, kFatal, kCompileError, kStderrContains, kExploreFinds, kNeverFails };

struct Expectation {
  ExpectKind kind = ExpectKind::kExit;
  std::string text;   // the outcome ("panic: x", "fatal error: y"), diagnostic or stderr text
  int code = 0;       // kExit
  uint64_t runs = 0;  // kExploreFinds, kNeverFails
  Selector selector;
  int line = 0;
  std::string source;  // the expectation as written, for messages
};

struct OutLine {
  Selector selector;
  std::string text;
  int line = 0;
};

struct ScenarioHeader {
  VersionSet versions;  // default 1.14-1.23
  Settings settings;
  std::vector<Expectation> wants;
  std::vector<OutLine> outs;
};

// ParseScenarioHeader parses the header of `source`; on error it returns the
// "file:line:col: message" text instead.
std::variant<ScenarioHeader, std::string> ParseScenarioHeader(std::string_view source, std::string_view file);

// OverridesText renders overrides as "gomaxprocs=1 seed=3".
std::string OverridesText(const Overrides& o);

}  // namespace gostep::tools
