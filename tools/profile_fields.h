// tools/profile_fields.h — the fields of base::VersionProfile as data, for
// `gostep versions`: name, what it changes, and its evidence (condensed from
// the field's comment in base/version_profile.h, which stays the reference).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/version_profile.h"

namespace gostep::tools {

struct ProfileField {
  std::string_view name;      // the field of VersionProfile
  std::string_view summary;   // what it changes
  std::string_view evidence;  // release notes, CLs, issues, sources
  bool base::VersionProfile::*flag = nullptr;              // a bool field…
  std::string (*value)(const base::VersionProfile&) = nullptr;  // …or another type, rendered
};

std::span<const ProfileField> ProfileFields();

// FieldValue renders one profile's value: "on"/"off", or the rendered value.
std::string FieldValue(const ProfileField& f, const base::VersionProfile& p);

}  // namespace gostep::tools
