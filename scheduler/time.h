// scheduler/time.h — package time on the virtual clock.
//
// Models runtime/time.go (timeSleep, the runtime side of time.Timer) and the
// time package's sleep.go and tick.go (NewTimer, After, AfterFunc, Stop,
// Reset, NewTicker, Tick) of go1.14–go1.23. Timer and Ticker channels carry
// the virtual time in nanoseconds.
//
// Two timer-channel semantics, chosen by the profile (sync_timer_channels)
// and GODEBUG=asynctimerchan:
//   go1.14–1.22 (async): the channel has a buffer of 1. The timer sends
//     Now() when it runs, if the buffer is free; a value sent before Stop or
//     Reset stays in the channel (a stale value).
//   go1.23 (sync): the channel reports len 0 and cap 0. The timer is in a
//     heap only while a goroutine is blocked receiving, and runs when the
//     receive looks at it; it sends the time it was due. Stop and Reset drain
//     the channel, so no stale value is ever received (Go issue 37196), and an
//     unwatched timer does not keep the process alive (it cannot block
//     checkdead).
#pragma once

#include <functional>

#include "scheduler/chan.h"
#include "scheduler/g.h"
#include "scheduler/timer_heap.h"
#include "scheduler/types.h"

namespace gostep::sched {

class Scheduler;

// Sleep models time.Sleep: parks the goroutine for d (no-op for d <= 0).
void Sleep(Scheduler& s, Nanos d, SourcePos pos);

// When models time.when: the absolute time d from now (now for d <= 0).
Nanos When(Scheduler& s, Nanos d);

// A Timer or Ticker of package time: the runtime timer and its channel.
struct TimeTimer {
  Timer* r = nullptr;
  Hchan* c = nullptr;  // null for AfterFunc timers
};

TimeTimer NewTimer(Scheduler& s, Nanos d);                        // time.NewTimer
TimeTimer AfterFunc(Scheduler& s, Nanos d, std::function<void()> f);  // time.AfterFunc
TimeTimer NewTicker(Scheduler& s, Nanos d, SourcePos pos);        // time.NewTicker
// Stop reports whether the call stopped the timer before it ran
// ((*Timer).Stop, (*Ticker).Stop).
bool StopTimer(Scheduler& s, const TimeTimer& t);
// ResetTimer reports whether the timer had been active ((*Timer).Reset).
bool ResetTimer(Scheduler& s, const TimeTimer& t, Nanos d);
// ResetTicker models (*Ticker).Reset.
void ResetTicker(Scheduler& s, const TimeTimer& t, Nanos d, SourcePos pos);

// go1.23 timer-channel hooks called by chan.cc.
void TimerMaybeRunChan(Scheduler& s, Timer* t);  // maybeRunChan
void TimerBlockChan(Scheduler& s, Hchan* c);     // blockTimerChan
void TimerUnblockChan(Scheduler& s, Hchan* c);   // unblockTimerChan

}  // namespace gostep::sched
