// scheduler/cost_model.h — how much virtual time each step costs.
//
// gostep has no real clock. Every yield point charges a cost to the virtual
// clock of the P that runs it, and the `go` policy advances the P whose clock
// is smallest, so Ps that do equal work advance in turn, as on real hardware.
// Timers, sysmon's 10 ms preemption, mutex starvation (1 ms) and the pacer all
// read this clock.
//
// The constants are calibrated against real Go 1.19.8 on the reference
// machine (2-core Debian 12; ../shared/reference/toolchain-notes.md):
//   runtime.Gosched ping-pong, GOMAXPROCS=1     171 ns per round trip
//   unbuffered channel ping-pong, GOMAXPROCS=1  401 ns per round trip
// A Gosched round trip here costs 2 × (kGoschedNs + kScheduleNs + kCallNs) =
// 174 ns; a channel round trip 2 × (kChanOpNs × 2 + kParkNs + kReadyNs +
// kScheduleNs + kCallNs × 2) = 404 ns (tests/scheduler/cost_model_test.cc checks
// both against the table above). The other constants are order-of-magnitude
// figures; each comment says where it comes from. They are compile-time
// constants so that a schedule file always means the same thing.
#pragma once

#include "scheduler/types.h"

namespace gostep::sched::cost {

constexpr Nanos kLoopNs = 1;      // a statement or loop back-edge
constexpr Nanos kCallNs = 2;      // a function call (prologue check included)
constexpr Nanos kRuntimeNs = 1;   // a step inside a runtime operation
constexpr Nanos kGoschedNs = 25;  // runtime.Gosched up to schedule(): mcall, globrunqput
constexpr Nanos kScheduleNs = 60; // schedule() + findRunnable fast path + execute + gogo
constexpr Nanos kParkNs = 20;     // gopark: mcall + park_m
constexpr Nanos kReadyNs = 20;    // goready: casgstatus + runqput + wakep check
constexpr Nanos kChanOpNs = 40;   // chansend/chanrecv: lock, queue checks, copy
constexpr Nanos kNewprocNs = 250; // newproc1: gfget, stack init, runqput
constexpr Nanos kGoexitNs = 100;  // goexit0: gfput, schedule entry
constexpr Nanos kAtomicNs = 5;    // one atomic read-modify-write (sync package)
constexpr Nanos kTimerNs = 30;    // addtimer/deltimer/modtimer on a P's heap

// runtime_doSpin = procyield(30): 30 PAUSE instructions. PAUSE takes ~10 cycles
// on older x86 and ~140 on Skylake and later; 400 ns assumes ~40 cycles at 3 GHz.
constexpr Nanos kSpinNs = 400;

// wakep -> a parked M is running on the woken P: a futex wake-up and a thread
// switch, several microseconds on Linux.
constexpr Nanos kWakepLatencyNs = 5 * kMicrosecond;

// runqgrab's usleep(3) before stealing a running P's runnext: nanosleep(3 µs)
// plus Linux's default 50 µs timer slack (prctl(2), PR_SET_TIMERSLACK).
constexpr Nanos kUsleep3Ns = 53 * kMicrosecond;

}  // namespace gostep::sched::cost
