// gc/type.h — type descriptors: what the heap knows about a Go type.
//
// Models the GC-relevant fields of runtime/type.go's _type (go1.14–go1.23):
// size, ptrdata (the length of the prefix that can hold pointers) and gcdata
// (a bitmap, one bit per pointer-sized word, set where the word is a
// pointer). An object of type T and an array of n T's (a slice's backing
// store) share the descriptor; the heap repeats the bitmap n times, as
// heapBitsSetType does.
//
// Invariants: size is a multiple of 8 when the type has pointers; ptrdata is
// 0 (a "noscan" type) or ends just after the last pointer word.
#pragma once

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "gc/ref.h"

namespace gostep::gc {

struct Type {
  uint32_t id = 0;        // index in its TypeTable
  std::string name;       // Go's spelling: "main.node", "[4]*int", "string"
  uint64_t size = 0;      // bytes
  uint64_t ptrdata = 0;   // bytes of the prefix that holds every pointer; 0: noscan
  std::vector<uint64_t> ptrmask;  // bit w: word w is a pointer

  bool noscan() const { return ptrdata == 0; }
  uint64_t words() const { return (size + kPtrSize - 1) / kPtrSize; }
  // IsPointerWord reports whether word w (of one element) holds a pointer.
  bool IsPointerWord(uint64_t w) const {
    return w < ptrdata / kPtrSize && ((ptrmask[w >> 6] >> (w & 63)) & 1) != 0;
  }
};

// TypeTable owns the descriptors of one simulation. Pointers to them stay
// valid for its lifetime; ids are dense, in creation order.
class TypeTable {
 public:
  TypeTable();

  // Scalar returns a type of `size` bytes without pointers ("int", "[16]byte").
  const Type* Scalar(std::string_view name, uint64_t size);
  // Struct returns a type of `size` bytes whose words `pointer_words` hold
  // pointers (word = byte offset / 8).
  const Type* Struct(std::string_view name, uint64_t size, std::initializer_list<uint64_t> pointer_words);
  const Type* Struct(std::string_view name, uint64_t size, const std::vector<uint64_t>& pointer_words);
  const Type* Get(uint32_t id) const { return &types_[id]; }
  size_t size() const { return types_.size(); }

  // Builtin descriptors.
  const Type* Pointer() const { return pointer_; }  // "*T": one pointer word
  const Type* Int() const { return int_; }          // "int"
  const Type* String() const { return string_; }    // "string": {data *byte, len int}
  const Type* Slice() const { return slice_; }      // "[]T": {array *T, len, cap int}

 private:
  std::deque<Type> types_;
  const Type* pointer_ = nullptr;
  const Type* int_ = nullptr;
  const Type* string_ = nullptr;
  const Type* slice_ = nullptr;
};

}  // namespace gostep::gc
