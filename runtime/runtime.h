// runtime/runtime.h — gostep's public C++ API: one simulated Go process.
//
// The composition root (DESIGN.md, "Layers"): Runtime wires a version
// profile, the decision path, the event log and the scheduler, runs a program,
// and returns everything a run produces.
//
//   gostep::runtime::Runtime rt({.version = "1.21", .seed = 7, .gomaxprocs = 2});
//   rt.Go([] { ... });                  // goroutines of the program
//   gostep::runtime::Result r = rt.Run();
//   // r.outcome, r.exit_code, r.stdout_text, r.stderr_text, r.schedule, r.events
//
// Goroutine code uses the functions of runtime/go.h, sync.h, chan.h and time.h
// (gostep::Go, gostep::Mutex, gostep::Chan<T>, gostep::Sleep, …).
//
// Two ways to give the program:
//   Run(main)  main is goroutine 1 ("main.main"); the program ends when it
//              returns, as in Go, even if other goroutines still run.
//   Run()      goroutine 1 starts every goroutine registered with Go() before
//              Run, in order, and waits for all of them (a WaitGroup).
//
// Replay: set Options::replay to a schedule file's text. The run takes its
// profile, policy, seed and options from the file's header and reports, as a
// kDivergence outcome, the first step where the program does not match.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/schedule_file.h"
#include "gc/collector.h"
#include "maps/bucket/hmap.h"
#include "scheduler/scheduler.h"

namespace gostep::runtime {

using sched::Nanos;
using sched::OutcomeKind;

// OptionsError reports invalid options or an unreadable schedule file; the
// message is ready to print ("file:line:col: message" for files).
class OptionsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string version = "1.23";  // profile: "1.21" or "go1.21"
  uint64_t seed = 1;
  int gomaxprocs = 2;            // GOMAXPROCS; the reference machine has 2 CPUs
  std::string policy = "go";     // go | random | pct[:depth[:steps]]
  std::string granularity = "statement";  // statement | runtime
  std::string godebug;           // GODEBUG: asyncpreemptoff=1, asynctimerchan=1, gctrace=1
  std::string gotraceback;       // GOTRACEBACK: none|single|all|system|crash
  std::string goroot = "/usr/local/go";  // GOROOT printed for runtime files in dumps
  bool finalizer_goroutine = false;  // goroutine 5 is runfinq, as in programs importing os
  std::string replay;            // schedule-file text to replay ("" = record)
  std::string replay_name = "schedule";  // its name, for messages
  bool events = false;           // record the event log
  bool schedule_text = true;     // format Result::schedule (explore skips it for runs it does not report)
  std::string program = "main";  // names the program in the schedule header
  sched::Limits limits;
  size_t stack_bytes = 256 * 1024;  // host stack per goroutine
  size_t stack_slots = 8192;        // goroutine stacks before slots are shared

  // ---- the collector (gc/collector.h) ----
  std::string gogc = "100";      // GOGC: a percentage, or "off"
  std::string gomemlimit;        // GOMEMLIMIT: "" (none), bytes with an optional B/KiB/MiB/GiB/TiB suffix, or "off"
  std::string barrier = "hybrid";  // hybrid | dijkstra | yuasa | none
  bool rescan_stacks = true;     // dijkstra: the mark-termination stack re-scan
  bool gc_manual = false;        // cycles run only when stepped (tests)
  bool gc_verify = gc::kVerifyByDefault;  // run the verifier after every collector step (Debug builds: on)
  uint64_t max_heap_bytes = 0;   // gostep limit on the heap in use (0: none)

  // ---- maps (maps/bucket/hmap.h) ----
  std::string map_hash = "aes";  // aes (amd64 with AES-NI) | fallback (GODEBUG=cpu.aes=off)
  std::string map_faults;        // named faults, comma-separated: untraced-iterator,
                                 // no-misuse-detection, no-write-barrier-on-map-store

  // FromEnv applies GOMAXPROCS, GODEBUG, GOTRACEBACK, GOGC and GOMEMLIMIT
  // from the environment, as the Go runtime reads them.
  Options& FromEnv();
};

struct Result {
  OutcomeKind outcome = OutcomeKind::kRunning;
  int exit_code = 0;
  std::string message;      // the panic/fatal text, or the limit/divergence message
  std::string stdout_text;  // the program's stdout
  std::string stderr_text;  // the program's stderr (Go's crash output)
  std::string schedule;     // the schedule file
  std::string events;       // the event log (JSON lines), if recorded
  uint64_t steps = 0;
  Nanos virtual_time = 0;   // the largest P clock at the end
  uint64_t divergence_step = 0;
};

// OutcomeText renders "exit 0", "panic: …", "fatal error: …", "limit: …".
std::string OutcomeText(const Result& r);

class Runtime {
 public:
  explicit Runtime(Options options);  // throws OptionsError
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Go registers a goroutine for Run() (before the run).
  void Go(std::function<void()> fn, std::string name = "");
  Result Run(std::function<void()> main);
  Result Run();

  const Options& options() const { return options_; }
  const base::VersionProfile& profile() const { return *profile_; }

 private:
  void ApplyReplayHeader();
  sched::Config MakeConfig() const;
  gc::CollectorConfig MakeGcConfig(int64_t memory_limit) const;
  base::ScheduleFile Header() const;

  Options options_;
  const base::VersionProfile* profile_ = nullptr;
  sched::PolicyConfig policy_;
  sched::Granularity granularity_ = sched::Granularity::kStatement;
  bool asyncpreemptoff_ = false;
  bool asynctimerchan_ = false;
  bool gctrace_ = false;
  gc::BarrierKind barrier_ = gc::BarrierKind::kHybrid;
  maps::MapFaults map_faults_;
  base::ScheduleFile replay_;
  bool replaying_ = false;
  bool ran_ = false;
  std::vector<std::pair<std::function<void()>, std::string>> registered_;
};

}  // namespace gostep::runtime
