// runtime/syncmap.h — sync.Map for C++ goroutines.
//
//   gostep::SyncMap m;                                   // var m sync.Map
//   m.Store(1, gostep::SyncValue::Int(1000));
//   gostep::SyncResult r = m.Load(1);                    // r.ok, r.value.i
//   auto [actual, loaded] = m.LoadOrStore(2, gostep::SyncValue::Ptr(obj));
//   m.Range([](int64_t k, const gostep::SyncValue& v) { return true; });
//
// The model is maps/syncmap/syncmap.h (sync/map.go per profile, on the
// simulated heap); this file wires it to the running simulation:
//  - mu is the scheduler's sync.Mutex model (scheduler/mutex.h): a goroutine
//    blocks in Lock and shows sync.Mutex frames in dumps;
//  - the Map's words are globals of the run's collector, its readOnly,
//    entries, values and maps heap objects; every atomic operation is a
//    runtime-grain yield point (Options::granularity = "runtime");
//  - package sync's `expunged`, the runtime's staticuint64s, the maps' hash
//    seeds and random draws are per run, from the decision stream.
//
// A method the run's profile lacks (Swap on go1.19, Clear on go1.22, …)
// throws maps::SyncMapApiError (Go would not compile the program); escaping
// the goroutine, it ends the run with that message. Keys are int64, or
// strings through the *String methods (the key's bytes are allocated on the
// heap at each call, as a string built from a []byte would be). A SyncValue
// holding a pointer is a raw gc::Ref: keep it in a Local until it is stored.
// Like Go's, a SyncMap must not be copied.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "maps/syncmap/syncmap.h"
#include "runtime/stack_home.h"

namespace gostep {

using maps::SyncResult;
using maps::SyncValue;

class SyncMap : private detail::StackObject {
 public:
  // SyncMap is `var m sync.Map` with keys of kind key (kInt64 or kString).
  explicit SyncMap(maps::KeyKind key = maps::KeyKind::kInt64);
  ~SyncMap();
  SyncMap(const SyncMap&) = delete;
  SyncMap& operator=(const SyncMap&) = delete;

  SyncResult Load(int64_t key);
  void Store(int64_t key, const SyncValue& value);
  SyncResult LoadOrStore(int64_t key, const SyncValue& value);
  SyncResult LoadAndDelete(int64_t key);  // go1.15+
  void Delete(int64_t key);
  SyncResult Swap(int64_t key, const SyncValue& value);                          // go1.20+
  bool CompareAndSwap(int64_t key, const SyncValue& old, const SyncValue& nw);  // go1.20+
  bool CompareAndDelete(int64_t key, const SyncValue& old);                     // go1.20+
  void Clear();                                                                 // go1.23+
  void Range(const std::function<bool(int64_t key, const SyncValue& value)>& f);

  SyncResult LoadString(std::string_view key);
  void StoreString(std::string_view key, const SyncValue& value);
  SyncResult LoadOrStoreString(std::string_view key, const SyncValue& value);
  void DeleteString(std::string_view key);
  SyncResult LoadAndDeleteString(std::string_view key);                                     // go1.15+
  SyncResult SwapString(std::string_view key, const SyncValue& value);                      // go1.20+
  bool CompareAndSwapString(std::string_view key, const SyncValue& old, const SyncValue& nw);  // go1.20+
  bool CompareAndDeleteString(std::string_view key, const SyncValue& old);                  // go1.20+
  void RangeStrings(const std::function<bool(const std::string& key, const SyncValue& value)>& f);

  // raw is the model, for inspection (View, StateOf, stats).
  maps::SyncMap& raw();

 private:
  class Locker;
  maps::SyncMap& M(const char* method, maps::KeyKind kind);
  // WithString calls fn(key) with the string's bytes on the heap, rooted.
  template <typename Fn>
  auto WithString(const char* method, std::string_view s, Fn fn);

  maps::KeyKind kind_;
  std::unique_ptr<Locker> mu_;
  std::unique_ptr<maps::SyncMap> m_;
};

}  // namespace gostep
