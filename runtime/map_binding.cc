#include "runtime/map_binding.h"

#include <sstream>

namespace gostep::runtime {

bool ParseMapFaults(const std::string& s, maps::MapFaults* out, std::string* bad) {
  *out = maps::MapFaults{};
  std::stringstream in(s);
  std::string name;
  while (std::getline(in, name, ',')) {
    if (name.empty()) continue;
    if (name == "untraced-iterator") {
      out->untraced_iterator = true;
    } else if (name == "no-misuse-detection") {
      out->no_misuse_detection = true;
    } else if (name == "no-write-barrier-on-map-store") {
      out->no_write_barrier_on_map_store = true;
    } else {
      *bad = name;
      return false;
    }
  }
  return true;
}

MapBinding::MapBinding(sched::Scheduler* s, gc::Collector* c, MapConfig config, base::EventLog* log)
    : s_(s), c_(c), config_(config), log_(log), rand_(s) {}

void MapBinding::Seed() {
  if (!seeded_) {
    // alginit: one process-wide key schedule, from the decision stream.
    seeds_ = maps::HashSeeds::FromSeed(s_->ProgramRand64(), config_.use_aes);
    seeded_ = true;
  }
}

maps::GoTypes& MapBinding::GoTypes() {
  if (go_types_ == nullptr) go_types_ = std::make_unique<maps::GoTypes>(c_->types());
  return *go_types_;
}

maps::BucketMap& MapBinding::ForKey(const maps::GoType* key, maps::ElemShape elem) {
  Seed();
  auto k = std::make_pair(key, std::make_pair(elem.size, elem.pointer));
  auto it = key_types_.find(k);
  if (it == key_types_.end()) {
    auto t = maps::MapTypeForKey(c_->types(), GoTypes(), key, elem);
    auto m = std::make_unique<maps::BucketMap>(*c_, s_->profile(), *t, seeds_, rand_,
                                               maps::MapOptions{.faults = config_.faults}, log_);
    it = key_types_.emplace(k, std::make_pair(std::move(t), std::move(m))).first;
  }
  return *it->second.second;
}

maps::BucketMap& MapBinding::For(maps::KeyKind key, maps::ElemShape elem, uint32_t keysize) {
  Seed();
  auto k = std::make_tuple(static_cast<int>(key), elem.size, elem.pointer, keysize);
  auto it = types_.find(k);
  if (it == types_.end()) {
    auto t = maps::MapTypeFor(c_->types(), key, elem, keysize);
    auto m = std::make_unique<maps::BucketMap>(*c_, s_->profile(), *t, seeds_, rand_,
                                               maps::MapOptions{.faults = config_.faults}, log_);
    it = types_.emplace(k, std::make_pair(std::move(t), std::move(m))).first;
  }
  return *it->second.second;
}

}  // namespace gostep::runtime
