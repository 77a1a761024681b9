// gc/drive.cc — automatic mode: Go's drivers of the cycle (PROVISIONAL: the
// pacer lands separately; until then automatic mode runs no cycles).
#include "gc/collector.h"

namespace gostep::gc {

Collector::WorkerMode Collector::FindRunnableGCWorker(int p, Nanos now) { return WorkerMode::kNone; }
bool Collector::IdleWorkerWanted(int p) { return false; }
void Collector::RunMarkWorker(int p, WorkerMode mode) {}
void Collector::GC() { RunCycle(); }
void Collector::GcStart(TriggerKind kind) {}
bool Collector::BgSweepOne() { return false; }
bool Collector::ForceGcDue(Nanos now) const { return false; }

}  // namespace gostep::gc
