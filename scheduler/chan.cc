#include "scheduler/chan.h"

#include <algorithm>
#include <cstring>

#include "base/check.h"
#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"
#include "scheduler/time.h"

namespace gostep::sched {
namespace {

constexpr YieldPoint kChanSendPoint{"chan.send", YieldKind::kCall, cost::kCallNs + cost::kChanOpNs};
constexpr YieldPoint kChanRecvPoint{"chan.recv", YieldKind::kCall, cost::kCallNs + cost::kChanOpNs};
constexpr YieldPoint kChanClosePoint{"chan.close", YieldKind::kCall, cost::kCallNs + cost::kChanOpNs};
constexpr YieldPoint kSelectPoint{"select", YieldKind::kCall, cost::kCallNs + cost::kChanOpNs};

// chan.go: maxAlloc on 64-bit is 1<<48 (heapAddrBits).
constexpr uint64_t kMaxAlloc = uint64_t{1} << 48;

std::byte* ChanBuf(Hchan* c, uint32_t i) { return c->buf.data() + static_cast<size_t>(i) * c->elemsize; }

bool Full(const Hchan* c) {
  if (c->dataqsiz == 0) return c->recvq.first == nullptr;
  return c->qcount == c->dataqsiz;
}

bool Empty(const Hchan* c) {
  if (c->dataqsiz == 0) return c->sendq.first == nullptr;
  return c->qcount == 0;
}

[[noreturn]] void ChanPanic(const char* msg, RtFrames frames, SourcePos pos) {
  throw GoPanic{.value = msg, .frames = frames, .pos = pos};
}

// Models chan.go:send: hand ep to the waiting receiver sg and wake it.
void Send(Scheduler& s, Hchan* c, Sudog* sg, const void* ep) {
  if (sg->has_elem) std::memcpy(sg->Elem(c->elemsize), ep, c->elemsize);
  sg->success = true;
  sg->g->param = sg;
  s.Ready(sg->g);
}

// Models chan.go:recv: take the value of the waiting sender sg.
void Recv(Scheduler& s, Hchan* c, Sudog* sg, void* ep) {
  if (c->dataqsiz == 0) {
    if (ep != nullptr) std::memcpy(ep, sg->Elem(c->elemsize), c->elemsize);
  } else {
    // The queue is full: take the head, and put the sender's value at the tail.
    std::byte* qp = ChanBuf(c, c->recvx);
    if (ep != nullptr) std::memcpy(ep, qp, c->elemsize);
    std::memcpy(qp, sg->Elem(c->elemsize), c->elemsize);
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    c->sendx = c->recvx;
  }
  sg->success = true;
  sg->g->param = sg;
  s.Ready(sg->g);
}

void Zero(void* ep, size_t n) {
  if (ep != nullptr) std::memset(ep, 0, n);
}

}  // namespace

// ==== waitq ==================================================================

void WaitQ::Enqueue(Sudog* s) {
  s->next = nullptr;
  Sudog* x = last;
  if (x == nullptr) {
    s->prev = nullptr;
    first = last = s;
    return;
  }
  s->prev = x;
  x->next = s;
  last = s;
}

Sudog* WaitQ::Dequeue() {
  for (;;) {
    Sudog* s = first;
    if (s == nullptr) return nullptr;
    Sudog* y = s->next;
    if (y == nullptr) {
      first = last = nullptr;
    } else {
      y->prev = nullptr;
      first = y;
      s->next = nullptr;
    }
    // A select woken by another case has not removed itself yet.
    if (s->is_select) {
      if (s->g->select_done) continue;
      s->g->select_done = true;
    }
    return s;
  }
}

void WaitQ::DequeueSudog(Sudog* s) {
  Sudog* x = s->prev;
  Sudog* y = s->next;
  if (x != nullptr) {
    x->next = y;
    if (y != nullptr) {
      y->prev = x;
    } else {
      last = x;
    }
  } else if (y != nullptr) {
    y->prev = nullptr;
    first = y;
  } else if (first == s) {
    first = last = nullptr;
  }
  s->next = s->prev = nullptr;
}

// ==== make, len, cap =========================================================

Hchan* MakeChan(Scheduler& s, size_t elemsize, int64_t size) {
  GOSTEP_CHECK(elemsize < (1u << 16)) << "makechan: invalid channel element type";
  if (size < 0 || static_cast<uint64_t>(size) > kMaxAlloc / std::max<size_t>(elemsize, 1)) {
    throw GoPanic{.value = "makechan: size out of range"};
  }
  Hchan* c = s.Own(std::make_unique<Hchan>());
  c->elemsize = static_cast<uint16_t>(elemsize);
  c->dataqsiz = static_cast<uint32_t>(size);
  c->buf.resize(static_cast<size_t>(size) * elemsize);
  c->id = s.NextId();
  return c;
}

int ChanLen(const Scheduler& s, const Hchan* c) {
  if (c == nullptr) return 0;
  if (c->timer != nullptr && s.SyncTimerChans()) return 0;  // go1.23: timer channels look unbuffered
  return static_cast<int>(c->qcount);
}

int ChanCap(const Scheduler& s, const Hchan* c) {
  if (c == nullptr) return 0;
  if (c->timer != nullptr && s.SyncTimerChans()) return 0;
  return static_cast<int>(c->dataqsiz);
}

// ==== send, receive, close ===================================================

bool ChanSend(Scheduler& s, Hchan* c, const void* ep, bool block, SourcePos pos) {
  s.Yield(kChanSendPoint);
  return ChanSendImpl(s, c, ep, block, pos);
}

// Models runtime/chan.go:chansend.
bool ChanSendImpl(Scheduler& s, Hchan* c, const void* ep, bool block, SourcePos pos) {
  if (c == nullptr) {
    if (!block) return false;
    s.Park(WaitReason::kChanSendNilChan, frames::kChanSendNil, pos);
    GOSTEP_CHECK(false) << "unreachable: woke from a send on a nil channel";
  }
  if (!block && !c->closed && Full(c)) return false;
  if (c->closed) ChanPanic("send on closed channel", frames::kChanSendClosed, pos);
  if (Sudog* sg = c->recvq.Dequeue()) {
    Send(s, c, sg, ep);
    return true;
  }
  if (c->qcount < c->dataqsiz) {
    std::memcpy(ChanBuf(c, c->sendx), ep, c->elemsize);
    if (++c->sendx == c->dataqsiz) c->sendx = 0;
    ++c->qcount;
    return true;
  }
  if (!block) return false;
  // Block on the channel. The value waits in the sudog, off our stack.
  G* gp = s.CurrentG();
  Sudog* mysg = s.sudogs().Acquire();
  mysg->g = gp;
  mysg->c = c;
  mysg->has_elem = true;
  std::memcpy(mysg->Elem(c->elemsize), ep, c->elemsize);
  gp->waiting = mysg;
  gp->param = nullptr;
  c->sendq.Enqueue(mysg);
  s.Park(WaitReason::kChanSend, frames::kChanSend, pos);
  gp->waiting = nullptr;
  bool closed = !mysg->success;
  gp->param = nullptr;
  s.sudogs().Release(mysg);
  if (closed) {
    GOSTEP_CHECK(c->closed) << "chansend: spurious wakeup";
    ChanPanic("send on closed channel", frames::kChanSendClosedWoken, pos);
  }
  return true;
}

// Models runtime/chan.go:chanrecv.
RecvResult ChanRecv(Scheduler& s, Hchan* c, void* ep, bool block, SourcePos pos, bool comma_ok) {
  s.Yield(kChanRecvPoint);
  if (c == nullptr) {
    if (!block) return {};
    s.Park(WaitReason::kChanReceiveNilChan, frames::kChanRecvNil, pos);
    GOSTEP_CHECK(false) << "unreachable: woke from a receive on a nil channel";
  }
  if (c->timer != nullptr) TimerMaybeRunChan(s, c->timer);
  // Fast path: check for failed non-blocking operation without acquiring the lock.
  if (!block && Empty(c)) {
    if (!c->closed) return {};
    if (Empty(c)) {
      Zero(ep, c->elemsize);
      return {.selected = true};
    }
  }
  if (c->closed) {
    if (c->qcount == 0) {
      Zero(ep, c->elemsize);
      return {.selected = true};
    }
    // The channel has been closed, but its buffer still has data.
  } else if (Sudog* sg = c->sendq.Dequeue()) {
    Recv(s, c, sg, ep);
    return {.selected = true, .received = true};
  }
  if (c->qcount > 0) {
    std::byte* qp = ChanBuf(c, c->recvx);
    if (ep != nullptr) std::memcpy(ep, qp, c->elemsize);
    std::memset(qp, 0, c->elemsize);
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    --c->qcount;
    return {.selected = true, .received = true};
  }
  if (!block) return {};
  G* gp = s.CurrentG();
  Sudog* mysg = s.sudogs().Acquire();
  mysg->g = gp;
  mysg->c = c;
  mysg->has_elem = true;
  gp->waiting = mysg;
  gp->param = nullptr;
  c->recvq.Enqueue(mysg);
  if (c->timer != nullptr) TimerBlockChan(s, c);
  s.Park(WaitReason::kChanReceive, comma_ok ? frames::kChanRecv2 : frames::kChanRecv, pos);
  if (c->timer != nullptr) TimerUnblockChan(s, c);
  gp->waiting = nullptr;
  bool success = mysg->success;
  if (success && ep != nullptr) std::memcpy(ep, mysg->Elem(c->elemsize), c->elemsize);
  if (!success) Zero(ep, c->elemsize);
  gp->param = nullptr;
  s.sudogs().Release(mysg);
  return {.selected = true, .received = success};
}

// Models runtime/chan.go:closechan. Waiters are readied in gList order
// (last dequeued first), as Go does.
void CloseChan(Scheduler& s, Hchan* c, SourcePos pos) {
  s.Yield(kChanClosePoint);
  if (c == nullptr) ChanPanic("close of nil channel", frames::kCloseNilChan, pos);
  if (c->closed) ChanPanic("close of closed channel", frames::kCloseChan, pos);
  c->closed = true;
  std::vector<G*> glist;
  while (Sudog* sg = c->recvq.Dequeue()) {
    sg->success = false;
    sg->g->param = sg;
    glist.push_back(sg->g);
  }
  while (Sudog* sg = c->sendq.Dequeue()) {
    sg->success = false;
    sg->g->param = sg;
    glist.push_back(sg->g);
  }
  for (auto it = glist.rbegin(); it != glist.rend(); ++it) s.Ready(*it);
}

// ==== select =================================================================

namespace {

// Models select.go's lock order: a heap sort of the polled cases by channel
// address (gostep: creation number).
std::vector<uint16_t> LockOrder(std::span<SelectCase> cases, const std::vector<uint16_t>& pollorder) {
  size_t n = pollorder.size();
  std::vector<uint16_t> lockorder(n);
  auto key = [&](uint16_t i) { return cases[i].c->id; };
  for (size_t i = 0; i < n; ++i) {
    size_t j = i;
    uint64_t k = key(pollorder[i]);
    while (j > 0 && key(lockorder[(j - 1) / 2]) < k) {
      size_t p = (j - 1) / 2;
      lockorder[j] = lockorder[p];
      j = p;
    }
    lockorder[j] = pollorder[i];
  }
  for (size_t i = n; i-- > 0;) {
    uint16_t o = lockorder[i];
    uint64_t k = key(o);
    lockorder[i] = lockorder[0];
    size_t j = 0;
    for (;;) {
      size_t c = j * 2 + 1;
      if (c >= i) break;
      if (c + 1 < i && key(lockorder[c]) < key(lockorder[c + 1])) ++c;
      if (k < key(lockorder[c])) {
        lockorder[j] = lockorder[c];
        j = c;
        continue;
      }
      break;
    }
    lockorder[j] = o;
  }
  return lockorder;
}

}  // namespace

// Models runtime/select.go:selectgo (and block for select {}).
SelectResult SelectGo(Scheduler& s, std::span<SelectCase> cases, bool block, SourcePos pos) {
  s.Yield(kSelectPoint);
  // Generate the permutation order: one fastrandn per live case.
  std::vector<uint16_t> pollorder;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (cases[i].c == nullptr) continue;
    if (cases[i].c->timer != nullptr) TimerMaybeRunChan(s, cases[i].c->timer);
    uint32_t j = s.ProgramRandN(static_cast<uint32_t>(pollorder.size() + 1));
    pollorder.push_back(0);
    pollorder.back() = pollorder[j];
    pollorder[j] = static_cast<uint16_t>(i);
  }
  if (pollorder.empty() && block) {
    s.Park(WaitReason::kSelectNoCases, frames::kSelectNoCases, pos);  // runtime.block: forever
    GOSTEP_CHECK(false) << "unreachable: woke from select {}";
  }
  std::vector<uint16_t> lockorder = LockOrder(cases, pollorder);

