#include "base/version_profile.h"

#include <array>

namespace gostep::base {
namespace {

// Evidence for each field is on its declaration in version_profile.h.
constexpr VersionProfile Make(std::string_view name, int minor) {
  return VersionProfile{
      .name = name,
      .minor = minor,
      .async_preemption = minor >= 14,
      .sync_timer_channels = minor >= 23,
      .sync_wait_reasons = minor >= 20,
      .user_fatal_style = minor >= 19,
      .created_by_goroutine_id = minor >= 21,
      .traceback_args = minor >= 18   ? TracebackArgs::kPerArgUnsure
                        : minor >= 17 ? TracebackArgs::kPerArg
                                      : TracebackArgs::kWords,
      .traceback_elide_middle = minor >= 21,
      .panic_message_indented = minor >= 23,
      .size_class_24 = minor >= 16,
      .malloc_headers = minor >= 22,
      .wbbuf_pointers_only = minor >= 21,
      .pacer = minor >= 21   ? PacerModel::kConsMarkMax4
               : minor >= 20 ? PacerModel::kConsMarkAvg2
               : minor >= 19 ? PacerModel::kConsMarkPI119
               : minor >= 18 ? PacerModel::kConsMarkPI118
                             : PacerModel::kTriggerRatio,
      .memory_limit = minor >= 19,
      .periodic_gc_idle_limit = minor >= 19,
      .gctrace_roots = minor >= 18,
      .map_reseed_on_empty = minor >= 16,
      .map_hash_wyhash = minor >= 17,
      .map_hash_keyed_fallback = minor >= 23,
      .map_faststr_key_update = minor >= 17,
      .map_iter_fastrand64 = minor >= 19,
      .map_clear_builtin = minor >= 21,
      .map_load_factor_num = static_cast<uint8_t>(minor == 21 ? 12 : 13),
      .map_rand_chacha8 = minor >= 22,
      .slice_growth_256 = minor >= 18,
      .syncmap_load_and_delete = minor >= 15,
      .syncmap_swap_cas = minor >= 20,
      .syncmap_clear = minor >= 23,
      .syncmap_issue40999 = false,
      .syncmap_range_escapes_read = minor == 20 || minor == 21,
  };
}

// go1.14.1 models go1.14.0–go1.14.1, before the pacer fix of go1.14.2
// (Go issues 37927 and 37525, CL 223937): a point-release profile (DESIGN.md,
// "Truth comes from the Go source", rule 3).
constexpr VersionProfile Go1141() {
  VersionProfile p = Make("go1.14.1", 14);
  p.pacer = PacerModel::kTriggerRatio114;
  return p;
}

// go1.15.0 models go1.15.0–go1.15.1, whose sync.Map.LoadAndDelete leaves
// deleted keys in the dirty map (Go issue 40999; fixed in go1.15.2 by the
// backport of CL 250197, issue 41011): a point-release profile.
constexpr VersionProfile Go1150() {
  VersionProfile p = Make("go1.15.0", 15);
  p.syncmap_issue40999 = true;
  return p;
}

constexpr std::array kProfiles = {
    Go1141(), Make("go1.14", 14), Go1150(), Make("go1.15", 15), Make("go1.16", 16), Make("go1.17", 17),
    Make("go1.18", 18), Make("go1.19", 19), Make("go1.20", 20), Make("go1.21", 21),
    Make("go1.22", 22), Make("go1.23", 23),
};

static_assert(kProfiles.front().minor == 14 && kProfiles.back().minor == 23,
              "gostep models go1.14 … go1.23");

}  // namespace

std::span<const VersionProfile> AllProfiles() { return kProfiles; }

const VersionProfile& NewestProfile() { return kProfiles.back(); }

const VersionProfile* FindProfile(std::string_view name) {
  if (name.starts_with("go")) name.remove_prefix(2);
  for (const VersionProfile& p : kProfiles) {
    if (p.name.substr(2) == name) return &p;
  }
  return nullptr;
}

std::string ProfileNames() {
  std::string out;
  for (const VersionProfile& p : kProfiles) {
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out;
}

}  // namespace gostep::base
