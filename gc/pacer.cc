#include "gc/pacer.h"

#include <cmath>

#include "base/check.h"

namespace gostep::gc {
namespace {

// Float→integer conversions with Go's results on amd64 where C++ leaves the
// out-of-range case undefined (Go's spec: implementation-dependent).
// float64→int64 is CVTTSD2SQ: NaN and out-of-range give INT64_MIN.
int64_t GoFloatToInt64(double x) {
  if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(x);
}

// float64→uint64 (cmd/compile amd64 lowering): x < 2^63 converts as int64;
// otherwise int64(x − 2^63) | 1<<63. NaN and x ≥ 2^64 give 1<<63.
uint64_t GoFloatToUint64(double x) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (x < kTwo63) return static_cast<uint64_t>(GoFloatToInt64(x));
  return static_cast<uint64_t>(GoFloatToInt64(x - kTwo63)) | (uint64_t{1} << 63);
}

// GoSub is Go's int64 subtraction: two's complement, wrapping (the spec's
// "integer overflow" rule), where C++ leaves overflow undefined. revise can
// meet it when GOGC=off makes the goal huge and a float conversion gives
// INT64_MIN.
int64_t GoSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
int64_t GoAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

// triggerRatioDen / minTriggerRatioNum / maxTriggerRatioNum (go1.19+ trigger).
constexpr uint64_t kTriggerRatioDen = 64;
constexpr uint64_t kMinTriggerRatioNum = 45;  // ~0.7
constexpr uint64_t kMaxTriggerRatioNum = 61;  // ~0.95
// memoryLimitHeapGoalHeadroom (go1.19) = memoryLimitMinHeapGoalHeadroom (go1.21).
constexpr uint64_t kMemoryLimitMinHeadroom = 1 << 20;
// minRunway of heapGoalInternal (go1.19+) and startCycle's bump (go1.18).
constexpr uint64_t kMinRunway = 64 << 10;
// startCycle's bump of the goal over heapLive, go1.14–1.17.
constexpr uint64_t kOldMinGoalDistance = 1 << 20;

}  // namespace

PacerTraits TraitsFor(const base::VersionProfile& profile) {
  using base::PacerModel;
  PacerTraits t{};
  PacerModel m = profile.pacer;
  t.redesign = m != PacerModel::kTriggerRatio114 && m != PacerModel::kTriggerRatio;
  t.unscaled_min_trigger = m == PacerModel::kTriggerRatio114;
  // gcGoalUtilization: 0.30 in mgc.go (go1.14.6) and mgcpacer.go (go1.17);
  // = gcBackgroundUtilization (0.25) once PacerRedesign is on (go1.18+).
  t.goal_utilization = t.redesign ? kBackgroundUtilization : 0.30;
  // go1.18 stores goal and trigger in commit; go1.19+ computes them on demand
  // for the memory limit (see docs/PACER.md).
  t.dynamic_goal = t.redesign && m != PacerModel::kConsMarkPI118;
  t.triggered_is_heap_live = m == PacerModel::kConsMarkAvg2 || m == PacerModel::kConsMarkMax4;
  switch (m) {
    case PacerModel::kTriggerRatio114:
    case PacerModel::kTriggerRatio: t.smoothing = ConsMarkSmoothing::kNone; break;
    case PacerModel::kConsMarkPI118:
    case PacerModel::kConsMarkPI119: t.smoothing = ConsMarkSmoothing::kPI; break;
    case PacerModel::kConsMarkAvg2: t.smoothing = ConsMarkSmoothing::kAvg2; break;
    case PacerModel::kConsMarkMax4: t.smoothing = ConsMarkSmoothing::kMax4; break;
  }
  t.memory_limit = profile.memory_limit;
  t.memory_limit_headroom_percent = m == PacerModel::kConsMarkMax4 ? 3 : 0;
  t.idle_worker_limit = profile.periodic_gc_idle_limit;
  return t;
}

