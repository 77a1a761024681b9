// tools/scenario_plan.cc — PlanCases: a scenario header expanded into cases.
#include <algorithm>

#include "tools/scenario_runner.h"

namespace gostep::tools {
namespace {

// Matches: does a selector apply to a case of profile p with overrides o?
bool Matches(const Selector& s, const base::VersionProfile& p, const Overrides& o) {
  return s.overrides == o && s.versions.Matches(p);
}

TestCase MakeCase(const ScenarioHeader& h, const base::VersionProfile* p, const Overrides& o) {
  TestCase c;
  c.profile = p;
  c.overrides = o;
  c.settings = h.settings;
  for (const auto& [k, v] : o) {
    std::string ignored;  // validated when the header was parsed
    ApplySetting(&c.settings, k, v, &ignored);
  }
  for (const Expectation& x : h.wants) {
    if (Matches(x.selector, *p, o)) c.wants.push_back(&x);
  }
  for (const OutLine& l : h.outs) {
    if (Matches(l.selector, *p, o)) {
      c.out.push_back(l.text);
      c.has_out = true;
    }
  }
  return c;
}

bool Keep(const base::VersionProfile& p, std::string_view only) {
  return only.empty() || base::FindProfile(only) == &p;
}

}  // namespace

std::vector<TestCase> PlanCases(const ScenarioHeader& h, std::string_view only) {
  std::vector<const base::VersionProfile*> profiles = h.versions.Profiles();
  std::vector<TestCase> cases;
  for (const base::VersionProfile* p : profiles) {
    if (Keep(*p, only)) cases.push_back(MakeCase(h, p, {}));
  }
  // Override sets, in order of first appearance in want and out lines.
  std::vector<Overrides> sets;
  auto note = [&](const Selector& s) {
    if (!s.overrides.empty() && std::find(sets.begin(), sets.end(), s.overrides) == sets.end()) {
      sets.push_back(s.overrides);
    }
  };
  for (const Expectation& x : h.wants) note(x.selector);
  for (const OutLine& l : h.outs) note(l.selector);
  for (const Overrides& o : sets) {
    for (const base::VersionProfile* p : profiles) {
      bool named = std::any_of(h.wants.begin(), h.wants.end(), [&](const Expectation& x) {
        return Matches(x.selector, *p, o);
      }) || std::any_of(h.outs.begin(), h.outs.end(), [&](const OutLine& l) { return Matches(l.selector, *p, o); });
      if (named && Keep(*p, only)) cases.push_back(MakeCase(h, p, o));
    }
  }
  return cases;
}

std::string CaseLabel(const std::string& path, const TestCase& c) {
  std::string label = path + " " + std::string(c.profile->name);
  if (!c.overrides.empty()) label += " [" + OverridesText(c.overrides) + "]";
  return label;
}

}  // namespace gostep::tools
