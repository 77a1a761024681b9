#include "base/version_profile.h"

#include <doctest/doctest.h>

namespace gostep::base {
namespace {

TEST_CASE("profiles: go1.14 … go1.23, go1.14.1 and go1.15.0, found by \"1.x\" or \"go1.x\"") {
  CHECK(AllProfiles().size() == 12);
  CHECK(FindProfile("1.14.1") != FindProfile("1.14"));
  CHECK(FindProfile("1.15.0") != FindProfile("1.15"));
  CHECK(FindProfile("go1.15.0")->minor == 15);
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

TEST_CASE("profiles: allocator and GC facts switch at the releases that changed them") {
  auto p = [](const char* v) { return *FindProfile(v); };
  CHECK(!p("1.15").size_class_24);  // go1.15.3 sizeclasses.go: 67 classes
  CHECK(p("1.16").size_class_24);
  CHECK(!p("1.21").malloc_headers);
  CHECK(p("1.22").malloc_headers);  // [rn1.22], CL 543255
  CHECK(!p("1.20").wbbuf_pointers_only);
  CHECK(p("1.21").wbbuf_pointers_only);
  CHECK(p("1.14.1").pacer == PacerModel::kTriggerRatio114);
  CHECK(p("1.14").pacer == PacerModel::kTriggerRatio);  // fixed in go1.14.2
  CHECK(p("1.17").pacer == PacerModel::kTriggerRatio);
  CHECK(p("1.18").pacer == PacerModel::kConsMarkPI118);
  CHECK(p("1.19").pacer == PacerModel::kConsMarkPI119);
  CHECK(p("1.20").pacer == PacerModel::kConsMarkAvg2);
  CHECK(p("1.23").pacer == PacerModel::kConsMarkMax4);
  CHECK(!p("1.18").memory_limit);
  CHECK(p("1.19").memory_limit);
  CHECK(!p("1.18").periodic_gc_idle_limit);
  CHECK(p("1.19").periodic_gc_idle_limit);
  CHECK(!p("1.17").gctrace_roots);
  CHECK(p("1.19").gctrace_roots);
  // go1.14.1 differs from go1.14 in the pacer only.
  const VersionProfile &a = p("1.14.1"), &b = p("1.14");
  CHECK(a.minor == b.minor);
  CHECK(a.async_preemption == b.async_preemption);
  CHECK(a.user_fatal_style == b.user_fatal_style);
  CHECK(a.traceback_args == b.traceback_args);
  CHECK(a.size_class_24 == b.size_class_24);
  CHECK(a.wbbuf_pointers_only == b.wbbuf_pointers_only);
  CHECK(a.memory_limit == b.memory_limit);
  CHECK(a.gctrace_roots == b.gctrace_roots);
  CHECK(a.pacer != b.pacer);
}

TEST_CASE("profiles: sync.Map facts switch at the releases that changed them") {
  auto p = [](const char* v) { return *FindProfile(v); };
  CHECK(!p("1.14").syncmap_load_and_delete);
  CHECK(p("1.15.0").syncmap_load_and_delete);
  CHECK(!p("1.19").syncmap_swap_cas);
  CHECK(p("1.20").syncmap_swap_cas);
  CHECK(!p("1.22").syncmap_clear);
  CHECK(p("1.23").syncmap_clear);
  // Go issue 40999: go1.15.0–go1.15.1 only (fixed in go1.15.2).
  for (const VersionProfile& v : AllProfiles()) {
    CAPTURE(v.name);
    CHECK(v.syncmap_issue40999 == (v.name == "go1.15.0"));
  }
  // Go issue 62404: Range allocates on every call in go1.20–go1.21 only.
  CHECK(!p("1.19").syncmap_range_escapes_read);
  CHECK(p("1.20").syncmap_range_escapes_read);
  CHECK(p("1.21").syncmap_range_escapes_read);
  CHECK(!p("1.22").syncmap_range_escapes_read);
  // go1.15.0 differs from go1.15 in sync.Map's LoadAndDelete only.
  const VersionProfile &a = p("1.15.0"), &b = p("1.15");
  CHECK(a.minor == b.minor);
  CHECK(a.pacer == b.pacer);
  CHECK(a.size_class_24 == b.size_class_24);
  CHECK(a.map_reseed_on_empty == b.map_reseed_on_empty);
  CHECK(a.syncmap_load_and_delete == b.syncmap_load_and_delete);
  CHECK(a.syncmap_issue40999 != b.syncmap_issue40999);
}

}  // namespace
}  // namespace gostep::base