// Models piController.next (mgcpacer.go, go1.18–1.19).
bool PiController::Next(double input, double setpoint, double period, double* output) {
  double prop = kp * (setpoint - input);
  double raw = prop + err_integral;
  double out = raw;
  if (std::isinf(out) || std::isnan(out)) {
    err_integral = 0;
    input_overflow = true;
    *output = min;
    return false;
  }
  if (out < min) {
    out = min;
  } else if (out > max) {
    out = max;
  }
  if (ti != 0 && tt != 0) {
    err_integral += (kp * period / ti) * (setpoint - input) + (period / tt) * (out - raw);
    if (std::isinf(err_integral) || std::isnan(err_integral)) {
      err_integral = 0;
      err_overflow = true;
      *output = min;
      return false;
    }
  }
  *output = out;
  return true;
}

// ==== Construction and settings ===============================================

// Models gcControllerState.init (go1.17+; gcinit before): go1.14–1.17 start
// with triggerRatio 7/8 and a fake heapMarked = heapMinimum/(1+7/8), so the
// first trigger is heapMinimum; go1.18+ start from heapMarked = 0.
Pacer::Pacer(const base::VersionProfile& profile, const PacerSettings& settings)
    : traits_(TraitsFor(profile)) {
  heap_minimum_ = kDefaultHeapMinimum;
  globals_scan_ = settings.globals_scan;
  if (!traits_.redesign) {
    trigger_ratio_ = 7 / 8.0;
    heap_marked_ = GoFloatToUint64(static_cast<double>(heap_minimum_) / (1 + trigger_ratio_));
  }
  if (traits_.memory_limit) limiter_.ResetCapacity(0, settings.gomaxprocs);  // procresize at schedinit
  // setGCPercent (+ setMemoryLimit), then commit with no sweep in the first cycle.
  int32_t in = settings.gogc < 0 ? -1 : settings.gogc;
  heap_minimum_ = kDefaultHeapMinimum * static_cast<uint64_t>(static_cast<int64_t>(in)) / 100;
  gc_percent_ = in;
  if (traits_.memory_limit && settings.memory_limit >= 0) memory_limit_ = settings.memory_limit;
  Commit(/*sweep_done=*/true);
}

// Models setGCPercent + the commit its callers do. heapMinimum keeps Go's
// uint64 arithmetic: with GOGC=off it is 4 MiB × (2^64−1) / 100 mod 2^64.
int32_t Pacer::SetGcPercent(int32_t in, bool sweep_done) {
  int32_t out = gc_percent_;
  if (in < 0) in = -1;
  heap_minimum_ = kDefaultHeapMinimum * static_cast<uint64_t>(static_cast<int64_t>(in)) / 100;
  gc_percent_ = in;
  Commit(sweep_done);
  return out;
}

// Models setMemoryLimit (runtime/debug.setMemoryLimit, go1.19+).
int64_t Pacer::SetMemoryLimit(int64_t in, bool sweep_done) {
  int64_t out = memory_limit_;
  if (!traits_.memory_limit) return out;
  if (in >= 0) memory_limit_ = in;
  if (in < 0 || out == in) return out;
  Commit(sweep_done);
  return out;
}

// ==== Allocation and triggers ==================================================

// Models gcControllerState.update (go1.18+) and the refill-time updates of
// heap_live / heap_scan before it.
void Pacer::Update(int64_t d_heap_live, int64_t d_heap_scan) {
  heap_live_ += static_cast<uint64_t>(d_heap_live);
  // go1.18+: heapScan is fixed at the start of a cycle.
  if (!traits_.redesign || !blacken_enabled_) heap_scan_ += static_cast<uint64_t>(d_heap_scan);
  if (blacken_enabled_) Revise();
}

uint64_t Pacer::Trigger() const {
  if (!traits_.dynamic_goal) return trigger_;
  return DynamicTrigger(nullptr);
}

uint64_t Pacer::HeapGoal() const {
  if (!traits_.dynamic_goal) return heap_goal_;
  uint64_t goal = 0, min_trigger = 0;
  HeapGoalInternal(&goal, &min_trigger);
  return goal;
}

// Models gcTrigger.test for gcTriggerTime (mgc.go, the same text go1.14–1.19).
bool Pacer::TestTimeTrigger(int64_t now, int64_t last_gc_nanotime) const {
  if (gc_percent_ < 0) return false;
  return last_gc_nanotime != 0 && now - last_gc_nanotime > kForceGcPeriod;
}

// ==== Sweep termination =========================================================

