#include "maps/bucket/map_type.h"

#include <fmt/format.h>

#include "base/check.h"

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
  }
  return "?";
}

// Models reflectdata.MapBucketType and the maptype flags set by
// reflectdata.writeType (go1.14–go1.23): indirect key/elem above 128 bytes,
// reflexivekey (types.IsReflexive), needkeyupdate (needkeyupdate in
// reflect.go: floats, strings, interfaces), and walk.mapfast's choice.
std::unique_ptr<MapType> MapTypeFor(gc::TypeTable& types, KeyKind key, ElemShape elem, uint32_t keysize) {
  auto t = std::make_unique<MapType>();
  t->key_kind = key;
  t->keysize = KeySize(key, keysize);
  GOSTEP_CHECK(t->keysize > 0) << "a [N]byte key needs its size";
  t->elemsize = elem.size;
  t->key_pointers = key == KeyKind::kString;
  t->elem_pointers = elem.pointer;
  t->indirectkey = t->keysize > kMaxKeySize;
  t->indirectelem = t->elemsize > kMaxElemSize;
  t->keyslot = t->indirectkey ? 8 : t->keysize;
  t->elemslot = t->indirectelem ? 8 : t->elemsize;
  uint32_t key_align = t->indirectkey ? 8 : std::min<uint32_t>(t->keysize, 8);
  if (key == KeyKind::kBytes && !t->indirectkey) key_align = 1;
  uint32_t elem_align = t->indirectelem ? 8 : std::min<uint32_t>(std::max<uint32_t>(t->elemsize, 1), 8);
  t->keys_off = Align(8, key_align);  // dataOffset
  t->elems_off = Align(t->keys_off + 8 * t->keyslot, elem_align);
  t->overflow_off = Align(t->elems_off + 8 * t->elemslot, 8);
  t->bucketsize = t->overflow_off + 8;
  t->reflexivekey = key != KeyKind::kFloat32 && key != KeyKind::kFloat64;
  t->needkeyupdate = key == KeyKind::kFloat32 || key == KeyKind::kFloat64 || key == KeyKind::kString;
  if (t->elemsize <= kMaxElemSize) {
    if (key == KeyKind::kInt32) t->fast = FastPath::k32;
    if (key == KeyKind::kInt64) t->fast = FastPath::k64;
    if (key == KeyKind::kString) t->fast = FastPath::kStr;
  }
  std::string kname = KeyGoName(key, t->keysize);
  std::string vname = elem.pointer ? "*T" : fmt::format("[{}]uint8", elem.size);
  if (!elem.pointer && elem.size == 8) vname = "int64";
  t->name = fmt::format("map[{}]{}", kname, vname);

  t->key = key == KeyKind::kString ? types.String() : types.Scalar(kname, t->keysize);
  t->elem = elem.pointer ? types.Pointer() : types.Scalar(vname, t->elemsize);
  // The bucket's pointer words: key slots (indirect: the *K; string: data),
  // elem slots, and the overflow pointer if anything else is a pointer.
  std::vector<uint64_t> ptrs;
  for (uint32_t i = 0; i < 8; ++i) {
    if (t->indirectkey || t->key_pointers) ptrs.push_back(t->KeyOff(i) / 8);
  }
  for (uint32_t i = 0; i < 8; ++i) {
    if (t->indirectelem || t->elem_pointers) ptrs.push_back(t->ElemOff(i) / 8);
  }
  if (!ptrs.empty()) ptrs.push_back(t->overflow_off / 8);
  t->bucket = types.Struct(fmt::format("map.bucket[{}]{}", kname, vname), t->bucketsize, ptrs);
  return t;
}

}  // namespace gostep::maps
