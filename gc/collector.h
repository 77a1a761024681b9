// gc/collector.h — the tri-colour incremental collector, steppable.
//
// Models the cycle of runtime/mgc.go (gcStart, gcMarkDone,
// gcMarkTermination, gcSweep), mgcmark.go (markroot, scanstack, gcDrain,
// scanobject, greyobject, gcAssistAlloc), mbarrier.go/mwbbuf.go (the write
// barrier and its per-P buffer) and malloc.go (mallocgc) of go1.14–go1.23,
// in the shape of go1.19 (../shared/reference/go-gc-sched.md §1–3). One
// phase enum and one SingleStep, as Lua's lgc.c singlestep:
//
//   kOff               No cycle. (_GCoff) Write barrier off, allocate white.
//     | Start(kind): the next step stops the world (after finishing any
//     | sweep left from the last cycle, one span per step).
//   kSweepTermination  STW #1 (world stopped). (_GCoff) Barrier off.
//     | one step: finishsweep_m, cycles++, pacer.startCycle, setGCPhase(_GCmark),
//     | root jobs prepared (globals blocks, one job per stack of the allGs
//     | snapshot), assists enabled, start the world.
//   kMark              Concurrent mark. (_GCmark) Barrier on, allocate black.
//     | each step: one root job, or one object scanned, or this P's barrier
//     | buffer flushed. With no work left: gcMarkDone's ragged barrier (every
//     | P flushes its barrier buffer and work) is a step; if nothing was
//     | flushed, STW #2 and the re-check of Go issue 27993: leftover work
//     | restarts the world and marking continues.
//   kMarkTermination   STW #2 (world stopped). (_GCmarktermination) Barrier on.
//     | dijkstra with re-scan: one step per stack re-scanned (and drained).
//     | last step: gcMark's checks, resetLive, setGCPhase(_GCoff), gcSweep
//     | (sweepgen += 2), mcaches flushed, gctrace, start the world.
//   kSweep             Concurrent sweep. (_GCoff) Barrier off, allocate white.
//     | each step sweeps one span (sweepone); allocation also sweeps lazily.
//     | no span left: kOff.
//
// Invariants (gc/verifier.h checks them after any step when asked):
//  - barrier_enabled() == (phase is kMark or kMarkTermination);
//  - grey == marked and queued on a gcWork or the global full list; a grey
//    object has its grey bit; black == marked and not queued;
//  - weak tri-colour: every white object referenced by a black object or a
//    scanned (black) root is reachable from a grey object, an unscanned
//    root or a pending barrier-buffer entry through white objects only;
//  - no object reachable from the roots is ever freed.
//
// Two ways to run it (CollectorConfig::manual):
//  - manual: nothing happens unless a caller steps it (tests, teaching): no
//    heap or time triggers, no mark workers, no assists.
//  - automatic: Go's drivers do the same steps: mallocgc triggers gcStart
//    and pays assists, background mark workers (goroutines made by
//    runtime/) drain, the last one to run out of work calls gcMarkDone,
//    bgsweep and allocation sweep.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/event_log.h"
#include "base/version_profile.h"
#include "gc/gcwork.h"
#include "gc/heap.h"
#include "gc/gctrace.h"
#include "gc/history.h"
#include "gc/pacer.h"
#include "gc/roots.h"
#include "gc/type.h"
#include "gc/world.h"

