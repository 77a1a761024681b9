// gc/world.h — what the collector needs from the rest of the simulation.
//
// gc/ never includes scheduler/ (DESIGN.md, "Layers"). Everything it needs
// from goroutines and processors goes through World, which runtime/
// implements over the scheduler (runtime/gc_world.h) and which NullWorld
// implements for heap unit tests (one P, the host thread, no goroutines).
//
// Obligations of an implementation:
//  1. CurrentP/CurrentStack name the P and the stack of the code running now
//     (the host thread counts as P 0 with its own stack).
//  2. StopTheWorld returns with every other P stopped at a safe point and
//     only the caller running; StartTheWorld undoes it. They nest never.
//  3. ForEachP(fn) runs fn(p) for every P at a safe point of that P before it
//     returns (proc.go:forEachP, the ragged barrier).
//  4. Park blocks the current goroutine until Ready(token) names it; on the
//     host (no goroutine) Park must not be called (CanPark is false).
//  5. Fault and Throw end the simulated program (a reported heap fault, or
//     Go's fatal error) and do not return.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "gc/ref.h"
#include "gc/roots.h"

namespace gostep::gc {

using Nanos = int64_t;

// What went wrong with a heap access. Real Go would not notice most of these
// (it reads whatever is there); gostep reports them.
enum class FaultKind : uint8_t {
  kNilDereference,  // a nil pointer: Go panics (runtime error: invalid memory address…)
  kFreedObject,     // the object was freed; its slot is free
  kReusedAddress,   // the object was freed and another object has the address (ABA)
  kBadPointer,      // not an address of the simulated heap
  kOutOfBounds,     // offset outside the object
  kNotPointerSlot,  // a pointer access to a scalar word, or the reverse
  kLostObject,      // the verifier: an object reachable from the roots was (or is about to be) freed
};

const char* FaultKindName(FaultKind k);

struct HeapFault {
  FaultKind kind = FaultKind::kBadPointer;
  Addr addr = 0;
  ObjectId object = 0;   // the object the reference meant
  ObjectId now_at = 0;   // the object now at the address (kReusedAddress)
  std::string message;   // one line, ready to print
};

// HeapFaultError is how NullWorld (and tests without a scheduler) see a fault.
class HeapFaultError : public std::runtime_error {
 public:
  explicit HeapFaultError(HeapFault f) : std::runtime_error(f.message), fault(std::move(f)) {}
  HeapFault fault;
};

// Why a goroutine blocks in the collector (runtime2.go wait reasons).
enum class GcWait : uint8_t {
  kAssistWait,    // "GC assist wait": an assist could not pay its debt
  kWaitForCycle,  // "wait for GC cycle": runtime.GC waiting for a mark to end
  kWorkerIdle,    // "GC worker (idle)": a mark worker in the pool
  kSweepWait,     // "GC sweep wait": bgsweep with nothing to sweep
};

class World {
 public:
  virtual ~World() = default;

  virtual int NumP() const = 0;
  virtual int CurrentP() const = 0;
  virtual StackRoots* CurrentStack() = 0;
  virtual uint64_t CurrentGoid() const = 0;
  virtual Nanos Now() const = 0;
  virtual void Charge(Nanos ns) = 0;
  virtual uint64_t StepCount() const = 0;

  // YieldPoint is a runtime-grain yield point inside a GC operation (a
  // barrier-shaded store, a mark unit): where another P could act in Go.
  virtual void YieldPoint(const char* name) = 0;
  // CallPoint is a call into the runtime (mallocgc): a statement-grain
  // yield point where a pending preemption is taken.
  virtual void CallPoint(const char* name) = 0;
  // PollPoint is a yield point of a mark worker's drain loop: other Ps may
  // step at either grain; the worker polls its own preemption (kPoll).
  virtual void PollPoint(const char* name) = 0;
  // PollWork reports that other goroutines could run on this P (pollWork:
  // an idle-priority worker stops).
  virtual bool PollWork() const = 0;

  virtual void StopTheWorld(const char* reason) = 0;
  virtual void StartTheWorld() = 0;
  virtual bool WorldStopped() const = 0;
  virtual void ForEachP(const std::function<void(int)>& fn) = 0;

