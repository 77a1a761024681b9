// gc/cpu_limiter.h — the GC CPU limiter of go1.19+ (runtime/mgclimit.go).
//
// Models gcCPULimiterState as read in the go1.19.8 source: a leaky bucket
// that "fills with GC CPU time and drains with mutator time". Because both
// count unweighted, the limit is 50% of the CPU over a window of
// 2 × capacity; capacity = GOMAXPROCS × capacityPerProc (1 cpu-second per P).
// While the bucket is full the limiter is "limiting": mark assists return at
// once (mgcmark.go:gcAssistAlloc) and gcDrainN backs out, so the heap may
// overshoot its goal. go1.20–1.23: assumed unchanged — not verified.
//
// How time enters the bucket (all virtual nanoseconds, one thread):
//  1. Update(now) takes the window since the last update: total = Δt × nprocs.
//     GC time = assist time pooled since then (AddAssistTime) + 25% of total
//     while the GC is enabled (gcBackgroundUtilization, the dedicated and
//     fractional workers). Idle time (AddIdleTime: Ps on the idle list and
//     idle mark workers) is then taken off the total, and the bucket gets
//     Accumulate(total − GC, GC).
//  2. The two STW transitions (StartGcTransition at sweep termination and at
//     mark done, FinishGcTransition when the world restarts) flush the window
//     before the phase change and count the whole pause × nprocs as GC time.
//  3. ResetCapacity(now, nprocs) when GOMAXPROCS changes (procresize).
//
// Not modelled: Go's per-P limiterEvent stamps that let Update consume the
// part of an assist or idle period still in flight. The caller reports each
// period when it ends (or splits it at each Update itself).
//
// Invariants: 0 ≤ fill ≤ capacity; limiting ⇔ the last accumulation filled
// the bucket (it stays on until something drains it).
#pragma once

#include <cstdint>

namespace gostep::gc {

class GcCpuLimiter {
 public:
  // capacityPerProc: the bucket's capacity for each P (1 s).
  static constexpr uint64_t kCapacityPerProc = 1'000'000'000;
  // gcCPULimiterUpdatePeriod: the longest time between updates (10 ms).
  static constexpr int64_t kUpdatePeriod = 10'000'000;

  // Limiting reports whether the limiter is on (gcCPULimiterState.limiting).
  bool Limiting() const { return enabled_; }

  // StartGcTransition flushes the window up to now and marks the GC as
  // enabled or disabled from here on (startGCTransition). Call it with the
  // world stopped: enable_gc = true at sweep termination, false at mark done.
  void StartGcTransition(bool enable_gc, int64_t now);
  // FinishGcTransition counts the STW pause since StartGcTransition as GC time
  // on every P (finishGCTransition). now is the end of the pause.
  void FinishGcTransition(int64_t now);

  // NeedUpdate reports whether more than kUpdatePeriod passed since the last
  // update (needUpdate). findRunnableGCWorker and assists poll it.
  bool NeedUpdate(int64_t now) const { return now - last_update_ > kUpdatePeriod; }
  // Update folds the time since the last update into the bucket (update).
  void Update(int64_t now);

  // AddAssistTime pools t ns of mark assist (or scavenge assist) time.
  void AddAssistTime(int64_t t) { assist_time_pool_ += t; }
  // AddIdleTime pools t ns a P spent idle or in an idle mark worker.
  void AddIdleTime(int64_t t) { idle_time_pool_ += t; }

  // ResetCapacity sets GOMAXPROCS to nprocs (resetCapacity; procresize calls
  // it, including once at start-up with the initial GOMAXPROCS).
  void ResetCapacity(int64_t now, int32_t nprocs);

  // Accumulate adds time to the bucket and decides whether the limiter is on
  // (accumulate). Exposed for tests; Update is the normal entry.
  void Accumulate(int64_t mutator_time, int64_t gc_time);

  // SetNumGc tells the limiter memstats.numgc, for LastEnabledCycle.
  void SetNumGc(uint32_t numgc) { numgc_ = numgc; }

  uint64_t fill() const { return fill_; }
  uint64_t capacity() const { return capacity_; }
  // overflow: GC time that did not fit in the full bucket, cumulative.
  uint64_t overflow() const { return overflow_; }
  // The GC cycle that last had the limiter on (/gc/limiter/last-enabled:gc-cycle).
  uint32_t LastEnabledCycle() const { return last_enabled_cycle_; }
  bool gc_enabled() const { return gc_enabled_; }

 private:
  void UpdateLocked(int64_t now);

  bool enabled_ = false;
  uint64_t fill_ = 0;
  uint64_t capacity_ = 0;
  uint64_t overflow_ = 0;
  bool gc_enabled_ = false;     // internal copy of gcBlackenEnabled
  bool transitioning_ = false;  // between Start/FinishGcTransition
  int64_t assist_time_pool_ = 0;
  int64_t idle_time_pool_ = 0;
  int64_t last_update_ = 0;
  uint32_t last_enabled_cycle_ = 0;
  uint32_t numgc_ = 0;
  int32_t nprocs_ = 0;
};

}  // namespace gostep::gc
