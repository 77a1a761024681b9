// scheduler/scheduler.h — the simulated Go scheduler: Gs, Ps, steps, time.
//
// Models runtime/proc.go (newproc, gopark, goready, schedule, findRunnable's
// prologue, execute, wakep, goschedImpl, goexit0, sysmon/retake, checkdead,
// stopTheWorldWithSema, forEachP) of go1.14–go1.23, on the virtual clock of
// scheduler/cost_model.h. One Scheduler is one simulated process, run on one
// host thread; Scheduler::Current() is that thread's simulation.
//
// How a run advances (DESIGN.md, "The concurrency model"):
//   1. Exactly one G executes on the host at a time. It runs until its next
//      yield point (Yield), blocks (Park), or gives up its P (Gosched,
//      preemption, exit). Each of these is a step.
//   2. At a step the policy may preempt the G (only where Go could: calls,
//      or loop back-edges with async preemption), then picks which active P
//      advances next. Running Ps really overlap: each advances one step in
//      turn, and at the runtime grain that interleaves runtime operations.
//   3. A P without a G runs schedule(): stop for STW, safe-point function,
//      its due timers, then the policy's FindRunnable. No G: the P goes idle.
//   4. Events happen in virtual-time order before the step that passes them:
//      sysmon ticks (10 ms preemption), an idle P waking for the earliest
//      timer (the netpoller), stop-the-world retries. With nothing active,
//      time jumps to the next event; with no event left, checkdead decides.
//
// Invariants (Verify() checks them in tests):
//  - A running P's curg is kRunning with g->p == p; a kRunnable G is on
//    exactly one queue; nrunnable_ counts them.
//  - nmspinning_ counts spinning Ps; npidle_ counts idle Ps.
//  - All randomness comes from path_ (Draw, ProgramRandN).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/decision.h"
#include "base/event_log.h"
#include "base/go_output.h"
#include "base/version_profile.h"
#include "scheduler/fiber.h"
#include "scheduler/g.h"
#include "scheduler/hooks.h"
#include "scheduler/p.h"
#include "scheduler/policy.h"
#include "scheduler/runq.h"
#include "scheduler/sudog.h"
#include "scheduler/types.h"

namespace gostep::sched {

enum class Granularity : uint8_t {
  kStatement,  // yield points at statements, calls and back-edges
  kRuntime,    // also inside runtime operations (kRuntime yield points)
};

struct Limits {
  uint64_t max_steps = 0;        // 0: unlimited
  uint64_t max_goroutines = 0;   // live goroutines; 0: unlimited
  Nanos max_virtual_time = 0;    // 0: unlimited
  double max_wall_seconds = 0;   // 0: unlimited (not deterministic: a safety net)
  Nanos stw_timeout = kSecond;   // a stop-the-world not done by then is reported
};

struct Config {
  const base::VersionProfile* profile = nullptr;  // required
  int gomaxprocs = 1;
  PolicyConfig policy;
  Granularity granularity = Granularity::kStatement;
  bool asyncpreemptoff = false;   // GODEBUG=asyncpreemptoff=1
  bool asynctimerchan = false;    // GODEBUG=asynctimerchan=1 (go1.23 only)
  base::Traceback traceback;      // GOTRACEBACK
  std::string goroot = "/usr/local/go";  // printed for runtime files in dumps
  // The finalizer goroutine exists (goroutine 5): os's init calls
  // runtime.SetFinalizer, so every program importing os (fmt does) has it.
  bool finalizer_goroutine = false;
  StackPool::Config stacks;
  Limits limits;
};

enum class OutcomeKind : uint8_t {
  kRunning,     // not finished
  kExit,        // main returned or os.Exit: exit_code
  kPanic,       // an unrecovered panic: exit code 2
  kFatal,       // fatal error (throw/fatal), deadlock, stack overflow: exit code 2
  kLimit,       // a gostep limit stopped the run (message names it)
  kDivergence,  // replay diverged from the recording (message says where)
  kFault,       // gostep detected a heap fault or a lost object (message says which)
};

struct Outcome {
  OutcomeKind kind = OutcomeKind::kRunning;
  int exit_code = 0;
  std::string message;  // fatal/panic text without prefix, or the limit/divergence text
  uint64_t step = 0;    // step at which the run ended
};

const char* OutcomeName(OutcomeKind k);

// GoSpec describes a new goroutine for dumps.
struct GoSpec {
  std::string_view name = {};     // its function: "main.main.func1" (default: derived)
  SourcePos at = SourcePos(nullptr, 0);  // the `go` statement
  std::string_view creator = {};  // function holding the `go` statement (default: the current G's)
  bool system = false;
};

// A Go panic thrown through C++ frames of a goroutine. Catching it is
// recover(); an uncaught one ends the program (Scheduler prints it as Go does).
struct GoPanic {
  std::string value;            // printed after "panic: "
  RtFrames frames = nullptr;    // runtime/std frames at the panic site
  SourcePos pos = SourcePos(nullptr, 0);
  bool goexit = false;          // runtime.Goexit, not a panic
};

// Thrown into goroutines when the simulation is torn down. Do not catch it.
struct GoroutineUnwind {};
// Thrown by runtime.Goexit; caught at the goroutine's top.
struct GoexitUnwind {};

class Scheduler {
 public:
  explicit Scheduler(Config config, base::DecisionPath* path, base::EventLog* log);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Current returns the simulation running on this thread, or null.
  static Scheduler* Current() { return current_; }

