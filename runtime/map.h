// runtime/map.h — Go maps for goroutine code (the C++ API).
//
//   gostep::Global keep;                          // share a map across goroutines
//   gostep::GoMap m = gostep::GoMap::Make(maps::KeyKind::kInt64);
//   m.Set(1, 10);                                 // m[1] = 10 (mapassign_fast64, then the store)
//   int64_t v; bool ok = m.Get(1, &v);            // v, ok := m[1]
//   m.Delete(1);                                  // delete(m, 1)
//   m.Range([](maps::Key k, int64_t v) { return true; });  // for k, v := range m
//
// A GoMap is a *hmap held in a Global (a root with the write barrier), so
// copies of it may be captured by several goroutines. Elems are 8-byte
// scalars (int64) unless made with another ElemShape. Each operation is the
// real runtime code (maps/bucket/hmap.h), with its runtime-grain yield
// points and its misuse detector: two goroutines writing at once can die
// with Go's "fatal error: concurrent map writes".
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "maps/bucket/hmap.h"
#include "runtime/heap.h"

namespace gostep {

class GoMap {
 public:
  // Make is make(map[K]int64, hint) (makemap; makemap_small for hint <= 8
  // when small is set, as the compiler does for a constant hint).
  static GoMap Make(maps::KeyKind key, int64_t hint = 0, bool small = false,
                    maps::ElemShape elem = maps::ElemShape::Scalar(8));
  gc::Ref ref() const { return h_->ref(); }
  maps::BucketMap& code() const { return *m_; }

  void Set(int64_t k, int64_t v) { m_->Set(ref(), Key(k), v); }
  bool Get(int64_t k, int64_t* v) { return m_->Get(ref(), Key(k), v); }
  void Delete(int64_t k) { m_->Delete(ref(), Key(k)); }
  void SetKey(const maps::Key& k, int64_t v) { m_->Set(ref(), k, v); }
  bool GetKey(const maps::Key& k, int64_t* v) { return m_->Get(ref(), k, v); }
  void DeleteKey(const maps::Key& k) { m_->Delete(ref(), k); }
  int64_t Len() { return m_->Len(ref()); }
  void Clear() { m_->Clear(ref()); }  // clear(m) (go1.21+) or the range-delete idiom
  GoMap Clone();                      // maps.Clone (go1.21+)
  // Range is `for k, v := range m`: fn returns false to break. The hiter's
  // pointers are roots of the calling goroutine while it runs.
  void Range(const std::function<bool(const maps::Key&, int64_t)>& fn);

 private:
  maps::Key Key(int64_t k) const {
    return m_->type().key_kind == maps::KeyKind::kFloat64 ? maps::Key::Float(static_cast<double>(k))
                                                          : maps::Key::Int(k);
  }
  std::shared_ptr<Global> h_;
  maps::BucketMap* m_ = nullptr;
};

}  // namespace gostep
