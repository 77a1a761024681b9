// scheduler/timers.cc — the runtime half of timers: per-P heaps and running
// due timers.
//
// Models runtime/time.go (go1.14–go1.22: addtimer, deltimer, modtimer,
// runtimer/runOneTimer, checkTimers; go1.23: the timer's own state with
// isChan/blocked). A timer lives in the heap of the P that armed it and runs
// when that P schedules (checkTimers), when a spinning P steals it, or when an
// idle P wakes for it (sysmon.cc). gostep removes stopped timers at once; Go
// marks them deleted and removes them lazily, which only delays heap cleanup.
#include <algorithm>

#include "base/check.h"
#include "scheduler/chan.h"
#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"

namespace gostep::sched {
namespace {

// time.goFunc: AfterFunc's goroutines are created here (time/sleep.go:176 in go1.19.8).
constexpr const char* kGoFuncFile = "$GOROOT/src/time/sleep.go";
constexpr uint32_t kGoFuncLine = 176;

}  // namespace

// needsAdd: a go1.23 channel timer is in a heap only while someone waits on it.
static bool NeedsHeap(const Timer* t) { return t->when > 0 && (!t->is_chan || t->blocked > 0); }

void Scheduler::AddTimer(Timer* t) {
  cur_p_->clock += cost::kTimerNs;
  if (!NeedsHeap(t) || t->owner >= 0) return;
  cur_p_->timers.Add(t, cur_p_->id);
  events_dirty_ = true;
  if (log_->on()) log_->Begin(step_, cur_p_->clock, "timer-add").Uint("id", t->id).Int("when", t->when).Int("p", cur_p_->id);
}

bool Scheduler::DelTimer(Timer* t) {
  cur_p_->clock += cost::kTimerNs;
  bool pending = t->owner >= 0 || (t->is_chan && t->when > 0);
  if (t->owner >= 0) ps_[t->owner]->timers.Remove(t);
  t->when = 0;
  events_dirty_ = true;
  if (pending && log_->on()) log_->Begin(step_, cur_p_->clock, "timer-del").Uint("id", t->id);
  return pending;
}

bool Scheduler::ModTimer(Timer* t, Nanos when, Nanos period) {
  bool pending = DelTimer(t);
  t->when = when;
  t->period = period;
  AddTimer(t);
  return pending;
}

void Scheduler::CheckTimers(P* p, Nanos now) {
  while (Timer* t = p->timers.Min()) {
    if (t->when > now) return;
    RunTimer(p, t, now);
  }
}

// RunTimer models runtime/time.go:runOneTimer: a ticker stays in the heap with
// its next time, a one-shot timer leaves it; then its function runs with p as
// the current P.
void Scheduler::RunTimer(P* p, Timer* t, Nanos now) {
  Nanos due = t->when;
  events_dirty_ = true;
  if (t->period > 0) {
    Nanos delta = t->when - now;
    t->when += t->period * (1 + -delta / t->period);
    if (t->when < 0) t->when = kMaxWhen;
    p->timers.Fix(t);
  } else {
    p->timers.Remove(t);
    t->when = 0;
  }
  G* saved_g = cur_;
  P* saved_p = cur_p_;
  cur_ = nullptr;  // timers run on the scheduler, not on a goroutine
  cur_p_ = p;
  if (log_->on()) log_->Begin(step_, p->clock, "timer-fire").Uint("id", t->id).Int("when", due).Int("p", p->id);
  switch (t->f) {
    case TimerFunc::kGoroutineReady: Ready(t->g); break;
    case TimerFunc::kSendTime: {
      // time.sendTime: a non-blocking send of the time; go1.23 sends the time
      // the timer was due (Now minus its delay).
      Nanos v = t->is_chan ? due : now;
      ChanSendImpl(*this, t->c, &v, false, SourcePos(nullptr, 0));
      break;
    }
    case TimerFunc::kGoFunc:
      Go(t->fn, GoSpec{.at = SourcePos(kGoFuncFile, kGoFuncLine), .creator = "time.goFunc"});
      break;
    case TimerFunc::kCallback: t->fn(); break;
  }
  cur_ = saved_g;
  cur_p_ = saved_p;
}

// RunTimerNow runs a due go1.23 channel timer that is in no heap, on behalf of
// the receiving goroutine (time.go:maybeRunChan -> unlockAndRun).
void Scheduler::RunTimerNow(Timer* t) {
  GOSTEP_CHECK(t->owner < 0) << "RunTimerNow on a heaped timer";
  P* p = cur_p_;
  Nanos now = p->clock;
  Nanos due = t->when;
  t->when = t->period > 0 ? due + t->period * (1 + (now - due) / t->period) : 0;
  G* saved_g = cur_;
  cur_ = nullptr;
  if (log_->on()) log_->Begin(step_, now, "timer-fire").Uint("id", t->id).Int("when", due).Int("p", p->id);
  Nanos v = due;
  ChanSendImpl(*this, t->c, &v, false, SourcePos(nullptr, 0));
  cur_ = saved_g;
}

}  // namespace gostep::sched