// Models startCycle (go1.14–1.23).
void Pacer::StartCycle(int64_t mark_start_time, int32_t procs, GcTriggerKind kind) {
  heap_scan_work_ = stack_scan_work_ = globals_scan_work_ = 0;
  bg_scan_credit_ = assist_time_ = 0;
  dedicated_mark_time_ = fractional_mark_time_ = idle_mark_time_ = 0;
  mark_start_time_ = mark_start_time;  // gcStart sets it after startCycle before go1.18
  if (traits_.redesign && !traits_.dynamic_goal) stack_scan_ = max_stack_scan_;  // go1.18 snapshot
  if (!traits_.dynamic_goal) {
    // Keep the goal a little above heapLive: 1 MiB before go1.18, 64 KiB in go1.18.
    uint64_t min_distance = traits_.redesign ? kMinRunway : kOldMinGoalDistance;
    if (heap_goal_ < heap_live_ + min_distance) heap_goal_ = heap_live_ + min_distance;
  } else {
    // go1.19: the precomputed trigger (TODO in startCycle, Go issue 53738);
    // go1.20+: the heapLive the cycle really started at (Go issue 53892).
    triggered_ = traits_.triggered_is_heap_live ? heap_live_ : DynamicTrigger(nullptr);
  }
  ComputeWorkers(procs, kind);
  blacken_enabled_ = true;
  phase_on_ = true;
  cycle_start_goal_ = HeapGoal();  // work.heapGoal
  Revise();
}

// The worker sizing of startCycle: dedicated workers rounded to 25% of procs,
// a fractional worker where rounding is > 30% off ("GOMAXPROCS<=3 or
// GOMAXPROCS=6"), and go1.19+'s idle-worker maximum.
void Pacer::ComputeWorkers(int32_t procs, GcTriggerKind kind) {
  double total_utilization_goal = static_cast<double>(procs) * kBackgroundUtilization;
  int64_t dedicated = static_cast<int64_t>(total_utilization_goal + 0.5);
  double util_error = static_cast<double>(dedicated) / total_utilization_goal - 1;
  constexpr double kMaxUtilError = 0.3;
  if (util_error < -kMaxUtilError || util_error > kMaxUtilError) {
    if (static_cast<double>(dedicated) > total_utilization_goal) --dedicated;
    fractional_utilization_goal_ =
        (total_utilization_goal - static_cast<double>(dedicated)) / static_cast<double>(procs);
  } else {
    fractional_utilization_goal_ = 0;
  }
  dedicated_mark_workers_needed_ = dedicated;
  if (!traits_.idle_worker_limit) return;
  if (kind == GcTriggerKind::kTime) {
    idle_max_ = dedicated > 0 ? 0 : 1;  // periodic GC (Go issue 44163)
  } else {
    idle_max_ = procs - static_cast<int32_t>(dedicated);
  }
}

// ==== Mark ========================================================================

// Models findRunnableGCWorker (go1.14–1.23; the limiter poll is go1.19+).
MarkWorkerMode Pacer::FindRunnableGcWorker(int64_t now, bool mark_work_available,
                                           bool worker_available, int64_t p_fractional_mark_time) {
  GOSTEP_CHECK(blacken_enabled_) << "[gostep internal bug] findRunnableGCWorker: blackening not enabled";
  if (traits_.memory_limit && limiter_.NeedUpdate(now)) limiter_.Update(now);
  if (!mark_work_available || !worker_available) return MarkWorkerMode::kNotWorker;
  if (dedicated_mark_workers_needed_ > 0) {
    --dedicated_mark_workers_needed_;
    return MarkWorkerMode::kDedicated;
  }
  if (fractional_utilization_goal_ == 0) return MarkWorkerMode::kNotWorker;
  int64_t delta = now - mark_start_time_;
  if (delta > 0 && static_cast<double>(p_fractional_mark_time) / static_cast<double>(delta) >
                       fractional_utilization_goal_) {
    return MarkWorkerMode::kNotWorker;  // this P is ahead of its fractional goal
  }
  return MarkWorkerMode::kFractional;
}

// Models mgc.go:pollFractionalWorkerExit (go1.14–1.23).
bool Pacer::PollFractionalWorkerExit(int64_t now, int64_t self_time) const {
  int64_t delta = now - mark_start_time_;
  if (delta <= 0) return true;
  return static_cast<double>(self_time) / static_cast<double>(delta) > 1.2 * fractional_utilization_goal_;
}

