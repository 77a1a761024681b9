// maps/bucket/key_layout.h — Go types that can be map keys (or the dynamic
// type of an interface key): their layout, the compiler's and the runtime's
// hash, equality, and the values of interface keys (eface, convT*).
//
// Models, for amd64 (PtrSize 8, Arch.Alignment 1):
//  - cmd/compile/internal/types/size.go:calcStructOffset (field offsets,
//    alignment, the extra byte after a trailing zero-size field) and
//    types/alg.go:AlgType/IsPaddedField, reflectdata/alg.go:AlgType
//    (AMEM32/AMEM64…), compare.IsRegularMemory/Memrun, genhash and hashfor
//    (go1.17–go1.23 under these names; cmd/compile/internal/gc/alg.go before,
//    the same algorithm from go1.14: read in go1.19);
//  - types.IsReflexive, reflectdata needkeyupdate / hashMightPanic,
//    types.IsDirectIface, typebits.Set (an interface's gcdata marks only its
//    data word), go1.14–go1.23;
//  - runtime/alg.go: typehash (go1.15+; go1.14's nilinterhash called the
//    type's alg.hash, which is the compiler's function: Typehash takes that as
//    a parameter), nilinterhash, efaceeq, nilinterequal;
//  - runtime/iface.go: convT16/convT32/convT64/convTstring/convT/convTnoptr
//    and the compiler's walk/convert.go:dataWord (zerobase for zero-size
//    values, staticuint64s for bytes and bools) — go1.19 read.
//
// A GoType lives in a GoTypes registry, which gives each one an address in a
// simulated rodata (kRodataBase…): the `_type` word of an eface. Like Go's
// type descriptors (compile-time types are in the binary's rodata), those
// addresses are not heap addresses, so gc/ ignores them (Collector::Shade,
// the barrier buffer flush and the verifier all skip an address outside the
// arenas, as findObject does), and the word is not in any pointer bitmap.
// The other non-heap addresses of interface data words: runtime.staticuint64s
// (kStaticUint64sAddr, 256 uint64 holding 0..255), zeroVal (convTstring's "")
// and zerobase (gc::kZeroBaseAddr); KeyReader reads them as Go would.
//
// A key value (the `key unsafe.Pointer` of mapaccess) is a host image of
// size bytes, laid out as Go lays the type out, plus the ObjectId of each
// pointer word (gostep's provenance; 0 for scalars and non-heap addresses):
// maps::Key{.bytes, .ids}. Images are built with KeyImage.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gc/collector.h"
#include "maps/bucket/hash.h"

namespace gostep::maps {

// AlgKind is types.AlgKind (ANOEQ, AMEM0…AMEM128, AMEM, the special kinds).
enum class AlgKind : uint8_t {
  kNoEq, kMem0, kMem8, kMem16, kMem32, kMem64, kMem128, kMem,
  kString, kInter, kNilInter, kFloat32, kFloat64, kSpecial,
};

enum class GoKind : uint8_t {
  kInt,      // int8…uint64, int, uint, uintptr, bool: plain memory
  kFloat32, kFloat64,
  kString,   // {data *byte, len int}
  kPointer,  // *T (pointer-shaped: direct in an interface)
  kArray,    // [N]T
  kStruct,
  kIface,    // interface{} (eface {_type, data}); nonempty: {itab, data}
  kNoEq,     // slices, maps, funcs: not comparable (unhashable)
};

struct GoType;

struct GoField {
  std::string name;  // "_": a blank field (skipped by hash and equality)
  const GoType* type = nullptr;
  uint32_t offset = 0;
  bool blank() const { return name == "_"; }
  uint32_t end() const;  // Field.End(): offset + size
};

struct GoType {
  std::string name;  // t.string(): "int32", "main.P", "[]int", "struct { a int8; b int64 }"
  GoKind kind = GoKind::kInt;
  uint32_t size = 0;
  uint32_t align = 1;
  std::vector<GoField> fields;   // kStruct
  const GoType* elem = nullptr;  // kArray, kPointer, kNoEq (slice elem)
  uint32_t len = 0;              // kArray

  // Derived when registered.
  AlgKind alg = AlgKind::kMem;      // types.AlgType
  AlgKind map_alg = AlgKind::kMem;  // reflectdata.AlgType (what genhash and mapfast switch on)
  bool regular_memory = false;      // compare.IsRegularMemory == tflagRegularMemory
  bool reflexive = true;            // types.IsReflexive
  bool needkeyupdate = false;       // reflectdata needkeyupdate
  bool hash_might_panic = false;    // reflectdata hashMightPanic (maptype flag 16)
  bool direct_iface = false;        // types.IsDirectIface (kindDirectIface)
  std::vector<uint32_t> ptr_words;  // typebits: the words the GC scans (iface: data only)
  gc::Addr addr = 0;                // the type descriptor's (rodata) address
  const gc::Type* heap = nullptr;   // the heap descriptor (convT boxes, indirect keys)

  bool comparable() const { return alg != AlgKind::kNoEq; }
  bool has_pointers() const { return !ptr_words.empty(); }
};

// IsPaddedField is types.IsPaddedField: field i of struct t is followed by
// padding.
bool IsPaddedField(const GoType& t, size_t i);

// Simulated non-heap addresses (below the arenas, like a binary's rodata and
// data); gostep's choices, not Go's addresses.
inline constexpr gc::Addr kRodataBase = 0x4a0000;        // type descriptors, kTypeDescStride apart
inline constexpr gc::Addr kTypeDescStride = 0x40;
inline constexpr gc::Addr kStaticUint64sAddr = 0x5a1000;  // runtime.staticuint64s [256]uint64
inline constexpr gc::Addr kZeroValAddr = 0x5a2000;        // runtime.zeroVal [1024]byte

// GoTypes owns the types of one simulation and their rodata addresses.
class GoTypes {
 public:
  explicit GoTypes(gc::TypeTable& heap_types);
  GoTypes(const GoTypes&) = delete;
  GoTypes& operator=(const GoTypes&) = delete;

