// runtime/syncmap.cc — sync.Map wired to the running simulation: Map.mu over
// the scheduler's sync.Mutex, one SyncMapRuntime per run (package sync's
// state, the maps' seeds and random draws from the decision stream).
#include "runtime/syncmap.h"

#include <stdexcept>

#include <fmt/format.h>

#include "runtime/gc_binding.h"
#include "runtime/go.h"
#include "runtime/heap.h"
#include "scheduler/mutex.h"

namespace gostep {
namespace {

// RunMapRand draws the maps' fastrand/rand() from the decision stream
// (recorded in the schedule: DESIGN.md, "Decisions").
class RunMapRand final : public maps::MapRand {
 public:
  uint32_t Fastrand() override { return static_cast<uint32_t>(S().ProgramRand64()); }
  uint64_t Fastrand64() override { return S().ProgramRand64(); }
};

// RunState is what every sync.Map of one run shares. The scheduler owns it
// (Scheduler::Own), so it dies with the run; `current` never outlives it.
struct RunState {
  RunState(sched::Scheduler* s, gc::Collector& c)
      : sched(s),
        rt(std::make_unique<maps::SyncMapRuntime>(c, s->profile(), maps::HashSeeds::FromSeed(s->ProgramRand64(), true),
                                                  rand)) {}
  ~RunState();
  sched::Scheduler* sched;
  RunMapRand rand;
  std::unique_ptr<maps::SyncMapRuntime> rt;
};

thread_local RunState* current = nullptr;

RunState::~RunState() {
  rt->Abandon();  // the collector may already be gone: leave its globals alone
  if (current == this) current = nullptr;
}

maps::SyncMapRuntime& Runtime() {
  sched::Scheduler* s = sched::Scheduler::Current();
  runtime::GcBinding* b = runtime::GcBinding::Current();
  if (s == nullptr || b == nullptr) NoSimulation();
  if (current == nullptr || current->sched != s) current = s->Own(std::make_unique<RunState>(s, b->collector()));
  return *current->rt;
}

}  // namespace

// Map.mu: the scheduler's sync.Mutex (a goroutine that finds it locked parks).
class SyncMap::Locker final : public maps::SyncMapLocker {
 public:
  void Lock() override { sched::MutexLock(S(), &m_, SourcePos(nullptr, 0)); }
  void Unlock() override { sched::MutexUnlock(S(), &m_, SourcePos(nullptr, 0)); }

 private:
  sched::Mutex m_;
};

SyncMap::SyncMap(maps::KeyKind key)
    : kind_(key), mu_(std::make_unique<Locker>()), m_(std::make_unique<maps::SyncMap>(Runtime(), key, *mu_)) {}

SyncMap::~SyncMap() {
  // As Global: a Map destroyed after its run has nothing left to release.
  runtime::GcBinding* b = runtime::GcBinding::Current();
  if (b == nullptr || &b->collector() != &m_->collector()) m_->Abandon();
}

maps::SyncMap& SyncMap::raw() { return *m_; }

maps::SyncMap& SyncMap::M(const char* method, maps::KeyKind kind) {
  CheckHome("sync.Map");
  if (kind != kind_) {
    throw std::logic_error(fmt::format("gostep: sync.Map.{} with a {} key on a map of {} keys", method,
                                       maps::KeyKindName(kind), maps::KeyKindName(kind_)));
  }
  return *m_;
}

template <typename Fn>
auto SyncMap::WithString(const char* method, std::string_view s, Fn fn) {
  maps::SyncMap& m = M(method, maps::KeyKind::kString);
  maps::Key k = m.NewString(s);
  Local data(k.data);  // the caller's string variable
  return fn(m, k);
}

// ==== int64 keys ====================================================================

SyncResult SyncMap::Load(int64_t key) { return M("Load", maps::KeyKind::kInt64).Load(maps::Key::Int(key)); }
void SyncMap::Store(int64_t key, const SyncValue& value) {
  M("Store", maps::KeyKind::kInt64).Store(maps::Key::Int(key), value);
}
SyncResult SyncMap::LoadOrStore(int64_t key, const SyncValue& value) {
  return M("LoadOrStore", maps::KeyKind::kInt64).LoadOrStore(maps::Key::Int(key), value);
}
SyncResult SyncMap::LoadAndDelete(int64_t key) {
  return M("LoadAndDelete", maps::KeyKind::kInt64).LoadAndDelete(maps::Key::Int(key));
}
void SyncMap::Delete(int64_t key) { M("Delete", maps::KeyKind::kInt64).Delete(maps::Key::Int(key)); }
SyncResult SyncMap::Swap(int64_t key, const SyncValue& value) {
  return M("Swap", maps::KeyKind::kInt64).Swap(maps::Key::Int(key), value);
}
bool SyncMap::CompareAndSwap(int64_t key, const SyncValue& old, const SyncValue& nw) {
  return M("CompareAndSwap", maps::KeyKind::kInt64).CompareAndSwap(maps::Key::Int(key), old, nw);
}
bool SyncMap::CompareAndDelete(int64_t key, const SyncValue& old) {
  return M("CompareAndDelete", maps::KeyKind::kInt64).CompareAndDelete(maps::Key::Int(key), old);
}
void SyncMap::Clear() {
  CheckHome("sync.Map");
  m_->Clear();
}
void SyncMap::Range(const std::function<bool(int64_t, const SyncValue&)>& f) {
  M("Range", maps::KeyKind::kInt64).Range([&](const maps::Key& k, const SyncValue& v) {
    return f(static_cast<int64_t>(k.bits), v);
  });
}

// ==== string keys ===================================================================

SyncResult SyncMap::LoadString(std::string_view key) {
  return WithString("Load", key, [](maps::SyncMap& m, const maps::Key& k) { return m.Load(k); });
}
void SyncMap::StoreString(std::string_view key, const SyncValue& value) {
  WithString("Store", key, [&](maps::SyncMap& m, const maps::Key& k) { m.Store(k, value); });
}
SyncResult SyncMap::LoadOrStoreString(std::string_view key, const SyncValue& value) {
  return WithString("LoadOrStore", key, [&](maps::SyncMap& m, const maps::Key& k) { return m.LoadOrStore(k, value); });
}
void SyncMap::DeleteString(std::string_view key) {
  WithString("Delete", key, [](maps::SyncMap& m, const maps::Key& k) { m.Delete(k); });
}
SyncResult SyncMap::LoadAndDeleteString(std::string_view key) {
  return WithString("LoadAndDelete", key, [](maps::SyncMap& m, const maps::Key& k) { return m.LoadAndDelete(k); });
}
SyncResult SyncMap::SwapString(std::string_view key, const SyncValue& value) {
  return WithString("Swap", key, [&](maps::SyncMap& m, const maps::Key& k) { return m.Swap(k, value); });
}
bool SyncMap::CompareAndSwapString(std::string_view key, const SyncValue& old, const SyncValue& nw) {
  return WithString("CompareAndSwap", key,
                    [&](maps::SyncMap& m, const maps::Key& k) { return m.CompareAndSwap(k, old, nw); });
}
bool SyncMap::CompareAndDeleteString(std::string_view key, const SyncValue& old) {
  return WithString("CompareAndDelete", key,
                    [&](maps::SyncMap& m, const maps::Key& k) { return m.CompareAndDelete(k, old); });
}
void SyncMap::RangeStrings(const std::function<bool(const std::string&, const SyncValue&)>& f) {
  maps::SyncMap& m = M("Range", maps::KeyKind::kString);
  m.Range([&](const maps::Key& k, const SyncValue& v) { return f(m.StringOf(k), v); });
}

}  // namespace gostep
