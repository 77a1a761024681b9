// gc/gcwork.h — grey-object work queues (mgcwork.go).
//
// Models runtime/mgcwork.go of go1.14–go1.23: each P has a gcWork of two
// workbufs (wbuf1, wbuf2: one stack with one buffer of hysteresis); full and
// empty workbufs move to and from the global lists work.full / work.empty,
// which are lock-free LIFO stacks (lfstack) in Go and plain LIFO vectors
// here (one simulation is one host thread). A workbuf holds 253 pointers:
// (_WorkbufSize 2048 − 24-byte header) / 8.
//
// Grey = marked and on one of these queues (the mgcwork.go definition). The
// queues hold object (or oblet) addresses; gostep also keeps a grey bit per
// slot so that colour queries and the verifier need not search the queues.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "gc/ref.h"

namespace gostep::gc {

constexpr uint32_t kWorkbufObjs = (2048 - 24) / 8;  // mgcwork.go: len(workbuf.obj)

struct Workbuf {
  uint32_t nobj = 0;
  Addr obj[kWorkbufObjs];
};

// WorkLists is the global part of mgcwork.go: work.full, work.empty and the
// workbuf allocator.
class WorkLists {
 public:
  Workbuf* GetEmpty();                 // getempty
  void PutEmpty(Workbuf* b);           // putempty
  void PutFull(Workbuf* b) { full_.push_back(b); }  // putfull
  Workbuf* TryGetFull();               // trygetfull
  bool FullEmpty() const { return full_.empty(); }  // work.full == 0
  const std::vector<Workbuf*>& full() const { return full_; }
  size_t nbufs() const { return store_.size(); }

 private:
  std::vector<Workbuf*> full_;
  std::vector<Workbuf*> empty_;
  std::vector<std::unique_ptr<Workbuf>> store_;
};

// GcWork is a P's gcWork.
class GcWork {
 public:
  explicit GcWork(WorkLists* lists) : lists_(lists) {}

  // Put is gcWork.put; it reports whether a full buffer was published
  // (put's "flushed": the caller enlists a worker).
  bool Put(Addr obj);
  // TryGet is gcWork.tryGetFast + tryGet: 0 if no work here or globally.
  Addr TryGet();
  // Balance is gcWork.balance: publish work when the global list is empty.
  bool Balance();
  // Dispose is gcWork.dispose: everything to the global list.
  void Dispose();
  bool Empty() const;
  size_t LocalCount() const;
  template <typename Fn>
  void ForEachLocal(Fn fn) const {
    for (const Workbuf* b : {wbuf1_, wbuf2_}) {
      if (b == nullptr) continue;
      for (uint32_t i = 0; i < b->nobj; ++i) fn(b->obj[i]);
    }
  }

  // flushedWork (mgcwork.go): work was published since the last check.
  bool flushed_work = false;
  // Per-cycle counters flushed into the collector's totals.
  uint64_t bytes_marked = 0;
  int64_t heap_scan_work = 0;

 private:
  void Init();
  WorkLists* lists_;
  Workbuf* wbuf1_ = nullptr;
  Workbuf* wbuf2_ = nullptr;
};

}  // namespace gostep::gc
