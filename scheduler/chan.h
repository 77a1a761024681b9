// scheduler/chan.h — Go channels and select.
//
// Models runtime/chan.go (makechan, chansend, chanrecv, send, recv, closechan,
// chanlen, chancap) and runtime/select.go (selectgo, block) of go1.14–go1.23,
// including go1.23's synchronous timer channels (time.go: isChan,
// maybeRunChan, blockTimerChan, unblockTimerChan).
//
// The channel is type-erased: elements are `elemsize` bytes copied with
// memcpy (the C++ API requires trivially copyable element types).
//
// Invariants (chan.go):
//  - qcount <= dataqsiz; buf[recvx .. recvx+qcount) hold the queued values.
//  - A channel never has waiting receivers and queued values at once, nor
//    waiting senders and free buffer space, except for a select's stale
//    sudogs (selectDone) that the next dequeue skips.
//  - After close, nothing is ever added to sendq/recvq.
// One yield point per operation, at its entry: the operation itself runs under
// c.lock in Go, so no other P can observe it half done.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "scheduler/g.h"
#include "scheduler/sudog.h"
#include "scheduler/timer_heap.h"

namespace gostep::sched {

class Scheduler;

// waitq (chan.go): a FIFO of sudogs.
struct WaitQ {
  Sudog* first = nullptr;
  Sudog* last = nullptr;

  void Enqueue(Sudog* s);
  // Dequeue pops the first sudog whose goroutine can still take it: a select
  // already won by another case is skipped (g.selectDone).
  Sudog* Dequeue();
  // DequeueSudog removes s (select's pass 3).
  void DequeueSudog(Sudog* s);
};

struct Hchan {
  uint32_t qcount = 0;    // total data in the queue
  uint32_t dataqsiz = 0;  // size of the circular queue
  std::vector<std::byte> buf;
  uint16_t elemsize = 0;
  bool closed = false;
  uint32_t sendx = 0;  // send index
  uint32_t recvx = 0;  // receive index
  WaitQ recvq;         // list of recv waiters
  WaitQ sendq;         // list of send waiters
  Timer* timer = nullptr;  // go1.23: the timer whose channel this is
  uint64_t id = 0;         // creation number: select's lock order, events
};

// MakeChan models makechan: a channel of `size` elements of `elemsize` bytes.
// A negative or too large size panics "makechan: size out of range". The
// scheduler owns the channel for the rest of the run.
Hchan* MakeChan(Scheduler& s, size_t elemsize, int64_t size);

// ChanSend models chansend. c may be null (a nil channel). With block=false it
// reports whether the value was sent (select with default).
bool ChanSend(Scheduler& s, Hchan* c, const void* ep, bool block, SourcePos pos);
// ChanSendImpl is ChanSend without the yield point, for the runtime's own
// sends (timers), which run on the scheduler.
bool ChanSendImpl(Scheduler& s, Hchan* c, const void* ep, bool block, SourcePos pos);
// TimerChanDrain empties a timer channel's buffer (go1.23 timerchandrain);
// it reports whether a value was dropped.
bool TimerChanDrain(Hchan* c);

struct RecvResult {
  bool selected = false;  // the operation happened (always, when blocking)
  bool received = false;  // a value was received (false: the channel is closed)
};

// ChanRecv models chanrecv. ep may be null (the value is discarded);
// `comma_ok` selects the chanrecv2 frames (v, ok := <-c) for dumps.
RecvResult ChanRecv(Scheduler& s, Hchan* c, void* ep, bool block, SourcePos pos, bool comma_ok = false);

// CloseChan models closechan.
void CloseChan(Scheduler& s, Hchan* c, SourcePos pos);

// ChanLen/ChanCap model chanlen/chancap (0 for go1.23 timer channels).
int ChanLen(const Scheduler& s, const Hchan* c);
int ChanCap(const Scheduler& s, const Hchan* c);

struct SelectCase {
  Hchan* c = nullptr;   // nil: the case never proceeds
  void* elem = nullptr; // send: the value; receive: where to put it (may be null)
  bool send = false;
};

struct SelectResult {
  int index = -1;          // chosen case, -1: default
  bool recv_ok = false;    // for a receive case: a value was received
};

// SelectGo models selectgo. `cases` holds the sends first, then the
// receives, as the compiler lays them out (any order is accepted; indexes
// refer to `cases`). With block=false and nothing ready it returns -1.
// No cases and block=true blocks forever (select {}).
SelectResult SelectGo(Scheduler& s, std::span<SelectCase> cases, bool block, SourcePos pos);

}  // namespace gostep::sched