  // Pass 1: look for something already waiting.
  for (uint16_t i : pollorder) {
    SelectCase& cs = cases[i];
    Hchan* c = cs.c;
    if (!cs.send) {
      if (Sudog* sg = c->sendq.Dequeue()) {
        Recv(s, c, sg, cs.elem);
        return {i, true};
      }
      if (c->qcount > 0) {
        std::byte* qp = ChanBuf(c, c->recvx);
        if (cs.elem != nullptr) std::memcpy(cs.elem, qp, c->elemsize);
        std::memset(qp, 0, c->elemsize);
        if (++c->recvx == c->dataqsiz) c->recvx = 0;
        --c->qcount;
        return {i, true};
      }
      if (c->closed) {
        Zero(cs.elem, c->elemsize);
        return {i, false};
      }
    } else {
      if (c->closed) ChanPanic("send on closed channel", frames::kSelectSendClosed, pos);
      if (Sudog* sg = c->recvq.Dequeue()) {
        Send(s, c, sg, cs.elem);
        return {i, false};
      }
      if (c->qcount < c->dataqsiz) {
        std::memcpy(ChanBuf(c, c->sendx), cs.elem, c->elemsize);
        if (++c->sendx == c->dataqsiz) c->sendx = 0;
        ++c->qcount;
        return {i, false};
      }
    }
  }
  if (!block) return {-1, false};

