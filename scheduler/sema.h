// scheduler/sema.h — runtime semaphores (sync.runtime_Semacquire & co).
//
// Models runtime/sema.go (go1.14–go1.23): semacquire1 and semrelease1 with
// FIFO queueing, LIFO re-queueing for waiters that already waited (sync.Mutex
// passes lifo=true), and direct handoff (sync.Mutex starvation mode passes
// handoff=true: the woken waiter gets the count and the releaser yields its P
// to it, go1.14's CL 200577). Go keeps the waiters of all addresses in a treap
// per semaRoot; per address the order is the list order modelled here.
//
// The counter is read and written with atomics in Go, outside the root lock:
// at the runtime grain, the yield points "sema.acquire", "sema.acquire.slow"
// and "sema.release" let another P act between them, as it could.
#pragma once

#include <cstdint>

#include "scheduler/frames.h"
#include "scheduler/g.h"
#include "scheduler/sudog.h"
#include "scheduler/types.h"

namespace gostep::sched {

class Scheduler;

struct Sema {
  uint32_t value = 0;      // the semaphore count (*addr)
  int32_t nwait = 0;       // root.nwait: waiters (disables the easy case in release)
  Sudog* head = nullptr;   // waiters, first to wake first
  Sudog* tail = nullptr;
};

// Semacquire blocks until the count is positive and takes one. `why` and
// `frames` describe the wait in dumps.
void Semacquire(Scheduler& s, Sema* sema, bool lifo, WaitReason why, RtFrames frames, SourcePos pos);
// Semrelease adds one and wakes a waiter; with handoff, the waiter is given
// the count directly and the caller yields to it.
void Semrelease(Scheduler& s, Sema* sema, bool handoff);

// NotifyList models runtime/sema.go's notifyList (go1.14–go1.23), sync.Cond's
// queue: a ticket-based list. Each waiter takes a ticket (wait) before it
// unlocks the Cond's Locker, so a Signal between the Unlock and the park is
// not lost: notify is the next ticket to wake, and a waiter whose ticket is
// already below it returns at once (less: wrap-around safe). Signal wakes the
// waiter holding ticket `notify` (the oldest), Broadcast every one, in list
// order. The list lock is a runtime lock: no yield point inside it.
struct NotifyList {
  uint32_t wait = 0;    // the next ticket to hand out
  uint32_t notify = 0;  // the next ticket to be notified
  Sudog* head = nullptr;
  Sudog* tail = nullptr;
};
uint32_t NotifyListAdd(Scheduler& s, NotifyList* l);  // notifyListAdd: the caller's ticket
void NotifyListWait(Scheduler& s, NotifyList* l, uint32_t t, RtFrames frames, SourcePos pos);
void NotifyListNotifyAll(Scheduler& s, NotifyList* l);
void NotifyListNotifyOne(Scheduler& s, NotifyList* l);

}  // namespace gostep::sched
