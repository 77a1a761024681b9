#include "runtime/go.h"

#include "base/check.h"

#include <cstdlib>
#include "scheduler/cost_model.h"

namespace gostep {
namespace {

constexpr sched::YieldPoint kCallPoint{"call", sched::YieldKind::kCall, sched::cost::kCallNs};
constexpr sched::YieldPoint kGoPoint{"go", sched::YieldKind::kCall, sched::cost::kCallNs};

}  // namespace

void NoSimulation() {
  GOSTEP_CHECK(false) << "gostep API called outside a running simulation";
  std::abort();
}

void Go(std::function<void()> fn, GoOptions opts) {
  sched::Scheduler& s = S();
  s.Yield(kGoPoint);
  s.Go(std::move(fn), sched::GoSpec{.name = opts.name, .at = opts.at});
}

void Gosched() {
  sched::Scheduler& s = S();
  s.Yield(kCallPoint);
  s.Gosched();
}

void Goexit() { S().Goexit(); }
void Exit(int code) { S().Exit(code); }

int NumGoroutine() {
  int n = 0;
  for (const sched::G* g : S().allgs()) n += g->status != sched::GStatus::kDead && !g->system;
  return n;
}

Nanos Now() { return S().Now(); }

void Call(SourcePos pos) {
  sched::Scheduler& s = S();
  if (sched::G* g = s.CurrentG(); g != nullptr && pos.file != nullptr) g->pos = pos;
  s.Yield(kCallPoint);
}


void Panic(std::string value, SourcePos pos) { throw sched::GoPanic{.value = std::move(value), .pos = pos}; }

void CheckStack() { S().CheckStack(); }

void Print(std::string_view s) { S().Print(s); }

void StopTheWorld(const char* reason) { S().StopTheWorld(reason); }
void StartTheWorld() { S().StartTheWorld(); }

}  // namespace gostep
