// scheduler/scheduler.cc — goroutine life cycle, steps and the scheduling loop.
// See scheduler.h for the model; sysmon.cc, world.cc, timers.cc and crash.cc
// hold the other parts of the class.
#include "scheduler/scheduler.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include <fmt/format.h>

#include "base/check.h"
#include "scheduler/cost_model.h"

namespace gostep::sched {

thread_local Scheduler* Scheduler::current_ = nullptr;

namespace {

// proc.go: _GoidCacheBatch. Goids are handed out per P in batches of 16, which
// is why a goroutine started on another P is numbered 17, 18, …
constexpr uint64_t kGoidCacheBatch = 16;

// The goroutines runtime.main starts before main.main, in every go1.14–go1.23
// profile: forcegchelper (proc.go's init), bgsweep and bgscavenge
// (mgc.go:gcenable). They are goroutines 2–4, so a real go1.19 binary's first
// user goroutine is goroutine 5. gostep creates them parked, as they are
// between GC cycles; they show in dumps from GOTRACEBACK=system.
struct RuntimeGoroutine {
  const char* name;
  WaitReason why;
  RtFrames frames;
  const char* creator;
  const char* file;
  uint32_t line;
};
constexpr RuntimeGoroutine kRuntimeGoroutines[] = {
    {"runtime.forcegchelper", WaitReason::kForceGCIdle, frames::kForceGCHelper, "runtime.init.6",
     "$GOROOT/src/runtime/proc.go", 290},
    {"runtime.bgsweep", WaitReason::kGCSweepWait, frames::kBgSweep, "runtime.gcenable",
     "$GOROOT/src/runtime/mgc.go", 178},
    {"runtime.bgscavenge", WaitReason::kGCScavengeWait, frames::kBgScavenge, "runtime.gcenable",
     "$GOROOT/src/runtime/mgc.go", 179},
};

// A frame source with no user frames (the runtime goroutines' frames are all
// runtime frames).
class NoFrames : public FrameSource {
 public:
  void AppendFrames(std::vector<base::GoFrame>*) const override {}
};
const NoFrames kNoFrames;

// P0's schedtick when main.main starts. runtime.main schedules a few times
// before it (forcegchelper, and gcenable's handshake with bgsweep and
// bgscavenge). A real go1.19.8 binary at GOMAXPROCS=1 reaches main.main with
// schedtick 4 in 186 of 200 runs (5 in the others): its 61-tick
// global-queue check then fires after 57 goroutines from the local queue
// (tests/go/order_global61). The same start-up is assumed for the other
// releases.
constexpr uint32_t kMainSchedtick = 4;

// Bytes kept free below a goroutine's stack check: room for the crash path.
constexpr size_t kStackReserve = 32 * 1024;

double WallSeconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

const char* OutcomeName(OutcomeKind k) {
  switch (k) {
    case OutcomeKind::kRunning: return "running";
    case OutcomeKind::kExit: return "exit";
    case OutcomeKind::kPanic: return "panic";
    case OutcomeKind::kFatal: return "fatal";
    case OutcomeKind::kLimit: return "limit";
    case OutcomeKind::kDivergence: return "divergence";
    case OutcomeKind::kFault: return "fault";
  }
  return "?";
}

Scheduler::Scheduler(Config config, base::DecisionPath* path, base::EventLog* log)
    : config_(config),
      granularity_(config.granularity),
      path_(path),
      log_(log),
      policy_(MakePolicy(config.policy)),
      fibers_(config.stacks, &Scheduler::Entry, this),
      runqs_(config.gomaxprocs) {
  GOSTEP_CHECK(config_.profile != nullptr) << "Config.profile is required";
  GOSTEP_CHECK(config_.gomaxprocs >= 1 && config_.gomaxprocs <= 1024) << "gomaxprocs out of range";
  names_.emplace_back("");
  for (int i = 0; i < config_.gomaxprocs; ++i) {
    ps_.push_back(std::make_unique<P>());
    ps_.back()->id = i;
    pv_.push_back(ps_.back().get());
  }
  gfree_.resize(ps_.size());
}

Scheduler::~Scheduler() {
  for (auto& g : gstore_) {
    GOSTEP_CHECK(!g->ctx.started || g->ctx.exited) << "goroutine " << g->goid << " outlived its simulation";
  }
}

uint32_t Scheduler::Intern(std::string_view name) {
  auto [it, fresh] = name_ids_.try_emplace(std::string(name), static_cast<uint32_t>(names_.size()));
  if (fresh) names_.emplace_back(name);
  return it->second;
}

// ==== Running a program ======================================================

void Scheduler::Run(std::function<void()> main, GoSpec spec) {
  GOSTEP_CHECK(current_ == nullptr) << "one simulation per thread at a time";
  GOSTEP_CHECK(main_g_ == nullptr) << "Scheduler::Run called twice";
  current_ = this;
  wall_start_ = WallSeconds();
  // procresize: P0 runs runtime.main; the others go idle, highest id first, so
  // the idle list hands out P1 first.
  P* p0 = ps_[0].get();
  SetStatus(p0, PStatus::kRunning);
  p0->schedtick = kMainSchedtick;
  policy_steps_ = policy_->WantsSteps();
  time_ordered_ = policy_->TimeOrdered();
  fast_ = time_ordered_ && !policy_steps_ && !path_->replaying();
  next_check_step_ = 0;
  for (size_t i = ps_.size() - 1; i >= 1; --i) PidlePut(ps_[i].get());
  cur_p_ = p0;
  if (spec.name.empty()) spec.name = "main.main";
  if (config_.finalizer_goroutine) {
    // os's init calls runtime.SetFinalizer -> createfing: `go runfinq()` runs
    // on goroutine 1 before main.main, so runfinq is goroutine 5, in runnext
    // when main.main starts; it parks when it first runs.
    main = [this, main = std::move(main)] {
      CreateFinalizerGoroutine();
      main();
    };
  }
  G* main_g = Go(std::move(main), spec);
  main_g_ = main_g;
  for (const RuntimeGoroutine& rg : kRuntimeGoroutines) {
    G* g = AllocG();
    g->goid = NewGoid(p0);
    g->ctx.owner = g;
    g->system = true;
    g->status = GStatus::kWaiting;
    g->waitreason = rg.why;
    g->rtframes = rg.frames;
    g->frames = &kNoFrames;
    g->name = Intern(rg.name);
    g->creator_name = Intern(rg.creator);
    g->creator_goid = 1;
    g->created_at = SourcePos(rg.file, rg.line);
    if (hooks_ != nullptr) g->body = hooks_->RuntimeGoroutineBody(rg.name, g);
    // Logged as every goroutine is, so the log (and a trace) can name it.
    if (log_->on()) log_->Begin(step_, p0->clock, "go").Uint("g", g->goid).Uint("parent", 1).Str("fn", rg.name);
  }
  sysmon_delay_ = 20;                   // proc.go:sysmon starts with a 20µs sleep
  sysmon_next_ = 20 * kMicrosecond;
  RunLoop();
  current_ = nullptr;
}

void Scheduler::RunLoop() {
  for (;;) {
    if (exited_ != nullptr) {
      GfPut(ps_[exited_p_].get(), exited_);
      exited_ = nullptr;
    }
    if (Context* c = fibers_.TakePending()) {
      fibers_.SwitchTo(c);
      continue;
    }
    G* next = NextToRun();
    if (next == nullptr) break;
    fibers_.SwitchTo(&next->ctx);
  }
  Teardown();
}

// Teardown unwinds every goroutine that has not finished: each is resumed
// once and throws GoroutineUnwind from where it stopped.
void Scheduler::Teardown() {
  unwinding_ = true;
  fast_ = false;
  if (outcome_.kind != OutcomeKind::kDivergence) path_->Finish(step_);
  if (path_->diverged() && outcome_.kind != OutcomeKind::kDivergence) {
    outcome_ = {OutcomeKind::kDivergence, 1,
                fmt::format("replay diverged at step {}: {}", path_->divergence_step(), path_->divergence()),
                path_->divergence_step()};
  }
  for (bool again = true; again;) {
    again = false;
    for (size_t i = 0; i < allgs_.size(); ++i) {
      G* g = allgs_[i];
      if (!g->ctx.started || g->ctx.exited) continue;
      cur_ = g;
      fibers_.SwitchTo(&g->ctx);
      while (Context* c = fibers_.TakePending()) fibers_.SwitchTo(c);
      again = true;
    }
  }
  cur_ = nullptr;
}

void Scheduler::Finish(OutcomeKind kind, int code, std::string message) {
  if (outcome_.kind != OutcomeKind::kRunning) return;
  outcome_ = {kind, code, std::move(message), step_};
  done_ = true;
  // The run's end on the clock of the P that ended it, so a trace can close
  // the last goroutine slices (runtime/trace_export.h).
  if (log_->on()) {
    log_->Begin(step_, cur_p_ != nullptr ? cur_p_->clock : MaxClock(), "end")
        .Str("outcome", OutcomeName(kind))
        .Int("code", code)
        .Uint("g", CurGoid())
        .Int("p", cur_p_ != nullptr ? cur_p_->id : -1);
  }
  fast_ = false;
}

// CheckLimitsSlow runs every 4096 steps and at the step limit (CheckLimits).
void Scheduler::CheckLimitsSlow() {
  const Limits& l = config_.limits;
  if (l.max_steps != 0 && step_ >= l.max_steps) {
    Finish(OutcomeKind::kLimit, 3, fmt::format("gostep: step limit reached: {} steps (--max-steps)", l.max_steps));
  }
  if (l.max_wall_seconds > 0 && WallSeconds() - wall_start_ > l.max_wall_seconds) {
    Finish(OutcomeKind::kLimit, 3, fmt::format("gostep: wall-time limit reached: {} s (--timeout)", l.max_wall_seconds));
  }
  CheckDivergence();
  next_check_step_ = step_ + 4096;
  if (l.max_steps != 0 && l.max_steps < next_check_step_) next_check_step_ = l.max_steps;
}

void Scheduler::DivergenceOutcome() {
  Finish(OutcomeKind::kDivergence, 1,
         fmt::format("replay diverged at step {}: {}", path_->divergence_step(), path_->divergence()));
}

// SetStatus changes a P's status, keeping the count of active Ps and the
// event horizon (idle Ps wake for timers) up to date.
void Scheduler::SetStatus(P* p, PStatus status) {
  bool was = p->status == PStatus::kRunning, is = status == PStatus::kRunning;
  p->status = status;
  events_dirty_ = true;
  if (was == is) return;
  nactive_ += is ? 1 : -1;
  auto it = std::lower_bound(active_.begin(), active_.end(), p, [](P* a, P* b) { return a->id < b->id; });
  if (is) {
    active_.insert(it, p);
  } else {
    active_.erase(it);
  }
}

// ==== Goroutine life cycle ===================================================

void Scheduler::Entry(void* self, Context* c) {
  auto* s = static_cast<Scheduler*>(self);
  s->GoroutineMain(static_cast<G*>(c->owner));
}

// GoroutineMain runs a goroutine's body on its fiber. Nothing escapes it.
void Scheduler::GoroutineMain(G* g) {
  bool goexit = false;
  try {
    g->body();
  } catch (const GoPanic& p) {
    if (!unwinding_ && !done_) CrashPanic(g, p);
  } catch (const GoexitUnwind&) {
    goexit = true;
  } catch (const GoroutineUnwind&) {
  } catch (const std::exception& e) {
    if (!unwinding_ && !done_) {
      CrashPanic(g, GoPanic{.value = fmt::format("gostep: C++ exception escaped goroutine {}: {}", g->goid, e.what())});
    }
  } catch (...) {
    if (!unwinding_ && !done_) {
      CrashPanic(g, GoPanic{.value = fmt::format("gostep: C++ exception escaped goroutine {}", g->goid)});
    }
  }
  g->body = nullptr;
  if (unwinding_) return;
  if (done_) return;
  if (g == main_g_ && !goexit) {
    // runtime.main: main.main returned; exit(0) even if other goroutines run.
    Finish(OutcomeKind::kExit, 0, "");
    return;
  }
  if (hooks_ != nullptr) hooks_->OnGoExit(g);
  GoExit0(g);
}

// Models runtime/proc.go:goexit0. The fiber returns to the host afterwards,
// which frees the stack and then recycles the G (gfput).
void Scheduler::GoExit0(G* g) {
  ++step_;
  P* p = cur_p_;
  if (log_->on()) log_->Begin(step_, p->clock, "status").Uint("g", g->goid).Str("to", "dead");
  g->status = GStatus::kDead;
  g->waitreason = WaitReason::kZero;
  p->curg = nullptr;
  last_idle_exit_ = true;
  p->clock += cost::kGoexitNs;
  --live_gs_;
  exited_ = g;
  exited_p_ = p->id;
  cur_ = nullptr;
}

G* Scheduler::AllocG() {
  gstore_.push_back(std::make_unique<G>());
  G* g = gstore_.back().get();
  allgs_.push_back(g);
  return g;
}

// Models runtime/proc.go:gfput: a dead G goes on its P's free list; past 64
// entries, half move to the global list.
void Scheduler::GfPut(P* p, G* g) {
  g->ctx = Context{};
  std::vector<G*>& local = gfree_[p->id];
  local.push_back(g);
  if (local.size() >= 64) {
    while (local.size() >= 32) {
      gfree_global_.push_back(local.back());
      local.pop_back();
    }
  }
}

// Models runtime/proc.go:gfget.
G* Scheduler::GfGet(P* p) {
  std::vector<G*>& local = gfree_[p->id];
  if (local.empty()) {
    while (local.size() < 32 && !gfree_global_.empty()) {
      local.push_back(gfree_global_.back());
      gfree_global_.pop_back();
    }
  }
  if (local.empty()) return nullptr;
  G* g = local.back();
  local.pop_back();
  return g;
}

void Scheduler::CreateFinalizerGoroutine() {
  G* g = Go(
      [this] {
        for (;;) Park(WaitReason::kFinalizerWait, frames::kRunfinq, SourcePos(nullptr, 0));
      },
      GoSpec{.name = "runtime.runfinq",
             .at = SourcePos("$GOROOT/src/runtime/mfinal.go", 157),
             .creator = "runtime.createfing",
             .system = true});
  g->frames = &kNoFrames;
  g->rtframes = frames::kRunfinqEntry;  // not started yet: shown at its first line
}

uint64_t Scheduler::NewGoid(P* p) {
  if (p->goidcache == p->goidcacheend) {
    goidgen_ += kGoidCacheBatch;
    p->goidcache = goidgen_ - kGoidCacheBatch + 1;
    p->goidcacheend = goidgen_ + 1;
  }
  return p->goidcache++;
}

// DefaultName names an anonymous goroutine function the way the Go compiler
// names function literals: "<enclosing>.func<N>", one N per `go` site.
std::string Scheduler::DefaultName(uint32_t creator, const SourcePos& at) {
  std::string key = fmt::format("{}\x1f{}:{}", creator, at.file ? at.file : "", at.line);
  auto it = closure_names_.find(key);
  if (it != closure_names_.end()) return names_[it->second];
  std::string name = fmt::format("{}.func{}", names_[creator], ++closure_counts_[creator]);
  closure_names_.emplace(std::move(key), Intern(name));
  return name;
}

// Models runtime/proc.go:newproc/newproc1: the new G goes to runnext of the
// current P, and an idle P is woken to steal it.
G* Scheduler::Go(std::function<void()> body, const GoSpec& spec) {
  P* p = cur_p_;
  const Limits& l = config_.limits;
  if (l.max_goroutines != 0 && static_cast<uint64_t>(live_gs_) >= l.max_goroutines) {
    Finish(OutcomeKind::kLimit, 3,
           fmt::format("gostep: goroutine limit reached: {} live goroutines (--max-goroutines)", l.max_goroutines));
    if (cur_ != nullptr) SwitchAway(nullptr);
    return nullptr;
  }
  G* g = GfGet(p);
  if (g == nullptr) g = AllocG();
  uint32_t creator = spec.creator.empty() ? (cur_ ? cur_->name : 0) : Intern(spec.creator);
  g->goid = NewGoid(p);
  g->ctx.owner = g;
  g->status = GStatus::kRunnable;
  g->waitreason = WaitReason::kZero;
  g->preempt = false;
  g->system = spec.system;
  g->body = std::move(body);
  g->creator_name = creator;
  g->creator_goid = cur_ ? cur_->goid : 0;
  g->created_at = spec.at;
  g->pos = spec.at;
  g->name = spec.name.empty() ? Intern(DefaultName(creator, spec.at)) : Intern(spec.name);
  g->rtframes = nullptr;
  g->frames = nullptr;
  g->waitsince = 0;
  g->clock = p->clock;
  ++live_gs_;
  policy_->OnGoCreated(*this, g);
  runqs_.RunqPut(p->runq, p->id, g, true);
  ++nrunnable_;
  p->clock += cost::kNewprocNs;
  if (log_->on()) {
    log_->Begin(step_, p->clock, "go").Uint("g", g->goid).Uint("parent", g->creator_goid).Str("fn", names_[g->name]);
  }
  if (main_g_ != nullptr) Wakep(p->clock);
  return g;
}

G* Scheduler::GoParked(std::function<void()> body, const GoSpec& spec, WaitReason why, RtFrames frames) {
  P* p = cur_p_;
  G* g = GfGet(p);
  if (g == nullptr) g = AllocG();
  g->goid = NewGoid(p);
  g->ctx.owner = g;
  g->status = GStatus::kWaiting;
  g->waitreason = why;
  g->preempt = false;
  g->system = spec.system;
  g->body = std::move(body);
  g->creator_name = spec.creator.empty() ? (cur_ ? cur_->name : 0) : Intern(spec.creator);
  g->creator_goid = cur_ ? cur_->goid : 0;
  g->created_at = spec.at;
  g->pos = spec.at;
  g->name = Intern(spec.name);
  g->rtframes = frames;
  g->frames = nullptr;
  g->waitsince = 0;
  g->clock = p->clock;
  p->clock += cost::kNewprocNs;
  if (log_->on()) {
    log_->Begin(step_, p->clock, "go").Uint("g", g->goid).Uint("parent", g->creator_goid).Str("fn", names_[g->name]);
  }
  return g;
}

void Scheduler::Inject(G* g, Nanos now) {
  GOSTEP_CHECK(g->status == GStatus::kWaiting) << "inject of goroutine " << g->goid << " in status "
                                               << GStatusString(g->status);
  g->status = GStatus::kRunnable;
  g->waitreason = WaitReason::kZero;
  g->clock = std::max(g->clock, now);
  runqs_.GlobRunqPut(g);
  ++nrunnable_;
  if (log_->on()) log_->Begin(step_, now, "status").Uint("g", g->goid).Str("to", "runnable").Uint("by", 0);
  Wakep(now);
}

// ==== Steps ==================================================================

bool Scheduler::MayPreempt(const YieldPoint& yp) const {
  if (world_stopped_) return false;  // the stopper holds locks (m.locks > 0)
  switch (yp.kind) {
    case YieldKind::kCall: return true;
    case YieldKind::kLoop: return config_.profile->async_preemption && !config_.asyncpreemptoff;
    case YieldKind::kRuntime: return false;
    case YieldKind::kPoll: return false;
  }
  return false;
}

void Scheduler::Step(const YieldPoint& yp) {
  if (unwinding_) return;
  ++step_;
  StepCounted(yp);
}

// StepCounted is a step whose counter has been incremented.
void Scheduler::StepCounted(const YieldPoint& yp) {
  CheckLimits();
  if (done_) SwitchAway(nullptr);
  if (policy_steps_) policy_->OnStep(*this);
  if (MayPreempt(yp)) {
    // The go policy preempts exactly when the runtime asked (sysmon, STW).
    bool preempt = time_ordered_ ? cur_->preempt : policy_->ShouldPreempt(*this, cur_, yp);
    if (preempt || path_->replaying()) {
      path_->Checkpoint(step_, cur_->goid, base::DecisionKind::kPreempt, 0, yp.name, !preempt);
    }
    if (preempt) {
      Preempt(yp);
      return;
    }
  }
  // Fast paths: what NextToRun would decide, without its loop. A lone active
  // P with no event due steps again; under a time-ordered policy, the P with
  // the smallest clock steps next, if no event is due before it.
  if (nactive_ == 1) {
    if (cur_p_->clock < NextEvent()) return;
  } else if (time_ordered_ && !path_->replaying()) {
    P* next = TimeOrderedP();
    if (next->curg != nullptr && next->clock < NextEvent()) {
      last_stepped_ = next;
      if (next != cur_p_) SwitchAway(next->curg);
      return;
    }
  }
  Reschedule();
}

// Models runtime/proc.go:gopreempt_m -> goschedImpl: a preempted G goes to the
// global run queue.
void Scheduler::Preempt(const YieldPoint& yp) {
  G* g = cur_;
  P* p = cur_p_;
  if (log_->on()) {
    log_->Begin(step_, p->clock, "preempt").Uint("g", g->goid).Int("p", p->id).Str("at", yp.name);
  }
  DropCurrent(GStatus::kRunnable);
  runqs_.GlobRunqPut(g);
  ++nrunnable_;
  Reschedule();
}

// DropCurrent takes the current G off its P (proc.go:dropg) in state `to`.
void Scheduler::DropCurrent(GStatus to) {
  G* g = cur_;
  P* p = cur_p_;
  GOSTEP_CHECK(g != nullptr && p->curg == g) << "dropg without a current goroutine";
  if (log_->on()) {
    log_->Begin(step_, p->clock, "status").Uint("g", g->goid).Str("to", GStatusString(to));
  }
  g->status = to;
  g->clock = p->clock;
  p->curg = nullptr;
}

// Models runtime.Gosched (proc.go:goschedImpl): the G goes to the global queue.
void Scheduler::Gosched() {
  if (unwinding_) return;
  ++step_;
  CheckLimits();
  if (done_) SwitchAway(nullptr);
  cur_p_->clock += cost::kGoschedNs;
  DropCurrent(GStatus::kRunnable);
  runqs_.GlobRunqPut(cur_);
  ++nrunnable_;
  Reschedule();
}

// Models runtime/proc.go:goyield: like Gosched, but onto the local run queue.
void Scheduler::GoYield() {
  if (unwinding_) return;
  ++step_;
  P* p = cur_p_;
  DropCurrent(GStatus::kRunnable);
  runqs_.RunqPut(p->runq, p->id, cur_, false);
  ++nrunnable_;
  Reschedule();
}

// Models runtime/proc.go:gopark. `frames` are the runtime functions the G is
// blocked in and `pos` its position, both for goroutine dumps.
void Scheduler::Park(WaitReason why, RtFrames frames, SourcePos pos) {
  if (unwinding_) {
    GOSTEP_CHECK(std::uncaught_exceptions() == 0)
        << "a goroutine blocked in a destructor while its simulation was torn down";
    throw GoroutineUnwind{};
  }
  ++step_;
  G* g = cur_;
  g->waitreason = why;
  g->rtframes = frames;
  if (pos.file != nullptr) g->pos = pos;
  cur_p_->clock += cost::kParkNs;
  if (log_->on()) {
    log_->Begin(step_, cur_p_->clock, "status")
        .Uint("g", g->goid)
        .Str("to", "waiting")
        .Str("reason", WaitReasonString(why, *config_.profile));
  }
  g->status = GStatus::kWaiting;
  g->clock = cur_p_->clock;
  cur_p_->curg = nullptr;
  last_idle_exit_ = false;
  CheckLimits();
  Reschedule();
  g->rtframes = nullptr;
}

// Models runtime/proc.go:ready (goready): the G goes to runnext of the current
// P, and an idle P is woken.
void Scheduler::Ready(G* g) {
  GOSTEP_CHECK(g->status == GStatus::kWaiting) << "ready of goroutine " << g->goid << " in status "
                                               << GStatusString(g->status);
  P* p = cur_p_;
  g->status = GStatus::kRunnable;
  g->waitreason = WaitReason::kZero;
  g->clock = std::max(g->clock, p->clock);
  p->clock += cost::kReadyNs;
  runqs_.RunqPut(p->runq, p->id, g, true);
  ++nrunnable_;
  if (log_->on()) {
    log_->Begin(step_, p->clock, "status").Uint("g", g->goid).Str("to", "runnable").Uint("by", CurGoid());
  }
  Wakep(p->clock);
}

void Scheduler::Goexit() { throw GoexitUnwind{}; }

void Scheduler::Exit(int code) {
  Finish(OutcomeKind::kExit, code, "");
  SwitchAway(nullptr);
  throw GoroutineUnwind{};
}

void Scheduler::CheckStack() {
  if (!HostStackLow()) return;
  // runtime/stack.go:newstack: the limit printed is the effective one.
  StackOverflow(fibers_.pool().slot_bytes());
}

bool Scheduler::HostStackLow() const { return fibers_.StackRemaining() < kStackReserve; }

const char* Scheduler::HostStackFloor() const {
  size_t left = fibers_.StackRemaining();
  if (left == SIZE_MAX) return nullptr;
  const char* sp = static_cast<const char*>(__builtin_frame_address(0));
  return sp - left + kStackReserve;
}

void Scheduler::StackOverflow(uint64_t limit_bytes) {
  err_ += fmt::format("runtime: goroutine stack exceeds {}-byte limit\n", limit_bytes);
  err_ += "runtime: sp=0x0 stack=[0x0, 0x0]\n";
  Throw("stack overflow");
}

void Scheduler::Reschedule() { SwitchAway(NextToRun()); }

// ==== The scheduling loop ====================================================

const std::vector<P*>& Scheduler::ActivePs() const { return active_; }

// PickP asks the policy which active P steps next, given the time-ordered
// default `dflt` — the decision a schedule file leaves implied, and the go
// policy's choice.
P* Scheduler::PickP(P* dflt) {
  P* pick = dflt;
  if (nactive_ > 1 && !time_ordered_) {
    pick = policy_->PickP(*this, active_, dflt);
  }
  if (nactive_ > 1) {
    path_->Checkpoint(step_, CurGoid(), base::DecisionKind::kPickP, static_cast<uint64_t>(pick->id), nullptr,
                      pick == dflt);
  }
  last_stepped_ = pick;
  return pick;
}

// NextToRun advances the simulation until some G should execute on the host,
// and returns it (null: the run is over). It runs on whatever stack is current.
G* Scheduler::NextToRun() {
  for (;;) {
    cur_ = nullptr;
    CheckDivergence();
    if (done_) return nullptr;
    P* dflt = TimeOrderedP();
    if (dflt == nullptr) {
      if (!AdvanceTime()) CheckDead();
      continue;
    }
    if (dflt->clock >= NextEvent()) {  // events due at the frontier come first
      ProcessEvents();
      if (done_) return nullptr;
      dflt = TimeOrderedP();
    }
    P* p = PickP(dflt);
    cur_p_ = p;
    if (p->curg != nullptr) {
      cur_ = p->curg;
      return cur_;
    }
    ScheduleP(p);
  }
}

// ScheduleP is one round of runtime/proc.go:schedule for a P without a G: the
// fixed prologue of findRunnable (STW, safe-point function, timers), then the
// policy's choice.
void Scheduler::ScheduleP(P* p) {
  ++step_;
  CheckLimits();
  if (done_) return;
  if (gcwaiting_) {
    StopP(p);
    return;
  }
  if (p->run_safe_point_fn) RunSafePointFn(p);
  CheckTimers(p, p->clock);
  if (p->spinning || p->timer_wake) {
    // stealWork's last pass runs other Ps' due timers; the netpoller's M
    // always gets there when it wakes for a timer (see scheduler/README.md).
    for (auto& q : ps_) {
      if (q.get() != p) CheckTimers(q.get(), p->clock);
    }
  }
  p->timer_wake = false;
  // findRunnable: a GC mark worker first (gcController.findRunnableGCWorker),
  // then the policy's choice, then, with nothing else, an idle mark worker.
  G* worker = hooks_ != nullptr ? hooks_->FindRunnableGCWorker(p, p->clock) : nullptr;
  PickResult r = worker != nullptr ? PickResult{.g = worker} : policy_->FindRunnable(*this, p);
  if (r.g == nullptr && !r.wait && hooks_ != nullptr) {
    worker = hooks_->FindIdleGCWorker(p, p->clock);
    r.g = worker;
  }
  uint64_t v = r.wait ? base::kPickWait : r.g ? r.g->goid : 0;
  path_->Checkpoint(step_, 0, base::DecisionKind::kPickG, v, nullptr, false);
  if (r.wait) return;
  if (r.g != nullptr) {
    if (worker == nullptr) --nrunnable_;
    if (p->spinning) ResetSpinning(p);
    Execute(p, r.g, r.inherit_time);
    if (worker != nullptr) Wakep(p->clock);  // schedule: tryWakeP
    return;
  }
  if (p->spinning) {
    p->spinning = false;
    --nmspinning_;
  }
  PidlePut(p);
  // Go's spinning protocol guarantees that runnable work is never left with
  // every P asleep (findRunnable's re-checks after dropping the P).
  if (nrunnable_ > 0 && npidle_ == gomaxprocs()) Wakep(p->clock);
}

// Models runtime/proc.go:execute.
void Scheduler::Execute(P* p, G* g, bool inherit_time) {
  g->status = GStatus::kRunning;
  g->where = QueueLoc::kNone;
  g->p = p->id;
  g->waitsince = 0;
  g->preempt = false;
  p->curg = g;
  if (!inherit_time) ++p->schedtick;
  p->clock = std::max(p->clock, g->clock) + cost::kScheduleNs;
  if (log_->on()) {
    log_->Begin(step_, p->clock, "run").Uint("g", g->goid).Int("p", p->id).Bool("inherit", inherit_time);
  }
}

// Models runtime/proc.go:wakep (+ startm with spinning): if an idle P exists
// and no M is spinning, one idle P starts looking for work.
void Scheduler::Wakep(Nanos now) {
  if (npidle_ == 0 || nmspinning_ != 0 || gcwaiting_) return;
  P* p = PidleGet();
  p->spinning = true;
  ++nmspinning_;
  p->clock = std::max(p->clock, now + cost::kWakepLatencyNs);
  if (log_->on()) log_->Begin(step_, p->clock, "wakep").Int("p", p->id);
}

// Models runtime/proc.go:resetspinning.
void Scheduler::ResetSpinning(P* p) {
  p->spinning = false;
  --nmspinning_;
  Wakep(p->clock);
}

void Scheduler::PidlePut(P* p) {
  SetStatus(p, PStatus::kIdle);
  p->curg = nullptr;
  p->link = pidle_;
  pidle_ = p;
  ++npidle_;
  if (log_->on()) log_->Begin(step_, p->clock, "idle").Int("p", p->id);
}

P* Scheduler::PidleGet() {
  P* p = pidle_;
  if (p == nullptr) return nullptr;
  pidle_ = p->link;
  p->link = nullptr;
  SetStatus(p, PStatus::kRunning);
  --npidle_;
  return p;
}

void Scheduler::TakeRunnable(G* g) {
  LocalRunq* q = g->where == QueueLoc::kGlobal ? nullptr : &ps_[g->p]->runq;
  runqs_.Remove(g, q);
}

Nanos Scheduler::MaxClock() const {
  Nanos m = 0;
  for (const auto& p : ps_) m = std::max(m, p->clock);
  return m;
}

std::string Scheduler::Verify() const {
  int32_t runnable = 0;
  for (const G* g : allgs_) {
    if (g->status == GStatus::kRunnable) {
      ++runnable;
      if (g->where == QueueLoc::kNone) return fmt::format("runnable goroutine {} is on no queue", g->goid);
    }
    if (g->status == GStatus::kRunning && (g->p < 0 || ps_[g->p]->curg != g)) {
      return fmt::format("running goroutine {} is not its P's curg", g->goid);
    }
  }
  if (runnable != nrunnable_) return fmt::format("nrunnable_ = {} but {} goroutines are runnable", nrunnable_, runnable);
  int32_t idle = 0, spinning = 0;
  for (const auto& p : ps_) {
    idle += p->status == PStatus::kIdle;
    spinning += p->spinning;
  }
  if (idle != npidle_) return fmt::format("npidle_ = {} but {} Ps are idle", npidle_, idle);
  if (spinning != nmspinning_) return fmt::format("nmspinning_ = {} but {} Ps spin", nmspinning_, spinning);
  // The active list is exactly the running Ps, by id.
  std::vector<P*> running;
  for (P* p : pv_) {
    if (p->status == PStatus::kRunning) running.push_back(p);
  }
  if (running != active_ || static_cast<int32_t>(running.size()) != nactive_) {
    return fmt::format("the active-P list holds {} Ps (nactive_ {}), but {} Ps are running", active_.size(), nactive_,
                       running.size());
  }
  // Every queued G is where it says it is.
  int32_t queued = runqs_.global_size();
  for (P* p : pv_) {
    if (p->runq.runnext != nullptr) {
      ++queued;
      if (p->runq.runnext->where != QueueLoc::kRunnext || p->runq.runnext->p != p->id) {
        return fmt::format("goroutine {} is P{}'s runnext but says otherwise", p->runq.runnext->goid, p->id);
      }
    }
    for (uint32_t i = p->runq.head; i != p->runq.tail; ++i) {
      G* g = p->runq.ring[i % kRunqSize];
      ++queued;
      if (g->where != QueueLoc::kLocal || g->p != p->id) {
        return fmt::format("goroutine {} is on P{}'s run queue but says otherwise", g->goid, p->id);
      }
    }
  }
  if (queued != nrunnable_) return fmt::format("{} goroutines are queued but nrunnable_ = {}", queued, nrunnable_);
  return "";
}

}  // namespace gostep::sched
