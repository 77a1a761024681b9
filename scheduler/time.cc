#include "scheduler/time.h"

#include "base/check.h"
#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"

namespace gostep::sched {
namespace {

constexpr YieldPoint kSleepPoint{"time.Sleep", YieldKind::kCall, cost::kCallNs + cost::kTimerNs};
constexpr YieldPoint kTimerPoint{"time.Timer", YieldKind::kCall, cost::kCallNs + cost::kTimerNs};

Timer* NewRuntimeTimer(Scheduler& s) {
  Timer* t = s.Own(std::make_unique<Timer>());
  t->id = s.NextId();
  return t;
}

// newTimer: a channel of one Time for a Timer or Ticker.
TimeTimer NewChanTimer(Scheduler& s, Nanos when, Nanos period) {
  TimeTimer t{.r = NewRuntimeTimer(s), .c = MakeChan(s, sizeof(Nanos), 1)};
  t.r->f = TimerFunc::kSendTime;
  t.r->c = t.c;
  t.r->period = period;
  if (s.SyncTimerChans()) {
    t.r->is_chan = true;
    t.c->timer = t.r;
  }
  t.r->when = when;
  s.AddTimer(t.r);
  return t;
}

}  // namespace

Nanos When(Scheduler& s, Nanos d) {
  if (d <= 0) return s.Now();
  Nanos t = s.Now() + d;
  return t < 0 ? kMaxWhen : t;  // overflow
}

// Models runtime/time.go:timeSleep (+ resetForSleep).
void Sleep(Scheduler& s, Nanos d, SourcePos pos) {
  s.Yield(kSleepPoint);
  if (d <= 0) return;
  G* gp = s.CurrentG();
  if (gp->sleep_timer == nullptr) {
    gp->sleep_timer = NewRuntimeTimer(s);
    gp->sleep_timer->f = TimerFunc::kGoroutineReady;
  }
  Timer* t = gp->sleep_timer;
  t->g = gp;
  Nanos when = s.Now() + d;
  s.ModTimer(t, when < 0 ? kMaxWhen : when, 0);
  s.Park(WaitReason::kSleep, frames::kSleep, pos);
}

TimeTimer NewTimer(Scheduler& s, Nanos d) {
  s.Yield(kTimerPoint);
  return NewChanTimer(s, When(s, d), 0);
}

TimeTimer AfterFunc(Scheduler& s, Nanos d, std::function<void()> f) {
  s.Yield(kTimerPoint);
  TimeTimer t{.r = NewRuntimeTimer(s)};
  t.r->f = TimerFunc::kGoFunc;
  t.r->fn = std::move(f);
  t.r->when = When(s, d);
  s.AddTimer(t.r);
  return t;
}

TimeTimer NewTicker(Scheduler& s, Nanos d, SourcePos pos) {
  s.Yield(kTimerPoint);
  if (d <= 0) throw GoPanic{.value = "non-positive interval for NewTicker", .pos = pos};
  return NewChanTimer(s, When(s, d), d);
}

bool StopTimer(Scheduler& s, const TimeTimer& t) {
  s.Yield(kTimerPoint);
  bool pending = s.DelTimer(t.r);
  if (t.r->is_chan && TimerChanDrain(t.c)) pending = true;  // go1.23: no stale value
  return pending;
}

bool ResetTimer(Scheduler& s, const TimeTimer& t, Nanos d) {
  s.Yield(kTimerPoint);
  bool pending = s.ModTimer(t.r, When(s, d), t.r->period);
  if (t.r->is_chan && TimerChanDrain(t.c)) pending = true;
  return pending;
}

void ResetTicker(Scheduler& s, const TimeTimer& t, Nanos d, SourcePos pos) {
  s.Yield(kTimerPoint);
  if (d <= 0) throw GoPanic{.value = "non-positive interval for Ticker.Reset", .pos = pos};
  s.ModTimer(t.r, When(s, d), d);
  if (t.r->is_chan) TimerChanDrain(t.c);
}

// Models go1.23 runtime/time.go:(*timer).maybeRunChan: a receive looks at a
// timer that is not in any heap and runs it if it is due.
void TimerMaybeRunChan(Scheduler& s, Timer* t) {
  if (!t->is_chan || t->owner >= 0 || t->when == 0 || t->when > s.Now()) return;
  s.RunTimerNow(t);
}

// Models go1.23 blockTimerChan: a blocked receiver puts the timer in a heap.
void TimerBlockChan(Scheduler& s, Hchan* c) {
  Timer* t = c->timer;
  if (!t->is_chan) return;
  ++t->blocked;
  if (t->owner < 0 && t->when > 0) s.AddTimer(t);
}

// Models go1.23 unblockTimerChan: the last receiver gone, the timer leaves its heap.
void TimerUnblockChan(Scheduler& s, Hchan* c) {
  Timer* t = c->timer;
  if (!t->is_chan) return;
  GOSTEP_CHECK(t->blocked > 0) << "timer data corruption";
  if (--t->blocked == 0 && t->owner >= 0) {
    Nanos when = t->when;
    s.DelTimer(t);
    t->when = when;  // still due then (a zombie keeps t.when)
  }
}

}  // namespace gostep::sched
