// runtime/gc_binding.h — the collector wired to the scheduler.
//
// GcBinding is the composition root's glue between gc/ and scheduler/
// (DESIGN.md, "Layers"): it is the collector's gc::World (stop-the-world,
// safe points, parking, stacks, faults, all through the Scheduler) and the
// scheduler's RuntimeHooks (findRunnable's GC workers, sysmon's forced GC,
// goroutine exit, the bodies of forcegchelper and bgsweep).
//
// It owns what Go keeps in the runtime around the collector: the pool of
// background mark workers (gcBgMarkWorkerPool, LIFO), each P's worker mode
// (p.gcMarkWorkerMode), and forcegc's idle flag. One GcBinding exists per
// Runtime::Run; Current() finds it from goroutine code.
#pragma once

#include <memory>
#include <vector>

#include "gc/collector.h"
#include "scheduler/scheduler.h"

namespace gostep::runtime {

class GcBinding final : public gc::World, public sched::RuntimeHooks {
 public:
  GcBinding(sched::Scheduler* s, gc::CollectorConfig config, base::EventLog* log);
  ~GcBinding() override;

  static GcBinding* Current() { return current_; }
  static void SetCurrent(GcBinding* b) { current_ = b; }
  gc::Collector& collector() { return *c_; }
  sched::Scheduler& scheduler() { return *s_; }

  // ---- gc::World ----
  int NumP() const override { return s_->gomaxprocs(); }
  int CurrentP() const override { return s_->CurrentP() != nullptr ? s_->CurrentP()->id : 0; }
  gc::StackRoots* CurrentStack() override;
  uint64_t CurrentGoid() const override { return s_->CurrentG() != nullptr ? s_->CurrentG()->goid : 0; }
  gc::Nanos Now() const override { return s_->CurrentP() != nullptr ? s_->Now() : 0; }
  void Charge(gc::Nanos ns) override {
    if (s_->CurrentP() != nullptr) s_->Charge(ns);
  }
  uint64_t StepCount() const override { return s_->step(); }
  void YieldPoint(const char* name) override;
  void PollPoint(const char* name) override;
  void CallPoint(const char* name) override;
  bool PollWork() const override;
  void StopTheWorld(const char* reason) override { s_->StopTheWorld(reason); }
  void StartTheWorld() override { s_->StartTheWorld(); }
  bool WorldStopped() const override { return s_->world_stopped(); }
  void ForEachP(const std::function<void(int)>& fn) override;
  bool CanPark() const override { return s_->CurrentG() != nullptr; }
  void* ParkToken() override { return s_->CurrentG(); }
  void Park(gc::GcWait why) override;
  void Ready(void* token) override { s_->Ready(static_cast<sched::G*>(token)); }
  bool Preempted() const override { return s_->CurrentG() != nullptr && s_->CurrentG()->preempt; }
  bool GcWaiting() const override { return s_->gcwaiting(); }
  void Gosched() override { s_->Gosched(); }
  void EnsureStacks() override;
  void StartMarkWorkers() override;
  void WakeBgSweeper() override;
  [[noreturn]] void Fault(const gc::HeapFault& f) override;
  [[noreturn]] void Limit(const std::string& message) override;
  [[noreturn]] void Throw(std::string_view preface, std::string_view msg) override;
  [[noreturn]] void MapFatal(std::string_view msg, std::string_view go_func, bool exit_check) override;
  [[noreturn]] void GoPanic(std::string_view msg) override;
  void WriteStderr(std::string_view s) override { s_->stderr_text().append(s); }

  // ---- sched::RuntimeHooks ----
  sched::G* FindRunnableGCWorker(sched::P* p, sched::Nanos now) override;
  sched::G* FindIdleGCWorker(sched::P* p, sched::Nanos now) override;
  void OnSysmon(sched::Nanos now) override;
  void OnGoExit(sched::G* g) override;
  std::function<void()> RuntimeGoroutineBody(std::string_view name, sched::G* g) override;

 private:
  void MarkWorkerBody();
  sched::G* PopWorker(sched::P* p, gc::Collector::WorkerMode mode);

  sched::Scheduler* s_;
  std::unique_ptr<gc::Collector> c_;
  std::vector<sched::G*> pool_;                      // gcBgMarkWorkerPool
  std::vector<gc::Collector::WorkerMode> p_mode_;    // p.gcMarkWorkerMode
  int nworkers_ = 0;                                 // gcBgMarkWorkerCount
  sched::G* forcegc_g_ = nullptr;
  bool forcegc_idle_ = false;                        // forcegc.idle
  sched::G* bgsweep_g_ = nullptr;
  bool bgsweep_parked_ = false;                      // sweep.parked

  static thread_local GcBinding* current_;
};

}  // namespace gostep::runtime
