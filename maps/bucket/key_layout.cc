// maps/bucket/key_layout.cc — the GoTypes registry: layout (size, alignment,
// field offsets) and the derived algorithm facts of each type. See
// key_layout.h for what is modelled.
//
// Invariants: a registered type never changes and keeps its address; its
// fields' types are registered before it; addr is kRodataBase +
// kTypeDescStride * (registration index), unique per type.
#include "maps/bucket/key_layout.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/check.h"

namespace gostep::maps {
namespace {

uint32_t Round(uint32_t x, uint32_t a) { return (x + a - 1) / a * a; }

// Models types/alg.go:AlgType (go1.14–go1.23): AMEM, ANOEQ or a special kind.
AlgKind TypesAlg(const GoType& t) {
  switch (t.kind) {
    case GoKind::kInt:
    case GoKind::kPointer: return AlgKind::kMem;
    case GoKind::kFloat32: return AlgKind::kFloat32;
    case GoKind::kFloat64: return AlgKind::kFloat64;
    case GoKind::kString: return AlgKind::kString;
    case GoKind::kIface: return t.len != 0 ? AlgKind::kInter : AlgKind::kNilInter;  // len: method count
    case GoKind::kNoEq: return AlgKind::kNoEq;
    case GoKind::kArray: {
      AlgKind a = t.elem->alg;
      if (a == AlgKind::kMem || a == AlgKind::kNoEq) return a;
      if (t.len == 0) return AlgKind::kMem;
      return t.len == 1 ? a : AlgKind::kSpecial;
    }
    case GoKind::kStruct: {
      if (t.fields.size() == 1 && !t.fields[0].blank()) return t.fields[0].type->alg;
      AlgKind ret = AlgKind::kMem;
      for (size_t i = 0; i < t.fields.size(); ++i) {
        AlgKind a = t.fields[i].type->alg;
        if (a == AlgKind::kNoEq) return a;
        if (a != AlgKind::kMem || t.fields[i].blank() || IsPaddedField(t, i)) ret = AlgKind::kSpecial;
      }
      return ret;
    }
  }
  return AlgKind::kNoEq;
}

// Models reflectdata/alg.go:AlgType (go1.17–go1.23; gc.algtype before): AMEM
// by size (amd64's Alignment is 1, so issue 46283's check never applies).
AlgKind MapAlg(const GoType& t) {
  if (t.alg != AlgKind::kMem) return t.alg;
  switch (t.size) {
    case 0: return AlgKind::kMem0;
    case 1: return AlgKind::kMem8;
    case 2: return AlgKind::kMem16;
    case 4: return AlgKind::kMem32;
    case 8: return AlgKind::kMem64;
    case 16: return AlgKind::kMem128;
    default: return AlgKind::kMem;
  }
}

// Models types.IsDirectIface (go1.14–go1.23).
bool DirectIface(const GoType& t) {
  switch (t.kind) {
    case GoKind::kPointer: return true;
    case GoKind::kArray: return t.len == 1 && t.elem->direct_iface;
    case GoKind::kStruct: return t.fields.size() == 1 && t.fields[0].type->direct_iface;
    default: return false;
  }
}

// PtrWords is typebits.Set: the pointer words of t at byte offset `off`.
void PtrWords(const GoType& t, uint32_t off, std::vector<uint32_t>* out) {
  switch (t.kind) {
    case GoKind::kString:
    case GoKind::kPointer: out->push_back(off / 8); return;
    case GoKind::kIface: out->push_back(off / 8 + 1); return;  // the data word only
    case GoKind::kNoEq:
      if (t.has_pointers()) out->push_back(off / 8);  // a slice's array (modelled types: slices)
      return;
    case GoKind::kArray:
      for (uint32_t i = 0; i < t.len && t.elem->has_pointers(); ++i) PtrWords(*t.elem, off + i * t.elem->size, out);
      return;
    case GoKind::kStruct:
      for (const GoField& f : t.fields) PtrWords(*f.type, off + f.offset, out);
      return;
    default: return;
  }
}

// Models reflectdata needkeyupdate and types.IsReflexive (go1.14–go1.23):
// a struct or array inherits from its fields (blank ones too) or elem.
void Inherit(GoType& t) {
  switch (t.kind) {
    case GoKind::kFloat32:
    case GoKind::kFloat64:  // ±0 (needkeyupdate), NaN != NaN (not reflexive)
      t.reflexive = false;
      t.needkeyupdate = true;
      return;
    case GoKind::kString: t.needkeyupdate = true; return;  // a key may share a larger backing store
    case GoKind::kIface:
      t.reflexive = false;
      t.needkeyupdate = true;
      t.hash_might_panic = true;
      return;
    case GoKind::kArray:
      t.reflexive = t.elem->reflexive;
      t.needkeyupdate = t.elem->needkeyupdate;
      t.hash_might_panic = t.elem->hash_might_panic;
      return;
    case GoKind::kStruct:
      for (const GoField& f : t.fields) {
        t.reflexive = t.reflexive && f.type->reflexive;
        t.needkeyupdate = t.needkeyupdate || f.type->needkeyupdate;
        t.hash_might_panic = t.hash_might_panic || f.type->hash_might_panic;
      }
      return;
    default: return;
  }
}

}  // namespace

// Models types/alg.go:IsPaddedField (go1.14–go1.23).
bool IsPaddedField(const GoType& t, size_t i) {
  uint32_t end = i + 1 < t.fields.size() ? t.fields[i + 1].offset : t.size;
  return t.fields[i].end() != end;
}

uint32_t GoField::end() const { return offset + type->size; }

GoTypes::GoTypes(gc::TypeTable& heap_types) : heap_types_(heap_types) {
  struct B {
    const char* name;
    GoKind kind;
    uint32_t size;
  };
  static constexpr B kBasic[] = {
      {"int8", GoKind::kInt, 1},       {"uint8", GoKind::kInt, 1},       {"bool", GoKind::kInt, 1},
      {"int16", GoKind::kInt, 2},      {"uint16", GoKind::kInt, 2},      {"int32", GoKind::kInt, 4},
      {"uint32", GoKind::kInt, 4},     {"int64", GoKind::kInt, 8},       {"uint64", GoKind::kInt, 8},
      {"int", GoKind::kInt, 8},        {"uint", GoKind::kInt, 8},        {"uintptr", GoKind::kInt, 8},
      {"float32", GoKind::kFloat32, 4}, {"float64", GoKind::kFloat64, 8}, {"string", GoKind::kString, 16},
      {"interface {}", GoKind::kIface, 16},
  };
  for (const B& b : kBasic) {
    GoType t;
    t.name = b.name;
    t.kind = b.kind;
    t.size = b.size;
    t.align = std::min<uint32_t>(b.size, 8);
    Add(std::move(t));
  }
  by_name_["byte"] = by_name_["uint8"];
  by_name_["any"] = by_name_["interface {}"];
}

const GoType* GoTypes::Basic(std::string_view name) {
  auto it = by_name_.find(std::string(name));
  GOSTEP_CHECK(it != by_name_.end()) << "no basic Go type " << name;
  return it->second;
}

// Struct lays the fields out as types.calcStructOffset (go1.14–go1.23): each
// at its alignment; a non-zero-size struct ending in a zero-size field gets
// one more byte; the size rounded to the largest alignment.
const GoType* GoTypes::Struct(std::string name, const std::vector<std::pair<std::string, const GoType*>>& fields) {
  GoType t;
  t.kind = GoKind::kStruct;
  if (auto it = by_name_.find(name); !name.empty() && it != by_name_.end()) return it->second;
  uint32_t off = 0, lastzero = 0;
  std::string spelled;
  for (const auto& [fname, ftype] : fields) {
    off = Round(off, ftype->align);
    t.align = std::max(t.align, ftype->align);
    t.fields.push_back(GoField{fname, ftype, off});
    if (ftype->size == 0) lastzero = off;
    off += ftype->size;
    spelled += fmt::format("{}{} {}", spelled.empty() ? "" : "; ", fname, ftype->name);
  }
  if (lastzero != 0 && lastzero == off) ++off;
  t.size = Round(off, t.align);
  t.name = name.empty() ? (fields.empty() ? "struct {}" : fmt::format("struct {{ {} }}", spelled)) : std::move(name);
  if (auto it = by_name_.find(t.name); it != by_name_.end()) return it->second;  // identical types: one descriptor
  return Add(std::move(t));
}

const GoType* GoTypes::Array(const GoType* elem, uint32_t n) {
  std::string name = fmt::format("[{}]{}", n, elem->name);
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  GoType t;
  t.name = std::move(name);
  t.kind = GoKind::kArray;
  t.elem = elem;
  t.len = n;
  t.size = elem->size * n;
  t.align = elem->align;
  return Add(std::move(t));
}

const GoType* GoTypes::PointerTo(const GoType* elem) {
  std::string name = "*" + elem->name;
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  GoType t;
  t.name = std::move(name);
  t.kind = GoKind::kPointer;
  t.elem = elem;
  t.size = t.align = 8;
  return Add(std::move(t));
}

const GoType* GoTypes::SliceOf(const GoType* elem) {
  std::string name = "[]" + elem->name;
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  GoType t;
  t.name = std::move(name);
  t.kind = GoKind::kNoEq;
  t.elem = elem;
  t.size = 24;
  t.align = 8;
  t.ptr_words = {0};
  return Add(std::move(t));
}

const GoType* GoTypes::ByAddr(gc::Addr a) const {
  if (a < kRodataBase || (a - kRodataBase) % kTypeDescStride != 0) return nullptr;
  uint64_t i = (a - kRodataBase) / kTypeDescStride;
  return i < types_.size() ? &types_[i] : nullptr;
}

// Derive sets what the compiler computes from the layout.
void GoTypes::Derive(GoType& t) const {
  t.alg = TypesAlg(t);
  t.map_alg = MapAlg(t);
  t.regular_memory = t.alg == AlgKind::kMem;
  t.direct_iface = DirectIface(t);
  if (t.kind != GoKind::kNoEq) PtrWords(t, 0, &t.ptr_words);
  Inherit(t);
}

const GoType* GoTypes::Add(GoType t) {
  Derive(t);
  t.addr = kRodataBase + kTypeDescStride * types_.size();
  std::vector<uint64_t> words(t.ptr_words.begin(), t.ptr_words.end());
  t.heap = words.empty() ? heap_types_.Scalar(t.name, std::max<uint32_t>(t.size, 1))
                         : heap_types_.Struct(t.name, t.size, words);
  types_.push_back(std::move(t));
  const GoType* p = &types_.back();
  by_name_.emplace(p->name, p);
  return p;
}

void KeyImage::PutImage(uint32_t off, const KeyImage& v) {
  std::memcpy(bytes.data() + off, v.bytes.data(), v.bytes.size());
  for (size_t w = 0; w < v.ids.size() && off % 8 == 0; ++w) {
    if (v.ids[w] != 0) ids[off / 8 + w] = v.ids[w];
  }
}

}  // namespace gostep::maps
