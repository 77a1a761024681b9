#include "runtime/gc_binding.h"

#include "scheduler/frames.h"

namespace gostep::runtime {

using sched::G;
using sched::P;
using sched::WaitReason;
using Mode = gc::Collector::WorkerMode;

thread_local GcBinding* GcBinding::current_ = nullptr;

GcBinding::GcBinding(sched::Scheduler* s, gc::CollectorConfig config, base::EventLog* log)
    : s_(s), p_mode_(s->gomaxprocs(), Mode::kNone) {
  c_ = std::make_unique<gc::Collector>(s->profile(), config, this, log);
  s->SetHooks(this);
}

GcBinding::~GcBinding() { s_->SetHooks(nullptr); }

gc::StackRoots* GcBinding::CurrentStack() {
  G* g = s_->CurrentG();
  if (g == nullptr) return c_->host_stack();
  if (g->gc_stack == nullptr) g->gc_stack = c_->NewStack(g->goid);
  return static_cast<gc::StackRoots*>(g->gc_stack);
}

void GcBinding::YieldPoint(const char* name) {
  if (s_->CurrentG() == nullptr) return;
  s_->Yield(sched::YieldPoint{name, sched::YieldKind::kRuntime, 0});
}

void GcBinding::CallPoint(const char* name) {
  if (s_->CurrentG() == nullptr) return;
  s_->Yield(sched::YieldPoint{name, sched::YieldKind::kCall, 0});
}

void GcBinding::PollPoint(const char* name) {
  if (s_->CurrentG() == nullptr) return;
  s_->Yield(sched::YieldPoint{name, sched::YieldKind::kPoll, 0});
}

// PollWork is proc.go:pollWork: runnable goroutines in the global queue or
// this P's queue.
bool GcBinding::PollWork() const {
  P* p = s_->CurrentP();
  return s_->runqs().global_size() > 0 || (p != nullptr && !p->runq.empty());
}

void GcBinding::ForEachP(const std::function<void(int)>& fn) {
  s_->ForEachP([&fn](P* p) { fn(p->id); });
}

void GcBinding::Park(gc::GcWait why) {
  switch (why) {
    case gc::GcWait::kAssistWait:
      s_->Park(WaitReason::kGCAssistWait, sched::frames::kGcAssistWait, sched::SourcePos(nullptr, 0));
      break;
    case gc::GcWait::kWaitForCycle:
      s_->Park(WaitReason::kWaitForGCCycle, sched::frames::kGcWaitOnMark, sched::SourcePos(nullptr, 0));
      break;
    case gc::GcWait::kWorkerIdle:
      s_->Park(WaitReason::kGCWorkerIdle, sched::frames::kGcBgMarkWorker, sched::SourcePos(nullptr, 0));
      break;
    case gc::GcWait::kSweepWait:
      s_->Park(WaitReason::kGCSweepWait, sched::frames::kBgSweepLoop, sched::SourcePos(nullptr, 0));
      break;
  }
}

// EnsureStacks: every goroutine alive at the snapshot gets its (grey) roots.
void GcBinding::EnsureStacks() {
  for (G* g : s_->allgs()) {
    if (g->system || g->gc_stack != nullptr) continue;
    if (g->status == sched::GStatus::kDead || g->status == sched::GStatus::kIdle) continue;
    g->gc_stack = c_->NewStack(g->goid);
  }
}

// StartMarkWorkers is mgc.go:gcBgMarkStartWorkers: one worker per P, created
// parked in the pool (each real worker parks itself before gcStart goes on).
void GcBinding::StartMarkWorkers() {
  while (nworkers_ < s_->gomaxprocs()) {
    G* g = s_->GoParked([this] { MarkWorkerBody(); },
                        {.name = "runtime.gcBgMarkWorker",
                         .at = sched::SourcePos("$GOROOT/src/runtime/mgc.go", 1159),
                         .creator = "runtime.gcBgMarkStartWorkers",
                         .system = true},
                        WaitReason::kGCWorkerIdle, sched::frames::kGcBgMarkWorker);
    pool_.push_back(g);
    ++nworkers_;
  }
}

// MarkWorkerBody is gcBgMarkWorker after its first park: drain in the mode
// its P was given, go back to the pool, park.
void GcBinding::MarkWorkerBody() {
  for (;;) {
    int p = CurrentP();
    Mode mode = p_mode_[p];
    c_->RunMarkWorker(p, mode);
    p_mode_[CurrentP()] = Mode::kNone;
    pool_.push_back(s_->CurrentG());
    Park(gc::GcWait::kWorkerIdle);
  }
}

G* GcBinding::PopWorker(P* p, Mode mode) {
  G* g = pool_.back();
  pool_.pop_back();
  p_mode_[p->id] = mode;
  return g;
}

G* GcBinding::FindRunnableGCWorker(P* p, sched::Nanos now) {
  if (pool_.empty()) return nullptr;
  Mode mode = c_->FindRunnableGCWorker(p->id, now);
  return mode == Mode::kNone ? nullptr : PopWorker(p, mode);
}

G* GcBinding::FindIdleGCWorker(P* p, sched::Nanos now) {
  if (pool_.empty() || !c_->IdleWorkerWanted(p->id)) return nullptr;
  return PopWorker(p, Mode::kIdle);
}

// OnSysmon: sysmon's forced-GC check (proc.go:sysmon, gcTriggerTime).
void GcBinding::OnSysmon(sched::Nanos now) {
  if (forcegc_g_ == nullptr || !forcegc_idle_ || !c_->ForceGcDue(now)) return;
  forcegc_idle_ = false;
  s_->Inject(forcegc_g_, now);
}

void GcBinding::OnGoExit(G* g) {
  if (g->gc_stack == nullptr) return;
  c_->ReleaseStack(static_cast<gc::StackRoots*>(g->gc_stack));
  g->gc_stack = nullptr;
}

std::function<void()> GcBinding::RuntimeGoroutineBody(std::string_view name, G* g) {
  if (name == "runtime.forcegchelper") {
    forcegc_g_ = g;
    forcegc_idle_ = true;
    // proc.go:forcegchelper after its first park.
    return [this] {
      for (;;) {
        c_->GcStart(gc::TriggerKind::kTime);
        forcegc_idle_ = true;
        s_->Park(WaitReason::kForceGCIdle, sched::frames::kForceGCHelper, sched::SourcePos(nullptr, 0));
      }
    };
  }
  if (name == "runtime.bgsweep") {
    bgsweep_g_ = g;
    bgsweep_parked_ = true;
    // mgcsweep.go:bgsweep after its first park.
    return [this] {
      for (;;) {
        while (c_->BgSweepOne()) s_->Gosched();
        bgsweep_parked_ = true;
        Park(gc::GcWait::kSweepWait);
      }
    };
  }
  return {};
}

void GcBinding::WakeBgSweeper() {
  if (!bgsweep_parked_ || bgsweep_g_ == nullptr || bgsweep_g_->status != sched::GStatus::kWaiting) return;
  bgsweep_parked_ = false;
  s_->Ready(bgsweep_g_);
}

void GcBinding::Fault(const gc::HeapFault& f) {
  if (f.kind == gc::FaultKind::kNilDereference) {
    throw sched::GoPanic{.value = "runtime error: invalid memory address or nil pointer dereference"};
  }
  s_->stderr_text().append("gostep: " + f.message + "\n");
  s_->Abort(sched::OutcomeKind::kFault, 5, f.message);
}

void GcBinding::Limit(const std::string& message) {
  s_->Abort(sched::OutcomeKind::kLimit, 3, message);
}

void GcBinding::Throw(std::string_view preface, std::string_view msg) {
  s_->stderr_text().append(preface);
  s_->Throw(msg);
}

// The map detector's fatal (throw before go1.19): the frames of the map
// function that detected it (scheduler/frames.h); fatal's traceback hides
// them from go1.19, throw's shows them.
void GcBinding::MapFatal(std::string_view msg, std::string_view go_func, bool exit_check) {
  s_->Fatal(msg, sched::MapFatalFrames(go_func, exit_check));
}

void GcBinding::GoPanic(std::string_view msg) { throw sched::GoPanic{.value = std::string(msg)}; }

}  // namespace gostep::runtime