  virtual bool CanPark() const = 0;
  virtual void* ParkToken() = 0;  // names the current goroutine for Ready
  virtual void Park(GcWait why) = 0;
  virtual void Ready(void* token) = 0;
  // Preempted reports that the current goroutine was asked to stop (a mark
  // worker's gcDrain checks it: gp.preempt); GcWaiting that a stop-the-world
  // is under way (sched.gcwaiting), which every gcDrain honours.
  virtual bool Preempted() const = 0;
  virtual bool GcWaiting() const = 0;
  // Gosched yields the processor (runtime.Gosched; bgsweep, runtime.GC).
  virtual void Gosched() = 0;

  // EnsureStacks gives every live goroutine its StackRoots before the roots
  // are snapshotted (gcMarkRootPrepare's allGsSnapshot).
  virtual void EnsureStacks() = 0;
  // StartMarkWorkers makes sure there is one background mark worker per P
  // (gcBgMarkStartWorkers; before the first stop-the-world).
  virtual void StartMarkWorkers() = 0;
  // WakeBgSweeper readies bgsweep if it is parked (gcSweep).
  virtual void WakeBgSweeper() = 0;

  [[noreturn]] virtual void Fault(const HeapFault& f) = 0;
  // Limit ends the run: a gostep limit (the heap limit) was reached.
  [[noreturn]] virtual void Limit(const std::string& message) = 0;
  // Throw is runtime.throw: `preface` lines ("runtime: …\n") then
  // "fatal error: msg".
  [[noreturn]] virtual void Throw(std::string_view preface, std::string_view msg) = 0;
  virtual void WriteStderr(std::string_view s) = 0;
  // MapFatal is the map misuse detector's runtime.fatal (go1.19+) or
  // runtime.throw (before): "fatal error: msg" raised in Go function
  // go_func ("runtime.mapassign_fast64") at its entry check or, for a
  // writer, its exit check; with the profile's traceback.
  [[noreturn]] virtual void MapFatal(std::string_view msg, std::string_view go_func, bool exit_check) = 0;
  // GoPanic is panic(plainError(msg)) in the current goroutine.
  [[noreturn]] virtual void GoPanic(std::string_view msg) = 0;
};

// NullWorld: one P, the host thread, no goroutines; the world is always
// "stopped" (nothing else runs). Faults throw HeapFaultError; throws throw
// std::runtime_error("fatal error: …").
class NullWorld : public World {
 public:
  int NumP() const override { return 1; }
  int CurrentP() const override { return 0; }
  StackRoots* CurrentStack() override { return stack_; }
  void set_stack(StackRoots* s) { stack_ = s; }
  uint64_t CurrentGoid() const override { return 0; }
  Nanos Now() const override { return now_; }
  void Charge(Nanos ns) override { now_ += ns; }
  uint64_t StepCount() const override { return steps_; }
  void YieldPoint(const char*) override { ++steps_; }
  void PollPoint(const char*) override { ++steps_; }
  void CallPoint(const char*) override { ++steps_; }
  bool PollWork() const override { return false; }
  void StopTheWorld(const char*) override { stopped_ = true; }
  void StartTheWorld() override { stopped_ = false; }
  bool WorldStopped() const override { return stopped_; }
  void ForEachP(const std::function<void(int)>& fn) override { fn(0); }
  bool CanPark() const override { return false; }
  void* ParkToken() override { return nullptr; }
  void Park(GcWait) override { throw std::logic_error("NullWorld cannot park"); }
  void Ready(void*) override {}
  bool Preempted() const override { return false; }
  bool GcWaiting() const override { return false; }
  void Gosched() override {}
  void EnsureStacks() override {}
  void StartMarkWorkers() override {}
  void WakeBgSweeper() override {}
  [[noreturn]] void Fault(const HeapFault& f) override { throw HeapFaultError(f); }
  [[noreturn]] void Limit(const std::string& message) override { throw std::runtime_error(message); }
  [[noreturn]] void Throw(std::string_view preface, std::string_view msg) override {
    throw std::runtime_error(std::string(preface) + "fatal error: " + std::string(msg));
  }
  void WriteStderr(std::string_view s) override { err_.append(s); }
  [[noreturn]] void MapFatal(std::string_view msg, std::string_view, bool) override {
    throw std::runtime_error("fatal error: " + std::string(msg));
  }
  [[noreturn]] void GoPanic(std::string_view msg) override { throw std::runtime_error("panic: " + std::string(msg)); }
  const std::string& stderr_text() const { return err_; }

 private:
  StackRoots* stack_ = nullptr;
  Nanos now_ = 0;
  uint64_t steps_ = 0;
  bool stopped_ = false;
  std::string err_;
};

}  // namespace gostep::gc
