// scheduler/world.cc — stop-the-world and safe points.
//
// Models runtime/proc.go:stopTheWorldWithSema, startTheWorldWithSema and
// forEachP (go1.14–go1.23). The collector (gc/, a later layer) calls these
// through runtime/, as it calls them through worldsema in Go.
//
// Stopping the world, step by step:
//   1. The caller sets gcwaiting and asks every running G to stop
//      (preemptall); idle Ps stop at once; its own P stops too.
//   2. Every other P stops at its next scheduling round (gcstopm): its G must
//      first reach a safe point — a call, or a loop back-edge when the profile
//      has asynchronous preemption and GODEBUG=asyncpreemptoff=1 is not set.
//   3. While waiting, the caller re-asks every 100 µs of virtual time. If the
//      world is not stopped within Limits::stw_timeout, gostep reports it
//      (Go would wait for ever: golang.org/issue/10958).
//   4. When the last P stops, the caller runs alone until StartTheWorld.
#include <algorithm>

#include <fmt/format.h>

#include "base/check.h"
#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"

namespace gostep::sched {
namespace {

constexpr Nanos kStwRetryNs = 100 * kMicrosecond;

std::string FormatDuration(Nanos d) {
  if (d % kSecond == 0) return fmt::format("{}s", d / kSecond);
  if (d % kMillisecond == 0) return fmt::format("{}ms", d / kMillisecond);
  return fmt::format("{}µs", d / kMicrosecond);
}

}  // namespace

void Scheduler::StopTheWorld(const char* reason) {
  G* g = cur_;
  P* own = cur_p_;
  GOSTEP_CHECK(g != nullptr && !world_stopped_ && stw_g_ == nullptr) << "StopTheWorld from a bad state";
  ++step_;
  if (log_->on()) log_->Begin(step_, own->clock, "stw-begin").Str("reason", reason).Uint("g", g->goid);
  gcwaiting_ = true;
  events_dirty_ = true;
  stw_reason_ = reason;
  stw_g_ = g;
  PreemptAll();
  stopwait_ = gomaxprocs() - 1;
  while (P* q = PidleGet()) {  // take every idle P
    SetStatus(q, PStatus::kGcStop);
    --stopwait_;
  }
  if (stopwait_ > 0) WaitForSafePoints(g, own);
  stw_g_ = nullptr;
  events_dirty_ = true;
  world_stopped_ = true;
  SetStatus(own, PStatus::kRunning);
  if (log_->on()) log_->Begin(step_, own->clock, "stw-stopped").Str("reason", reason);
}

void Scheduler::StartTheWorld() {
  GOSTEP_CHECK(world_stopped_) << "StartTheWorld without StopTheWorld";
  P* own = cur_p_;
  Nanos now = own->clock;
  world_stopped_ = false;
  gcwaiting_ = false;
  events_dirty_ = true;
  // procresize: Ps with local work get an M; the others go idle.
  for (auto& q : ps_) {
    if (q.get() == own || q->status != PStatus::kGcStop) continue;
    if (!q->runq.empty()) {
      SetStatus(q.get(), PStatus::kRunning);
      q->clock = std::max(q->clock, now + cost::kWakepLatencyNs);
    } else {
      PidlePut(q.get());
    }
  }
  Wakep(now);
  if (sysmon_sleeping_) sysmon_next_ = now;  // notewakeup(&sched.sysmonnote)
  events_dirty_ = true;
  ++step_;
  if (log_->on()) log_->Begin(step_, now, "stw-end").Str("reason", stw_reason_);
}

// StopP models runtime/proc.go:gcstopm: the P halts for the stop-the-world.
void Scheduler::StopP(P* p) {
  if (p->spinning) {
    p->spinning = false;
    --nmspinning_;
  }
  SetStatus(p, PStatus::kGcStop);
  p->curg = nullptr;
  if (log_->on()) log_->Begin(step_, p->clock, "gcstop").Int("p", p->id);
  if (--stopwait_ == 0) WakeSafePointWaiter(p);
}

// ForEachP models runtime/proc.go:forEachP: fn runs for every P at a safe
// point — at once for idle Ps and the caller's, at the next scheduling round
// for running Ps, whose Gs are asked to stop.
void Scheduler::ForEachP(std::function<void(P*)> fn) {
  G* g = cur_;
  P* own = cur_p_;
  GOSTEP_CHECK(g != nullptr && stw_g_ == nullptr && !world_stopped_) << "ForEachP from a bad state";
  ++step_;
  safepoint_fn_ = std::move(fn);
  safepoint_wait_ = gomaxprocs() - 1;
  for (auto& q : ps_) {
    if (q.get() == own) continue;
    if (q->status != PStatus::kRunning) {
      safepoint_fn_(q.get());
      --safepoint_wait_;
    } else {
      q->run_safe_point_fn = true;
    }
  }
  safepoint_fn_(own);
  if (safepoint_wait_ > 0) {
    stw_g_ = g;
    stw_reason_ = "forEachP";
    PreemptAll();
    WaitForSafePoints(g, own);
    stw_g_ = nullptr;
    events_dirty_ = true;
  }
  safepoint_fn_ = nullptr;
}

// Models runtime/proc.go:runSafePointFn.
void Scheduler::RunSafePointFn(P* p) {
  p->run_safe_point_fn = false;
  safepoint_fn_(p);
  if (--safepoint_wait_ == 0) WakeSafePointWaiter(p);
}

// WaitForSafePoints parks g's P (so that only the other Ps step) until the
// last P to reach its safe point wakes it (WakeSafePointWaiter). g still
// shows as running, as the caller of stopTheWorldWithSema does in Go.
void Scheduler::WaitForSafePoints(G* g, P* own) {
  SetStatus(own, PStatus::kGcStop);
  g->waitreason = WaitReason::kStoppingTheWorld;
  stw_started_ = own->clock;
  stw_next_retry_ = own->clock + kStwRetryNs;
  events_dirty_ = true;
  Reschedule();
  g->waitreason = WaitReason::kZero;
}

// WakeSafePointWaiter resumes the waiting G's P, at the time `last` got there.
void Scheduler::WakeSafePointWaiter(P* last) {
  if (stw_g_ == nullptr) return;
  P* own = ps_[stw_g_->p].get();
  SetStatus(own, PStatus::kRunning);
  own->clock = std::max(own->clock, last->clock);
}

// WaitForWorld is the waiter's retry at time t: preempt everyone again, and
// give up after the stop-the-world timeout.
void Scheduler::WaitForWorld(Nanos t, const char* what) {
  PreemptAll();
  stw_next_retry_ = t + kStwRetryNs;
  events_dirty_ = true;
  if (t - stw_started_ >= config_.limits.stw_timeout) StwBlocked();
}

void Scheduler::StwBlocked() {
  std::string who;
  for (auto& p : ps_) {
    if (p->status != PStatus::kRunning || p->curg == nullptr || p->curg == stw_g_) continue;
    if (!who.empty()) who += ", ";
    who += fmt::format("goroutine {} on P{}", p->curg->goid, p->id);
  }
  if (who.empty()) who = "a P";
  std::string msg = fmt::format(
      "gostep: stop-the-world ({}) did not finish within {} of virtual time: {} never reached a safe point",
      stw_reason_, FormatDuration(config_.limits.stw_timeout), who);
  if (!config_.profile->async_preemption || config_.asyncpreemptoff) {
    msg += ". It runs a loop without function calls, and asynchronous preemption is off"
           " (GODEBUG=asyncpreemptoff=1), so Go would wait here for ever (golang.org/issue/10958)";
  }
  err_ += msg + "\n";
  err_ += base::FormatCrashDump(*config_.profile, base::CrashKind::kUserFatal, {.level = 1, .all = true}, 0,
                                DumpAll());
  Finish(OutcomeKind::kLimit, 3, msg);
}

}  // namespace gostep::sched