// Models addIdleMarkWorker (go1.19+). Before go1.19 findRunnable started an
// idle worker on any idle P while mark work was available: no maximum.
bool Pacer::AddIdleMarkWorker() {
  if (!traits_.idle_worker_limit) return true;
  if (idle_n_ >= idle_max_) return false;  // n > max is tolerated, as in Go
  GOSTEP_CHECK(idle_n_ >= 0) << "[gostep internal bug] negative idle mark workers";
  ++idle_n_;
  return true;
}

// Models needIdleMarkWorker (go1.19+).
bool Pacer::NeedIdleMarkWorker() const { return !traits_.idle_worker_limit || idle_n_ < idle_max_; }

// Models removeIdleMarkWorker (go1.19+).
void Pacer::RemoveIdleMarkWorker() {
  if (!traits_.idle_worker_limit) return;
  GOSTEP_CHECK(idle_n_ - 1 >= 0) << "[gostep internal bug] negative idle mark workers";
  --idle_n_;
}

// Models markWorkerStop (go1.19+), logWorkTime (go1.18), and the accounting
// at the end of gcBgMarkWorker's loop (go1.14–1.17).
void Pacer::MarkWorkerStop(MarkWorkerMode mode, int64_t duration) {
  switch (mode) {
    case MarkWorkerMode::kDedicated:
      dedicated_mark_time_ += duration;
      ++dedicated_mark_workers_needed_;
      return;
    case MarkWorkerMode::kFractional:
      fractional_mark_time_ += duration;
      return;
    case MarkWorkerMode::kIdle:
      idle_mark_time_ += duration;
      RemoveIdleMarkWorker();
      return;
    case MarkWorkerMode::kNotWorker:
      break;
  }
  GOSTEP_CHECK(false) << "[gostep internal bug] markWorkerStop: unknown mark worker mode";
}

// Before go1.18 only scanobject's heap bytes were scan work (one counter,
// scanWork); stack and globals work is not counted (not verified for go1.14–1.16).
void Pacer::AddScanWork(ScanWorkKind kind, int64_t work) {
  switch (kind) {
    case ScanWorkKind::kHeap: heap_scan_work_ += work; return;
    case ScanWorkKind::kStack:
      if (traits_.redesign) stack_scan_work_ += work;
      return;
    case ScanWorkKind::kGlobals:
      if (traits_.redesign) globals_scan_work_ += work;
      return;
  }
}

uint64_t Pacer::ExtrapolationBase() const { return traits_.dynamic_goal ? triggered_ : trigger_; }

uint64_t Pacer::GoalStackScan() const { return traits_.dynamic_goal ? last_stack_scan_ : stack_scan_; }

// Models revise (go1.14–1.23). Before go1.18 the expected scan work is the
// steady-state share heapScan × 100/(100+GOGC); since go1.18 it is last
// cycle's scan work, extrapolated towards the worst case (all scannable
// memory live) once exceeded, capped at the hard goal (1+GOGC/100) × goal.
void Pacer::Revise() {
  int64_t gc_percent = RevisePercent();  // GOGC=off in a forced GC: "act like GOGC is huge"
  int64_t live = static_cast<int64_t>(heap_live_);
  uint64_t scan = heap_scan_;
  int64_t work = scan_work();
  int64_t heap_goal = static_cast<int64_t>(HeapGoal());
  int64_t scan_work_expected = 0;
  if (!traits_.redesign) {
    scan_work_expected = GoFloatToInt64(static_cast<double>(scan) * 100 / static_cast<double>(100 + gc_percent));
    if (live > heap_goal || work > scan_work_expected) {
      heap_goal = GoFloatToInt64(static_cast<double>(heap_goal) * 1.1);  // maxOvershoot
      scan_work_expected = static_cast<int64_t>(scan);
    }
  } else {
    scan_work_expected = static_cast<int64_t>(last_heap_scan_ + GoalStackScan() + globals_scan_);
    uint64_t max_stack = traits_.dynamic_goal ? max_stack_scan_ : stack_scan_;
    int64_t max_scan_work = static_cast<int64_t>(scan + max_stack + globals_scan_);
    if (work > scan_work_expected) {
      int64_t base = static_cast<int64_t>(ExtrapolationBase());
      double share = static_cast<double>(GoSub(heap_goal, base)) / static_cast<double>(scan_work_expected);
      int64_t ext = GoAdd(GoFloatToInt64(share * static_cast<double>(max_scan_work)), base);
      scan_work_expected = max_scan_work;
      int64_t hard_goal = GoFloatToInt64((1.0 + static_cast<double>(gc_percent) / 100.0) * static_cast<double>(heap_goal));
      heap_goal = ext > hard_goal ? hard_goal : ext;
    }
    if (live > heap_goal) {
      heap_goal = GoFloatToInt64(static_cast<double>(heap_goal) * 1.1);
      scan_work_expected = max_scan_work;
    }
  }
  int64_t scan_work_remaining = GoSub(scan_work_expected, work);
  if (scan_work_remaining < 1000) scan_work_remaining = 1000;
  int64_t heap_remaining = GoSub(heap_goal, live);
  if (heap_remaining <= 0) heap_remaining = 1;
  assist_work_per_byte_ = static_cast<double>(scan_work_remaining) / static_cast<double>(heap_remaining);
  assist_bytes_per_work_ = static_cast<double>(heap_remaining) / static_cast<double>(scan_work_remaining);
}

