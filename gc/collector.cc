// gc/collector.cc — the phase machine: SingleStep and the phase transitions.
//
// Models runtime/mgc.go's gcStart, gcMarkRootPrepare (mgcmark.go),
// gcMarkDone, gcMarkTermination with gcMark and gcSweep, go1.14–go1.23 in
// go1.19's shape (collector.h lists the phases).
#include "gc/collector.h"

#include <fmt/format.h>

#include "base/check.h"
#include "gc/cost.h"
#include "gc/verifier.h"

namespace gostep::gc {

const char* GcPhaseName(GcPhase p) {
  switch (p) {
    case GcPhase::kOff: return "off";
    case GcPhase::kSweepTermination: return "sweep termination";
    case GcPhase::kMark: return "mark";
    case GcPhase::kMarkTermination: return "mark termination";
    case GcPhase::kSweep: return "sweep";
  }
  return "?";
}

const char* BarrierName(BarrierKind k) {
  switch (k) {
    case BarrierKind::kHybrid: return "hybrid";
    case BarrierKind::kDijkstra: return "dijkstra";
    case BarrierKind::kYuasa: return "yuasa";
    case BarrierKind::kNone: return "none";
  }
  return "?";
}

bool ParseBarrier(std::string_view s, BarrierKind* out) {
  for (BarrierKind k : {BarrierKind::kHybrid, BarrierKind::kDijkstra, BarrierKind::kYuasa, BarrierKind::kNone}) {
    if (s == BarrierName(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

const char* ColorName(Color c) {
  switch (c) {
    case Color::kWhite: return "white";
    case Color::kGrey: return "grey";
    case Color::kBlack: return "black";
  }
  return "?";
}

Collector::Collector(const base::VersionProfile& profile, CollectorConfig config, World* world,
                     base::EventLog* log)
    : profile_(profile), config_(config), world_(world), log_(log), heap_(profile, world->NumP()) {
  heap_.set_sink(this);
  int nprocs = world->NumP();
  for (int i = 0; i < nprocs; ++i) gcws_.emplace_back(&lists_);
  wbbufs_.resize(nprocs);
  fractional_time_.assign(nprocs, 0);
  scan_alloc_.assign(nprocs, 0);
  pacer_ = std::make_unique<Pacer>(profile, PacerSettings{.gogc = config.gogc,
                                                          .memory_limit = config.memory_limit,
                                                          .gomaxprocs = nprocs});
  cpu_clock_.ProcResize(0, nprocs);  // schedinit's procresize starts the clock
  host_stack_.live = true;
  verifier_ = std::make_unique<Verifier>(this);
}

Collector::~Collector() = default;

void Collector::SetPhase(GcPhase p) {
  if (log_->on()) {
    log_->Begin(world_->StepCount(), world_->Now(), "gc_phase")
        .Uint("cycle", cycles_)
        .Str("from", GcPhaseName(phase_))
        .Str("to", GcPhaseName(p))
        // The pacer's heapLive and heap goal at the transition, for the trace
        // exporter's heap counters (runtime/trace_export.h). Both are reads.
        .Uint("heap_live", pacer_->heap_live())
        .Uint("heap_goal", pacer_->HeapGoal());
  }
  phase_ = p;
  // setGCPhase: writeBarrier.needed = gcphase == _GCmark || gcphase == _GCmarktermination.
  barrier_on_ = p == GcPhase::kMark || p == GcPhase::kMarkTermination;
}

void Collector::Start(TriggerKind kind) {
  if (requested_) return;
  if (phase_ != GcPhase::kOff && phase_ != GcPhase::kSweep) return;
  requested_ = true;
  request_kind_ = kind;
}

// ==== The step function =======================================================

bool Collector::SingleStep() {
  switch (phase_) {
    case GcPhase::kOff:
      if (!requested_) return false;
      GcStartStw();
      break;
    case GcPhase::kSweep:
      if (heap_.SweepOne()) break;  // bgsweep's unit (or gcStart finishing the sweep)
      if (requested_) {
        GcStartStw();
      } else {
        SetPhase(GcPhase::kOff);
      }
      break;
    case GcPhase::kSweepTermination:
      SweepTermination();
      break;
    case GcPhase::kMark:
      if (!MarkStep()) return false;
      break;
    case GcPhase::kMarkTermination:
      MarkTerminationStep();
      break;
  }
  ++steps_;
  if (config_.verify) verifier_->AfterStep();
  return true;
}

void Collector::RunUntil(GcPhase p) {
  if (phase_ == p) return;
  bool cycle_phase = p == GcPhase::kSweepTermination || p == GcPhase::kMark || p == GcPhase::kMarkTermination;
  if (cycle_phase && (phase_ == GcPhase::kOff || phase_ == GcPhase::kSweep)) Start(TriggerKind::kCycle);
  if (p == GcPhase::kSweep && (phase_ == GcPhase::kOff || phase_ == GcPhase::kSweep)) Start(TriggerKind::kCycle);
  while (phase_ != p) {
    if (!SingleStep()) break;
  }
}

// RunCycle is runtime.GC (mgc.go:GC) for a stepping caller: finish the mark
// in progress, run one whole new cycle, and sweep it completely.
void Collector::RunCycle() {
  while (phase_ == GcPhase::kSweepTermination || phase_ == GcPhase::kMark ||
         phase_ == GcPhase::kMarkTermination) {
    SingleStep();
  }
  uint32_t n = cycles_;
  Start(TriggerKind::kCycle);
  while (cycles_ == n || phase_ != GcPhase::kOff) {
    if (!SingleStep()) break;
  }
}

// ==== Transitions =============================================================

// GcStartStw is gcStart up to the stop: the world stops for sweep termination.
void Collector::GcStartStw() {
  requested_ = false;
  user_forced_ = request_kind_ == TriggerKind::kCycle;
  times_ = {};
  times_.t_sweep_term = world_->Now();
  world_->StopTheWorld("GC sweep termination");
  world_->Charge(cost::kStwNs);
  SetPhase(GcPhase::kSweepTermination);
}

// SweepTermination is the rest of gcStart, with the world stopped.
void Collector::SweepTermination() {
  heap_.FinishSweep();  // finishsweep_m: only a forced cycle finds unswept spans
  ++cycles_;
  bytes_marked_ = 0;
  SyncPacer();
  heap0_ = pacer_->heap_live();  // work.heap0
  Nanos now = world_->Now();
  static constexpr GcTriggerKind kKinds[] = {GcTriggerKind::kHeap, GcTriggerKind::kTime, GcTriggerKind::kCycle};
  pacer_->StartCycle(now, world_->NumP(), kKinds[static_cast<int>(request_kind_)]);
  pacer_->limiter().StartGcTransition(true, now);
  std::fill(fractional_time_.begin(), fractional_time_.end(), 0);
  // gcResetMarkState: every goroutine starts the cycle with no assist credit.
  host_stack_.assist_bytes = 0;
  for (StackRoots& s : stacks_) s.assist_bytes = 0;
  for (GcWork& w : gcws_) {
    w.bytes_marked = 0;
    w.heap_scan_work = 0;
    w.flushed_work = false;
  }
  world_->EnsureStacks();
  PrepareRoots();
  SetPhase(GcPhase::kMark);  // the write barrier is on from here
  blacken_on_ = true;        // gcBlackenEnabled: assists and workers may blacken
  world_->StartTheWorld();
  times_.t_mark = world_->Now();
  pacer_->limiter().FinishGcTransition(times_.t_mark);
  if (!config_.manual && config_.verify) verifier_->AfterStep();
}

// PrepareRoots is gcMarkRootPrepare: data/BSS blocks, then one job per stack
// of the allGs snapshot. Goroutines created later start black.
void Collector::PrepareRoots() {
  root_jobs_.clear();
  GOSTEP_CHECK(phase_ != GcPhase::kMark) << "roots must be snapshotted before mark starts";
  root_next_ = 0;
  uint32_t blocks = (globals_.capacity() + kRootBlockSlots - 1) / kRootBlockSlots;
  for (uint32_t b = 0; b < blocks; ++b) root_jobs_.push_back({.globals = true, .block = b});
  root_jobs_.push_back({.stack = &host_stack_, .generation = host_stack_.generation});
  for (StackRoots& s : stacks_) {
    if (s.live) root_jobs_.push_back({.stack = &s, .generation = s.generation});
  }
}

// MarkStep is one unit of gcDrain: a root job, else one object, else this
// P's barrier buffer; with none of them, gcMarkDone.
bool Collector::MarkStep() {
  if (root_next_ < root_jobs_.size()) return MarkRoot();
  if (DrainOne(CurGcw())) return true;
  if (FlushWbBuf(world_->CurrentP())) return true;
  MarkDone();
  return true;
}

// MarkDone is mgc.go:gcMarkDone: the ragged barrier, then STW #2 with the
// re-check for work that appeared meanwhile (Go issue 27993).
Collector::MarkDoneResult Collector::MarkDone() {
  bool flushed = false;
  ++ragged_barriers_;
  world_->ForEachP([&](int p) {
    flushed |= FlushWbBuf(p);
    gcws_[p].Dispose();
    if (gcws_[p].flushed_work) {
      flushed = true;
      gcws_[p].flushed_work = false;
    }
  });
  if (flushed) {
    if (log_->on()) log_->Begin(world_->StepCount(), world_->Now(), "gc_mark_done").Str("result", "flushed");
    return MarkDoneResult::kFlushed;
  }
  world_->StopTheWorld("GC mark termination");
  world_->Charge(cost::kStwNs);
  // Write barriers after the completion barrier may have shaded objects
  // (Go issue 27993): flush every P's buffer; new grey objects mean marking
  // is not over.
  bool restart = false;
  for (int p = 0; p < world_->NumP() && !restart; ++p) {
    FlushWbBuf(p);
    restart = !gcws_[p].Empty();
  }
  if (restart) {
    if (log_->on()) log_->Begin(world_->StepCount(), world_->Now(), "gc_mark_done").Str("result", "recheck found work");
    ++recheck_restarts_;
    world_->StartTheWorld();
    return MarkDoneResult::kRestarted;
  }
  blacken_on_ = false;
  WakeAllAssists();
  Nanos now = world_->Now();
  pacer_->limiter().StartGcTransition(false, now);
  pacer_->EndCycle(now, world_->NumP(), user_forced_);
  times_.t_mark_term = now;
  SetPhase(GcPhase::kMarkTermination);
  rescan_.clear();
  rescan_next_ = 0;
  if (config_.barrier == BarrierKind::kDijkstra && config_.rescan_stacks) {
    rescan_.push_back(&host_stack_);
    for (StackRoots& s : stacks_) {
      if (s.live) rescan_.push_back(&s);
    }
  }
  return MarkDoneResult::kTerminating;
}

// MarkTerminationStep: a dijkstra re-scan of one stack (drained at once,
// the world being stopped), or the end of mark termination.
void Collector::MarkTerminationStep() {
  if (rescan_next_ < rescan_.size()) {
    StackRoots* s = rescan_[rescan_next_++];
    ScanStack(s);
    s->rescan_cycle = cycles_;
    GcWork& gcw = CurGcw();
    while (DrainOne(gcw)) {
    }
    gcw.Dispose();
    gcw.flushed_work = false;
    return;
  }
  FinishMarkTermination();
}

// FinishMarkTermination is gcMarkTermination: gcMark's checks, then
// setGCPhase(_GCoff), gcSweep, and the restart of the world.
void Collector::FinishMarkTermination() {
  for (int p = 0; p < world_->NumP(); ++p) {
    wbbufs_[p].clear();  // gcMark: every buffered pointer is already black
    if (!gcws_[p].Empty()) {
      world_->Throw(fmt::format("runtime: P {} flushedWork {}\n", p, gcws_[p].flushed_work),
                    "P has cached GC work at end of mark termination");
    }
    bytes_marked_ += gcws_[p].bytes_marked;
    gcws_[p].bytes_marked = 0;
  }
  if (!lists_.FullEmpty() || root_next_ < root_jobs_.size()) {
    world_->Throw("", "non-empty mark queue after concurrent mark");
  }
  SyncPacer();
  heap1_ = pacer_->heap_live();  // work.heap1
  pacer_->ResetLive(bytes_marked_);
  SetPhase(GcPhase::kSweep);  // _GCoff: the write barrier is off from here
  heap_.NewSweepCycle();      // gcSweep: sweepgen += 2
  pacer_->Commit(false);      // gcControllerCommit, sweep not done
  Nanos now = world_->Now();
  times_.t_end = now;
  last_gc_time_ = now;
  if (config_.gctrace) WriteGcTrace();
  world_->WakeBgSweeper();
  for (void* w : cycle_waiters_) world_->Ready(w);  // work.sweepWaiters
  cycle_waiters_.clear();
  world_->StartTheWorld();
  pacer_->limiter().FinishGcTransition(world_->Now());
  for (int p = 0; p < world_->NumP(); ++p) heap_.ReleaseAll(p);  // forEachP(mcache.prepareForSweep)
  SyncPacer();
  if (!config_.manual && config_.verify) verifier_->AfterStep();
}

// WriteGcTrace prints GODEBUG=gctrace=1's line (mgc.go:gcMarkTermination).
void Collector::WriteGcTrace() {
  times_.stwprocs = world_->NumP();
  times_.assist = pacer_->assist_time();
  times_.dedicated = pacer_->dedicated_mark_time();
  times_.fractional = pacer_->fractional_mark_time();
  times_.idle = pacer_->idle_mark_time();
  double fraction = cpu_clock_.EndCycle(times_, times_.t_end, world_->NumP());
  GcTraceLine line;
  FillCycleTimes(times_, fraction, 0, &line);
  line.num_gc = cycles_;
  line.heap0 = heap0_;
  line.heap1 = heap1_;
  line.heap2 = bytes_marked_;
  line.heap_goal = pacer_->TraceHeapGoal();
  line.stacks = pacer_->TraceStackScan();
  line.globals = pacer_->globals_scan();
  line.procs = world_->NumP();
  line.forced = user_forced_;
  world_->WriteStderr(FormatGcTrace(profile_, line));
}

std::string Collector::Verify() { return verifier_->CheckAll(); }

const std::vector<Violation>& Collector::violations() const { return verifier_->violations(); }

}  // namespace gostep::gc