namespace gostep::gc {

enum class GcPhase : uint8_t { kOff, kSweepTermination, kMark, kMarkTermination, kSweep };
const char* GcPhaseName(GcPhase p);

// Which write barrier mutator pointer stores run (mbarrier.go).
enum class BarrierKind : uint8_t {
  kHybrid,    // Go 1.8+: shade(*slot); shade(ptr) (design 17503; unconditional as the runtime does)
  kDijkstra,  // insertion only: shade(ptr). Needs the mark-termination stack re-scan (Go 1.5–1.7).
  kYuasa,     // deletion only: shade(*slot).
  kNone,      // no barrier (a fault, for teaching)
};
const char* BarrierName(BarrierKind k);
bool ParseBarrier(std::string_view s, BarrierKind* out);

enum class Color : uint8_t { kWhite, kGrey, kBlack };
const char* ColorName(Color c);

enum class TriggerKind : uint8_t {
  kHeap,   // gcTriggerHeap: heapLive reached the trigger
  kTime,   // gcTriggerTime: forcegcperiod elapsed (sysmon/forcegchelper)
  kCycle,  // gcTriggerCycle: runtime.GC (work.userForced)
};

// kVerifyByDefault: whether collectors verify after every step unless told
// (on in Debug builds: the debug and asan presets).
#ifdef GOSTEP_GC_VERIFY_DEFAULT
inline constexpr bool kVerifyByDefault = true;
#else
inline constexpr bool kVerifyByDefault = false;
#endif

struct CollectorConfig {
  BarrierKind barrier = BarrierKind::kHybrid;
  bool rescan_stacks = true;  // kDijkstra: re-scan every stack at mark termination
  bool manual = false;        // see the header comment
  int gogc = 100;             // GOGC; -1 = off
  int64_t memory_limit = INT64_MAX;  // GOMEMLIMIT
  bool gctrace = false;       // GODEBUG=gctrace=1
  // Run the verifier after every step: each SingleStep in manual mode, and
  // each phase transition in automatic mode.
  bool verify = kVerifyByDefault;
  uint64_t max_heap_bytes = 0;  // gostep limit on heap in use (0: none)
};

class Verifier;
struct Violation;

class Collector final : public SweepSink {
 public:
  Collector(const base::VersionProfile& profile, CollectorConfig config, World* world, base::EventLog* log);
  ~Collector() override;
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  TypeTable& types() { return types_; }
  Heap& heap() { return heap_; }
  const ObjectHistory& history() const { return history_; }
  const CollectorConfig& config() const { return config_; }
  World& world() { return *world_; }
  base::EventLog& log() { return *log_; }

  // ==== Stacks (runtime/ calls these as goroutines start and exit) ====
  StackRoots* NewStack(uint64_t goid);
  void ReleaseStack(StackRoots* s);
  StackRoots* host_stack() { return &host_stack_; }

  // ==== Mutator operations ====