  // Pass 2: enqueue on all channels, in lock order.
  G* gp = s.CurrentG();
  GOSTEP_CHECK(gp->waiting == nullptr) << "gp.waiting != nil";
  Sudog** nextp = &gp->waiting;
  for (uint16_t i : lockorder) {
    SelectCase& cs = cases[i];
    Sudog* sg = s.sudogs().Acquire();
    sg->g = gp;
    sg->is_select = true;
    sg->c = cs.c;
    sg->casei = i;
    sg->has_elem = true;
    if (cs.send) std::memcpy(sg->Elem(cs.c->elemsize), cs.elem, cs.c->elemsize);
    *nextp = sg;
    nextp = &sg->waitlink;
    (cs.send ? cs.c->sendq : cs.c->recvq).Enqueue(sg);
    if (!cs.send && cs.c->timer != nullptr) TimerBlockChan(s, cs.c);
  }
  gp->param = nullptr;
  s.Park(WaitReason::kSelect, frames::kSelect, pos);

  // Pass 3: dequeue from the unsuccessful channels.
  gp->select_done = false;
  Sudog* won = gp->param;
  gp->param = nullptr;
  SelectResult result;
  bool success = false;
  for (Sudog* sg = gp->waiting; sg != nullptr;) {
    SelectCase& cs = cases[sg->casei];
    if (!cs.send && cs.c->timer != nullptr) TimerUnblockChan(s, cs.c);
    if (sg == won) {
      result.index = sg->casei;
      success = sg->success;
      if (!cs.send) {
        if (success && cs.elem != nullptr) std::memcpy(cs.elem, sg->Elem(cs.c->elemsize), cs.c->elemsize);
        if (!success) Zero(cs.elem, cs.c->elemsize);
      }
    } else {
      (cs.send ? cs.c->sendq : cs.c->recvq).DequeueSudog(sg);
    }
    Sudog* next = sg->waitlink;
    s.sudogs().Release(sg);
    sg = next;
  }
  gp->waiting = nullptr;
  GOSTEP_CHECK(result.index >= 0) << "selectgo: bad wakeup";
  if (cases[result.index].send) {
    if (!success) ChanPanic("send on closed channel", frames::kSelectSendClosed, pos);
  } else {
    result.recv_ok = success;
  }
  return result;
}

}  // namespace gostep::sched

namespace gostep::sched {

// Models go1.23 runtime/chan.go:timerchandrain.
bool TimerChanDrain(Hchan* c) {
  if (c->qcount == 0) return false;
  bool any = false;
  while (c->qcount > 0) {
    std::memset(ChanBuf(c, c->recvx), 0, c->elemsize);
    if (++c->recvx == c->dataqsiz) c->recvx = 0;
    --c->qcount;
    any = true;
  }
  return any;
}

}  // namespace gostep::sched
