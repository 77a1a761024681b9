#include "gc/gcwork.h"

#include <algorithm>
#include <cstring>

namespace gostep::gc {

Workbuf* WorkLists::GetEmpty() {
  if (!empty_.empty()) {
    Workbuf* b = empty_.back();
    empty_.pop_back();
    return b;
  }
  store_.push_back(std::make_unique<Workbuf>());
  return store_.back().get();
}

void WorkLists::PutEmpty(Workbuf* b) {
  b->nobj = 0;
  empty_.push_back(b);
}

Workbuf* WorkLists::TryGetFull() {
  if (full_.empty()) return nullptr;
  Workbuf* b = full_.back();
  full_.pop_back();
  return b;
}

// gcWork.init.
void GcWork::Init() {
  wbuf1_ = lists_->GetEmpty();
  Workbuf* w2 = lists_->TryGetFull();
  wbuf2_ = w2 != nullptr ? w2 : lists_->GetEmpty();
}

bool GcWork::Put(Addr obj) {
  bool flushed = false;
  if (wbuf1_ == nullptr) {
    Init();
  } else if (wbuf1_->nobj == kWorkbufObjs) {
    std::swap(wbuf1_, wbuf2_);
    if (wbuf1_->nobj == kWorkbufObjs) {
      lists_->PutFull(wbuf1_);
      flushed_work = true;
      wbuf1_ = lists_->GetEmpty();
      flushed = true;
    }
  }
  wbuf1_->obj[wbuf1_->nobj++] = obj;
  return flushed;
}

Addr GcWork::TryGet() {
  if (wbuf1_ == nullptr) Init();
  if (wbuf1_->nobj == 0) {
    std::swap(wbuf1_, wbuf2_);
    if (wbuf1_->nobj == 0) {
      Workbuf* full = lists_->TryGetFull();
      if (full == nullptr) return 0;
      lists_->PutEmpty(wbuf1_);
      wbuf1_ = full;
    }
  }
  return wbuf1_->obj[--wbuf1_->nobj];
}

bool GcWork::Balance() {
  if (wbuf1_ == nullptr) return false;
  if (wbuf2_->nobj != 0) {
    lists_->PutFull(wbuf2_);
    flushed_work = true;
    wbuf2_ = lists_->GetEmpty();
    return true;
  }
  if (wbuf1_->nobj > 4) {
    // handoff: the top half moves to a new buffer; b (the bottom half) is
    // published.
    Workbuf* b1 = lists_->GetEmpty();
    uint32_t n = wbuf1_->nobj / 2;
    wbuf1_->nobj -= n;
    b1->nobj = n;
    std::memcpy(b1->obj, wbuf1_->obj + wbuf1_->nobj, n * sizeof(Addr));
    lists_->PutFull(wbuf1_);
    wbuf1_ = b1;
    flushed_work = true;
    return true;
  }
  return false;
}

void GcWork::Dispose() {
  for (Workbuf** b : {&wbuf1_, &wbuf2_}) {
    if (*b == nullptr) continue;
    if ((*b)->nobj == 0) {
      lists_->PutEmpty(*b);
    } else {
      lists_->PutFull(*b);
      flushed_work = true;
    }
    *b = nullptr;
  }
}

bool GcWork::Empty() const { return wbuf1_ == nullptr || (wbuf1_->nobj == 0 && wbuf2_->nobj == 0); }

size_t GcWork::LocalCount() const {
  return (wbuf1_ ? wbuf1_->nobj : 0) + (wbuf2_ ? wbuf2_->nobj : 0);
}

}  // namespace gostep::gc
