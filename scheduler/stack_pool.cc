#include "scheduler/stack_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "base/check.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define GOSTEP_NO_ASAN __attribute__((no_sanitize_address))
#else
#define GOSTEP_NO_ASAN
#endif

namespace gostep::sched {
namespace {

constexpr size_t kSlotsPerMapping = 64;

size_t PageSize() { return static_cast<size_t>(sysconf(_SC_PAGESIZE)); }

// CopyBytes copies without ASan instrumentation: a stack holds poisoned redzones.
GOSTEP_NO_ASAN void CopyBytes(char* dst, const char* src, size_t n) {
  for (size_t i = 0; i < n; ++i) dst[i] = src[i];
}

// MappingCache keeps a thread's last few stack mappings when their pool is
// destroyed, for the thread's next pool: an explorer worker runs thousands
// of simulations in a row, and mapping, guarding, faulting in and unmapping
// the same stacks for each one cost about a third of a short run (munmap
// alone 0.12 ms). A cached mapping keeps its guard pages (`guarded` slots
// are already protected) and its touched pages. Under ASan mappings are
// never reused: a stack's stale shadow poison would outlive its fibers.
struct CachedMapping {
  char* base;
  size_t bytes;
  size_t guarded;
};
constexpr size_t kCachedMappings = 2;
struct MappingCache {
  std::vector<CachedMapping> list;
  ~MappingCache() {  // the thread exits
    for (const CachedMapping& m : list) munmap(m.base, m.bytes);
  }
};
thread_local MappingCache mapping_cache;

bool CacheMapping(const CachedMapping& m) {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#else
  if (mapping_cache.list.size() >= kCachedMappings) return false;
  mapping_cache.list.push_back(m);
  return true;
#endif
}

}  // namespace

StackPool::StackPool(Config config) : config_(config) {
  size_t page = PageSize();
  config_.slot_bytes = (config_.slot_bytes + page - 1) / page * page;
  GOSTEP_CHECK(config_.slot_bytes >= 16 * 1024) << "stack slots must hold at least 16 KiB";
  GOSTEP_CHECK(config_.max_slots >= 2) << "at least two stack slots are needed";
  mapping_bytes_ = kSlotsPerMapping * (config_.slot_bytes + page);
}

StackPool::~StackPool() {
  for (size_t i = 0; i < mappings_.size(); ++i) {
    size_t guarded = std::min(kSlotsPerMapping, slots_.size() - i * kSlotsPerMapping);
    if (!CacheMapping({mappings_[i], mapping_bytes_, guarded})) munmap(mappings_[i], mapping_bytes_);
  }
}

int32_t StackPool::NewSlot() {
  size_t page = PageSize();
  size_t index = slots_.size() % kSlotsPerMapping;
  if (index == 0) {
    guarded_ = 0;
    std::vector<CachedMapping>& cache = mapping_cache.list;
    auto cached = std::find_if(cache.begin(), cache.end(), [&](const CachedMapping& m) { return m.bytes == mapping_bytes_; });
    if (cached != cache.end()) {
      mappings_.push_back(cached->base);
      guarded_ = cached->guarded;
      cache.erase(cached);
    } else {
      void* m = mmap(nullptr, mapping_bytes_, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      GOSTEP_CHECK(m != MAP_FAILED) << "mmap of goroutine stacks failed: " << std::strerror(errno);
      mappings_.push_back(static_cast<char*>(m));
    }
  }
  char* mapping = mappings_.back();
  char* guard = mapping + index * (config_.slot_bytes + page);
  if (index >= guarded_) {
    GOSTEP_CHECK(mprotect(guard, page, PROT_NONE) == 0) << "mprotect guard page: " << std::strerror(errno);
  }
  slots_.push_back(Slot{.base = guard + page});
  return static_cast<int32_t>(slots_.size() - 1);
}

int32_t StackPool::PickVictim(const StackUser* running) {
  // CLOCK: skip recently used slots once, clearing their bit.
  for (size_t scanned = 0; scanned < 2 * slots_.size() + 1; ++scanned) {
    size_t i = clock_hand_++ % slots_.size();
    Slot& s = slots_[i];
    if (s.occupant == nullptr || s.occupant == running) continue;
    if (s.referenced) {
      s.referenced = false;
      continue;
    }
    return static_cast<int32_t>(i);
  }
  GOSTEP_CHECK(false) << "no evictable stack slot";
  return -1;
}

void StackPool::Evict(StackUser* u) {
  GOSTEP_CHECK(u->resident && u->sp != nullptr) << "evicting a non-resident or running stack";
  char* top = Top(u->slot);
  GOSTEP_CHECK(u->sp >= Bottom(u->slot) && u->sp <= top) << "saved sp outside its slot";
  u->saved_size = static_cast<uint32_t>(top - u->sp);
  u->saved = static_cast<char*>(std::malloc(u->saved_size));
  GOSTEP_CHECK(u->saved != nullptr) << "out of host memory saving a goroutine stack";
  CopyBytes(u->saved, u->sp, u->saved_size);
  u->resident = false;
  slots_[u->slot].occupant = nullptr;
  ++evictions_;
}

void StackPool::Assign(StackUser* u, const StackUser* running) {
  GOSTEP_CHECK(u->slot < 0) << "stack assigned twice";
  int32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else if (slots_.size() < config_.max_slots) {
    slot = NewSlot();
  } else {
    slot = PickVictim(running);
    Evict(slots_[slot].occupant);
  }
#if defined(__SANITIZE_ADDRESS__)
  ASAN_UNPOISON_MEMORY_REGION(Bottom(slot), config_.slot_bytes);
#endif
  u->slot = slot;
  u->resident = true;
  slots_[slot].occupant = u;
  slots_[slot].referenced = true;
}

void StackPool::MakeResident(StackUser* u, const StackUser* running) {
  if (u->resident) return;
  Slot& s = slots_[u->slot];
  GOSTEP_CHECK(s.occupant != running || running == nullptr) << "restoring over the running stack";
  if (s.occupant != nullptr) Evict(s.occupant);
#if defined(__SANITIZE_ADDRESS__)
  ASAN_UNPOISON_MEMORY_REGION(Bottom(u->slot), config_.slot_bytes);
#endif
  CopyBytes(u->sp, u->saved, u->saved_size);
  std::free(u->saved);
  u->saved = nullptr;
  u->saved_size = 0;
  u->resident = true;
  s.occupant = u;
  s.referenced = true;
  ++restores_;
}

int32_t StackPool::SlotOf(const void* addr) const {
  const char* a = static_cast<const char*>(addr);
  size_t stride = config_.slot_bytes + PageSize();
  for (size_t m = 0; m < mappings_.size(); ++m) {
    const char* base = mappings_[m];
    if (a < base || a >= base + mapping_bytes_) continue;
    size_t slot = m * kSlotsPerMapping + static_cast<size_t>(a - base) / stride;
    return slot < slots_.size() && a >= slots_[slot].base ? static_cast<int32_t>(slot) : -1;
  }
  return -1;
}

void StackPool::Release(StackUser* u) {
  if (u->slot < 0) return;
  if (u->resident) {
    slots_[u->slot].occupant = nullptr;
    slots_[u->slot].referenced = false;
    free_.push_back(u->slot);
  } else {
    // The slot now belongs to another goroutine; only the saved copy goes.
    std::free(u->saved);
    u->saved = nullptr;
    u->saved_size = 0;
  }
  u->slot = -1;
  u->resident = false;
  u->sp = nullptr;
}

}  // namespace gostep::sched
