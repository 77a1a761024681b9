// tools/scenario_header.cc — the scenario header grammar of traces/README.md.
//
// The values of the header: version lists and settings. The line grammar is
// in scenario_header_parse.cc. A malformed piece throws an
// internal::HeaderError carrying the byte offset of the offending text in its
// line; ParseScenarioHeader turns it into "file:line:col: message".
#include "tools/scenario_header.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "tools/faults.h"
#include "tools/scenario_header_internal.h"

namespace gostep::tools {

std::string_view internal::Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

namespace {

using internal::ParseNumber;
using internal::Trim;

bool KnownMinor(int minor) {
  for (const auto& p : base::AllProfiles()) {
    if (p.minor == minor) return true;
  }
  return false;
}

bool IsPointProfile(const base::VersionProfile& p) { return std::count(p.name.begin(), p.name.end(), '.') == 2; }

// ParseMinor reads "1.19" or "go1.19" into 19.
bool ParseMinor(std::string_view s, int* minor) {
  if (s.starts_with("go")) s.remove_prefix(2);
  if (!s.starts_with("1.")) return false;
  return ParseNumber(s.substr(2), minor) && KnownMinor(*minor);
}

bool ParseVersionItem(std::string_view s, VersionItem* item) {
  if (s.ends_with("+")) {
    item->hi = 99;
    return ParseMinor(s.substr(0, s.size() - 1), &item->lo);
  }
  if (size_t dash = s.find('-'); dash != std::string_view::npos) {
    return ParseMinor(s.substr(0, dash), &item->lo) && ParseMinor(s.substr(dash + 1), &item->hi) &&
           item->lo <= item->hi;
  }
  if (ParseMinor(s, &item->lo)) {
    item->hi = item->lo;
    return true;
  }
  const base::VersionProfile* p = base::FindProfile(s);
  if (p == nullptr || !IsPointProfile(*p)) return false;
  item->point = std::string(p->name);
  return true;
}

}  // namespace

bool VersionSet::Matches(const base::VersionProfile& p) const {
  if (items.empty()) return true;
  for (const VersionItem& it : items) {
    if (!it.point.empty() ? p.name == it.point : (p.minor >= it.lo && p.minor <= it.hi)) return true;
  }
  return false;
}

std::vector<const base::VersionProfile*> VersionSet::Profiles() const {
  std::vector<const base::VersionProfile*> out;
  for (const auto& p : base::AllProfiles()) {
    bool named = std::any_of(items.begin(), items.end(), [&](const VersionItem& it) { return it.point == p.name; });
    if (named || (!IsPointProfile(p) && Matches(p))) out.push_back(&p);
  }
  return out;
}

namespace internal {

VersionSet ParseVersions(std::string_view text, size_t offset) {
  VersionSet set;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    std::string_view item = Trim(text.substr(start, comma - start));
    size_t at = offset + static_cast<size_t>(item.data() - text.data());
    VersionItem v;
    if (!ParseVersionItem(item, &v)) {
      throw internal::HeaderError{at, fmt::format("bad version \"{}\": want 1.X, 1.X-1.Y, 1.X+ or a point release; "
                                        "gostep models {}", item, base::ProfileNames())};
    }
    set.items.push_back(v);
    start = comma + 1;
  }
  return set;
}

}  // namespace internal

bool ParseVersionList(std::string_view text, VersionSet* out, std::string* error) {
  try {
    *out = internal::ParseVersions(text, 0);
    return true;
  } catch (const internal::HeaderError& e) {
    *error = e.message;
    return false;
  }
}

bool ApplySetting(Settings* s, std::string_view key, std::string_view value, std::string* error) {
  auto bad = [&](std::string_view want) {
    *error = fmt::format("bad {} \"{}\": want {}", key, value, want);
    return false;
  };
  if (key == "gomaxprocs") {
    if (!ParseNumber(value, &s->gomaxprocs) || s->gomaxprocs < 1 || s->gomaxprocs > 1024) {
      return bad("an integer in [1, 1024]");
    }
  } else if (key == "policy") {
    if (value != "go" && value != "random" && value != "pct" && !value.starts_with("pct:")) {
      return bad("go, random or pct");
    }
    s->policy = value;
  } else if (key == "granularity") {
    if (value != "statement" && value != "runtime") return bad("statement or runtime");
    s->granularity = value;
  } else if (key == "seed") {
    if (!ParseNumber(value, &s->seed)) return bad("an unsigned integer");
  } else if (key == "fault" && value == "none") {
    s->faults.clear();  // an override: the same scenario without its faults
  } else if (key == "fault") {
    std::string unknown;
    if (!SplitFaults(value, &s->faults, &unknown)) return bad(fmt::format("a fault name ({})", FaultNames()));
  } else if (key == "godebug" || key == "gogc" || key == "gomemlimit") {
    if (value.empty()) return bad("a value");
    (key == "godebug" ? s->godebug : key == "gogc" ? s->gogc : s->gomemlimit) = value;
  } else if (key == "explore") {
    if (value != "random" && value != "pct" && value != "go") return bad("random, pct or go");
    s->explore = value;
  } else if (key == "gorun") {
    if (value != "yes" && value != "no") return bad("yes or no");
    s->gorun = value == "yes";
  } else {
    *error = fmt::format("unknown key \"{}\" (want versions, gomaxprocs, policy, granularity, seed, fault, "
                         "godebug, gogc, gomemlimit, explore or gorun)",
                         key);
    return false;
  }
  return true;
}

std::string OverridesText(const Overrides& o) {
  std::string out;
  for (const auto& [k, v] : o) out += (out.empty() ? "" : " ") + k + "=" + v;
  return out;
}

}  // namespace gostep::tools
