// scheduler/p.h — the processor (runtime2.go's p) and its states.
//
// gostep does not model Ms (threads) separately: each P has one implicit M.
// A P is in one of these situations:
//   idle       status kIdle, on the idle list; its M sleeps. Not stepped.
//   running    status kRunning with curg: its G executes, one yield point per step.
//   scheduling status kRunning, no curg: its M is in schedule()/findRunnable
//              (spinning if it is looking for work to steal).
//   stopped    status kGcStop: parked for stop-the-world.
// Running and scheduling Ps are "active": the policy picks which one steps.
// Each P has its own virtual clock; the `go` policy steps the smallest.
#pragma once

#include <cstdint>

#include "scheduler/g.h"
#include "scheduler/runq.h"
#include "scheduler/timer_heap.h"

namespace gostep::sched {

enum class PStatus : uint8_t {
  kIdle,     // _Pidle: no M, on the idle list
  kRunning,  // _Prunning: owned by an M, running user code or the scheduler
  kGcStop,   // _Pgcstop: halted for stop-the-world
};

struct P {
  int32_t id = 0;
  PStatus status = PStatus::kIdle;
  G* curg = nullptr;        // m.curg: the G this P runs
  bool spinning = false;    // m.spinning: looking for work to steal
  bool timer_wake = false;  // woken by the netpoller for a timer
  Nanos clock = 0;          // this P's virtual time
  uint32_t schedtick = 0;   // incremented on every scheduler call (execute without inheritTime)
  uint32_t sysmon_schedtick = 0;  // sysmontick.schedtick
  Nanos sysmon_schedwhen = 0;     // sysmontick.schedwhen
  bool run_safe_point_fn = false;
  LocalRunq runq;
  TimerHeap timers;
  uint64_t goidcache = 0;  // next goid to hand out (proc.go: goidcache)
  uint64_t goidcacheend = 0;
  P* link = nullptr;  // idle list
  // A pending runnext steal: the usleep(3) of runqgrab has been charged.
  G* steal_runnext = nullptr;
  int32_t steal_victim = -1;

  bool active() const { return status == PStatus::kRunning; }
};

}  // namespace gostep::sched