// ==== Mark done ================================================================

// Models endCycle. lastHeapGoal is recorded first (go1.18+: endCycle; before:
// gcMarkTermination before commit, the same value). gcBlackenEnabled is
// already 0 when Go calls endCycle.
void Pacer::EndCycle(int64_t now, int32_t procs, bool user_forced) {
  last_heap_goal_ = HeapGoal();
  blacken_enabled_ = false;
  if (traits_.redesign) {
    EndCycleConsMark(now, procs);  // go1.18+ ignores user_forced
  } else {
    EndCycleTriggerRatio(now, procs, user_forced);
  }
}

// Models effectiveGrowthRatio / gcEffectiveGrowthRatio (go1.14–1.17).
double Pacer::EffectiveGrowthRatio() const {
  double egogc = static_cast<double>(heap_goal_ - heap_marked_) / static_cast<double>(heap_marked_);
  return egogc < 0 ? 0 : egogc;
}

// Models endCycle (go1.14–1.17): the proportional trigger controller of
// golang.org/s/go15gcpacing with triggerGain 0.5. A forced cycle keeps the ratio.
void Pacer::EndCycleTriggerRatio(int64_t now, int32_t procs, bool user_forced) {
  if (user_forced) return;
  constexpr double kTriggerGain = 0.5;
  double goal_growth_ratio = EffectiveGrowthRatio();
  double actual_growth_ratio = static_cast<double>(heap_live_) / static_cast<double>(heap_marked_) - 1;
  int64_t assist_duration = now - mark_start_time_;
  double utilization = kBackgroundUtilization;
  if (assist_duration > 0) {
    utilization += static_cast<double>(assist_time_) / static_cast<double>(assist_duration * procs);
  }
  double trigger_error = goal_growth_ratio - trigger_ratio_ -
                         utilization / traits_.goal_utilization * (actual_growth_ratio - trigger_ratio_);
  trigger_ratio_ = trigger_ratio_ + kTriggerGain * trigger_error;  // commit clamps it
}

// Models endCycle (go1.18+): the cons/mark measured this cycle,
//   (heapLive − triggered) × (u + u_idle) / (scanWork × (1 − u)),
// u = 0.25 + assist utilization. triggered is c.trigger in go1.18.
void Pacer::EndCycleConsMark(int64_t now, int32_t procs) {
  int64_t assist_duration = now - mark_start_time_;
  double utilization = kBackgroundUtilization;
  if (assist_duration > 0) {
    utilization += static_cast<double>(assist_time_) / static_cast<double>(assist_duration * procs);
  }
  uint64_t triggered = ExtrapolationBase();
  if (heap_live_ <= triggered) return;  // "Shouldn't happen": update nothing
  double idle_utilization = 0;
  if (assist_duration > 0) {
    idle_utilization = static_cast<double>(idle_mark_time_) / static_cast<double>(assist_duration * procs);
  }
  double current = (static_cast<double>(heap_live_ - triggered) * (utilization + idle_utilization)) /
                   (static_cast<double>(scan_work()) * (1 - utilization));
  SmoothConsMark(current);
}

