// tools/cli_versions.cc — `gostep versions`: the profile table, then every
// profile field with the profiles where it holds and its evidence.
//
//   profile   changes from the row above
//   go1.14.1  (baseline) async_preemption=on … pacer=trigger-ratio-1.14.0 …
//   go1.14    pacer=trigger-ratio
//   …
//   async_preemption: loops without calls are preempted asynchronously
//     on: go1.14.1 … go1.23
//     evidence: [rn1.14]; design 24543; CL 201760/201762
#include <cstdio>
#include <string>

#include "base/version_profile.h"
#include "tools/cli_commands.h"
#include "tools/profile_fields.h"

namespace gostep::tools {
namespace {

// Spans renders where each value holds: "on: go1.19 … go1.23; off: go1.14.1 … go1.18".
std::string Spans(const ProfileField& f) {
  auto profiles = base::AllProfiles();
  std::string out;
  for (size_t i = 0; i < profiles.size();) {
    size_t j = i;
    std::string v = FieldValue(f, profiles[i]);
    while (j + 1 < profiles.size() && FieldValue(f, profiles[j + 1]) == v) ++j;
    out += (out.empty() ? "" : "; ") + v + ": " + std::string(profiles[i].name);
    if (j > i) out += " … " + std::string(profiles[j].name);
    i = j + 1;
  }
  return out;
}

// Changes lists the fields of profile i that differ from profile i-1.
std::string Changes(size_t i) {
  auto profiles = base::AllProfiles();
  std::string out = i == 0 ? "(baseline)" : "";
  for (const ProfileField& f : ProfileFields()) {
    std::string v = FieldValue(f, profiles[i]);
    if (i == 0 || v != FieldValue(f, profiles[i - 1])) out += " " + std::string(f.name) + "=" + v;
  }
  return out;
}

int PrintVersions() {
  std::printf("%-9s %s\n", "profile", "changes from the row above");
  for (size_t i = 0; i < base::AllProfiles().size(); ++i) {
    std::string name(base::AllProfiles()[i].name);
    std::printf("%-9s%s\n", name.c_str(), Changes(i).c_str());
  }
  std::printf("\n");
  for (const ProfileField& f : ProfileFields()) {
    std::printf("%.*s: %.*s\n  %s\n  evidence: %.*s\n", static_cast<int>(f.name.size()), f.name.data(),
                static_cast<int>(f.summary.size()), f.summary.data(), Spans(f).c_str(),
                static_cast<int>(f.evidence.size()), f.evidence.data());
  }
  return 0;
}

}  // namespace

Command AddVersionsCommand(CLI::App* app) {
  CLI::App* cmd = app->add_subcommand("versions", "list the Go version profiles, their differences and evidence");
  return Command{cmd, [] { return PrintVersions(); }};
}

}  // namespace gostep::tools
