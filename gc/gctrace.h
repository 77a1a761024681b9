// gc/gctrace.h — the GODEBUG=gctrace=1 line, byte for byte.
//
// Models the print at the end of mgc.go:gcMarkTermination and its helpers
// itoaDiv and fmtNSAsMS (the same text in the go1.14.6, go1.17 and go1.19.8
// sources read). The line (go1.19):
//
//   gc N @S.SSSs P%: A+B+C ms clock, D+E/F/G+H ms cpu, I->J->K MB, L MB goal,
//   M MB stacks, OMB globals, Q P[ (forced)]
//
// (one line; " M MB stacks, OMB globals," only where the profile's
// gctrace_roots is set: go1.18+, verified in the go1.19.8 source, absent in
// the go1.14.6 and go1.17 sources; go1.18 itself not verified).
//
// Field sources (gcMarkTermination, go1.19):
//   N  memstats.numgc after this cycle          S  (tSweepTerm − runtimeInitTime)/1e6 ms, itoaDiv(·, 3)
//   P  int(gc_cpu_fraction × 100), truncated    A  tMark − tSweepTerm       B  tMarkTerm − tMark
//   C  tEnd − tMarkTerm                         D  stwprocs × A (sweepTermCpu)
//   E  assistTime   F  dedicated + fractional mark time   G  idle mark time
//   H  stwprocs × C (markTermCpu)               times via fmtNSAsMS
//   I  heapLive at gcStart (work.heap0)         J  heapLive at mark termination (heap1)
//   K  bytes marked (heap2)                     L  goal: Pacer::TraceHeapGoal()
//   M  Pacer::TraceStackScan()                  O  globalsScan
//   Q  GOMAXPROCS at gcStart (work.maxprocs)    sizes are >> 20 (MiB, truncated)
//   stwprocs = min(GOMAXPROCS, ncpu).
//
// gc_cpu_fraction (the same in go1.14.6, 1.17, 1.19): work.totaltime (the
// sum over cycles of sweepTermCpu + assist + dedicated + fractional +
// markTermCpu; idle time is "free" and left out) divided by the CPU time
// available since the first procresize, sched.totaltime + (now −
// procresizetime) × GOMAXPROCS. GcCpuClock keeps both.
#pragma once

#include <cstdint>
#include <string>

#include "base/version_profile.h"

namespace gostep::gc {

// Every value of one gctrace line, unformatted (nanoseconds and bytes).
struct GcTraceLine {
  uint32_t num_gc = 0;            // "gc N"
  int64_t since_init_ns = 0;      // tSweepTerm − runtimeInitTime
  int gc_cpu_percent = 0;         // int(memstats.gc_cpu_fraction * 100)
  int64_t clock_sweep_term_ns = 0;
  int64_t clock_mark_ns = 0;
  int64_t clock_mark_term_ns = 0;
  int64_t cpu_sweep_term_ns = 0;  // stwprocs × clock_sweep_term_ns
  int64_t cpu_assist_ns = 0;
  int64_t cpu_background_ns = 0;  // dedicated + fractional
  int64_t cpu_idle_ns = 0;
  int64_t cpu_mark_term_ns = 0;   // stwprocs × clock_mark_term_ns
  uint64_t heap0 = 0, heap1 = 0, heap2 = 0;  // bytes
  uint64_t heap_goal = 0;
  uint64_t stacks = 0;            // printed where gctrace_roots
  uint64_t globals = 0;           // printed where gctrace_roots
  int32_t procs = 0;
  bool forced = false;            // work.userForced
};

// ItoaDiv returns val/(10**dec) as mgc.go:itoaDiv prints it: exactly dec
// decimals (a leading "0." when val < 10**dec). For dec = 0 Go's loop still
// writes one digit before testing val ≥ 10, so a single digit prints with a
// leading '0' ("05"); gcMarkTermination never calls it that way.
std::string ItoaDiv(uint64_t val, int dec);

// FmtNsAsMs returns ns as milliseconds as mgc.go:fmtNSAsMS does: whole ms from
// 10 ms up, else two significant digits of the microseconds, at most three
// decimals, and "0" below 1 µs.
std::string FmtNsAsMs(uint64_t ns);

// FormatGcTrace returns the line gcMarkTermination prints, with its "\n".
std::string FormatGcTrace(const base::VersionProfile& profile, const GcTraceLine& line);

// The timing of one cycle as gcStart/gcMarkDone/gcMarkTermination record it.
struct GcCycleTimes {
  int64_t t_sweep_term = 0;  // work.tSweepTerm (start of STW 1)
  int64_t t_mark = 0;        // work.tMark (world restarted)
  int64_t t_mark_term = 0;   // work.tMarkTerm (start of STW 2)
  int64_t t_end = 0;         // work.tEnd (end of mark termination)
  int32_t stwprocs = 1;      // min(GOMAXPROCS, ncpu) at gcStart
  int64_t assist = 0, dedicated = 0, fractional = 0, idle = 0;  // Pacer's totals
};

// GcCpuClock keeps work.totaltime and sched.totaltime / procresizetime.
class GcCpuClock {
 public:
  // ProcResize records a GOMAXPROCS change at now from old_procs (procresize):
  // the first call (at schedinit) only starts the clock.
  void ProcResize(int64_t now, int32_t old_procs);
  // EndCycle adds the cycle's GC CPU to work.totaltime and returns
  // memstats.gc_cpu_fraction at now (gcMarkTermination).
  double EndCycle(const GcCycleTimes& t, int64_t now, int32_t gomaxprocs);
  int64_t gc_total_time() const { return gc_total_time_; }

 private:
  int64_t gc_total_time_ = 0;    // work.totaltime
  int64_t sched_total_time_ = 0; // sched.totaltime
  int64_t proc_resize_time_ = 0; // sched.procresizetime
};

// FillCycleTimes sets the clock and cpu fields of line from t, and
// gc_cpu_percent from fraction (int truncation as Go's int(f*100)).
void FillCycleTimes(const GcCycleTimes& t, double gc_cpu_fraction, int64_t runtime_init_time,
                    GcTraceLine* line);

}  // namespace gostep::gc
