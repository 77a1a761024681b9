// gc/size_classes.h — TEMPORARY stand-in (go1.19 table only) until the
// per-release tables land from the helper-sizes branch.
#pragma once

#include <cstdint>

#include "base/version_profile.h"

namespace gostep::gc {

constexpr uint64_t kPageShift = 13;
constexpr uint64_t kPageSize = uint64_t{1} << kPageShift;
constexpr uint64_t kMaxSmallSize = 32768;
constexpr int kNumSizeClassesMax = 68;

struct SizeClassTable {
  int num_classes;
  uint16_t class_to_size[kNumSizeClassesMax];
  uint8_t class_to_allocnpages[kNumSizeClassesMax];
};

const SizeClassTable& SizeClasses(const base::VersionProfile& profile);
int SizeToClass(const SizeClassTable& t, uint64_t size);

struct AllocSize {
  int sizeclass = 0;
  uint64_t elemsize = 0;
  uint64_t header = 0;
  uint64_t npages = 0;
  bool large = false;
};
AllocSize ClassFor(const base::VersionProfile& profile, uint64_t size, bool noscan);

}  // namespace gostep::gc
