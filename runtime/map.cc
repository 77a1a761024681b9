#include "runtime/map.h"

#include "base/check.h"
#include "runtime/map_binding.h"

namespace gostep {
namespace {

runtime::MapBinding& M() {
  runtime::MapBinding* b = runtime::MapBinding::Current();
  GOSTEP_CHECK(b != nullptr) << "gostep map API used outside a running simulation";
  return *b;
}

}  // namespace

GoMap GoMap::Make(maps::KeyKind key, int64_t hint, bool small, maps::ElemShape elem) {
  GoMap g;
  g.m_ = &M().For(key, elem);
  g.h_ = std::make_shared<Global>();
  Local h = small && hint <= 8 ? g.m_->MakeMapSmall() : g.m_->MakeMap(hint);  // rooted before any yield
  *g.h_ = h;
  return g;
}

GoMap GoMap::Clone() {
  GoMap g;
  g.m_ = m_;
  g.h_ = std::make_shared<Global>();
  Local h = m_->Clone(ref());
  *g.h_ = h;
  return g;
}

void GoMap::Range(const std::function<bool(const maps::Key&, int64_t)>& fn) {
  // The range loop's frame: its hiter's roots go when the loop is left,
  // also by a panic out of fn.
  struct Frame {
    maps::BucketMap* m;
    maps::Hiter it;
    ~Frame() { m->IterEnd(&it); }
  } f{m_, {}};
  for (m_->IterInit(ref(), &f.it); f.it.has_key; m_->IterNext(&f.it)) {
    if (!fn(m_->LoadKey(f.it.key), m_->LoadInt(f.it.elem))) break;
  }
}

}  // namespace gostep
