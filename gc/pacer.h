// gc/pacer.h — the GC pacer: when a cycle starts, how many mark workers run,
// how much assists must do (runtime gcControllerState, go1.14–go1.23).
//
// Models gcControllerState of runtime/mgcpacer.go (go1.17+; before that the
// same controller lived in mgc.go as gcController + memstats.next_gc /
// gc_trigger / triggerRatio). One Pacer per simulated runtime; all times are
// virtual nanoseconds, all sizes bytes, Go's uint64 arithmetic kept (a goal of
// UINT64_MAX means "none"). docs/PACER.md has the formulas per release with
// their sources; every method below names the Go function it models.
//
// The collector drives one cycle like this (mgc.go, numbered as gcStart /
// gcMarkDone / gcMarkTermination do it):
//  0. While _GCoff: Update(dHeapLive, dHeapScan) whenever heapLive/heapScan
//     move (mcache refill, large alloc, releaseAll); start a cycle when
//     TestHeapTrigger() (gcTrigger.test, gcTriggerHeap), TestTimeTrigger(),
//     or runtime.GC() (gcTriggerCycle). go1.19+: SetMemoryStats() keeps the
//     numbers memoryLimitHeapGoal reads current.
//  1. Sweep termination (STW): StartCycle(now, gomaxprocs, kind). go1.19+:
//     limiter().StartGcTransition(true, now), and FinishGcTransition when the
//     world restarts.
//  2. Mark: per P, FindRunnableGcWorker() chooses dedicated / fractional /
//     none; an idle P may run an idle worker if AddIdleMarkWorker(). Workers
//     report MarkWorkerStop(mode, duration); assists AddAssistTime(); all scan
//     work goes to AddScanWork(kind, bytes) followed by Revise(); assists
//     read assist_work_per_byte() / assist_bytes_per_work() and are skipped
//     while AssistsDisabled() (go1.19+ CPU limiter). go1.19+: each assist's
//     time also goes to limiter().AddAssistTime(), each idle worker run and
//     idle-P period to limiter().AddIdleTime() (Go's limiterEvent stops), and
//     assists call limiter().Update(now) when limiter().NeedUpdate(now).
//  3. Mark done (STW): go1.19+ limiter().StartGcTransition(false, now), then
//     EndCycle(now, gomaxprocs, userForced).
//  4. Mark termination (STW): ResetLive(bytesMarked), then Commit(sweepDone
//     = false) for the next cycle (gcControllerCommit / gcSetTriggerRatio).
//     The gctrace line reads TraceHeapGoal(), TraceStackScan(), globals_scan().
//
// Release differences are data (PacerTraits, from VersionProfile::pacer and
// ::memory_limit); there is one code path per Go function.
//
// Invariants (checked in tests): Trigger() ≤ HeapGoal() for go1.19+ (Go
// throws "produced a trigger greater than the heap goal"); before go1.19 commit
// raises the goal to the trigger. Mark-phase counters are zero after StartCycle.
#pragma once

#include <array>
#include <cstdint>
#include <limits>

#include "base/version_profile.h"
#include "gc/cpu_limiter.h"
#include "gc/gc_env.h"

