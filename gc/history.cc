#include "gc/history.h"

#include <fmt/format.h>

namespace gostep::gc {

std::string HexAddr(Addr a) { return fmt::format("{:#x}", a); }

std::string ObjectHistory::Describe(ObjectId id, const TypeTable& types) const {
  if (!Valid(id)) return fmt::format("object #{} (unknown)", id);
  const ObjectRecord& r = records_[id];
  std::string type = types.Get(r.type)->name;
  if (r.count != 1) type = fmt::format("[{}]{}", r.count, type);
  std::string s = fmt::format("object #{} ({}, {}-byte slot at {}; allocated at step {} by goroutine {} in GC cycle {}",
                              id, type, r.size, HexAddr(r.addr), r.alloc_step, r.alloc_goid, r.alloc_cycle);
  if (r.alloc_black) s += ", allocated black";
  if (r.free_cycle != kLive) {
    s += fmt::format("; freed by the sweep of cycle {} at step {}", r.free_cycle, r.free_step);
  }
  return s + ")";
}

}  // namespace gostep::gc