  // New is mallocgc for `count` elements of t: a zeroed object, allocated
  // black during mark. It may trigger a cycle and pay an assist.
  Ref New(const Type* t, uint32_t count = 1);
  // LoadPtr returns the pointer word at byte offset off of obj.
  Ref LoadPtr(Ref obj, uint64_t off);
  // StorePtr is `*(obj+off) = val` with the write barrier (a yield point at
  // the runtime grain). InitPtr is the same store into a freshly allocated
  // object (the compiler knows the old value is zero: go1.21+ records only
  // the new pointer).
  void StorePtr(Ref obj, uint64_t off, Ref val) { Store(obj, off, val, false); }
  void InitPtr(Ref obj, uint64_t off, Ref val) { Store(obj, off, val, true); }
  // Scalar words. StoreUintptr keeps the provenance of an address stored as
  // an integer (it is not a pointer: the GC does not see it); a noscan
  // object keeps none (LoadUintptr gives id 0: an untracked integer).
  uint64_t LoadWord(Ref obj, uint64_t off);
  void StoreWord(Ref obj, uint64_t off, uint64_t v);
  void StoreUintptr(Ref obj, uint64_t off, Ref v);
  Ref LoadUintptr(Ref obj, uint64_t off);
  // Raw returns the host bytes of [r+off, r+off+len) in the live object r
  // names (a fault otherwise: freed, reused, out of bounds). For runtime code
  // that models Go's direct memory access (maps/): the bytes stay valid until
  // the next allocation or yield point, and only scalar bytes may be written
  // through them (pointer words go through StorePtr).
  uint8_t* Raw(Ref r, uint64_t off, uint64_t len, const char* what) {
    const ResolveHit& e = Lookup(r, off);
    uint64_t start = r.addr - e.data + off;
    if (r.addr < e.data || start + len > e.data_len) [[unlikely]] {
      ReportFault(FaultKind::kOutOfBounds, r, off, what);
    }
    return reinterpret_cast<uint8_t*>(e.words) + start;
  }
  // RawWithShadow is Raw for a word-aligned range that also returns the
  // shadow ids of its words (nullptr in a noscan object): a pointer word at
  // byte b of the range refers to object shadow[b / 8].
  uint8_t* RawWithShadow(Ref r, uint64_t off, uint64_t len, const char* what, const uint64_t** shadow) {
    const ResolveHit& e = Lookup(r, off);
    uint64_t start = r.addr - e.data + off;
    if (r.addr < e.data || start + len > e.data_len || start % kPtrSize != 0) [[unlikely]] {
      ReportFault(FaultKind::kOutOfBounds, r, off, what);
    }
    *shadow = e.shadow != nullptr ? e.shadow + start / kPtrSize : nullptr;
    return reinterpret_cast<uint8_t*>(e.words) + start;
  }
  // StorePtrNoBarrier is a pointer store that skips the write barrier (a
  // named fault of a caller, never Go's behaviour).
  void StorePtrNoBarrier(Ref obj, uint64_t off, Ref val);
  // CasPtr and SwapPtr are atomic.CompareAndSwapPointer and
  // atomic.SwapPointer on a heap pointer word (runtime/atomic_pointer.go:
  // atomic_casPointer, atomic_swapPointer; sync/atomic's Pointer methods):
  // one yield point, then the write barrier (shading the old and the new
  // pointer, even when the CAS fails, as atomicwb does) and the exchange as
  // one indivisible step, so no other goroutine acts between the compare and
  // the store. `point` names the yield point (the caller's operation).
  // CasPtr compares addresses, as Go does, and reports whether the word held
  // `old` and now holds `val`; SwapPtr returns the old value (an atomic
  // StorePointer is a SwapPtr whose result is dropped).
  bool CasPtr(Ref obj, uint64_t off, Ref old, Ref val, const char* point = "runtime.atomic_casPointer");
  Ref SwapPtr(Ref obj, uint64_t off, Ref val, const char* point = "runtime.atomic_swapPointer");
  // Check verifies that r is a live object (the check every access does);
  // it reports a fault through the World otherwise.
  void Check(Ref r, uint64_t off, uint64_t len, const char* what);

  // Globals: slots scanned as roots; stores go through the barrier.
  uint32_t NewGlobal();
  void StoreGlobal(uint32_t slot, Ref v);
  Ref LoadGlobal(uint32_t slot) const { return globals_[slot]; }
  void FreeGlobal(uint32_t slot) { globals_.Remove(slot); }

  // ==== The cycle ====

  GcPhase phase() const { return phase_; }
  // Start asks for a new cycle (gcStart). In manual mode the next step begins it.
  void Start(TriggerKind kind);
  // SingleStep does one bounded unit of work (see the header comment) and
  // reports whether it did anything.
  bool SingleStep();
  bool Step() { return SingleStep(); }
  // RunUntil steps until the phase is p (Start first if p needs a cycle).
  void RunUntil(GcPhase p);
  // RunCycle runs one complete new cycle, including its sweep: runtime.GC.
  void RunCycle();