namespace gostep::gc {

// ---- Constants (go1.19 mgcpacer.go unless noted) ------------------------------

// gcBackgroundUtilization: the dedicated + fractional workers' share of
// GOMAXPROCS during mark.
inline constexpr double kBackgroundUtilization = 0.25;
// defaultHeapMinimum: heapMinimum at GOGC=100 (heapMinimum = 4 MiB × GOGC/100).
inline constexpr uint64_t kDefaultHeapMinimum = 4 << 20;
// sweepMinHeapDistance (mgc.go): runway kept for the sweeper when a trigger is
// computed before sweeping finished.
inline constexpr uint64_t kSweepMinHeapDistance = 1 << 20;
// forcegcperiod (proc.go): a GC at least every 2 minutes unless GOGC=off.
inline constexpr int64_t kForceGcPeriod = 2 * 60 * int64_t{1'000'000'000};
// gcOverAssistWork: minimum scan work an assist does at a time (64 KiB).
inline constexpr int64_t kGcOverAssistWork = 64 << 10;
// gcCreditSlack: scan work batched on a P before it is published.
inline constexpr int64_t kGcCreditSlack = 2000;
// maxStackScanSlack (scannableStackSizeSlack in go1.18): stack bytes batched
// on a P before maxStackScan is updated.
inline constexpr int64_t kMaxStackScanSlack = 8 << 10;
// kNoGoal: Go's ^uint64(0), "disabled".
inline constexpr uint64_t kNoGoal = std::numeric_limits<uint64_t>::max();

// What started a cycle (mgc.go gcTriggerKind).
enum class GcTriggerKind : uint8_t {
  kHeap,   // heapLive ≥ trigger, tested on span refill and large allocation
  kTime,   // forcegc helper: no GC for forcegcperiod (sysmon)
  kCycle,  // runtime.GC(): sets work.userForced and gctrace's " (forced)"
};

// What a background mark worker does on its P (mgc.go gcMarkWorkerMode).
enum class MarkWorkerMode : uint8_t {
  kNotWorker,   // the P runs no mark worker
  kDedicated,   // marks until the end of mark, not preempted by the scheduler
  kFractional,  // marks until its P exceeds fractionalUtilizationGoal
  kIdle,        // marks because the P had nothing else to run
};

// Which scan work counter a unit of work goes to (heapScanWork,
// stackScanWork, globalsScanWork; one counter, scanWork, before go1.18).
enum class ScanWorkKind : uint8_t { kHeap, kStack, kGlobals };

// How endCycle turns the cycle's measured cons/mark into the next estimate.
enum class ConsMarkSmoothing : uint8_t {
  kNone,  // go1.14–1.17: no cons/mark; the trigger-ratio controller
  kPI,    // go1.18–1.19: piController{kp 0.9, ti 4, tt 1000, [-1000, 1000]}
  kAvg2,  // go1.20: mean of this and the previous measurement (not verified)
  kMax4,  // go1.21+: max of this and the previous 4 measurements
};

// PacerTraits are the release differences of the pacer, derived in one place
// (TraitsFor) from the VersionProfile.
struct PacerTraits {
  bool redesign;                 // go1.18+: design 44167, runway from cons/mark
  bool unscaled_min_trigger;     // go1.14.0–1.14.1: minTriggerRatio = 0.6 unscaled
  double goal_utilization;       // gcGoalUtilization: 0.30 before go1.18, 0.25 after
  bool dynamic_goal;             // go1.19+: goal and trigger computed on demand
  bool triggered_is_heap_live;   // go1.20+ (1.20 not verified): triggered = heapLive
  ConsMarkSmoothing smoothing;
  bool memory_limit;             // go1.19+: GOMEMLIMIT and the CPU limiter
  uint64_t memory_limit_headroom_percent;  // 0 (1 MiB flat, go1.19–1.20), 3 (go1.21+)
  bool idle_worker_limit;        // go1.19+: idleMarkWorkers max (Go issue 44163)
};

// TraitsFor returns the pacer traits of a release.
PacerTraits TraitsFor(const base::VersionProfile& profile);

// Settings the runtime reads at start-up (gcinit, schedinit).
struct PacerSettings {
  int32_t gogc = 100;                     // gcPercent (ParseGogc); < 0 = off
  int64_t memory_limit = kNoMemoryLimit;  // GOMEMLIMIT (go1.19+; ignored before)
  int32_t gomaxprocs = 1;
  // Scannable data+BSS, added by modulesinit before gcinit (symtab.go
  // addGlobals, go1.18+), so the first commit sees it.
  uint64_t globals_scan = 0;
};

// The heap statistics memoryLimitHeapGoal reads (go1.19+).
struct MemoryStats {
  uint64_t mapped_ready = 0;  // gcController.mappedReady: mapped, in the Ready state
  uint64_t heap_free = 0;     // gcController.heapFree: free, unscavenged, not in a span
  uint64_t heap_alloc = 0;    // totalAlloc − totalFree: object bytes not yet freed by sweep
};

// piController (mgcpacer.go, go1.18–1.19), the cons/mark smoother.
struct PiController {
  double kp = 0.9, ti = 4.0, tt = 1000, min = -1000, max = 1000;
  double err_integral = 0;
  bool err_overflow = false, input_overflow = false;
  // Next returns the new output for sample `input` towards `setpoint`, and
  // false when the state overflowed (then the output is min).
  bool Next(double input, double setpoint, double period, double* output);
};

class Pacer {
 public:
  // Models gcControllerState.init (go1.17+) / gcinit's pacer set-up (go1.14–1.16).
  Pacer(const base::VersionProfile& profile, const PacerSettings& settings);

  // ==== _GCoff: allocation and the triggers ====================================

  // Update adds to heapLive and heapScan (gcControllerState.update, go1.18+;
  // the mcache refill adds of go1.14–1.17). go1.18+ freezes heapScan during mark.
  void Update(int64_t d_heap_live, int64_t d_heap_scan);
  // Trigger returns the heapLive at which a GC starts (gcController.trigger()).
  uint64_t Trigger() const;
  // HeapGoal returns the current heap goal (heapGoal() / next_gc).
  uint64_t HeapGoal() const;
  // TestHeapTrigger reports gcTrigger{kind: gcTriggerHeap}.test().
  bool TestHeapTrigger() const { return heap_live_ >= Trigger(); }
  // TestTimeTrigger reports gcTrigger{kind: gcTriggerTime, now}.test():
  // never with GOGC < 0 or before the first GC (last_gc_nanotime == 0).
  bool TestTimeTrigger(int64_t now, int64_t last_gc_nanotime) const;

  // ==== Sweep termination ======================================================

  // StartCycle resets the cycle counters and sizes the workers (startCycle).
  void StartCycle(int64_t mark_start_time, int32_t procs, GcTriggerKind kind);

  // ==== Mark ==================================================================

  // FindRunnableGcWorker returns the worker a P should run
  // (findRunnableGCWorker): kNotWorker if no mark work is available, no idle
  // worker G is in the pool, or this P is ahead of the fractional goal.
  MarkWorkerMode FindRunnableGcWorker(int64_t now, bool mark_work_available,
                                      bool worker_available, int64_t p_fractional_mark_time);
  // PollFractionalWorkerExit reports whether a fractional worker should stop
  // (mgc.go:pollFractionalWorkerExit); self_time = the P's fractional time so
  // far plus the current run.
  bool PollFractionalWorkerExit(int64_t now, int64_t self_time) const;
  // AddIdleMarkWorker reports whether an idle P may become an idle worker, and
  // counts it (addIdleMarkWorker, go1.19+; always true before).
  bool AddIdleMarkWorker();
  // NeedIdleMarkWorker: would AddIdleMarkWorker succeed (needIdleMarkWorker).
  bool NeedIdleMarkWorker() const;
  // RemoveIdleMarkWorker: an idle worker stopped (removeIdleMarkWorker).
  void RemoveIdleMarkWorker();
  // MarkWorkerStop accounts a worker's run (markWorkerStop go1.19+,
  // logWorkTime go1.18, gcBgMarkWorker before). The P's own fractional time
  // (p.gcFractionalMarkTime) is the caller's.
  void MarkWorkerStop(MarkWorkerMode mode, int64_t duration);
  // AddAssistTime adds flushed assist time (gcController.assistTime += ...).
  void AddAssistTime(int64_t t) { assist_time_ += t; }
  // AddScanWork adds flushed scan work of a kind (gcw.heapScanWork flushes,
  // markroot's stack/globals work). Call Revise() afterwards as Go does.
  void AddScanWork(ScanWorkKind kind, int64_t work);
  // Background scan credit that assists may steal (bgScanCredit).
  int64_t& bg_scan_credit() { return bg_scan_credit_; }
  // Revise recomputes the assist ratio (revise).
  void Revise();
  double assist_work_per_byte() const { return assist_work_per_byte_; }
  double assist_bytes_per_work() const { return assist_bytes_per_work_; }
  // AssistsDisabled reports gcCPULimiter.limiting() (go1.19+; never before).
  bool AssistsDisabled() const { return traits_.memory_limit && limiter_.Limiting(); }

  // ==== Mark done, mark termination ============================================

  // EndCycle updates the next cycle's trigger ratio or cons/mark (endCycle).
  void EndCycle(int64_t now, int32_t procs, bool user_forced);
  // ResetLive sets heapMarked = heapLive = bytes_marked and the scan sizes
  // measured this cycle (resetLive go1.18+, gcMark before).
  void ResetLive(uint64_t bytes_marked);
  // Commit recomputes goal and trigger (gcControllerCommit go1.19+,
  // commit(triggerRatio) go1.17–1.18, gcSetTriggerRatio go1.14–1.16) and
  // revises the assist ratio if a cycle is running.
  void Commit(bool sweep_done);

  // ==== Roots ==================================================================

  // AddScannableStack adds stack bytes (addScannableStack): with p_delta
  // (that P's maxStackScanDelta) batched by kMaxStackScanSlack, else direct.
  void AddScannableStack(int64_t* p_delta, int64_t amount);
  // AddGlobals adds scannable globals (addGlobals).
  void AddGlobals(int64_t amount) { globals_scan_ += static_cast<uint64_t>(amount); }

  // ==== Settings ===============================================================

  // SetGcPercent sets GOGC, returns the old value, and commits
  // (debug.SetGCPercent → setGCPercent + gcControllerCommit).
  int32_t SetGcPercent(int32_t in, bool sweep_done);
  // SetMemoryLimit sets the limit if in ≥ 0 and returns the old one
  // (debug.SetMemoryLimit, go1.19+); commits when it changed.
  int64_t SetMemoryLimit(int64_t in, bool sweep_done);
  // SetMemoryStats updates what memoryLimitHeapGoal reads (go1.19+).
  void SetMemoryStats(const MemoryStats& stats) { mem_ = stats; }
  GcCpuLimiter& limiter() { return limiter_; }
  const GcCpuLimiter& limiter() const { return limiter_; }

  // ==== gctrace ================================================================

  // TraceHeapGoal: the "MB goal" of the line printed after this cycle:
  // work.heapGoal (goal at StartCycle) before go1.19 (go1.18 not verified),
  // lastHeapGoal (goal at EndCycle) since.
  uint64_t TraceHeapGoal() const;
  // TraceStackScan: "MB stacks": maxStackScan in go1.19, lastStackScan in
  // go1.20+; go1.18 not verified (stackScan assumed).
  uint64_t TraceStackScan() const;

  // ==== State (read-only) ======================================================

  const PacerTraits& traits() const { return traits_; }
  int32_t gc_percent() const { return gc_percent_; }
  int64_t memory_limit() const { return memory_limit_; }
  uint64_t heap_minimum() const { return heap_minimum_; }
  uint64_t heap_live() const { return heap_live_; }
  uint64_t heap_scan() const { return heap_scan_; }
  uint64_t heap_marked() const { return heap_marked_; }
  uint64_t last_heap_goal() const { return last_heap_goal_; }
  uint64_t last_heap_scan() const { return last_heap_scan_; }
  uint64_t last_stack_scan() const { return last_stack_scan_; }
  uint64_t max_stack_scan() const { return max_stack_scan_; }
  uint64_t globals_scan() const { return globals_scan_; }
  double trigger_ratio() const { return trigger_ratio_; }
  double cons_mark() const { return cons_mark_; }
  uint64_t runway() const { return runway_; }
  uint64_t triggered() const { return triggered_; }
  int64_t dedicated_mark_workers_needed() const { return dedicated_mark_workers_needed_; }
  double fractional_utilization_goal() const { return fractional_utilization_goal_; }
  int32_t max_idle_mark_workers() const { return idle_max_; }
  int64_t scan_work() const { return heap_scan_work_ + stack_scan_work_ + globals_scan_work_; }
  int64_t assist_time() const { return assist_time_; }
  int64_t dedicated_mark_time() const { return dedicated_mark_time_; }
  int64_t fractional_mark_time() const { return fractional_mark_time_; }
  int64_t idle_mark_time() const { return idle_mark_time_; }
  int64_t mark_start_time() const { return mark_start_time_; }
  bool blacken_enabled() const { return blacken_enabled_; }

 private:
  // ---- helpers (each models the named Go function) ----
  void CommitTriggerRatio(bool sweep_done);      // gcSetTriggerRatio / commit ≤1.17
  void Commit118(bool sweep_done);               // commit, go1.18
  void CommitDynamic(bool sweep_done);           // commit(isSweepDone), go1.19+
  void HeapGoalInternal(uint64_t* goal, uint64_t* min_trigger) const;  // go1.19+
  uint64_t MemoryLimitHeapGoal() const;          // go1.19+
  uint64_t DynamicTrigger(uint64_t* goal_out) const;  // trigger(), go1.19+
  double EffectiveGrowthRatio() const;           // ≤1.17
  void EndCycleTriggerRatio(int64_t now, int32_t procs, bool user_forced);
  void EndCycleConsMark(int64_t now, int32_t procs);
  void SmoothConsMark(double current);
  void ComputeWorkers(int32_t procs, GcTriggerKind kind);
  uint64_t ExtrapolationBase() const;  // triggered (1.19+) or trigger (1.18)
  uint64_t GoalStackScan() const;      // stack term of the goal and runway
  int32_t RevisePercent() const { return gc_percent_ < 0 ? 100000 : gc_percent_; }

  PacerTraits traits_;
  GcCpuLimiter limiter_;
  MemoryStats mem_;

  int32_t gc_percent_ = 100;
  int64_t memory_limit_ = kNoMemoryLimit;
  uint64_t heap_minimum_ = kDefaultHeapMinimum;

  // Goal and trigger stored by commit (go1.14–1.18).
  double trigger_ratio_ = 0;  // go1.14–1.17
  uint64_t trigger_ = kNoGoal;
  uint64_t heap_goal_ = kNoGoal;
  // go1.19+: the parts of the dynamic goal stored by commit.
  uint64_t gc_percent_heap_goal_ = kNoGoal;
  uint64_t sweep_dist_min_trigger_ = 0;
  uint64_t runway_ = 0;
  uint64_t triggered_ = kNoGoal;
  uint64_t last_heap_goal_ = 0;
  uint64_t cycle_start_goal_ = 0;  // work.heapGoal, for gctrace before go1.19

  uint64_t heap_live_ = 0, heap_scan_ = 0, heap_marked_ = 0;
  uint64_t last_heap_scan_ = 0, last_stack_scan_ = 0;
  uint64_t max_stack_scan_ = 0;  // scannableStackSize in go1.18
  uint64_t stack_scan_ = 0;      // go1.18: snapshot of scannableStackSize at StartCycle
  uint64_t globals_scan_ = 0;

  double cons_mark_ = 0;
  PiController cons_mark_controller_;
  std::array<double, 4> last_cons_mark_{};

  int64_t heap_scan_work_ = 0, stack_scan_work_ = 0, globals_scan_work_ = 0;
  int64_t bg_scan_credit_ = 0, assist_time_ = 0;
  int64_t dedicated_mark_time_ = 0, fractional_mark_time_ = 0, idle_mark_time_ = 0;
  int64_t mark_start_time_ = 0;
  int64_t dedicated_mark_workers_needed_ = 0;
  double fractional_utilization_goal_ = 0;
  int32_t idle_n_ = 0, idle_max_ = 0;  // idleMarkWorkers (go1.19+)
  double assist_work_per_byte_ = 0, assist_bytes_per_work_ = 0;

  bool blacken_enabled_ = false;  // gcBlackenEnabled: StartCycle → EndCycle
  bool phase_on_ = false;         // gcphase != _GCoff: StartCycle → ResetLive
};

}  // namespace gostep::gc
