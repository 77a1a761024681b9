#include "scheduler/policy.h"

#include <charconv>

#include <fmt/format.h>

#include "scheduler/policy_go.h"
#include "scheduler/policy_pct.h"
#include "scheduler/policy_random.h"

namespace gostep::sched {
namespace {

bool ParseUint(std::string_view s, uint64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

bool ParsePolicy(std::string_view text, PolicyConfig* out) {
  PolicyConfig c;
  std::string_view head = text.substr(0, text.find(':'));
  if (head == "go") {
    c.kind = PolicyKind::kGo;
  } else if (head == "random") {
    c.kind = PolicyKind::kRandom;
  } else if (head == "pct") {
    c.kind = PolicyKind::kPct;
    std::string_view rest = head.size() < text.size() ? text.substr(head.size() + 1) : std::string_view();
    if (!rest.empty()) {
      std::string_view d = rest.substr(0, rest.find(':'));
      uint64_t depth = 0;
      if (!ParseUint(d, &depth) || depth < 1 || depth > 64) return false;
      c.pct_depth = static_cast<int>(depth);
      if (d.size() < rest.size() && !ParseUint(rest.substr(d.size() + 1), &c.pct_steps)) return false;
    }
  } else {
    return false;
  }
  if (c.kind != PolicyKind::kPct && head.size() != text.size()) return false;
  *out = c;
  return true;
}

std::string PolicyName(const PolicyConfig& c) {
  switch (c.kind) {
    case PolicyKind::kGo: return "go";
    case PolicyKind::kRandom: return "random";
    case PolicyKind::kPct: return fmt::format("pct:{}:{}", c.pct_depth, c.pct_steps);
  }
  return "?";
}

std::unique_ptr<Policy> MakePolicy(const PolicyConfig& c) {
  switch (c.kind) {
    case PolicyKind::kGo: return std::make_unique<GoPolicy>();
    case PolicyKind::kRandom: return std::make_unique<RandomPolicy>();
    case PolicyKind::kPct: return std::make_unique<PctPolicy>(c.pct_depth, c.pct_steps);
  }
  return nullptr;
}

}  // namespace gostep::sched