  // ==== Running a program (host side) ====

  // Run runs `main` as goroutine 1 until the program ends, then tears every
  // goroutine down. It can be called once.
  void Run(std::function<void()> main, GoSpec spec = {});
  const Outcome& outcome() const { return outcome_; }
  uint64_t steps() const { return step_; }
  Nanos MaxClock() const;
  std::string& stdout_text() { return out_; }
  std::string& stderr_text() { return err_; }
  const base::VersionProfile& profile() const { return *config_.profile; }
  const Config& config() const { return config_; }
  Policy& policy() { return *policy_; }
  base::EventLog& log() { return *log_; }
  base::DecisionPath& path() { return *path_; }
  FiberSwitcher& fibers() { return fibers_; }

  // ==== Called by goroutines (and the runtime models) ====

  G* Go(std::function<void()> body, const GoSpec& spec = {});  // newproc
  // GoParked creates a goroutine that is born parked (kWaiting, `why`):
  // its body starts when it is first readied (the GC's mark workers).
  G* GoParked(std::function<void()> body, const GoSpec& spec, WaitReason why, RtFrames frames);
  // Inject makes a waiting G runnable at time `now` from outside any
  // goroutine (sysmon's injectglist): the global queue, then wakep.
  void Inject(G* g, Nanos now);
  // Abort ends the run with `kind` (a gostep-detected fault) from a goroutine.
  [[noreturn]] void Abort(OutcomeKind kind, int code, std::string message);
  void SetHooks(RuntimeHooks* hooks) { hooks_ = hooks; }
  // Yield is a yield point: charges its cost, then maybe a step.
  void Yield(const YieldPoint& yp) {
    cur_p_->clock += yp.cost;
    if (yp.kind == YieldKind::kRuntime && granularity_ != Granularity::kRuntime) return;
    if (!fast_ || cur_->preempt) {
      Step(yp);
      return;
    }
    // The go policy's common step, inline (Step's fast path, without a call):
    // no preemption asked, nothing due; the time-ordered P steps next.
    if (++step_ < next_check_step_) {
      if (nactive_ == 1) {
        if (cur_p_->clock < NextEvent()) return;
      } else if (P* next = TimeOrderedP(); next->curg != nullptr && next->clock < NextEvent()) {
        last_stepped_ = next;
        if (next != cur_p_) SwitchAway(next->curg);
        return;
      }
    }
    StepCounted(yp);
  }
  void Gosched();                                          // runtime.Gosched
  void Park(WaitReason why, RtFrames frames, SourcePos pos);  // gopark
  void Ready(G* g);                                        // goready
  void GoYield();                                          // goyield (mutex handoff)
  [[noreturn]] void Goexit();                              // runtime.Goexit
  [[noreturn]] void Exit(int code);                        // os.Exit
  // Fatal is runtime.fatal (a throw before go1.19); `frames` are the
  // runtime/std functions the goroutine dies in, for the dump.
  [[noreturn]] void Fatal(std::string_view msg, RtFrames frames = nullptr, SourcePos pos = SourcePos(nullptr, 0));
  [[noreturn]] void Throw(std::string_view msg);           // runtime.throw
  // CheckStack reports Go's stack overflow when the goroutine's host stack
  // is nearly exhausted (call it at each simulated call).
  void CheckStack();
  // HostStackLow: less than the reserve CheckStack keeps is left on the
  // goroutine's host stack. StackOverflow is runtime/stack.go:newstack's
  // throw for a goroutine over `limit_bytes` (Go prints its max stack size,
  // 1000000000 on 64-bit, then "fatal error: stack overflow").
  bool HostStackLow() const;
  // HostStackFloor is the lowest stack address the current goroutine may use
  // before HostStackLow holds (its stack never moves: a cheap check for
  // interpreters), or null on the host thread.
  const char* HostStackFloor() const;
  [[noreturn]] void StackOverflow(uint64_t limit_bytes);
  // Print appends program output (the program's stdout).
  void Print(std::string_view s) { out_.append(s); }