  // ==== Automatic mode: Go's drivers (gc/drive.cc) ====
  enum class WorkerMode : uint8_t { kNone, kDedicated, kFractional, kIdle };
  // FindRunnableGCWorker is gcController.findRunnableGCWorker's decision for P p.
  WorkerMode FindRunnableGCWorker(int p, Nanos now);
  // IdleWorkerWanted is findRunnable's "gcMarkWorkAvailable && addIdleMarkWorker".
  bool IdleWorkerWanted(int p);
  // RunMarkWorker is gcBgMarkWorker's body between two parks, on P p.
  void RunMarkWorker(int p, WorkerMode mode);
  // GC is runtime.GC: a whole new cycle, including its sweep.
  void GC();
  // GcStart is mgc.go:gcStart from a goroutine (triggers, forcegchelper).
  void GcStart(TriggerKind kind);
  // BgSweepOne is bgsweep's unit: sweep one span; false when none is left.
  bool BgSweepOne();
  // ForceGcDue is gcTrigger{kind: gcTriggerTime}.test.
  bool ForceGcDue(Nanos now) const;

  // ==== Inspection ====
  Pacer& pacer() { return *pacer_; }
  uint32_t cycles() const { return cycles_; }  // work.cycles: cycles started
  bool barrier_enabled() const { return barrier_on_; }
  bool blacken_enabled() const { return blacken_on_; }
  Color ColorOf(Ref r) const;
  bool IsMarked(Ref r) const;
  bool IsLive(ObjectId id) const { return history_.Live(id); }
  bool IsFreed(ObjectId id) const { return history_.Valid(id) && !history_.Live(id); }
  size_t PendingBarrierEntries(int p) const { return wbbufs_[p].size(); }
  bool StackScanned(const StackRoots* s) const { return s->scan_cycle == cycles_ && cycles_ != 0; }
  uint64_t bytes_marked() const { return bytes_marked_; }
  uint64_t collector_steps() const { return steps_; }
  uint64_t recheck_restarts() const { return recheck_restarts_; }
  uint64_t ragged_barriers() const { return ragged_barriers_; }
  uint64_t wbbuf_flushes() const { return wbbuf_flushes_; }
  std::string Describe(ObjectId id) const { return history_.Describe(id, types_); }
  // Verify runs the verifier now; "" or the first violation.
  std::string Verify();
  // violations lists what the verifier has found so far (see verifier.h).
  const std::vector<Violation>& violations() const;
  // ObjectAt returns the object whose slot holds address a (0 if free).
  ObjectId ObjectAt(Addr a) const;

  // ==== SweepSink ====
  void OnFree(Span* s, uint32_t slot) override;
  void OnZombie(Span* s, uint32_t slot) override;
  void OnFreeSpan(Span* s) override;

 private:
  friend class Verifier;
  struct RootJob {
    bool globals = false;
    uint32_t block = 0;               // globals: block index
    StackRoots* stack = nullptr;      // stacks: snapshot entry
    uint32_t generation = 0;
  };

  // ---- phases (collector.cc) ----
  void SetPhase(GcPhase p);
  void GcStartStw();
  void SweepTermination();
  bool MarkStep();
  enum class MarkDoneResult : uint8_t { kFlushed, kRestarted, kTerminating };
  MarkDoneResult MarkDone();
  void MarkTerminationStep();
  void FinishMarkTermination();
  void PrepareRoots();

  // ---- marking (mark.cc) ----
  bool MarkRoot();                    // one root job
  void ScanStack(StackRoots* s);
  void ScanSlot(const Ref& r);
  bool DrainOne(GcWork& gcw);         // one object from the P's queue
  void ScanObject(Addr b, GcWork& gcw);
  // Shade is mgcmark.go:shade (findObject + greyobject onto the P's gcWork).
  void Shade(Addr a, GcWork& gcw);
  void GreyObject(Span* s, uint32_t idx, GcWork& gcw);
  GcWork& CurGcw() { return gcws_[world_->CurrentP()]; }
  bool WorkAvailable() const;         // gcMarkWorkAvailable(nil)