void Pacer::SmoothConsMark(double current) {
  switch (traits_.smoothing) {
    case ConsMarkSmoothing::kNone:
      return;
    case ConsMarkSmoothing::kPI: {
      double next = 0;
      if (!cons_mark_controller_.Next(cons_mark_, current, 1.0, &next)) next = 0;  // controller reset
      cons_mark_ = next;
      return;
    }
    case ConsMarkSmoothing::kAvg2:  // go1.20: not verified against a go1.20 source
      cons_mark_ = (current + last_cons_mark_[0]) / 2;
      last_cons_mark_[0] = current;
      return;
    case ConsMarkSmoothing::kMax4:  // go1.21+: max(current, last 4), then shift in current
      cons_mark_ = current;
      for (double v : last_cons_mark_) {
        if (v > cons_mark_) cons_mark_ = v;
      }
      for (size_t i = 0; i + 1 < last_cons_mark_.size(); ++i) last_cons_mark_[i] = last_cons_mark_[i + 1];
      last_cons_mark_.back() = current;
      return;
  }
}

// ==== Mark termination ==========================================================

// Models resetLive (go1.18+) and the tail of gcMark (go1.14–1.17).
void Pacer::ResetLive(uint64_t bytes_marked) {
  heap_marked_ = bytes_marked;
  heap_live_ = bytes_marked;
  heap_scan_ = static_cast<uint64_t>(heap_scan_work_);
  if (traits_.redesign) last_heap_scan_ = static_cast<uint64_t>(heap_scan_work_);
  if (traits_.dynamic_goal) {
    last_stack_scan_ = static_cast<uint64_t>(stack_scan_work_);
    triggered_ = kNoGoal;
  }
  phase_on_ = false;  // setGCPhase(_GCoff) follows in gcMarkTermination
}

void Pacer::Commit(bool sweep_done) {
  if (!traits_.redesign) {
    CommitTriggerRatio(sweep_done);
  } else if (!traits_.dynamic_goal) {
    Commit118(sweep_done);
  } else {
    CommitDynamic(sweep_done);
  }
  if (phase_on_) Revise();  // "Update mark pacing" if gcphase != _GCoff
}

// Models gcSetTriggerRatio (go1.14–1.16) / commit(triggerRatio) (go1.17):
//   goal = heapMarked × (1 + GOGC/100)
//   triggerRatio clamped to [0.6, 0.95] × GOGC/100 (go1.14.2+), or to
//   max(0.6, min(ratio, 0.95 × GOGC/100)) — 0.6 unscaled — in go1.14.0–1.14.1
//   trigger = max(heapMarked × (1 + triggerRatio), heapMinimum, sweep distance);
//   goal = max(goal, trigger).
void Pacer::CommitTriggerRatio(bool sweep_done) {
  uint64_t goal = kNoGoal;
  if (gc_percent_ >= 0) goal = heap_marked_ + heap_marked_ * static_cast<uint64_t>(gc_percent_) / 100;
  double ratio = trigger_ratio_;
  if (traits_.unscaled_min_trigger) {
    constexpr double kMinTriggerRatio = 0.6;  // Go issue 37927
    if (ratio < kMinTriggerRatio) {
      ratio = kMinTriggerRatio;
    } else if (gc_percent_ >= 0) {
      double max_trigger_ratio = 0.95 * static_cast<double>(gc_percent_) / 100;
      if (ratio > max_trigger_ratio) ratio = max_trigger_ratio;
    }
  } else if (gc_percent_ >= 0) {
    double scaling_factor = static_cast<double>(gc_percent_) / 100;
    double max_trigger_ratio = 0.95 * scaling_factor;
    if (ratio > max_trigger_ratio) ratio = max_trigger_ratio;
    double min_trigger_ratio = 0.6 * scaling_factor;
    if (ratio < min_trigger_ratio) ratio = min_trigger_ratio;
  } else if (ratio < 0) {
    ratio = 0;
  }
  trigger_ratio_ = ratio;
  uint64_t trigger = kNoGoal;
  if (gc_percent_ >= 0) {
    trigger = GoFloatToUint64(static_cast<double>(heap_marked_) * (1 + ratio));
    uint64_t min_trigger = heap_minimum_;
    if (!sweep_done && heap_live_ + kSweepMinHeapDistance > min_trigger) {
      min_trigger = heap_live_ + kSweepMinHeapDistance;
    }
    if (trigger < min_trigger) trigger = min_trigger;
    GOSTEP_CHECK(static_cast<int64_t>(trigger) >= 0) << "[gostep internal bug] gc_trigger underflow";
    if (trigger > goal) goal = trigger;
  }
  trigger_ = trigger;
  heap_goal_ = goal;
}