  G* CurrentG() const { return cur_; }
  P* CurrentP() const { return cur_p_; }
  Nanos Now() const { return cur_p_->clock; }
  void Charge(Nanos ns) { cur_p_->clock += ns; }
  uint64_t step() const { return step_; }

  // ProgramRandN/ProgramRand64 are random draws the program can observe
  // (select order, map seeds): recorded in the path.
  uint32_t ProgramRandN(uint32_t n) { return path_->RandN(step_, CurGoid(), n); }
  uint64_t ProgramRand64() { return path_->Rand64(step_, CurGoid()); }
  // Draw is a policy draw: recorded in the path too.
  uint32_t Draw(uint32_t n) { return path_->RandN(step_, CurGoid(), n); }

  SudogPool& sudogs() { return sudogs_; }
  // Own keeps a runtime object (channel, timer) alive for the whole run.
  template <typename T>
  T* Own(std::unique_ptr<T> obj);

  // ==== Timers (runtime/time.go) ====
  void AddTimer(Timer* t);                    // addtimer: t->when set
  bool DelTimer(Timer* t);                    // deltimer: reports whether it was pending
  bool ModTimer(Timer* t, Nanos when, Nanos period);  // modtimer/resettimer
  bool SyncTimerChans() const { return config_.profile->sync_timer_channels && !config_.asynctimerchan; }
  uint64_t NextId() { return ++object_ids_; }
  void RunTimerNow(Timer* t);                 // go1.23 maybeRunChan: run an expired unheaped timer

  // ==== Stop-the-world and safe points (for the collector) ====
  void StopTheWorld(const char* reason);      // stopTheWorldWithSema
  void StartTheWorld();                       // startTheWorldWithSema
  bool world_stopped() const { return world_stopped_; }
  // ForEachP runs fn for every P at a safe point (proc.go:forEachP).
  void ForEachP(std::function<void(P*)> fn);

  // ==== Introspection (policies, tests) ====
  std::vector<std::unique_ptr<P>>& ps() { return ps_; }
  const std::vector<G*>& allgs() const { return allgs_; }
  RunQueues& runqs() { return runqs_; }
  int gomaxprocs() const { return static_cast<int>(ps_.size()); }
  int32_t npidle() const { return npidle_; }
  int32_t nmspinning() const { return nmspinning_; }
  int32_t nrunnable() const { return nrunnable_; }
  bool gcwaiting() const { return gcwaiting_; }
  // ForEachRunnable calls fn(g, p) for every runnable G, in a deterministic
  // order: the global queue, then each P's runnext and ring.
  template <typename Fn>
  void ForEachRunnable(Fn fn);
  // Take removes a runnable G from its queue (random and pct policies).
  void TakeRunnable(G* g);
  // The registry of C++ API objects that live on goroutine stacks
  // (runtime/stack_home.h): object address -> the stack it lives on.
  void RegisterStackObject(const void* obj, const StackUser* owner) { stack_objects_[obj] = owner; }
  void UnregisterStackObject(const void* obj) {
    if (!stack_objects_.empty()) stack_objects_.erase(obj);
  }
  const StackUser* StackObjectOwner(const void* obj) const {
    auto it = stack_objects_.find(obj);
    return it == stack_objects_.end() ? nullptr : it->second;
  }
  // SetWaitSince marks g as blocked since t (the GC's stack scan does this:
  // mgcmark.go; it makes dumps print ", N minutes").
  void SetWaitSince(G* g, Nanos t) { g->waitsince = t; }
  std::string_view Name(uint32_t id) const { return names_[id]; }
  uint32_t Intern(std::string_view name);
  // Dump renders goroutine g as a dump entry would.
  base::GoroutineInfo Describe(const G* g) const;
  // Verify checks the invariants above; returns "" or a description.
  std::string Verify() const;

