// gc/drive.cc — automatic mode: Go's drivers of the cycle.
//
// Models, of go1.14–go1.23 in go1.19's shape:
//   mgc.go      gcStart (trigger test, sweep the rest, start the workers,
//               STW #1), gcMarkDone from the last worker or assist, GC,
//               gcWaitOnMark, gcBgMarkWorker's drain between two parks;
//   mgcmark.go  gcDrain / gcDrainN (root jobs, then objects; the preemption
//               and idle/fractional checks), gcAssistAlloc (steal background
//               credit, else drain, else park), gcParkAssist, gcFlushBgCredit,
//               gcWakeAllAssists;
//   malloc.go   mallocgc's assist charge and heap trigger.
// The same phase functions as SingleStep (collector.cc) do the work; only
// who calls them differs. Not modelled: enlistWorker's random preemption of
// another P, proportional sweep (deductSweepCredit), the scavenger.
#include <fmt/format.h>

#include <algorithm>

#include "base/check.h"
#include "gc/collector.h"
#include "gc/cost.h"
#include "gc/verifier.h"

namespace gostep::gc {
namespace {

constexpr int64_t kDrainCheckThreshold = 100000;  // mgcmark.go: drainCheckThreshold
constexpr int kDrainUnitsPerPoll = 16;             // gostep: objects scanned between yield points

MarkWorkerMode PacerMode(Collector::WorkerMode m) {
  switch (m) {
    case Collector::WorkerMode::kDedicated: return MarkWorkerMode::kDedicated;
    case Collector::WorkerMode::kFractional: return MarkWorkerMode::kFractional;
    case Collector::WorkerMode::kIdle: return MarkWorkerMode::kIdle;
    case Collector::WorkerMode::kNone: break;
  }
  return MarkWorkerMode::kNotWorker;
}

}  // namespace

void Collector::SyncPacer() {
  int64_t live = heap_.TakeHeapLiveDelta();
  int p = world_->CurrentP();
  int64_t scan = scan_alloc_[p];
  scan_alloc_[p] = 0;
  if (live != 0 || scan != 0) pacer_->Update(live, scan);
  const Heap::Stats& st = heap_.stats();
  pacer_->SetMemoryStats({.mapped_ready = st.ready,
                          .heap_free = st.ready - st.heap_inuse,
                          .heap_alloc = st.total_alloc - std::min(st.total_free, st.total_alloc)});
}

void Collector::NoteSweepDone() {
  if (phase_ != GcPhase::kSweep || !heap_.SweepDone()) return;
  SetPhase(GcPhase::kOff);
  if (!config_.manual && config_.verify) verifier_->AfterStep();
}

// ==== Triggers and gcStart ====================================================

// TriggerTest is mgc.go:gcTrigger.test.
bool Collector::TriggerTest(TriggerKind kind, uint32_t n) const {
  if (phase_ != GcPhase::kOff && phase_ != GcPhase::kSweep) return false;  // gcphase != _GCoff
  switch (kind) {
    case TriggerKind::kHeap: return pacer_->TestHeapTrigger();
    case TriggerKind::kTime: return pacer_->TestTimeTrigger(world_->Now(), last_gc_time_);
    case TriggerKind::kCycle: return static_cast<int32_t>(n - cycles_) > 0;
  }
  return false;
}

bool Collector::ForceGcDue(Nanos now) const {
  if (config_.manual || (phase_ != GcPhase::kOff && phase_ != GcPhase::kSweep)) return false;
  return pacer_->TestTimeTrigger(now, last_gc_time_);
}

void Collector::GcStart(TriggerKind kind) { GcStartCycle(kind, cycles_ + 1); }

// GcStartCycle is mgc.go:gcStart from a goroutine.
void Collector::GcStartCycle(TriggerKind kind, uint32_t n) {
  if (config_.manual || !world_->CanPark()) return;
  // Pick up the remaining unswept spans concurrently.
  while (TriggerTest(kind, n) && heap_.SweepOne()) {
  }
  if (start_busy_) return;  // work.startSema: another goroutine is starting a cycle
  start_busy_ = true;
  if (TriggerTest(kind, n)) {
    world_->StartMarkWorkers();  // gcBgMarkStartWorkers, before the world stops
    request_kind_ = kind;
    GcStartStw();
    SweepTermination();
  }
  start_busy_ = false;
}

// AfterAlloc: mallocgc's tail: publish heapLive, then the heap trigger when
// the allocation refilled a span or was large (shouldhelpgc).
void Collector::AfterAlloc(bool refilled) {
  if (!refilled) return;
  SyncPacer();
  if (config_.max_heap_bytes != 0 && heap_.stats().heap_inuse > config_.max_heap_bytes) {
    world_->Limit(fmt::format("gostep: heap limit reached: {} bytes in use (--max-heap {} bytes)",
                              heap_.stats().heap_inuse, config_.max_heap_bytes));
  }
  NoteSweepDone();
  if (!config_.manual && TriggerTest(TriggerKind::kHeap, 0)) GcStartCycle(TriggerKind::kHeap, 0);
}

// ==== Assists =================================================================

// AssistAlloc is mallocgc's head: charge the allocation to the goroutine and
// assist if it is in debt. Done before the object exists, as in Go.
void Collector::AssistAlloc(uint64_t size) {
  if (!blacken_on_ || config_.manual || !world_->CanPark()) return;
  StackRoots* st = world_->CurrentStack();
  st->assist_bytes -= static_cast<int64_t>(size);
  if (st->assist_bytes < 0) GcAssistAlloc(st);
}

// GcAssistAlloc is mgcmark.go:gcAssistAlloc (with gcAssistAlloc1).
void Collector::GcAssistAlloc(StackRoots* st) {
  for (;;) {
    if (pacer_->AssistsDisabled()) return;  // go1.19+: the GC CPU limiter
    double work_per_byte = pacer_->assist_work_per_byte();
    double bytes_per_work = pacer_->assist_bytes_per_work();
    int64_t debt = -st->assist_bytes;
    int64_t scan_work = static_cast<int64_t>(work_per_byte * static_cast<double>(debt));
    if (scan_work < kGcOverAssistWork) {
      scan_work = kGcOverAssistWork;
      debt = static_cast<int64_t>(bytes_per_work * static_cast<double>(scan_work));
    }
    int64_t& credit = pacer_->bg_scan_credit();
    if (credit > 0) {
      int64_t stolen = std::min(credit, scan_work);
      st->assist_bytes += stolen < scan_work
                              ? 1 + static_cast<int64_t>(bytes_per_work * static_cast<double>(stolen))
                              : debt;
      credit -= stolen;
      scan_work -= stolen;
      if (scan_work == 0) return;
    }
    if (!blacken_on_) {
      st->assist_bytes = 0;
      return;
    }
    Nanos start = world_->Now();
    ++active_drainers_;
    GcWork& gcw = CurGcw();
    int64_t done = DrainN(gcw, scan_work);
    st->assist_bytes += 1 + static_cast<int64_t>(pacer_->assist_bytes_per_work() * static_cast<double>(done));
    --active_drainers_;
    bool completed = active_drainers_ == 0 && !WorkAvailable();
    Nanos duration = world_->Now() - start;
    pacer_->AddAssistTime(duration);
    pacer_->limiter().AddAssistTime(duration);
    if (pacer_->limiter().NeedUpdate(world_->Now())) pacer_->limiter().Update(world_->Now());
    if (log_->on()) {
      log_->Begin(world_->StepCount(), world_->Now(), "gc_assist")
          .Uint("g", st->goid)
          .Int("work", done)
          .Int("debt", -st->assist_bytes);
    }
    if (completed) MarkDoneAuto();
    if (st->assist_bytes >= 0) return;
    if (world_->Preempted()) {
      world_->Gosched();
      continue;
    }
    if (ParkAssist(st)) return;
  }
}

// ParkAssist is gcParkAssist: wait for background credit; false = retry now.
bool Collector::ParkAssist(StackRoots* st) {
  if (!blacken_on_) return true;
  if (pacer_->bg_scan_credit() > 0) return false;
  assist_queue_.emplace_back(st, world_->ParkToken());
  world_->Park(GcWait::kAssistWait);
  return true;
}

// FlushBgCredit is gcFlushBgCredit: pay parked assists first, bank the rest.
void Collector::FlushBgCredit(int64_t scan_work) {
  if (assist_queue_.empty()) {
    pacer_->bg_scan_credit() += scan_work;
    return;
  }
  int64_t scan_bytes = static_cast<int64_t>(static_cast<double>(scan_work) * pacer_->assist_bytes_per_work());
  size_t i = 0;
  for (; i < assist_queue_.size() && scan_bytes > 0; ++i) {
    auto [st, token] = assist_queue_[i];
    if (scan_bytes + st->assist_bytes >= 0) {
      scan_bytes += st->assist_bytes;
      st->assist_bytes = 0;
      world_->Ready(token);
    } else {
      st->assist_bytes += scan_bytes;
      scan_bytes = 0;
      // Go pushes it back at the tail of the queue.
      assist_queue_.push_back(assist_queue_[i]);
      ++i;
      break;
    }
  }
  assist_queue_.erase(assist_queue_.begin(), assist_queue_.begin() + static_cast<ptrdiff_t>(i));
  if (scan_bytes > 0) {
    pacer_->bg_scan_credit() +=
        static_cast<int64_t>(static_cast<double>(scan_bytes) * pacer_->assist_work_per_byte());
  }
}

void Collector::WakeAllAssists() {
  for (auto& [st, token] : assist_queue_) world_->Ready(token);
  assist_queue_.clear();
}

// ==== Draining ================================================================

// DrainUnit is one iteration of gcDrain: a root job, else an object (flushing
// this P's barrier buffer when out of work).
bool Collector::DrainUnit(GcWork& gcw) {
  if (root_next_ < root_jobs_.size()) return MarkRoot();
  if (DrainOne(gcw)) return true;
  FlushWbBuf(world_->CurrentP());
  return DrainOne(gcw);
}

void Collector::FlushScanWork(GcWork& gcw, bool flush_credit, int64_t* init) {
  if (gcw.heap_scan_work <= 0) return;
  pacer_->AddScanWork(ScanWorkKind::kHeap, gcw.heap_scan_work);
  pacer_->Revise();
  if (flush_credit) FlushBgCredit(gcw.heap_scan_work - *init);
  *init = 0;
  gcw.heap_scan_work = 0;
}

// DrainN is gcDrainN: scan_work of marking for an assist, in one go.
int64_t Collector::DrainN(GcWork& gcw, int64_t scan_work) {
  int64_t flushed = -gcw.heap_scan_work;
  while (!world_->Preempted() && !pacer_->AssistsDisabled() && flushed + gcw.heap_scan_work < scan_work) {
    if (!DrainUnit(gcw)) break;
    if (gcw.heap_scan_work >= kGcCreditSlack) {
      pacer_->AddScanWork(ScanWorkKind::kHeap, gcw.heap_scan_work);
      pacer_->Revise();
      flushed += gcw.heap_scan_work;
      gcw.heap_scan_work = 0;
    }
  }
  return flushed + gcw.heap_scan_work;
}

// Drain is gcDrain for a background worker on P p.
void Collector::Drain(int p, WorkerMode mode, bool preemptible) {
  GcWork& gcw = gcws_[p];
  int64_t init = gcw.heap_scan_work;
  int64_t check_work = mode == WorkerMode::kIdle || mode == WorkerMode::kFractional
                           ? init + kDrainCheckThreshold
                           : INT64_MAX;
  Nanos start = world_->Now();
  int units = 0;
  while (!(world_->Preempted() && (preemptible || world_->GcWaiting()))) {
    if (phase_ != GcPhase::kMark || !DrainUnit(gcw)) break;
    if (gcw.heap_scan_work >= kGcCreditSlack) {
      check_work -= gcw.heap_scan_work;
      FlushScanWork(gcw, true, &init);
      if (check_work <= 0) {
        check_work += kDrainCheckThreshold;
        if (mode == WorkerMode::kIdle && world_->PollWork()) break;
        if (mode == WorkerMode::kFractional &&
            pacer_->PollFractionalWorkerExit(world_->Now(), fractional_time_[p] + world_->Now() - start)) {
          break;
        }
      }
    }
    if (++units % kDrainUnitsPerPoll == 0) world_->PollPoint("runtime.gcDrain");
  }
  FlushScanWork(gcw, true, &init);
}

// RunMarkWorker is gcBgMarkWorker between two parks.
void Collector::RunMarkWorker(int p, WorkerMode mode) {
  if (mode == WorkerMode::kNone || phase_ != GcPhase::kMark) return;
  Nanos start = world_->Now();
  ++active_drainers_;
  switch (mode) {
    case WorkerMode::kDedicated:
      Drain(p, mode, true);
      // Preempted: Go kicks the P's run queue to the global queue (runqdrain);
      // then drains again, stopping only for a stop-the-world.
      Drain(p, mode, false);
      break;
    case WorkerMode::kFractional:
    case WorkerMode::kIdle:
      Drain(p, mode, true);
      break;
    case WorkerMode::kNone:
      break;
  }
  Nanos duration = world_->Now() - start;
  pacer_->MarkWorkerStop(PacerMode(mode), duration);
  if (mode == WorkerMode::kIdle) pacer_->limiter().AddIdleTime(duration);
  if (mode == WorkerMode::kFractional) fractional_time_[p] += duration;
  --active_drainers_;
  if (active_drainers_ == 0 && !WorkAvailable()) MarkDoneAuto();
}

Collector::WorkerMode Collector::FindRunnableGCWorker(int p, Nanos now) {
  if (config_.manual || !blacken_on_ || phase_ != GcPhase::kMark) return WorkerMode::kNone;
  bool available = WorkAvailable() || !gcws_[p].Empty();  // gcMarkWorkAvailable(p)
  MarkWorkerMode m = pacer_->FindRunnableGcWorker(now, available, true, fractional_time_[p]);
  switch (m) {
    case MarkWorkerMode::kDedicated: return WorkerMode::kDedicated;
    case MarkWorkerMode::kFractional: return WorkerMode::kFractional;
    default: return WorkerMode::kNone;
  }
}

bool Collector::IdleWorkerWanted(int p) {
  if (config_.manual || !blacken_on_ || phase_ != GcPhase::kMark) return false;
  if (!WorkAvailable() && gcws_[p].Empty()) return false;
  return pacer_->AddIdleMarkWorker();
}

// MarkDoneAuto is gcMarkDone called by the last worker or assist to run out
// of work: the ragged barrier, STW #2, the 27993 re-check, mark termination.
void Collector::MarkDoneAuto() {
  if (mark_done_busy_ || !world_->CanPark()) return;
  mark_done_busy_ = true;
  for (;;) {
    // top: re-check the transition condition under markDoneSema.
    if (phase_ != GcPhase::kMark || active_drainers_ != 0 || WorkAvailable()) break;
    if (MarkDone() != MarkDoneResult::kTerminating) continue;
    while (phase_ == GcPhase::kMarkTermination) MarkTerminationStep();
    break;
  }
  mark_done_busy_ = false;
}

// ==== runtime.GC ==============================================================

// WaitOnMark is mgc.go:gcWaitOnMark.
void Collector::WaitOnMark(uint32_t n) {
  for (;;) {
    uint32_t marks = cycles_;
    if (phase_ != GcPhase::kMark && phase_ != GcPhase::kMarkTermination) ++marks;
    if (static_cast<int32_t>(marks - n) > 0) return;
    cycle_waiters_.push_back(world_->ParkToken());
    world_->Park(GcWait::kWaitForCycle);
  }
}

// GC is mgc.go:GC.
void Collector::GC() {
  if (config_.manual || !world_->CanPark()) {
    RunCycle();
    return;
  }
  uint32_t n = cycles_;
  WaitOnMark(n);
  GcStartCycle(TriggerKind::kCycle, n + 1);
  WaitOnMark(n + 1);
  while (cycles_ == n + 1 && heap_.SweepOne()) world_->Gosched();
  while (cycles_ == n + 1 && !heap_.SweepDone()) world_->Gosched();
  NoteSweepDone();
}

bool Collector::BgSweepOne() {
  if (phase_ != GcPhase::kSweep) return false;
  bool did = heap_.SweepOne();
  NoteSweepDone();
  return did;
}

}  // namespace gostep::gc
