#include "maps/bucket/map_type.h"

#include <fmt/format.h>

#include "base/check.h"
#include "maps/bucket/key_layout.h"

namespace gostep::maps {
namespace {

uint32_t Align(uint32_t x, uint32_t a) { return (x + a - 1) / a * a; }

uint32_t KeySize(KeyKind k, uint32_t bytes) {
  switch (k) {
    case KeyKind::kInt8: return 1;
    case KeyKind::kInt16: return 2;
    case KeyKind::kInt32: case KeyKind::kFloat32: return 4;
    case KeyKind::kInt64: case KeyKind::kFloat64: return 8;
    case KeyKind::kString: return 16;
    case KeyKind::kBytes: return bytes;
    default: return 0;
  }
  return 0;
}

// KeyGoName is the key type as Go spells it in the map type's name.
std::string KeyGoName(KeyKind k, uint32_t bytes) {
  return k == KeyKind::kBytes ? fmt::format("[{}]uint8", bytes) : std::string(KeyKindName(k));
}

}  // namespace

const char* KeyKindName(KeyKind k) {
  switch (k) {
    case KeyKind::kInt8: return "int8";
    case KeyKind::kInt16: return "int16";
    case KeyKind::kInt32: return "int32";
    case KeyKind::kInt64: return "int64";
    case KeyKind::kFloat32: return "float32";
    case KeyKind::kFloat64: return "float64";
    case KeyKind::kString: return "string";
    case KeyKind::kBytes: return "bytes";
    case KeyKind::kStruct: return "struct";
    case KeyKind::kIface: return "interface {}";
  }
  return "?";
}

namespace {

// Layout fills the slots, offsets and bucket descriptor of t from keysize,
// elemsize, key_align, key_ptr_words and elem_pointers.
// Models reflectdata.MapBucketType (go1.14–go1.23).
void Layout(gc::TypeTable& types, MapType* t, uint32_t key_align, const std::string& kname,
            const std::string& vname) {
  t->indirectkey = t->keysize > kMaxKeySize;
  t->indirectelem = t->elemsize > kMaxElemSize;
  t->keyslot = t->indirectkey ? 8 : t->keysize;
  t->elemslot = t->indirectelem ? 8 : t->elemsize;
  if (t->indirectkey) key_align = 8;
  uint32_t elem_align = t->indirectelem ? 8 : std::min<uint32_t>(std::max<uint32_t>(t->elemsize, 1), 8);
  t->keys_off = Align(8, key_align);  // dataOffset
  t->elems_off = Align(t->keys_off + 8 * t->keyslot, elem_align);
  t->overflow_off = Align(t->elems_off + 8 * t->elemslot, 8);
  t->bucketsize = t->overflow_off + 8;
  t->name = fmt::format("map[{}]{}", kname, vname);
  // The bucket's pointer words: key slots (indirect: the *K; else the key's
  // own pointer words), elem slots, and the overflow pointer if anything
  // else is a pointer.
  std::vector<uint64_t> ptrs;
  for (uint32_t i = 0; i < 8; ++i) {
    if (t->indirectkey) {
      ptrs.push_back(t->KeyOff(i) / 8);
      continue;
    }
    for (uint32_t w : t->key_ptr_words) ptrs.push_back(t->KeyOff(i) / 8 + w);
  }
  for (uint32_t i = 0; i < 8; ++i) {
    if (t->indirectelem || t->elem_pointers) ptrs.push_back(t->ElemOff(i) / 8);
  }
  if (!ptrs.empty()) ptrs.push_back(t->overflow_off / 8);
  t->bucket = types.Struct(fmt::format("map.bucket[{}]{}", kname, vname), t->bucketsize, ptrs);
}

std::string ElemName(ElemShape elem) {
  if (elem.pointer) return "*T";
  return elem.size == 8 ? "int64" : fmt::format("[{}]uint8", elem.size);
}

}  // namespace

// Models reflectdata.MapBucketType and the maptype flags set by
// reflectdata.writeType (go1.14–go1.23): indirect key/elem above 128 bytes,
// reflexivekey (types.IsReflexive), needkeyupdate (needkeyupdate in
// reflect.go: floats, strings, interfaces), and walk.mapfast's choice
// (reflectdata.AlgType: [4]byte and [8]byte are AMEM32/AMEM64).
std::unique_ptr<MapType> MapTypeFor(gc::TypeTable& types, KeyKind key, ElemShape elem, uint32_t keysize) {
  GOSTEP_CHECK(key != KeyKind::kStruct && key != KeyKind::kIface) << "struct and interface keys: MapTypeForKey";
  auto t = std::make_unique<MapType>();
  t->key_kind = key;
  t->keysize = KeySize(key, keysize);
  GOSTEP_CHECK(t->keysize > 0) << "a [N]byte key needs its size";
  t->elemsize = elem.size;
  t->key_pointers = key == KeyKind::kString;
  if (t->key_pointers) t->key_ptr_words = {0};
  t->elem_pointers = elem.pointer;
  uint32_t key_align = key == KeyKind::kBytes ? 1 : std::min<uint32_t>(t->keysize, 8);
  t->reflexivekey = key != KeyKind::kFloat32 && key != KeyKind::kFloat64;
  t->needkeyupdate = key == KeyKind::kFloat32 || key == KeyKind::kFloat64 || key == KeyKind::kString;
  if (t->elemsize <= kMaxElemSize) {
    if (key == KeyKind::kInt32 || (key == KeyKind::kBytes && t->keysize == 4)) t->fast = FastPath::k32;
    if (key == KeyKind::kInt64 || (key == KeyKind::kBytes && t->keysize == 8)) t->fast = FastPath::k64;
    if (key == KeyKind::kString) t->fast = FastPath::kStr;
  }
  std::string kname = KeyGoName(key, t->keysize);
  std::string vname = ElemName(elem);
  t->key = key == KeyKind::kString ? types.String() : types.Scalar(kname, t->keysize);
  t->elem = elem.pointer ? types.Pointer() : types.Scalar(vname, t->elemsize);
  Layout(types, t.get(), key_align, kname, vname);
  return t;
}

// Models the same for a struct, array or interface key: the flags come from
// the key's GoType, the fast path from walk.mapfast (AMEM32/AMEM64 without
// pointers, ASTRING: a struct holding only a string is faststr).
std::unique_ptr<MapType> MapTypeForKey(gc::TypeTable& types, const GoTypes& go_types, const GoType* key,
                                       ElemShape elem) {
  GOSTEP_CHECK(key->kind == GoKind::kStruct || key->kind == GoKind::kArray || key->kind == GoKind::kIface)
      << "MapTypeForKey takes struct, array and interface{} keys, not " << key->name;
  GOSTEP_CHECK(key->comparable()) << "invalid map key type " << key->name;
  GOSTEP_CHECK(key->alg != AlgKind::kInter) << "non-empty interface keys are not modelled";
  auto t = std::make_unique<MapType>();
  t->key_kind = key->kind == GoKind::kIface ? KeyKind::kIface : KeyKind::kStruct;
  t->key_type = key;
  t->go_types = &go_types;
  t->keysize = key->size;
  t->elemsize = elem.size;
  t->key_ptr_words = key->ptr_words;
  t->key_pointers = key->has_pointers();
  t->elem_pointers = elem.pointer;
  t->reflexivekey = key->reflexive;
  t->needkeyupdate = key->needkeyupdate;
  t->hash_might_panic = key->hash_might_panic;
  if (t->elemsize <= kMaxElemSize) {
    if (key->map_alg == AlgKind::kMem32 && !key->has_pointers()) t->fast = FastPath::k32;
    if (key->map_alg == AlgKind::kMem64 && !key->has_pointers()) t->fast = FastPath::k64;
    if (key->map_alg == AlgKind::kString) t->fast = FastPath::kStr;
  }
  std::string vname = ElemName(elem);
  t->key = key->heap;
  t->elem = elem.pointer ? types.Pointer() : types.Scalar(vname, t->elemsize);
  Layout(types, t.get(), key->align, key->name, vname);
  return t;
}

}  // namespace gostep::maps