 private:
  friend class GoPolicy;

  // ---- core (scheduler.cc) ----
  static void Entry(void* self, Context* c);
  void GoroutineMain(G* g);
  void Step(const YieldPoint& yp);
  void StepCounted(const YieldPoint& yp);
  void Reschedule();
  G* NextToRun();
  void ScheduleP(P* p);
  void Execute(P* p, G* g, bool inherit_time);
  void DropCurrent(GStatus to);
  void GoExit0(G* g);
  void CreateFinalizerGoroutine();
  void Wakep(Nanos now);
  P* PidleGet();
  void PidlePut(P* p);
  void ResetSpinning(P* p);
  const std::vector<P*>& ActivePs() const;
  P* PickP(P* dflt);
  bool MayPreempt(const YieldPoint& yp) const;
  void Preempt(const YieldPoint& yp);
  void CheckLimits() {
    if (step_ >= next_check_step_) CheckLimitsSlow();
  }
  void CheckLimitsSlow();
  void CheckDivergence() {
    if (path_->diverged()) DivergenceOutcome();
  }
  void DivergenceOutcome();
  // TimeOrderedP returns the active P with the smallest clock, ties going
  // round-robin after the P that stepped last; null when no P is active. Its
  // clock is the frontier (sysmon.cc).
  P* TimeOrderedP() const {
    size_t n = active_.size();
    if (n == 0) return nullptr;
    P* const* a = active_.data();  // active Ps by id
    int32_t last = last_stepped_ != nullptr ? last_stepped_->id : -1;
    size_t start = 0;
    while (start < n && a[start]->id <= last) ++start;
    if (start == n) start = 0;
    P* best = a[start];
    for (size_t i = start + 1; i < n; ++i) {
      if (a[i]->clock < best->clock) best = a[i];
    }
    for (size_t i = 0; i < start; ++i) {
      if (a[i]->clock < best->clock) best = a[i];
    }
    return best;
  }
  void SetStatus(P* p, PStatus status);
  Nanos NextEvent() { return events_dirty_ ? RecomputeNextEvent() : next_event_; }
  Nanos RecomputeNextEvent();
  uint64_t CurGoid() const { return cur_ ? cur_->goid : 0; }
  uint64_t NewGoid(P* p);
  G* AllocG();
  void RunLoop();
  void Teardown();
  // SwitchAway gives the host to `next` (null: the host) from a goroutine and
  // returns when this goroutine runs again — or unwinds it if the simulation
  // is being torn down.
  void SwitchAway(G* next) {
    cur_ = next;
    if (next != nullptr) cur_p_ = pv_[next->p];
    fibers_.SwitchTo(next ? &next->ctx : fibers_.host());
    if (unwinding_) throw GoroutineUnwind{};
  }
  void GfPut(P* p, G* g);
  G* GfGet(P* p);
  std::string DefaultName(uint32_t creator, const SourcePos& at);
  void Finish(OutcomeKind kind, int code, std::string message);

  // ---- time (timers.cc) ----
  void CheckTimers(P* p, Nanos now);
  void RunTimer(P* p, Timer* t, Nanos now);
  Nanos NextTimerWhen() const;
  bool AnyTimers() const;

  // ---- events (sysmon.cc) ----
  Nanos Frontier() const;
  void ProcessEvents();
  bool AdvanceTime();
  void Sysmon(Nanos now);
  void Retake(Nanos now);
  void PreemptOne(P* p);
  void PreemptAll();
  void CheckDead();

  // ---- world (world.cc) ----
  void StopP(P* p);
  void RunSafePointFn(P* p);
  void WaitForWorld(Nanos started, const char* what);
  void WaitForSafePoints(G* g, P* own);
  void WakeSafePointWaiter(P* last);
  void StwBlocked();

