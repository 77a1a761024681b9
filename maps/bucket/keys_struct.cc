// maps/bucket/keys_struct.cc — hashing, equality and boxing of struct,
// array and interface keys (key_layout.h).
//
// Three hash functions, as Go has them:
//  - KeyAlg::Hash is the map type's `hasher`, genhash(K) of the compiler:
//    memhash0/8/16/32/64/128 or memhash_varlen for plain memory of those
//    sizes (AMEM32/AMEM64: memhash32/memhash64, not memhash(p,h,4/8)),
//    strhash, f32hash/f64hash, nilinterhash, or a generated function that
//    walks a struct: blank fields skipped, each maximal run of regular-memory
//    fields ending at padding hashed with memhash(p, h, runsize), any other
//    field with its own function (hashfor); an array loops over its elements.
//  - KeyAlg::Typehash is runtime.typehash (go1.15+), used for the dynamic
//    value of an interface: a regular-memory type of size 4/8 is
//    memhash32/memhash64, another size memhash(p, h, size) (even 0); a struct
//    hashes every non-blank field with typehash (no runs), an array each
//    element. go1.14's nilinterhash used t.alg.hash, the compiler's function.
//  - KeyAlg::Nilinterhash is runtime.nilinterhash: a nil interface hashes to
//    h; an uncomparable dynamic type panics "hash of unhashable type T";
//    otherwise c1 * typehash(t, data, h^c0), where data is &eface.data for a
//    pointer-shaped (direct) type and eface.data otherwise.
// Equality is field by field (floats IEEE ==, strings by length then bytes,
// interfaces efaceeq: same _type, then the type's equality); plain memory
// is compared as bytes.
#include <fmt/format.h>

#include <array>

#include "base/check.h"
#include "maps/bucket/hmap.h"
#include "maps/bucket/key_layout.h"

