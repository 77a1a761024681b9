// gc/size_classes.cc — the two generated size-class tables and mallocgc's
// choice of slot. See size_classes.h for the sources and the steps.
#include "gc/size_classes.h"

namespace gostep::gc {
namespace {

// ==== The tables ==============================================================
// The four arrays of runtime/sizeclasses.go, unchanged (only reflowed).

// go1.16–go1.23: copied from go1.19.8 runtime/sizeclasses.go.
constexpr SizeClassTable kTable24 = {
    .num_classes = 68,
    .class_to_size = {
        0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288,
        320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536,
        1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192,
        9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576,
        27264, 28672, 32768
    },
    .class_to_allocnpages = {
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7,
        5, 8, 3, 10, 7, 4
    },
    .size_to_class8 = {
        0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15,
        16, 16, 17, 17, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22, 22, 23,
        23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27, 27, 27, 27, 27, 27, 27, 27,
        28, 28, 28, 28, 28, 28, 28, 28, 29, 29, 29, 29, 29, 29, 29, 29, 30, 30, 30, 30, 30, 30, 30,
        30, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 32, 32, 32, 32, 32, 32,
        32, 32, 32, 32, 32, 32, 32, 32, 32, 32
    },
    .size_to_class128 = {
        32, 33, 34, 35, 36, 37, 37, 38, 38, 39, 39, 40, 40, 40, 41, 41, 41, 42, 43, 43, 44, 44, 44,
        44, 44, 45, 45, 45, 45, 45, 45, 46, 46, 46, 46, 47, 47, 47, 47, 47, 47, 48, 48, 48, 49, 49,
        50, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 52, 52, 52, 52, 52, 52, 52, 52, 52, 52, 53, 53,
        54, 54, 54, 54, 55, 55, 55, 55, 55, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 57, 57, 57,
        57, 57, 57, 57, 57, 57, 57, 58, 58, 58, 58, 58, 58, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59,
        59, 59, 59, 59, 59, 59, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 61,
        61, 61, 61, 61, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 63, 63, 63, 63, 63, 63, 63, 63,
        63, 63, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 66,
        66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67,
        67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67
    },
};

// go1.14–go1.15: copied from go1.15.3 runtime/sizeclasses.go.
constexpr SizeClassTable kTableNo24 = {
    .num_classes = 67,
    .class_to_size = {
        0, 8, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
        352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
        2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472,
        9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264,
        28672, 32768
    },
    .class_to_allocnpages = {
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5,
        8, 3, 10, 7, 4
    },
    .size_to_class8 = {
        0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14,
        15, 15, 16, 16, 17, 17, 18, 18, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22,
        22, 22, 22, 23, 23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 26, 26, 26, 26,
        27, 27, 27, 27, 27, 27, 27, 27, 28, 28, 28, 28, 28, 28, 28, 28, 29, 29, 29, 29, 29, 29, 29,
        29, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 31, 31, 31, 31, 31, 31,
        31, 31, 31, 31, 31, 31, 31, 31, 31, 31
    },
    .size_to_class128 = {
        31, 32, 33, 34, 35, 36, 36, 37, 37, 38, 38, 39, 39, 39, 40, 40, 40, 41, 42, 42, 43, 43, 43,
        43, 43, 44, 44, 44, 44, 44, 44, 45, 45, 45, 45, 46, 46, 46, 46, 46, 46, 47, 47, 47, 48, 48,
        49, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 52, 52,
        53, 53, 53, 53, 54, 54, 54, 54, 54, 55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 56, 56, 56,
        56, 56, 56, 56, 56, 56, 56, 57, 57, 57, 57, 57, 57, 58, 58, 58, 58, 58, 58, 58, 58, 58, 58,
        58, 58, 58, 58, 58, 58, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59, 60,
        60, 60, 60, 60, 61, 61, 61, 61, 61, 61, 61, 61, 61, 61, 61, 62, 62, 62, 62, 62, 62, 62, 62,
        62, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
        63, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 65,
        65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66,
        66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66
    },
};

// ==== Compile-time checks =====================================================

// ClassesAscend reports whether class sizes rise strictly, are multiples of 8,
// have spans of at least one page, and end at kMaxSmallSize.
constexpr bool ClassesAscend(const SizeClassTable& t) {
  for (int c = 1; c < t.num_classes; ++c) {
    if (t.class_to_size[c] <= t.class_to_size[c - 1] || t.class_to_size[c] % 8 != 0) return false;
    if (t.class_to_allocnpages[c] == 0) return false;
  }
  return t.class_to_size[t.num_classes - 1] == kMaxSmallSize;
}

// SmallestFit returns the smallest class of t holding `size` bytes.
constexpr int SmallestFit(const SizeClassTable& t, uint64_t size) {
  int c = 0;
  while (t.class_to_size[c] < size) ++c;
  return c;
}

// LookupsFit reports whether every entry of both lookup arrays is the
// smallest class holding the largest size that maps to that entry.
constexpr bool LookupsFit(const SizeClassTable& t) {
  for (int i = 0; i < kSizeToClass8Len; ++i) {
    if (t.size_to_class8[i] != SmallestFit(t, i * kSmallSizeDiv)) return false;
  }
  for (int i = 0; i < kSizeToClass128Len; ++i) {
    if (t.size_to_class128[i] != SmallestFit(t, kSmallSizeMax + i * kLargeSizeDiv)) return false;
  }
  return true;
}

static_assert(ClassesAscend(kTable24) && ClassesAscend(kTableNo24), "sizes ascend, multiples of 8");
static_assert(LookupsFit(kTable24) && LookupsFit(kTableNo24), "lookups pick the smallest fit");
static_assert(kTable24.class_to_size[3] == 24 && kTableNo24.class_to_size[3] == 32,
              "the tables differ by the 24-byte class");
static_assert(kTable24.class_to_size[kTinySizeClass] == kTinySize &&
                  kTableNo24.class_to_size[kTinySizeClass] == kTinySize,
              "tiny blocks come from the 16-byte class");
static_assert(kTable24.class_to_size[SmallestFit(kTable24, kMinSizeForMallocHeader)] == kMinSizeForMallocHeader,
              "minSizeForMallocHeader is a class size, so heapBitsInSpan is invariant under rounding");
static_assert(kTable24.class_to_size[kTable24.num_classes - 2] < kMaxSmallSize - kMallocHeaderSize &&
                  kTable24.class_to_allocnpages[kTable24.num_classes - 1] * kPageSize == kMaxSmallSize,
              "the go1.22 small/large window only takes objects from the largest class, whose "
              "spans hold one object each: as large objects they get the same 4 pages");

// ==== mallocgc's choice =======================================================

// DivRoundUp is Go's divRoundUp: (n + a - 1) / a, wrapping like uintptr.
constexpr uint64_t DivRoundUp(uint64_t n, uint64_t a) { return (n + a - 1) / a; }

// Large returns the slot of a large object: its own span (mcache.allocLarge).
AllocSize Large(uint64_t size) {
  uint64_t npages = size >> kPageShift;
  if (size & (kPageSize - 1)) ++npages;
  return {.elemsize = npages * kPageSize, .npages = npages, .large = true};
}

// Small returns the slot of class c, with `header` bytes of malloc header.
AllocSize Small(const SizeClassTable& t, int c, uint64_t header, bool tiny) {
  return {.sizeclass = c, .elemsize = t.class_to_size[c], .header = header,
          .npages = t.class_to_allocnpages[c], .tiny = tiny};
}

}  // namespace

const SizeClassTable& SizeClassesWith24() { return kTable24; }
const SizeClassTable& SizeClassesWithout24() { return kTableNo24; }

const SizeClassTable& SizeClasses(const base::VersionProfile& profile) {
  return profile.size_class_24 ? kTable24 : kTableNo24;
}

int SizeToClass(const SizeClassTable& t, uint64_t size) {
  if (size > kMaxSmallSize) return 0;
  if (size <= kSmallSizeMax - 8) return t.size_to_class8[DivRoundUp(size, kSmallSizeDiv)];
  return t.size_to_class128[DivRoundUp(size - kSmallSizeMax, kLargeSizeDiv)];
}

// Models the size decisions of runtime/malloc.go:mallocgc (go1.14–go1.23).
AllocSize ClassFor(const base::VersionProfile& profile, uint64_t size, bool noscan) {
  if (size == 0) return {.zerobase = true};
  const SizeClassTable& t = SizeClasses(profile);
  uint64_t max_small = profile.malloc_headers ? kMaxSmallSize - kMallocHeaderSize : kMaxSmallSize;
  if (size > max_small) return Large(size);
  if (noscan && size < kTinySize) return Small(t, kTinySizeClass, 0, /*tiny=*/true);
  bool has_header = profile.malloc_headers && !noscan && size > kMinSizeForMallocHeader;  // !heapBitsInSpan
  uint64_t header = has_header ? kMallocHeaderSize : 0;
  return Small(t, SizeToClass(t, size + header), header, /*tiny=*/false);
}

}  // namespace gostep::gc