// Models commit (go1.18, goexperiment.PacerRedesign):
//   goal = heapMarked + (heapMarked + stackScan + globalsScan) × GOGC/100
//   trigger = goal − runway, runway = consMark × (1−u_g)/u_g × (lastHeapScan
//   + stackScan + globalsScan), clamped to [max(heapMinimum, sweep distance,
//   heapMarked + 0.7 × (goal−heapMarked)), heapMarked + max(0.95 ×
//   (goal−heapMarked), goal − heapMinimum)]; goal = max(goal, trigger).
void Pacer::Commit118(bool sweep_done) {
  uint64_t goal = kNoGoal;
  if (gc_percent_ >= 0) {
    goal = heap_marked_ + (heap_marked_ + stack_scan_ + globals_scan_) * static_cast<uint64_t>(gc_percent_) / 100;
  }
  uint64_t min_trigger = heap_minimum_;
  if (!sweep_done && heap_live_ + kSweepMinHeapDistance > min_trigger) {
    min_trigger = heap_live_ + kSweepMinHeapDistance;
  }
  uint64_t trigger_bound = GoFloatToUint64(0.7 * static_cast<double>(goal - heap_marked_)) + heap_marked_;
  if (min_trigger < trigger_bound) min_trigger = trigger_bound;
  uint64_t max_runway = GoFloatToUint64(0.95 * static_cast<double>(goal - heap_marked_));
  if (goal > heap_minimum_ && max_runway < goal - heap_minimum_) max_runway = goal - heap_minimum_;
  uint64_t max_trigger = max_runway + heap_marked_;
  if (max_trigger < min_trigger) max_trigger = min_trigger;
  double u = traits_.goal_utilization;
  runway_ = GoFloatToUint64((cons_mark_ * (1 - u) / u) *
                            static_cast<double>(last_heap_scan_ + stack_scan_ + globals_scan_));
  uint64_t trigger = runway_ > goal ? min_trigger : goal - runway_;
  if (trigger < min_trigger) trigger = min_trigger;
  if (trigger > max_trigger) trigger = max_trigger;
  if (trigger > goal) goal = trigger;
  trigger_ = trigger;
  heap_goal_ = goal;
}

// Models commit(isSweepDone) (go1.19+): stores the GOGC goal (at least
// heapMinimum), the sweep-distance bound and the runway; heapGoal() and
// trigger() combine them on demand.
void Pacer::CommitDynamic(bool sweep_done) {
  sweep_dist_min_trigger_ = sweep_done ? 0 : heap_live_ + kSweepMinHeapDistance;
  uint64_t goal = kNoGoal;
  if (gc_percent_ >= 0) {
    goal = heap_marked_ +
           (heap_marked_ + last_stack_scan_ + globals_scan_) * static_cast<uint64_t>(gc_percent_) / 100;
  }
  if (goal < heap_minimum_) goal = heap_minimum_;
  gc_percent_heap_goal_ = goal;
  double u = traits_.goal_utilization;
  runway_ = GoFloatToUint64((cons_mark_ * (1 - u) / u) *
                            static_cast<double>(last_heap_scan_ + last_stack_scan_ + globals_scan_));
}

// Models heapGoalInternal (go1.19+): the memory-limit goal if smaller;
// otherwise the GOGC goal raised to the sweep distance and to triggered + 64 KiB.
void Pacer::HeapGoalInternal(uint64_t* goal, uint64_t* min_trigger) const {
  *goal = gc_percent_heap_goal_;
  *min_trigger = 0;
  uint64_t limit_goal = traits_.memory_limit ? MemoryLimitHeapGoal() : kNoGoal;
  if (limit_goal < *goal) {
    *goal = limit_goal;
    return;
  }
  if (sweep_dist_min_trigger_ > *goal) *goal = sweep_dist_min_trigger_;
  *min_trigger = sweep_dist_min_trigger_;
  if (triggered_ != kNoGoal && *goal < triggered_ + kMinRunway) *goal = triggered_ + kMinRunway;
}

