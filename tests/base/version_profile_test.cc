#include "base/version_profile.h"

#include <doctest/doctest.h>

namespace gostep::base {
namespace {

TEST_CASE("profiles: go1.14 … go1.23 and go1.14.1, found by \"1.x\" or \"go1.x\"") {
  CHECK(AllProfiles().size() == 11);
  CHECK(FindProfile("1.14.1") != FindProfile("1.14"));
  CHECK(FindProfile("1.14.1")->pacer == PacerModel::kTriggerRatio114);
  CHECK(FindProfile("1.14")->pacer == PacerModel::kTriggerRatio);
  for (const VersionProfile& p : AllProfiles()) {
    CHECK(FindProfile(p.name) == &p);
    CHECK(FindProfile(p.name.substr(2)) == &p);
  }
  CHECK(FindProfile("1.13") == nullptr);
  CHECK(FindProfile("1.24") == nullptr);
  CHECK(FindProfile("go1.2") == nullptr);
  CHECK(NewestProfile().name == "go1.23");
}

TEST_CASE("profiles: scheduler facts switch at the releases that changed them") {
  auto p = [](const char* v) { return *FindProfile(v); };
  CHECK(p("1.14").async_preemption);  // async preemption since 1.14
  CHECK(!p("1.22").sync_timer_channels);
  CHECK(p("1.23").sync_timer_channels);
  CHECK(!p("1.18").user_fatal_style);
  CHECK(p("1.19").user_fatal_style);
  CHECK(!p("1.20").created_by_goroutine_id);
  CHECK(p("1.21").created_by_goroutine_id);
  CHECK(!p("1.19").sync_wait_reasons);
  CHECK(p("1.20").sync_wait_reasons);
  CHECK(p("1.16").traceback_args == TracebackArgs::kWords);
  CHECK(p("1.17").traceback_args == TracebackArgs::kPerArg);
  CHECK(p("1.18").traceback_args == TracebackArgs::kPerArgUnsure);
  CHECK(!p("1.22").panic_message_indented);
  CHECK(p("1.23").panic_message_indented);
}

}  // namespace
}  // namespace gostep::base
