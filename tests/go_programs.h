// tests/go_programs.h — building and running the real Go programs of tests/go.
//
// Every differential test compares gostep with a Go program in
// tests/go/<case>/main.go, built with Go 1.19 (GOSTEP_GO119, installed by
// tools/bootstrap.sh). BuildGoCases builds all of them with one `go build`
// into <build>/go_cases/, once per process and under an flock (ctest runs
// test cases as parallel processes; a build that finds the binaries up to
// date does not rewrite them).
#pragma once

#include <string>
#include <vector>

namespace gostep::testing {

struct Proc {
  int status = -1;      // exit status; 128+N for a signal
  std::string out, err;
  std::string failure;  // why the process could not be run, or ""
};

// RunProcess runs argv[0] (a path) with exactly `env` as its environment, in
// `cwd` if not empty, collecting stdout and stderr; it kills the process
// after timeout_s seconds.
Proc RunProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                const std::string& cwd = "", double timeout_s = 60);

// GoBuildError builds every tests/go/<case>; "" on success, else why not.
const std::string& GoBuildError();

// GoCaseBinary is the path of the built program of tests/go/<name>.
std::string GoCaseBinary(const std::string& name);

// RunGoCase runs tests/go/<name> with PATH and `env` only (e.g. GOMAXPROCS=1).
Proc RunGoCase(const std::string& name, const std::vector<std::string>& env, double timeout_s = 60);

}  // namespace gostep::testing