// Models memoryLimitHeapGoal (go1.19+):
//   goal = limit − ((mappedReady − heapFree − heapAlloc) + max(mappedReady − limit, 0)) − headroom
// headroom = 1 MiB (go1.19–1.20) or max(1 MiB, goal/100 × 3) (go1.21+);
// a goal below 2 × headroom becomes headroom; never below heapMarked.
uint64_t Pacer::MemoryLimitHeapGoal() const {
  GOSTEP_CHECK(mem_.heap_free + mem_.heap_alloc <= mem_.mapped_ready)
      << "[gostep internal bug] memory stats: heapFree + heapAlloc > mappedReady (Go would spin)";
  uint64_t limit = static_cast<uint64_t>(memory_limit_);
  uint64_t non_heap = mem_.mapped_ready - mem_.heap_free - mem_.heap_alloc;
  uint64_t overage = mem_.mapped_ready > limit ? mem_.mapped_ready - limit : 0;
  if (non_heap + overage >= limit) return heap_marked_;
  uint64_t goal = limit - (non_heap + overage);
  uint64_t headroom = kMemoryLimitMinHeadroom;
  if (traits_.memory_limit_headroom_percent != 0) {
    headroom = goal / 100 * traits_.memory_limit_headroom_percent;
    if (headroom < kMemoryLimitMinHeadroom) headroom = kMemoryLimitMinHeadroom;
  }
  if (goal < headroom || goal - headroom < headroom) {
    goal = headroom;
  } else {
    goal -= headroom;
  }
  return goal < heap_marked_ ? heap_marked_ : goal;
}

// Models trigger() (go1.19+): goal − runway clamped to
// [max(sweep distance, heapMarked + (goal−heapMarked)/64×45),
//  max(heapMarked + (goal−heapMarked)/64×61, goal − 4 MiB)].
uint64_t Pacer::DynamicTrigger(uint64_t* goal_out) const {
  uint64_t goal = 0, min_trigger = 0;
  HeapGoalInternal(&goal, &min_trigger);
  if (goal_out != nullptr) *goal_out = goal;
  if (heap_marked_ >= goal) return goal;
  if (min_trigger < heap_marked_) min_trigger = heap_marked_;
  uint64_t lower_bound = ((goal - heap_marked_) / kTriggerRatioDen) * kMinTriggerRatioNum + heap_marked_;
  if (min_trigger < lower_bound) min_trigger = lower_bound;
  uint64_t max_trigger = ((goal - heap_marked_) / kTriggerRatioDen) * kMaxTriggerRatioNum + heap_marked_;
  if (goal > kDefaultHeapMinimum && goal - kDefaultHeapMinimum > max_trigger) {
    max_trigger = goal - kDefaultHeapMinimum;
  }
  if (max_trigger < min_trigger) max_trigger = min_trigger;
  uint64_t trigger = runway_ > goal ? min_trigger : goal - runway_;
  if (trigger < min_trigger) trigger = min_trigger;
  if (trigger > max_trigger) trigger = max_trigger;
  GOSTEP_CHECK(trigger <= goal) << "[gostep internal bug] produced a trigger greater than the heap goal";
  return trigger;
}

// ==== Roots and gctrace ===========================================================

// Models addScannableStack (go1.18+).
void Pacer::AddScannableStack(int64_t* p_delta, int64_t amount) {
  if (p_delta == nullptr) {
    max_stack_scan_ += static_cast<uint64_t>(amount);
    return;
  }
  *p_delta += amount;
  if (*p_delta >= kMaxStackScanSlack || *p_delta <= -kMaxStackScanSlack) {
    max_stack_scan_ += static_cast<uint64_t>(*p_delta);
    *p_delta = 0;
  }
}

uint64_t Pacer::TraceHeapGoal() const { return traits_.dynamic_goal ? last_heap_goal_ : cycle_start_goal_; }

uint64_t Pacer::TraceStackScan() const {
  if (!traits_.redesign) return 0;  // not printed before go1.18
  if (!traits_.dynamic_goal) return stack_scan_;  // go1.18: not verified
  return traits_.smoothing == ConsMarkSmoothing::kPI ? max_stack_scan_ : last_stack_scan_;
}

}  // namespace gostep::gc
