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

}  // namespace gostep::sched
