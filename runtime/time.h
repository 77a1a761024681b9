// runtime/time.h — package time for C++ goroutines, on the virtual clock.
// Timer and Ticker channels carry the virtual time in nanoseconds; their
// semantics follow the profile (scheduler/time.h: buffered before go1.23,
// synchronous from go1.23 unless GODEBUG=asynctimerchan=1).
#pragma once

#include <functional>

#include "runtime/chan.h"
#include "runtime/go.h"
#include "scheduler/time.h"

namespace gostep {

void Sleep(Nanos d, SourcePos pos = SourcePos());  // time.Sleep

class Timer {
 public:
  Chan<Nanos> C;  // nil for AfterFunc timers
  bool Stop();    // reports whether the call stopped the timer before it fired
  bool Reset(Nanos d);  // reports whether the timer had been active

 private:
  friend Timer NewTimer(Nanos d);
  friend Timer AfterFunc(Nanos d, std::function<void()> f);
  sched::TimeTimer t_;
};

class Ticker {
 public:
  Chan<Nanos> C;
  void Stop();
  void Reset(Nanos d, SourcePos pos = SourcePos());

 private:
  friend Ticker NewTicker(Nanos d, SourcePos pos);
  sched::TimeTimer t_;
};

Timer NewTimer(Nanos d);                               // time.NewTimer
Timer AfterFunc(Nanos d, std::function<void()> f);     // time.AfterFunc
Chan<Nanos> After(Nanos d);                            // time.After
Ticker NewTicker(Nanos d, SourcePos pos = SourcePos());  // time.NewTicker
Chan<Nanos> Tick(Nanos d);                             // time.Tick (nil for d <= 0)

}  // namespace gostep