namespace gostep::maps {
namespace {

// runtime.staticuint64s: [256]uint64{0, 1, …, 255}, read little-endian.
constexpr std::array<uint64_t, 256> kStaticUint64s = [] {
  std::array<uint64_t, 256> a{};
  for (uint64_t i = 0; i < 256; ++i) a[i] = i;
  return a;
}();
constexpr size_t kZeroValSize = 1024;  // runtime.maxZero (go1.14–go1.23)
alignas(8) constexpr uint8_t kZeros[kZeroValSize] = {};

uint64_t Word(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

template <typename F>
F Load(const uint8_t* p) {
  F f;
  std::memcpy(&f, p, sizeof(F));
  return f;
}

}  // namespace

// ==== KeyReader ===============================================================

const uint8_t* KeyReader::Read(gc::Addr a, uint64_t n, const char* what) {
  if (n == 0) return kZeros;
  uint64_t statics = sizeof(kStaticUint64s);
  if (a - kStaticUint64sAddr < statics) {
    GOSTEP_CHECK(a - kStaticUint64sAddr + n <= statics) << "read past runtime.staticuint64s";
    return reinterpret_cast<const uint8_t*>(kStaticUint64s.data()) + (a - kStaticUint64sAddr);
  }
  if (a - kZeroValAddr < kZeroValSize) {
    GOSTEP_CHECK(a - kZeroValAddr + n <= kZeroValSize) << "read past runtime.zeroVal";
    return kZeros + (a - kZeroValAddr);
  }
  return c_.Raw(gc::Ref{a, 0}, 0, n, what);
}

// ==== Hashes ==================================================================

void KeyAlg::Panic(const std::string& msg) {
  mem_.collector().world().GoPanic("runtime error: " + msg);
  __builtin_unreachable();  // World::GoPanic is [[noreturn]]
}

uint64_t KeyAlg::StrHash(const uint8_t* p, uint64_t h) {
  uint64_t len = Word(p + 8);
  return Memhash(seeds_, fb_, mem_.Read(Word(p), len, "string key"), len, h);
}

// Models the hasher genhash(t) gives (reflectdata/alg.go, go1.14–go1.23).
uint64_t KeyAlg::Hash(const GoType* t, const uint8_t* p, uint64_t h) {
  switch (t->map_alg) {
    case AlgKind::kMem0: return Memhash0(p, h);
    case AlgKind::kMem32: return Memhash32(seeds_, fb_, p, h);
    case AlgKind::kMem64: return Memhash64(seeds_, fb_, p, h);
    case AlgKind::kMem8:
    case AlgKind::kMem16:
    case AlgKind::kMem128:
    case AlgKind::kMem: return MemHash(p, t->size, h);
    case AlgKind::kString: return StrHash(p, h);
    case AlgKind::kFloat32: return F32hash(seeds_, fb_, p, h, nan_);
    case AlgKind::kFloat64: return F64hash(seeds_, fb_, p, h, nan_);
    case AlgKind::kNilInter: return Nilinterhash(p, h);
    case AlgKind::kInter: GOSTEP_CHECK(false) << "non-empty interface keys are not modelled"; break;
    case AlgKind::kNoEq: Panic("hash of unhashable type " + t->name);
    case AlgKind::kSpecial:
      if (t->kind == GoKind::kStruct) return StructHash(t, p, h);
      for (uint32_t i = 0; i < t->len; ++i) h = Hash(t->elem, p + i * t->elem->size, h);
      return h;
  }
  return h;
}

// The generated .hash.T of a struct (genhash's TSTRUCT case with
// compare.Memrun, go1.14–go1.23).
uint64_t KeyAlg::StructHash(const GoType* t, const uint8_t* p, uint64_t h) {
  const size_t n = t->fields.size();
  for (size_t i = 0; i < n;) {
    const GoField& f = t->fields[i];
    if (f.blank()) {
      ++i;
      continue;
    }
    if (!f.type->regular_memory) {
      h = Hash(f.type, p + f.offset, h);
      ++i;
      continue;
    }
    size_t next = i + 1;  // Memrun: stop after a padded field, before a blank or non-memory one
    while (next < n && !IsPaddedField(*t, next - 1) && !t->fields[next].blank() &&
           t->fields[next].type->regular_memory) {
      ++next;
    }
    h = MemHash(p + f.offset, t->fields[next - 1].end() - f.offset, h);
    i = next;
  }
  return h;
}

// Models runtime.typehash (alg.go, go1.15–go1.23).
uint64_t KeyAlg::Typehash(const GoType* t, const uint8_t* p, uint64_t h) {
  if (!runtime_typehash_) return Hash(t, p, h);  // go1.14: t.alg.hash
  if (t->regular_memory) {
    if (t->size == 4) return Memhash32(seeds_, fb_, p, h);
    if (t->size == 8) return Memhash64(seeds_, fb_, p, h);
    return MemHash(p, t->size, h);
  }
  switch (t->kind) {
    case GoKind::kFloat32: return F32hash(seeds_, fb_, p, h, nan_);
    case GoKind::kFloat64: return F64hash(seeds_, fb_, p, h, nan_);
    case GoKind::kString: return StrHash(p, h);
    case GoKind::kIface: return Nilinterhash(p, h);
    case GoKind::kArray:
      for (uint32_t i = 0; i < t->len; ++i) h = Typehash(t->elem, p + i * t->elem->size, h);
      return h;
    case GoKind::kStruct:
      for (const GoField& f : t->fields) {
        if (!f.blank()) h = Typehash(f.type, p + f.offset, h);
      }
      return h;
    default: Panic("hash of unhashable type " + t->name);
  }
}

const GoType* KeyAlg::DynType(const uint8_t* eface) {
  uint64_t w = Word(eface);
  if (w == 0) return nullptr;
  const GoType* t = types_.ByAddr(w);
  GOSTEP_CHECK(t != nullptr) << fmt::format("interface type word {:#x} is no type descriptor", w);
  return t;
}

const uint8_t* KeyAlg::DynData(const GoType* t, const uint8_t* eface) {
  if (t->direct_iface) return eface + 8;  // the data word is the value
  return mem_.Read(Word(eface + 8), t->size, "interface data");
}

// Models runtime.nilinterhash (alg.go, go1.14–go1.23).
uint64_t KeyAlg::Nilinterhash(const uint8_t* p, uint64_t h) {
  const GoType* t = DynType(p);
  if (t == nullptr) return h;
  if (!t->comparable()) Panic("hash of unhashable type " + t->name);
  return kHashC1 * Typehash(t, DynData(t, p), h ^ kHashC0);
}

// ==== Equality ================================================================

// Models t.equal: memequal, f32equal/f64equal, strequal, the compiler's
// struct/array eq functions, nilinterequal/efaceeq (go1.14–go1.23).
bool KeyAlg::Equal(const GoType* t, const uint8_t* a, const uint8_t* b) {
  if (t->regular_memory) return std::memcmp(a, b, t->size) == 0;
  switch (t->kind) {
    case GoKind::kFloat32: return Load<float>(a) == Load<float>(b);
    case GoKind::kFloat64: return Load<double>(a) == Load<double>(b);
    case GoKind::kString: {
      uint64_t len = Word(a + 8);
      if (len != Word(b + 8)) return false;
      if (Word(a) == Word(b)) return true;
      const uint8_t* x = mem_.Read(Word(a), len, "string key");
      return std::memcmp(x, mem_.Read(Word(b), len, "string key"), len) == 0;
    }
    case GoKind::kArray:
      for (uint32_t i = 0; i < t->len; ++i) {
        if (!Equal(t->elem, a + i * t->elem->size, b + i * t->elem->size)) return false;
      }
      return true;
    case GoKind::kStruct:
      for (const GoField& f : t->fields) {
        if (!f.blank() && !Equal(f.type, a + f.offset, b + f.offset)) return false;
      }
      return true;
    case GoKind::kIface: {
      if (Word(a) != Word(b)) return false;
      const GoType* dt = DynType(a);
      if (dt == nullptr) return true;
      if (!dt->comparable()) Panic("comparing uncomparable type " + dt->name);
      if (dt->direct_iface) return Word(a + 8) == Word(b + 8);
      const uint8_t* x = DynData(dt, a);
      return Equal(dt, x, DynData(dt, b));
    }
    default: Panic("comparing uncomparable type " + t->name);
  }
}

// ==== Boxing (convT*) ==========================================================

namespace {

// SoleComponent is types.(*Type).SoleComponent.
const GoType* SoleComponent(const GoType* t) {
  if (t->kind == GoKind::kStruct) return t->fields.size() == 1 ? SoleComponent(t->fields[0].type) : nullptr;
  if (t->kind == GoKind::kArray) return t->len == 1 ? SoleComponent(t->elem) : nullptr;
  return t;
}

// ConvTSmall is convT16/convT32/convT64 (iface.go, go1.14–go1.23): a value
// below 256 points into staticuint64s, another gets a new noscan object.
gc::Ref ConvTSmall(gc::Collector& c, const KeyImage& v, uint32_t size) {
  uint64_t val = 0;
  std::memcpy(&val, v.bytes.data(), size);
  if (val < 256) return gc::Ref{kStaticUint64sAddr + 8 * val, 0};
  static constexpr const char* kNames[] = {"", "", "uint16", "", "uint32", "", "", "", "uint64"};
  gc::Ref x = c.New(c.types().Scalar(kNames[size], size));
  std::memcpy(c.Raw(x, 0, size, "convT"), v.bytes.data(), size);
  return x;
}

// ConvT is convT/convTnoptr (and convTstring for a non-empty string):
// mallocgc(t.size, t) and typedmemmove, pointer words with the barrier.
gc::Ref ConvT(gc::Collector& c, const GoType* t, const KeyImage& v) {
  TempRoot x_root(c, c.New(t->heap));  // convT's x: live across the barriered stores
  gc::Ref x = x_root.get();
  uint8_t* p = c.Raw(x, 0, t->size, "convT");
  std::memcpy(p, v.bytes.data(), t->size);
  for (uint32_t w : t->ptr_words) std::memset(p + 8 * w, 0, 8);  // written below, with the barrier
  for (uint32_t w : t->ptr_words) c.StorePtr(x, 8 * w, gc::Ref{Word(v.bytes.data() + 8 * w), v.ids[w]});
  return x;
}

}  // namespace

// Models walk/convert.go:dataWord and dataWordFuncName (go1.19 read; the
// same choices since go1.16's convT16/32/64/convTstring) and runtime/iface.go's
// convT* functions.
Eface Box(gc::Collector& c, const GoType* t, const KeyImage& v) {
  Eface e{t->addr, {}};
  GOSTEP_CHECK(v.bytes.size() == t->size) << "a value of " << t->name << " needs " << t->size << " bytes";
  if (t->direct_iface) {
    e.data = gc::Ref{Word(v.bytes.data()), v.ids[0]};
    return e;
  }
  const GoType* sole = SoleComponent(t);
  bool is_int = sole != nullptr && sole->kind == GoKind::kInt;  // bool and the integers
  if (t->size == 0) {
    e.data = gc::Ref{gc::kZeroBaseAddr, 0};
  } else if (t->size == 1 && is_int) {
    e.data = gc::Ref{kStaticUint64sAddr + 8 * v.bytes[0], 0};
  } else if ((t->size == 2 && t->align == 2) || (t->size == 4 && t->align == 4 && !t->has_pointers()) ||
             (t->size == 8 && t->align == 8 && !t->has_pointers())) {
    e.data = ConvTSmall(c, v, t->size);
  } else if (sole != nullptr && sole->kind == GoKind::kString && Word(v.bytes.data() + 8) == 0) {
    e.data = gc::Ref{kZeroValAddr, 0};  // convTstring("")
  } else {
    e.data = ConvT(c, t, v);
  }
  return e;
}

}  // namespace gostep::maps
