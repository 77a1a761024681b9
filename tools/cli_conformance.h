// tools/cli_conformance.h — `gostep test --go-testdir DIR`: Go's own tests.
//
// Runs the `// run` programs of DIR, DIR/ken and DIR/chan (Go's test/
// directory, e.g. /usr/share/go-1.19/test) as Go's test/run.go would, in
// place (nothing is copied): a program passes when its stdout+stderr equals
// its .out file if it has one, and otherwise when it exits 0. Each program
// runs in a forked child, so a hang (wall-time limit) or a crash of the
// interpreter is one failed line, not a stalled run. docs/CONFORMANCE.md
// records the pass rate.
#pragma once

#include <string>
#include <vector>

namespace gostep::tools {

struct ConformanceArgs {
  std::string dir;                   // Go's test directory
  std::vector<std::string> only;     // programs relative to dir ("chan/fifo.go"); empty: all
  std::string version = "1.19";
  // GOMAXPROCS. 1 by default: gostep cannot change GOMAXPROCS while a
  // program runs (the scheduler has no procresize), and Go's tests that
  // call runtime.GOMAXPROCS(1) (closure.go) then run as on a 1-CPU machine.
  int gomaxprocs = 1;
  double timeout = 10;               // wall seconds per program
  uint64_t max_steps = 200'000'000;  // scheduler steps per program
  bool verbose = false;              // print the first lines of a failing output
};

// RunConformance prints one line per program, the pass rate and the
// failures grouped by reason; it returns 0 if every program run passed.
int RunConformance(const ConformanceArgs& a);

}  // namespace gostep::tools