  // ---- automatic mode (drive.cc) ----
  bool TriggerTest(TriggerKind kind, uint32_t n) const;  // gcTrigger.test
  void GcStartCycle(TriggerKind kind, uint32_t n);     // gcStart
  void AssistAlloc(uint64_t size);                     // mallocgc's assist charge
  void GcAssistAlloc(StackRoots* st);                  // mgcmark.go:gcAssistAlloc
  bool ParkAssist(StackRoots* st);                     // gcParkAssist
  void FlushBgCredit(int64_t scan_work);               // gcFlushBgCredit
  void WakeAllAssists();                               // gcWakeAllAssists
  int64_t DrainN(GcWork& gcw, int64_t scan_work);      // gcDrainN
  void Drain(int p, WorkerMode mode, bool preemptible); // gcDrain
  bool DrainUnit(GcWork& gcw);                          // one root job or object
  void FlushScanWork(GcWork& gcw, bool flush_credit, int64_t* init);
  void MarkDoneAuto();                                 // gcMarkDone from a worker or assist
  void WaitOnMark(uint32_t n);                         // gcWaitOnMark
  void NoteSweepDone();
  void SyncPacer();                                    // heapLive/heapScan deltas -> pacer
  void WriteGcTrace();

  // ---- barrier (barrier.cc) ----
  void Store(Ref obj, uint64_t off, Ref val, bool init);
  void WriteBarrier(Addr old, Addr val, bool init);
  bool FlushWbBuf(int p);             // wbBufFlush1; reports whether anything was shaded

  // ---- allocation (malloc.cc) ----
  Span* SlotFor(const Type* t, uint64_t size, uint32_t* slot);
  [[noreturn]] void ReportFault(FaultKind kind, Ref r, uint64_t off, const char* what);
  void CommitPtrStore(Ref obj, uint64_t off, uint64_t* w, uint64_t& shadow, Ref val);
  Span* Resolve(Ref r, uint32_t* slot, uint64_t off);  // the live object r names, or a fault
  struct ResolveHit {
    Addr lo = 0, hi = 0;  // the slot's address range
    ObjectId id = 0;
    Span* span = nullptr;
    uint32_t slot = 0;
    uint64_t epoch = ~uint64_t{0};
    Addr data = 0;            // the object's first data byte (after any malloc header)
    uint64_t data_len = 0;    // type size × count
    uint64_t* words = nullptr;          // its data words
    const uint64_t* shadow = nullptr;   // their shadow ids (null: noscan)
    const Type* type = nullptr;
    uint64_t mod_m = 0;  // Lemire's fastmod multiplier for type->size; 0: divide
    // ModTypeSize is start % type->size, for an object below 4 GiB without a
    // division (D. Lemire et al., "Faster Remainder by Direct Computation",
    // 2019: exact for 32-bit dividends and divisors).
    uint64_t ModTypeSize(uint64_t start) const {
      if (mod_m == 0) [[unlikely]] return start % type->size;
      uint64_t low = mod_m * static_cast<uint32_t>(start);
      return static_cast<uint64_t>((static_cast<unsigned __int128>(low) * type->size) >> 64);
    }
  };
  // Lookup is Resolve's cached answer for the live object r names (faults
  // otherwise); valid until the next sweep frees something. The cache is
  // direct-mapped on the object id (every interior reference to an object,
  // such as each bucket of a bucket array, shares its entry); an untracked
  // reference (id 0) maps on its address.
  const ResolveHit& Lookup(Ref r, uint64_t off) {
    const ResolveHit& e = resolve_cache_[CacheIndex(r)];
    if (e.epoch == heap_epoch_ && r.addr - e.lo < e.hi - e.lo && (r.id == e.id || r.id == 0)) [[likely]] {
      return e;
    }
    return ResolveSlow(r, off);
  }
  static uint32_t CacheIndex(Ref r) { return (r.id != 0 ? r.id : r.addr >> 4) % kResolveCache; }
  const ResolveHit& ResolveSlow(Ref r, uint64_t off);
  static constexpr uint32_t kResolveCache = 1024;
  ResolveHit resolve_cache_[kResolveCache];
  uint64_t heap_epoch_ = 0;  // bumped whenever a sweep frees an object or a span
  // WordAt resolves obj+off to its word, checking bounds and the slot kind
  // (pointer or scalar word of the object's type).
  uint64_t* WordAt(Ref obj, uint64_t off, bool pointer, Span** span, const char* what) {
    const ResolveHit& e = Lookup(obj, off);
    uint64_t start = obj.addr - e.data + off;
    if (obj.addr < e.data || start % kPtrSize != 0 || start + kPtrSize > e.data_len) [[unlikely]] {
      ReportFault(FaultKind::kOutOfBounds, obj, off, what);
    }
    if (e.type->IsPointerWord(e.ModTypeSize(start) / kPtrSize) != pointer) [[unlikely]] {
      ReportFault(FaultKind::kNotPointerSlot, obj, off, what);
    }
    *span = e.span;
    return e.words + start / kPtrSize;
  }
  void AfterAlloc(bool refilled);        // triggers and assists (automatic mode)

