// scheduler/sysmon.cc — time-ordered events: sysmon, the netpoller's timer
// wake-up, stop-the-world retries; checkdead.
//
// Events happen in virtual-time order. Before each step the scheduler runs
// every event due at or before the frontier, the smallest clock of an active
// P. With no active P, time jumps to the next event; with none left,
// checkdead decides whether the program is deadlocked.
//
//   event              due at                      models
//   sysmon tick        sysmon_next_                proc.go:sysmon loop body
//   netpoller wake-up  earliest timer, if a P is   findRunnable's netpoll(delay)
//                      idle                        until the next timer
//   STW retry          every 100 µs while a        stopTheWorldWithSema's
//                      stop-the-world waits        notetsleep + preemptall loop
#include <algorithm>

#include <fmt/format.h>

#include "base/check.h"
#include "scheduler/scheduler.h"

namespace gostep::sched {
namespace {

constexpr Nanos kForcePreemptNs = 10 * kMillisecond;      // proc.go:forcePreemptNS
constexpr Nanos kForceGcPeriod = 2 * 60 * kSecond;        // proc.go:forcegcperiod

}  // namespace

Nanos Scheduler::Frontier() const {
  const P* p = TimeOrderedP();
  return p != nullptr ? p->clock : kMaxWhen;
}

Nanos Scheduler::NextTimerWhen() const {
  Nanos next = kMaxWhen;
  for (const auto& p : ps_) {
    if (Timer* t = p->timers.Min()) next = std::min(next, t->when);
  }
  return next;
}

bool Scheduler::AnyTimers() const {
  for (const auto& p : ps_) {
    if (!p->timers.empty()) return true;
  }
  return false;
}

// RecomputeNextEvent finds the time of the earliest pending event; NextEvent
// caches it until something changes (events_dirty_).
Nanos Scheduler::RecomputeNextEvent() {
  Nanos t = sysmon_next_;
  if (npidle_ > 0 && !gcwaiting_) t = std::min(t, NextTimerWhen());
  if (stw_g_ != nullptr) t = std::min(t, stw_next_retry_);
  if (config_.limits.max_virtual_time != 0) t = std::min(t, config_.limits.max_virtual_time + 1);
  next_event_ = t;
  events_dirty_ = false;
  return t;
}

// ProcessEvents runs, in time order, every event due at or before the frontier.
void Scheduler::ProcessEvents() {
  for (;;) {
    Nanos frontier = Frontier();
    if (frontier == kMaxWhen) return;  // nothing active: AdvanceTime's job
    if (frontier < NextEvent()) return;
    if (config_.limits.max_virtual_time != 0 && frontier > config_.limits.max_virtual_time) {
      Finish(OutcomeKind::kLimit, 3,
             fmt::format("gostep: virtual time limit reached: {} ns (max-virtual-time)",
                         config_.limits.max_virtual_time));
      return;
    }
    Nanos t_sys = sysmon_next_;
    Nanos t_net = npidle_ > 0 && !gcwaiting_ ? NextTimerWhen() : kMaxWhen;
    Nanos t_stw = stw_g_ != nullptr ? stw_next_retry_ : kMaxWhen;
    Nanos t = std::min({t_sys, t_net, t_stw});
    if (t > frontier) return;
    if (t == t_stw) {
      WaitForWorld(t, stw_reason_);
    } else if (t == t_net) {
      // The M blocked in netpoll with a timeout wakes at the timer's time,
      // takes an idle P, and will run the timer (ScheduleP).
      P* p = PidleGet();
      p->clock = std::max(p->clock, t);
      p->timer_wake = true;
      if (log_->on()) log_->Begin(step_, t, "netpoll-wake").Int("p", p->id);
    } else {
      Sysmon(t);
    }
    if (done_) return;
  }
}

// AdvanceTime is called with no active P: it jumps to the next event and runs
// it. It reports false when no event will ever come.
bool Scheduler::AdvanceTime() {
  Nanos t_net = gcwaiting_ ? kMaxWhen : NextTimerWhen();
  Nanos t_stw = stw_g_ != nullptr ? stw_next_retry_ : kMaxWhen;
  if (t_net == kMaxWhen && t_stw == kMaxWhen) return false;
  // With every P idle sysmon goes into its deep sleep, which lasts at most
  // forcegcperiod/2: it wakes before a distant timer to check for a forced
  // GC (proc.go:sysmon).
  if (sysmon_next_ < std::min(t_net, t_stw)) {
    Sysmon(sysmon_next_);
    return true;
  }
  if (t_stw <= t_net) {
    WaitForWorld(t_stw, stw_reason_);
    return true;
  }
  sysmon_next_ = std::max(sysmon_next_, t_net);
  events_dirty_ = true;
  P* p = PidleGet();
  GOSTEP_CHECK(p != nullptr) << "no idle P to run a timer";
  p->clock = std::max(p->clock, t_net);
  p->timer_wake = true;
  if (log_->on()) log_->Begin(step_, t_net, "netpoll-wake").Int("p", p->id);
  return true;
}

// Sysmon runs one iteration of runtime/proc.go:sysmon's loop at time `now`.
void Scheduler::Sysmon(Nanos now) {
  bool woke = sysmon_sleeping_;
  sysmon_sleeping_ = false;
  events_dirty_ = true;
  // Waking from the deep sleep below, the same loop iteration goes on to the
  // forced-GC check (proc.go:sysmon) before it may sleep again.
  if (woke && hooks_ != nullptr) hooks_->OnSysmon(now);
  if (gcwaiting_ || npidle_ == gomaxprocs()) {
    // Deep sleep until the next timer, at most forcegcperiod/2; waking by
    // timeout keeps idle and delay (proc.go). startTheWorld wakes it early.
    Nanos next = NextTimerWhen();
    if (next > now) {
      sysmon_sleeping_ = true;
      sysmon_next_ = std::min(now + kForceGcPeriod / 2, next);
      return;
    }
  }
  Retake(now);
  if (hooks_ != nullptr) hooks_->OnSysmon(now);
  // retake reports only Ps retaken from system calls, which gostep does not
  // model, so idle always grows: the delay doubles after 1 ms, up to 10 ms.
  ++sysmon_idle_;
  if (sysmon_idle_ > 50) sysmon_delay_ *= 2;
  if (sysmon_delay_ > 10 * 1000) sysmon_delay_ = 10 * 1000;
  sysmon_next_ = now + sysmon_delay_ * kMicrosecond;
}

// Models runtime/proc.go:retake's preemption half.
void Scheduler::Retake(Nanos now) {
  for (auto& p : ps_) {
    if (p->status != PStatus::kRunning) continue;
    if (p->sysmon_schedtick != p->schedtick) {
      p->sysmon_schedtick = p->schedtick;
      p->sysmon_schedwhen = now;
    } else if (p->sysmon_schedwhen + kForcePreemptNs <= now) {
      PreemptOne(p.get());
    }
  }
}

// Models runtime/proc.go:preemptone: ask the P's G to stop at its next safe
// point (synchronously at a call; asynchronously, with the profile's async
// preemption, at a loop back-edge too).
void Scheduler::PreemptOne(P* p) {
  G* g = p->curg;
  if (g == nullptr || g == stw_g_) return;
  if (!g->preempt && log_->on()) {
    log_->Begin(step_, p->clock, "preempt-request").Uint("g", g->goid).Int("p", p->id);
  }
  g->preempt = true;
}

// Models runtime/proc.go:preemptall (the caller's own G is never asked).
void Scheduler::PreemptAll() {
  for (auto& p : ps_) {
    if (p->status == PStatus::kRunning) PreemptOne(p.get());
  }
}

// Models runtime/proc.go:checkdead, reached when no P is active and no event
// is left.
void Scheduler::CheckDead() {
  int waiting = 0;
  for (const G* g : allgs_) {
    if (g->system) continue;
    switch (g->status) {
      case GStatus::kWaiting:
      case GStatus::kPreempted: ++waiting; break;
      case GStatus::kRunnable:
      case GStatus::kRunning:
        GOSTEP_CHECK(false) << "checkdead: goroutine " << g->goid << " is " << GStatusString(g->status)
                            << " with every P idle";
        break;
      default: break;
    }
  }
  if (waiting == 0) {
    CrashFatal("no goroutines (main called runtime.Goexit) - deadlock!", base::CrashKind::kDeadlock, nullptr);
    return;
  }
  GOSTEP_CHECK(!AnyTimers()) << "checkdead with timers pending";
  CrashFatal("all goroutines are asleep - deadlock!", base::CrashKind::kDeadlock, nullptr);
}

}  // namespace gostep::sched
