// tools/cli_common.h — what the gostep subcommands share: the run flags and
// the Options they build, reading and compiling a scenario, printing a
// result, and the exit-status conventions.
//
// Exit statuses (tools/README.md): the program's own (0, os.Exit's, 2 for a
// panic or fatal error); 2 also for a compile error (as `go run`); 3 a gostep
// limit stopped the run; 4 a replay diverged; 5 a heap fault; 1 unreadable
// files and bad schedule files; 2 usage errors (with a one-line hint).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "lang/program.h"
#include "runtime/runtime.h"

namespace gostep::tools {

// UsageError: a bad flag value; main prints "gostep: MESSAGE; see gostep
// COMMAND --help" and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A subcommand: its CLI11 app and what to do when it was given.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// RunFlags are the flags of run, explore and test that shape Options.
struct RunFlags {
  std::string version;  // "" : the newest profile
  int gomaxprocs = 0;   // 0: $GOMAXPROCS, else 2
  std::string policy;
  std::string granularity;
  std::vector<std::string> faults;
  uint64_t max_steps = 50'000'000;
  uint64_t max_heap = 0;
  uint64_t max_goroutines = 100'000;  // live goroutines; each holds a host stack (or a copy of one)
  double timeout = 60;
};

// AddRunFlags adds --go --gomaxprocs --policy --granularity --fault
// --max-steps --max-heap --max-goroutines --timeout.
void AddRunFlags(CLI::App* app, RunFlags* f, const std::string& policy_help);

// MakeOptions validates the flags and builds Options (environment first:
// GOMAXPROCS, GODEBUG, GOTRACEBACK, GOGC, GOMEMLIMIT; flags override).
// Throws UsageError.
runtime::Options MakeOptions(const RunFlags& f);

// ReadFile reads `path`; on failure prints "gostep: cannot read PATH: why".
bool ReadFile(const std::string& path, std::string* text);
// WriteFile writes `path`; on failure prints "gostep: cannot write PATH: why".
bool WriteFile(const std::string& path, const std::string& text);

// CompileFile reads and compiles `path` for `version`. On a compile error
// it prints "# command-line-arguments" and the diagnostics (file names as
// `go run` shows them) to stderr; *status is then 2, or 1 if unreadable.
std::unique_ptr<lang::Program> CompileFile(const std::string& path, const std::string& version, int* status);

// GoShortPath is the name `go run` shows for a file: "./x.go" in the
// current directory, else the relative path if shorter than the absolute.
std::string GoShortPath(const std::string& path);

// PrintProgramOutput writes the program's stdout and stderr exactly.
void PrintProgramOutput(const runtime::Result& r);

// ExitStatus maps a result to gostep's exit status.
int ExitStatus(const runtime::Result& r);

// HardwareJobs is the default worker count: the hardware threads (>= 1).
int HardwareJobs();

// Profile names the profile of --go ("" : the newest); throws UsageError.
std::string ProfileName(const std::string& flag);

}  // namespace gostep::tools
