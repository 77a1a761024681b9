#include "gc/cpu_limiter.h"

#include "base/check.h"

namespace gostep::gc {
namespace {

// gcBackgroundUtilization: the share of CPU the dedicated and fractional
// workers are assumed to take while the GC is enabled.
constexpr double kBackgroundUtilization = 0.25;

}  // namespace

// Models mgclimit.go:startGCTransition (go1.19).
void GcCpuLimiter::StartGcTransition(bool enable_gc, int64_t now) {
  GOSTEP_CHECK(!transitioning_) << "[gostep internal bug] GC transition already in progress";
  GOSTEP_CHECK(gc_enabled_ != enable_gc)
      << "[gostep internal bug] transitioning GC to the same state as before";
  UpdateLocked(now);
  gc_enabled_ = enable_gc;
  transitioning_ = true;
}

// Models mgclimit.go:finishGCTransition (go1.19): the whole pause counts as
// GC time on every P.
void GcCpuLimiter::FinishGcTransition(int64_t now) {
  GOSTEP_CHECK(transitioning_) << "[gostep internal bug] finishGCTransition called without starting one";
  if (now >= last_update_) Accumulate(0, (now - last_update_) * nprocs_);
  last_update_ = now;
  transitioning_ = false;
}

// Models mgclimit.go:update (go1.19).
void GcCpuLimiter::Update(int64_t now) {
  GOSTEP_CHECK(!transitioning_) << "[gostep internal bug] limiter update during transition";
  UpdateLocked(now);
}

// Models mgclimit.go:updateLocked (go1.19), without the per-P in-flight events.
void GcCpuLimiter::UpdateLocked(int64_t now) {
  if (now < last_update_) return;  // defensively avoid overflow
  int64_t window_total = (now - last_update_) * nprocs_;
  last_update_ = now;
  int64_t assist_time = assist_time_pool_;
  assist_time_pool_ = 0;
  int64_t idle_time = idle_time_pool_;
  idle_time_pool_ = 0;
  int64_t window_gc = assist_time;
  if (gc_enabled_) {
    window_gc += static_cast<int64_t>(static_cast<double>(window_total) * kBackgroundUtilization);
  }
  // Idle time comes off the total after the GC share was computed: the
  // background utilization is of the real total (comment in updateLocked).
  window_total -= idle_time;
  Accumulate(window_total - window_gc, window_gc);
}

// Models mgclimit.go:accumulate (go1.19). Unsigned arithmetic as in Go.
void GcCpuLimiter::Accumulate(int64_t mutator_time, int64_t gc_time) {
  uint64_t headroom = capacity_ - fill_;
  bool enabled = headroom == 0;
  int64_t change = gc_time - mutator_time;
  if (change > 0 && headroom <= static_cast<uint64_t>(change)) {  // limiting
    overflow_ += static_cast<uint64_t>(change) - headroom;
    fill_ = capacity_;
    if (!enabled) {
      enabled_ = true;
      last_enabled_cycle_ = numgc_ + 1;
    }
    return;
  }
  // Not limiting. Go writes fill -= uint64(-change) for every other case,
  // which for change > 0 adds change (wrapping arithmetic).
  uint64_t neg_change = static_cast<uint64_t>(0) - static_cast<uint64_t>(change);
  if (change < 0 && fill_ <= neg_change) {
    fill_ = 0;  // bucket emptied
  } else {
    fill_ -= neg_change;
  }
  if (change != 0 && enabled) enabled_ = false;
}

// Models mgclimit.go:resetCapacity (go1.19).
void GcCpuLimiter::ResetCapacity(int64_t now, int32_t nprocs) {
  GOSTEP_CHECK(!transitioning_) << "[gostep internal bug] resetCapacity during a GC transition";
  UpdateLocked(now);
  nprocs_ = nprocs;
  capacity_ = static_cast<uint64_t>(nprocs) * kCapacityPerProc;
  if (fill_ > capacity_) {
    fill_ = capacity_;
    enabled_ = true;
    last_enabled_cycle_ = numgc_ + 1;
  } else if (fill_ < capacity_) {
    enabled_ = false;
  }
}

}  // namespace gostep::gc
