// gc/history.h — every object's life, for fault reports and the verifier.
//
// An ObjectRecord is written when an object is allocated and completed when
// a sweep frees it. Records are indexed by ObjectId (1, 2, …) and never
// dropped, so a stale reference can always be explained: which object it
// meant, where and when it lived, which cycle freed it, and which object has
// the address now.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gc/ref.h"
#include "gc/type.h"

namespace gostep::gc {

constexpr uint32_t kLive = UINT32_MAX;  // ObjectRecord::free_cycle of a live object

struct ObjectRecord {
  Addr addr = 0;
  uint64_t size = 0;           // bytes of its slot (elemsize)
  uint64_t alloc_step = 0;
  uint64_t free_step = 0;
  uint64_t alloc_goid = 0;
  uint32_t type = 0;           // Type id
  uint32_t count = 1;          // array elements
  uint32_t alloc_cycle = 0;    // GC cycles completed when it was allocated
  uint32_t free_cycle = kLive; // the cycle whose sweep freed it
  bool alloc_black = false;    // allocated during mark
};

class ObjectHistory {
 public:
  ObjectHistory() { records_.emplace_back(); }  // id 0: nil

  ObjectId Add(const ObjectRecord& r) {
    records_.push_back(r);
    return records_.size() - 1;
  }
  ObjectRecord& Get(ObjectId id) { return records_[id]; }
  const ObjectRecord& Get(ObjectId id) const { return records_[id]; }
  bool Valid(ObjectId id) const { return id != 0 && id < records_.size(); }
  bool Live(ObjectId id) const { return Valid(id) && records_[id].free_cycle == kLive; }
  ObjectId last_id() const { return records_.size() - 1; }

  // Describe renders "object #17 (main.node, 16-byte slot at 0xc000010000;
  // allocated at step 40 by goroutine 1 in GC cycle 0; freed by the sweep of
  // cycle 1 at step 88)".
  std::string Describe(ObjectId id, const TypeTable& types) const;

 private:
  std::vector<ObjectRecord> records_;
};

// HexAddr renders an address as Go prints pointers: "0xc000010000".
std::string HexAddr(Addr a);

}  // namespace gostep::gc
