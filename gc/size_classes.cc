#include "gc/size_classes.h"

namespace gostep::gc {
namespace {
constexpr SizeClassTable kGo119 = {
    68,
    {0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768},
    {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 1, 2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8, 3, 10, 7, 4},
};
}  // namespace

const SizeClassTable& SizeClasses(const base::VersionProfile&) { return kGo119; }

int SizeToClass(const SizeClassTable& t, uint64_t size) {
  if (size > kMaxSmallSize) return 0;
  for (int c = 1; c < t.num_classes; ++c) {
    if (t.class_to_size[c] >= size) return c;
  }
  return 0;
}

AllocSize ClassFor(const base::VersionProfile& profile, uint64_t size, bool noscan) {
  const SizeClassTable& t = SizeClasses(profile);
  AllocSize a;
  if (size > kMaxSmallSize) {
    a.large = true;
    a.npages = (size + kPageSize - 1) / kPageSize;
    a.elemsize = a.npages * kPageSize;
    return a;
  }
  a.sizeclass = SizeToClass(t, size == 0 ? 1 : size);
  a.elemsize = t.class_to_size[a.sizeclass];
  a.npages = t.class_to_allocnpages[a.sizeclass];
  return a;
}

}  // namespace gostep::gc