  const base::VersionProfile& profile_;
  CollectorConfig config_;
  World* world_;
  base::EventLog* log_;
  TypeTable types_;
  Heap heap_;
  ObjectHistory history_;

  GcPhase phase_ = GcPhase::kOff;
  bool barrier_on_ = false;   // writeBarrier.enabled
  bool blacken_on_ = false;   // gcBlackenEnabled
  bool requested_ = false;    // a Start is pending
  TriggerKind request_kind_ = TriggerKind::kCycle;
  bool user_forced_ = false;  // work.userForced
  uint32_t cycles_ = 0;       // work.cycles
  uint64_t steps_ = 0;        // SingleSteps that did something

  WorkLists lists_;
  std::vector<GcWork> gcws_;               // per P
  std::vector<std::vector<Addr>> wbbufs_;  // per P: pending barrier entries
  std::vector<RootJob> root_jobs_;
  size_t root_next_ = 0;
  std::vector<StackRoots*> rescan_;        // dijkstra: stacks to re-scan at mark termination
  size_t rescan_next_ = 0;
  uint64_t bytes_marked_ = 0;              // work.bytesMarked
  uint64_t recheck_restarts_ = 0;          // mark terminations undone by the 27993 re-check
  uint64_t ragged_barriers_ = 0;           // gcMarkDone completion barriers begun
  uint64_t wbbuf_flushes_ = 0;             // wbBufFlush1 calls

  StackRoots host_stack_;
  std::deque<StackRoots> stacks_;          // every goroutine's roots; reused after exit
  std::vector<StackRoots*> free_stacks_;
  SlotTable globals_;

  std::unique_ptr<Verifier> verifier_;
  // The last object at each address of a freed span (event log only): the
  // address may come back in a span of another size class.
  std::unordered_map<Addr, ObjectId> last_at_;

  // Pacing and the automatic drivers.
  std::unique_ptr<Pacer> pacer_;
  GcCpuClock cpu_clock_;
  std::vector<int64_t> fractional_time_;  // p.gcFractionalMarkTime
  std::vector<int64_t> scan_alloc_;       // mcache.scanAlloc
  int active_drainers_ = 0;               // work.nproc - work.nwait
  bool start_busy_ = false;               // work.startSema held
  bool mark_done_busy_ = false;           // work.markDoneSema held
  std::vector<std::pair<StackRoots*, void*>> assist_queue_;  // work.assistQueue
  std::vector<void*> cycle_waiters_;      // work.sweepWaiters (gcWaitOnMark)
  Nanos last_gc_time_ = 0;                // memstats.last_gc_nanotime
  GcCycleTimes times_;                    // work.tSweepTerm … for gctrace
  uint64_t heap0_ = 0, heap1_ = 0;        // work.heap0, work.heap1
};

}  // namespace gostep::gc
