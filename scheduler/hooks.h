// scheduler/hooks.h — what the scheduler asks of the runtime above it.
//
// The scheduler never includes gc/ (DESIGN.md, "Layers"). Where Go's
// scheduler calls into the collector — findRunnable picking a GC mark
// worker, sysmon waking the forced-GC helper, goexit dropping a goroutine's
// roots — it calls RuntimeHooks, which runtime/ implements.
#pragma once

#include <functional>
#include <string_view>

#include "scheduler/g.h"
#include "scheduler/p.h"
#include "scheduler/types.h"

namespace gostep::sched {

class RuntimeHooks {
 public:
  virtual ~RuntimeHooks() = default;
  // FindRunnableGCWorker is findRunnable's gcController.findRunnableGCWorker:
  // a parked mark worker for p to run before anything else, or null.
  virtual G* FindRunnableGCWorker(P* p, Nanos now) { return nullptr; }
  // FindIdleGCWorker: findRunnable found nothing to run; an idle-priority
  // mark worker for p, or null (gcMarkWorkAvailable && addIdleMarkWorker).
  virtual G* FindIdleGCWorker(P* p, Nanos now) { return nullptr; }
  // OnSysmon runs at every sysmon tick (the forcegc check, proc.go:sysmon).
  virtual void OnSysmon(Nanos now) {}
  // OnGoExit runs when g exits (goexit0), on g itself.
  virtual void OnGoExit(G* g) {}
  // RuntimeGoroutineBody gives the body of a runtime goroutine that the
  // scheduler creates parked at start-up ("runtime.forcegchelper",
  // "runtime.bgsweep"): what it does once first readied. None: it stays
  // parked for ever.
  virtual std::function<void()> RuntimeGoroutineBody(std::string_view name, G* g) { return {}; }
};

}  // namespace gostep::sched
