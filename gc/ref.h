// gc/ref.h — simulated addresses, object identities, and references.
//
// The heap's address space is simulated: a pointer is an Addr that looks like
// a Go heap address on linux/amd64 (0xc000012000). Object contents live in
// host memory owned by the heap; a pointer slot holds an Addr, never a host
// pointer, so a stale pointer can never become host undefined behaviour.
//
// Every object also gets an ObjectId when it is allocated (1, 2, 3, … in
// allocation order, never reused). The id is gostep's provenance: a Ref
// carries the id of the object its address was taken from, and every heap
// pointer slot keeps the id of the object it was meant to point to (its
// "shadow"). A load or store through a Ref whose id is not the id of the live
// object at that address is a use of a freed object, and, if another object
// now occupies the address, an ABA: the heap reports both objects.
#pragma once

#include <cstdint>

namespace gostep::gc {

using Addr = uint64_t;
using ObjectId = uint64_t;  // 0: no object (nil, or an untracked integer)

constexpr uint64_t kPtrSize = 8;

// The arena layout of linux/amd64 (malloc.go): arenas of heapArenaBytes,
// the first at the 0x00c0<<32 hint, growing upward.
constexpr Addr kArenaBaseAddr = 0x00c000000000;   // malloc.go: arena hint 0x00c0<<32
constexpr uint64_t kHeapArenaBytes = 64ull << 20;  // malloc.go: heapArenaBytes (64-bit linux)
constexpr uint64_t kMaxArenas = 1024;              // gostep limit: 64 GiB of simulated heap

// zerobase (malloc.go): the address of every zero-size allocation; not in
// the heap (gostep puts it below the arenas, in "data").
constexpr Addr kZeroBaseAddr = 0x0000005a0000;

// minLegalPointer (malloc.go): smaller "pointers" are never heap pointers.
constexpr Addr kMinLegalPointer = 4096;

// Ref is a pointer value with its provenance: the address and the id of the
// object it was derived from. A Ref held in a C++ variable is not a root (an
// "untraced integer"); Local/Global handles and heap slots are traced.
struct Ref {
  Addr addr = 0;
  ObjectId id = 0;

  bool nil() const { return addr == 0; }
  friend bool operator==(const Ref&, const Ref&) = default;
};

}  // namespace gostep::gc
