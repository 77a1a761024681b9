#include "gc/type.h"

#include "base/check.h"

namespace gostep::gc {

TypeTable::TypeTable() {
  pointer_ = Struct("unsafe.Pointer", 8, {0});
  int_ = Scalar("int", 8);
  string_ = Struct("string", 16, {0});
  slice_ = Struct("[]unsafe.Pointer", 24, {0});
}

const Type* TypeTable::Scalar(std::string_view name, uint64_t size) { return Struct(name, size, {}); }

const Type* TypeTable::Struct(std::string_view name, uint64_t size, std::initializer_list<uint64_t> words) {
  return Struct(name, size, std::vector<uint64_t>(words));
}

const Type* TypeTable::Struct(std::string_view name, uint64_t size, const std::vector<uint64_t>& words) {
  Type t;
  t.id = static_cast<uint32_t>(types_.size());
  t.name = name;
  t.size = size;
  uint64_t last = 0;
  for (uint64_t w : words) {
    GOSTEP_CHECK((w + 1) * kPtrSize <= size) << "pointer word " << w << " outside type " << name;
    if (t.ptrmask.size() <= (w >> 6)) t.ptrmask.resize((w >> 6) + 1);
    t.ptrmask[w >> 6] |= uint64_t{1} << (w & 63);
    last = std::max(last, w + 1);
  }
  t.ptrdata = last * kPtrSize;
  GOSTEP_CHECK(t.ptrdata == 0 || size % kPtrSize == 0) << "pointerful type " << name << " size not word-aligned";
  types_.push_back(std::move(t));
  return &types_.back();
}

}  // namespace gostep::gc
