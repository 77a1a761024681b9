// lang/exec/map_keys.h — struct, array, complex and interface map keys of the
// interpreter, in Go's memory layout.
//
// A struct or array key K reaches the bucket model (maps/bucket) as Go's
// compiler hands it to mapaccess: a `key unsafe.Pointer` to K's bytes, laid
// out as Go lays K out (maps::GoTypes: field offsets, padding), and hashed
// by genhash(K) (field by field: memhash runs, strhash, f32hash/f64hash).
// KeyType translates a lang type to that GoType; EncodeKey writes a value's
// image, DecodeKey reads one back (a range loop's key).
//
// complex64/complex128 keys are images of [2]float32/[2]float64 (c64hash,
// c128hash). Field kinds: the integer family and bool, floats, complex, string (its
// bytes a heap object, rooted while the key is in use), nested structs and
// arrays, and pointer-shaped values (pointers, unsafe.Pointer, channels).
// Those are host objects, not heap objects (lang/README.md, "Memory"): a
// pointer field holds the object's FakeAddr and is laid out as a uintptr, so
// it hashes as Go hashes a pointer (memhash of 8 bytes) but the collector
// does not trace it. An interface key (or field) is Go's eface: the type
// word is the address of its dynamic type's descriptor (one per Go type,
// DynKeyType), the data word the value convT* boxes (maps::Box); a dynamic
// type that is not comparable panics as typehash does.
#pragma once

#include <deque>

#include "lang/exec/run_state.h"
#include "maps/bucket/key_layout.h"
#include "runtime/heap.h"

namespace gostep::lang::exec {

// PointerShaped: a value that is a host object's address (pointers,
// unsafe.Pointer, channels). As a map key it is the object's FakeAddr
// (deterministic, in first-use order), an 8-byte scalar as Go's
// mapassign_fast64ptr sees it, but not a heap pointer: the host objects are
// not on the simulated heap (lang/README.md, "Memory"), so the collector
// does not trace these keys.
bool PointerShaped(const types::Type* t);
// ScalarKey: the underlying type u is a key held in one word (integers,
// bools, floats, strings, pointer-shaped values).
bool ScalarKey(const types::Type* u);
// CompositeKey reports whether t is a key type kept as an image: a complex
// or interface type, or a struct or array type whose fields are all
// supported (recursively).
bool CompositeKey(const types::Type* t);
// KeyType is t's GoType in the running simulation's registry.
const maps::GoType* KeyType(RunState& r, const types::Type* t);
// DynTypeAddr is the type word an interface key holding a t has (the
// address of t's descriptor: fmt's map order compares it first).
uint64_t DynTypeAddr(RunState& r, const types::Type* t);
// EncodeKey writes v (of m's key type) into img; the string objects it makes
// are rooted in `roots` while the caller uses the key.
void EncodeKey(Frame& f, MapObj& m, const Value& v, maps::KeyImage* img, std::deque<gostep::Local>* roots);
// DecodeKey is the value of the key image at `bytes` (pointer words' ids in
// `ids`, or null when the key has no pointers).
Value DecodeKey(Frame& f, MapObj& m, const uint8_t* bytes, const gc::ObjectId* ids);

}  // namespace gostep::lang::exec
