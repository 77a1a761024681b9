// runtime/map_binding.h — maps wired to the running simulation.
//
// MapBinding owns, per Runtime::Run, what Go keeps per process for maps: the
// hash seeds (alginit's aeskeysched or hashkey, drawn from the decision
// stream when the first map is made), the map types in use, and a BucketMap
// (the runtime code) per type. The map's random draws (hash0, iterator
// starts, NaN hashes) are recorded draws of the decision stream
// (DecisionMapRand), so a schedule file replays them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "maps/bucket/hmap.h"
#include "maps/bucket/key_layout.h"
#include "maps/bucket/map_type.h"
#include "scheduler/scheduler.h"

namespace gostep::runtime {

// MapConfig: the runtime options for maps (Options::map_hash, map_faults).
struct MapConfig {
  bool use_aes = true;  // AES hashing as on amd64 with AES-NI; false: GODEBUG=cpu.aes=off's fallback
  maps::MapFaults faults;
};

// ParseMapFaults reads "untraced-iterator,no-misuse-detection,
// no-write-barrier-on-map-store" (any subset, comma-separated); false on an
// unknown name (*bad names it).
bool ParseMapFaults(const std::string& s, maps::MapFaults* out, std::string* bad);

class DecisionMapRand final : public maps::MapRand {
 public:
  explicit DecisionMapRand(sched::Scheduler* s) : s_(s) {}
  uint32_t Fastrand() override { return static_cast<uint32_t>(s_->ProgramRand64()); }
  uint64_t Fastrand64() override { return s_->ProgramRand64(); }

 private:
  sched::Scheduler* s_;
};

class MapBinding {
 public:
  MapBinding(sched::Scheduler* s, gc::Collector* c, MapConfig config, base::EventLog* log);
  static MapBinding* Current() { return current_; }
  static void SetCurrent(MapBinding* b) { current_ = b; }

  // For returns the runtime code for map[key]elem (keysize: [N]byte keys).
  maps::BucketMap& For(maps::KeyKind key, maps::ElemShape elem, uint32_t keysize = 0);
  // GoTypes is the registry of struct, array and interface key types (their
  // layout and rodata addresses), made on first use.
  maps::GoTypes& GoTypes();
  // ForKey returns the runtime code for map[K]elem, K a struct or array (or
  // interface{}) type of GoTypes().
  maps::BucketMap& ForKey(const maps::GoType* key, maps::ElemShape elem);

 private:
  sched::Scheduler* s_;
  gc::Collector* c_;
  MapConfig config_;
  base::EventLog* log_;
  DecisionMapRand rand_;
  bool seeded_ = false;
  maps::HashSeeds seeds_;
  std::map<std::tuple<int, uint32_t, bool, uint32_t>,
           std::pair<std::unique_ptr<maps::MapType>, std::unique_ptr<maps::BucketMap>>>
      types_;
  void Seed();

  std::unique_ptr<maps::GoTypes> go_types_;
  std::map<std::pair<const maps::GoType*, std::pair<uint32_t, bool>>,
           std::pair<std::unique_ptr<maps::MapType>, std::unique_ptr<maps::BucketMap>>>
      key_types_;
  static inline thread_local MapBinding* current_ = nullptr;  // one simulation per thread
};

}  // namespace gostep::runtime
