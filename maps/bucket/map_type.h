// maps/bucket/map_type.h — a map type: its key and elem, and the bucket the
// compiler lays out for them.
//
// Models runtime/type.go's maptype (abi.MapType from go1.21) and
// cmd/compile/internal/reflectdata/reflect.go:MapBucketType (go1.14–go1.23,
// unchanged): a bucket is
//
//   tophash [8]uint8; keys [8]K'; elems [8]V'; overflow P
//
// where K' is *K when sizeof(K) > 128 (an indirect key), V' likewise, and P is
// *bmap, or uintptr when neither keys nor elems hold pointers (the bucket is
// then noscan and overflow buckets are kept alive by hmap.extra.overflow).
// Keys are grouped and elems are grouped, so there is no padding between them.
//
// Key kinds cover what the compiler hashes with a memhash or a dedicated
// function (alg.go): the integer family (memhash8/16/32/64; fast paths for
// 4- and 8-byte keys), string (strhash; faststr), float32/float64 (f32hash,
// f64hash: never a fast path), [N]byte (plain memory: memhash, or
// memhash32/memhash64 and the fast paths for N = 4/8, as reflectdata.AlgType
// gives AMEM32/AMEM64), and any other comparable Go type described by a
// GoType (key_layout.h): structs and arrays (kStruct: the compiler's
// generated hash, or AMEM32/AMEM64/ASTRING with their fast paths when the
// struct is plain memory of 4/8 bytes or a lone string) and the empty
// interface (kIface: a 16-byte eface, nilinterhash). Large keys (> 128
// bytes) are indirect. A key slot's pointer words are those of Go's gcdata:
// a string's data word, an interface's data word (never its type word,
// which points at rodata: typebits.Set), recursively through structs.
// reflexivekey is false when a float or interface is inside the key;
// needkeyupdate is true when a float, string or interface is (blank fields
// count); hash_might_panic when an interface is (mapaccess/mapdelete on an
// empty map still hash the key then, Go issue 23734).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gc/type.h"

namespace gostep::maps {

enum class KeyKind : uint8_t {
  kInt8, kInt16, kInt32, kInt64,  // the integer family (and uint, uintptr…): memhash
  kFloat32, kFloat64,             // f32hash / f64hash: ±0 equal, NaN never equal
  kString,                        // {data *byte, len int}: strhash
  kBytes,                         // [N]byte: memhash of N bytes (memhash32/64 for N = 4/8)
  kStruct,                        // a struct or array (MapType::key_type): genhash
  kIface,                         // interface{}: {_type, data}, nilinterhash
};

struct GoType;
class GoTypes;

// Which specialised runtime functions the compiler picks (walk.go:mapfast):
// only when sizeof(elem) <= 128 and the key's alg is AMEM32/AMEM64/ASTRING.
enum class FastPath : uint8_t { kNone, k32, k64, kStr };

// ElemShape: the element type. Scalar elems are noscan; a pointer elem is one
// traced word (*T).
struct ElemShape {
  uint32_t size = 8;
  bool pointer = false;
  static ElemShape Scalar(uint32_t size) { return {size, false}; }
  static ElemShape Pointer() { return {8, true}; }
};

struct MapType {
  std::string name;  // "map[int64]int64"
  KeyKind key_kind = KeyKind::kInt64;
  uint32_t keysize = 0;    // sizeof(K) (the key, not the slot)
  uint32_t elemsize = 0;   // sizeof(V)
  bool key_pointers = false;   // K holds pointers (string)
  bool elem_pointers = false;  // V holds pointers
  bool indirectkey = false;    // sizeof(K) > maxKeySize: the slot holds *K
  bool indirectelem = false;   // sizeof(V) > maxElemSize
  uint32_t keyslot = 0;        // bytes of one key slot (K or *K)
  uint32_t elemslot = 0;       // bytes of one elem slot
  uint32_t bucketsize = 0;     // t.bucketsize
  uint32_t keys_off = 0;       // dataOffset: 8
  uint32_t elems_off = 0;
  uint32_t overflow_off = 0;   // bucketsize - PtrSize
  bool reflexivekey = true;    // k == k for every k (false: floats)
  bool needkeyupdate = false;  // overwrite the key on assign (floats, strings)
  bool hash_might_panic = false;  // maptype flag 16 (hashMightPanic): an interface inside
  FastPath fast = FastPath::kNone;
  const GoType* key_type = nullptr;  // kStruct, kIface: the key's Go type
  const GoTypes* go_types = nullptr;  // kStruct, kIface: resolves interface type words
  std::vector<uint32_t> key_ptr_words;  // pointer words of one key slot (not indirect)
  const gc::Type* bucket = nullptr;  // the bucket's descriptor ("map.bucket[K]V")
  const gc::Type* key = nullptr;     // K (for indirect keys and string data)
  const gc::Type* elem = nullptr;    // V

  bool bucket_has_pointers() const { return !bucket->noscan(); }
  uint32_t KeyOff(uint32_t i) const { return keys_off + i * keyslot; }
  uint32_t ElemOff(uint32_t i) const { return elems_off + i * elemslot; }
};

// maxKeySize / maxElemSize (map.go): larger keys and elems are indirect.
inline constexpr uint32_t kMaxKeySize = 128;
inline constexpr uint32_t kMaxElemSize = 128;

// MapTypeFor builds the map type map[K]V and registers its bucket descriptor
// in `types` (keysize: only for kBytes).
std::unique_ptr<MapType> MapTypeFor(gc::TypeTable& types, KeyKind key, ElemShape elem, uint32_t keysize = 0);

// MapTypeForKey builds map[K]V for a struct, array or interface{} key K from
// `go_types` (which must outlive the MapType).
std::unique_ptr<MapType> MapTypeForKey(gc::TypeTable& types, const GoTypes& go_types, const GoType* key,
                                       ElemShape elem);

const char* KeyKindName(KeyKind k);

}  // namespace gostep::maps
