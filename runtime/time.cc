#include "runtime/time.h"

namespace gostep {

void Sleep(Nanos d, SourcePos pos) { sched::Sleep(S(), d, pos); }

Timer NewTimer(Nanos d) {
  Timer t;
  t.t_ = sched::NewTimer(S(), d);
  t.C = Chan<Nanos>(t.t_.c);
  return t;
}

Timer AfterFunc(Nanos d, std::function<void()> f) {
  Timer t;
  t.t_ = sched::AfterFunc(S(), d, std::move(f));
  return t;
}

bool Timer::Stop() { return sched::StopTimer(S(), t_); }
bool Timer::Reset(Nanos d) { return sched::ResetTimer(S(), t_, d); }

Chan<Nanos> After(Nanos d) { return NewTimer(d).C; }

Ticker NewTicker(Nanos d, SourcePos pos) {
  Ticker t;
  t.t_ = sched::NewTicker(S(), d, pos);
  t.C = Chan<Nanos>(t.t_.c);
  return t;
}

void Ticker::Stop() { sched::StopTimer(S(), t_); }
void Ticker::Reset(Nanos d, SourcePos pos) { sched::ResetTicker(S(), t_, d, pos); }

Chan<Nanos> Tick(Nanos d) {
  if (d <= 0) return Chan<Nanos>();
  return NewTicker(d).C;
}

}  // namespace gostep