  // Basic returns a predeclared type by name: int8 int16 int32 int64 int
  // uint8 uint16 uint32 uint64 uint uintptr bool float32 float64 string any.
  const GoType* Basic(std::string_view name);
  // Struct returns a struct type; `name` "" spells it as Go does
  // ("struct { a int8; _ int64 }"). Fields: {name, type}; "_" is blank.
  // A name identifies a type: a second Struct with a known name returns the
  // first (so identical unnamed structs share one descriptor, as in Go).
  const GoType* Struct(std::string name, const std::vector<std::pair<std::string, const GoType*>>& fields);
  const GoType* Array(const GoType* elem, uint32_t n);
  const GoType* PointerTo(const GoType* elem);  // *T
  const GoType* SliceOf(const GoType* elem);    // []T (uncomparable)
  // ByAddr is the type whose descriptor is at a, or nullptr.
  const GoType* ByAddr(gc::Addr a) const;

 private:
  const GoType* Add(GoType t);
  void Derive(GoType& t) const;

  gc::TypeTable& heap_types_;
  std::deque<GoType> types_;
  std::unordered_map<std::string, const GoType*> by_name_;
};

// KeyImage is a key value in the caller's frame: size bytes and one ObjectId
// per 8-byte word (the provenance of pointer words).
struct KeyImage {
  std::vector<uint8_t> bytes;
  std::vector<gc::ObjectId> ids;

  explicit KeyImage(uint32_t size = 0) : bytes(size), ids((size + 7) / 8) {}
  template <typename T>
  void Put(uint32_t off, T v) {
    std::memcpy(bytes.data() + off, &v, sizeof(T));
  }
  void PutPtr(uint32_t off, gc::Ref r) {
    Put<uint64_t>(off, r.addr);
    ids[off / 8] = r.id;
  }
  void PutString(uint32_t off, gc::Ref data, uint64_t len) {
    PutPtr(off, data);
    Put<uint64_t>(off + 8, len);
  }
  // PutEface stores an interface value {type word, data word}.
  void PutEface(uint32_t off, gc::Addr type, gc::Ref data) {
    Put<uint64_t>(off, type);
    PutPtr(off + 8, data);
  }
  // PutImage copies a nested value (a struct field).
  void PutImage(uint32_t off, const KeyImage& v);
};

// KeyReader reads the memory a key points to: heap objects through the
// collector (checked, never host memory of a freed object), and the non-heap
// data of interface values (staticuint64s, zeroVal, zerobase).
class KeyReader {
 public:
  explicit KeyReader(gc::Collector& c) : c_(c) {}
  const uint8_t* Read(gc::Addr a, uint64_t n, const char* what);
  gc::Collector& collector() { return c_; }

 private:
  gc::Collector& c_;
};

// KeyAlg runs the hash and equality functions of key types.
class KeyAlg {
 public:
  KeyAlg(const HashSeeds& seeds, MemhashFallback fb, NanRandom nan, KeyReader& mem, const GoTypes& types,
         bool runtime_typehash)
      : seeds_(seeds), fb_(fb), nan_(nan), mem_(mem), types_(types), runtime_typehash_(runtime_typehash) {}

  // Hash is the map type's hasher (genhash(t)): the compiler's function.
  uint64_t Hash(const GoType* t, const uint8_t* p, uint64_t h);
  // Typehash is runtime.typehash (go1.15+): the hash of an interface's
  // dynamic value; with runtime_typehash false (go1.14) t.alg.hash, i.e. Hash.
  uint64_t Typehash(const GoType* t, const uint8_t* p, uint64_t h);
  // Nilinterhash is runtime.nilinterhash of the eface at p.
  uint64_t Nilinterhash(const uint8_t* p, uint64_t h);
  // Equal is t.equal (the compiler's eq function / efaceeq, nilinterequal).
  bool Equal(const GoType* t, const uint8_t* a, const uint8_t* b);

 private:
  uint64_t StructHash(const GoType* t, const uint8_t* p, uint64_t h);
  uint64_t MemHash(const uint8_t* p, uint64_t n, uint64_t h) { return Memhash(seeds_, fb_, p, n, h); }
  uint64_t StrHash(const uint8_t* p, uint64_t h);
  const GoType* DynType(const uint8_t* eface);  // the _type word's type, or null
  const uint8_t* DynData(const GoType* t, const uint8_t* eface);
  [[noreturn]] void Panic(const std::string& msg);

  const HashSeeds& seeds_;
  MemhashFallback fb_;
  NanRandom nan_;
  KeyReader& mem_;
  const GoTypes& types_;
  bool runtime_typehash_;
};

// Eface is an interface value: the _type word and the data word.
struct Eface {
  gc::Addr type = 0;
  gc::Ref data;
};

// Box converts a value of type t (its image) to an interface value, as the
// compiler's dataWord and runtime convT* do: pointer-shaped values are the
// data word; zero-size values point at zerobase; bools and 1-byte ints at
// staticuint64s[v]; 2/4/8-byte pointer-free values below 256 (as unsigned)
// too (convT16/32/64), others a new 2/4/8-byte object; "" points at zeroVal
// (convTstring); everything else is a new object of type t (convT,
// convTnoptr). Not modelled: the compiler's static data for constants and
// the stack temporaries of non-escaping conversions (a map key escapes).
Eface Box(gc::Collector& c, const GoType* t, const KeyImage& v);

}  // namespace gostep::maps