  // ---- crashes (crash.cc) ----
  void CrashPanic(G* g, const GoPanic& p);
  void CrashFatal(std::string_view msg, base::CrashKind kind, G* current);
  std::vector<base::GoroutineInfo> DumpAll() const;
  std::string Goroot(std::string file) const;

  Config config_;
  Granularity granularity_;
  base::DecisionPath* path_;
  base::EventLog* log_;
  RuntimeHooks* hooks_ = nullptr;
  std::unique_ptr<Policy> policy_;
  FiberSwitcher fibers_;
  RunQueues runqs_;

  std::vector<std::unique_ptr<P>> ps_;
  std::vector<P*> pv_;            // the Ps, by id
  std::vector<P*> active_;        // the Ps with status kRunning, by id (SetStatus)
  P* pidle_ = nullptr;            // idle list (LIFO, proc.go:pidleput)
  int32_t npidle_ = 0;
  int32_t nmspinning_ = 0;
  int32_t nrunnable_ = 0;
  int32_t nactive_ = 0;           // Ps with status kRunning
  P* last_stepped_ = nullptr;
  Nanos next_event_ = 0;          // earliest pending event (NextEvent)
  bool events_dirty_ = true;
  uint64_t next_check_step_ = 0;  // step of the next CheckLimitsSlow
  bool policy_steps_ = false;     // the policy wants OnStep
  bool time_ordered_ = false;     // the policy always picks the time-ordered P
  bool fast_ = false;             // Yield may take its inline path (go policy, recording, running)

  std::vector<G*> allgs_;                  // every G ever created, in creation order
  std::deque<std::unique_ptr<G>> gstore_;  // owns the Gs
  uint64_t goidgen_ = 0;
  int64_t live_gs_ = 0;
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> name_ids_;

  G* cur_ = nullptr;      // the G executing on the host (null: scheduler on the host)
  P* cur_p_ = nullptr;    // the P on whose behalf code runs now
  G* main_g_ = nullptr;
  uint64_t step_ = 0;

  // sysmon (proc.go:sysmon)
  Nanos sysmon_next_ = 0;
  uint32_t sysmon_delay_ = 0;  // µs
  int sysmon_idle_ = 0;
  bool sysmon_sleeping_ = false;

  // stop-the-world
  bool gcwaiting_ = false;
  bool world_stopped_ = false;
  int32_t stopwait_ = 0;
  G* stw_g_ = nullptr;           // the G waiting for the world to stop
  Nanos stw_started_ = 0;
  Nanos stw_next_retry_ = 0;
  const char* stw_reason_ = "";
  int32_t safepoint_wait_ = 0;
  std::function<void(P*)> safepoint_fn_;

  uint64_t object_ids_ = 0;
  SudogPool sudogs_;
  std::vector<std::shared_ptr<void>> owned_;
  std::unordered_map<const void*, const StackUser*> stack_objects_;
  std::vector<G*> gfree_global_;                 // sched.gFree
  std::vector<std::vector<G*>> gfree_;           // p.gFree, per P
  G* exited_ = nullptr;                          // exited on the host's last switch
  int32_t exited_p_ = 0;
  std::unordered_map<std::string, uint32_t> closure_names_;  // creator+position -> name
  std::unordered_map<uint32_t, int> closure_counts_;

  bool done_ = false;
  bool unwinding_ = false;
  bool last_idle_exit_ = false;  // the last G to leave a P exited (else parked)
  Outcome outcome_;
  std::string out_, err_;
  double wall_start_ = 0;

  static thread_local Scheduler* current_;
};

template <typename T>
T* Scheduler::Own(std::unique_ptr<T> obj) {
  T* raw = obj.get();
  owned_.push_back(std::shared_ptr<T>(std::move(obj)));
  return raw;
}

template <typename Fn>
void Scheduler::ForEachRunnable(Fn fn) {
  for (G* g = runqs_.global().head; g != nullptr; g = g->schedlink) fn(g);
  for (auto& p : ps_) {
    if (p->runq.runnext != nullptr) fn(p->runq.runnext);
    for (uint32_t i = p->runq.head; i != p->runq.tail; ++i) fn(p->runq.ring[i % kRunqSize]);
  }
}

}  // namespace gostep::sched
