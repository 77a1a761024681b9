// tests/go_programs.h — building and running the real Go programs of tests/go
// and tests/differential.
//
// Every differential test compares gostep with a Go program in
// <dir>/<case>/main.go (dir: tests/go, tests/differential), built with Go
// 1.19 (GOSTEP_GO119, installed by tools/bootstrap.sh). All the programs of
// one dir are built with one `go build` into one output folder of the build
// tree (tests/go → <build>/go_cases/, tests/differential →
// <build>/go_differential/), once per process and under an flock (ctest runs
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

// GoProgramsBuildError builds every <dir>/<case> (dir relative to the source
// tree, e.g. "tests/differential"); "" on success, else why not.
const std::string& GoProgramsBuildError(const std::string& dir);

// GoProgramBinary is the path of the built program of <dir>/<name>.
std::string GoProgramBinary(const std::string& dir, const std::string& name);

// RunGoProgram runs <dir>/<name> with `args`, and PATH and `env` only.
Proc RunGoProgram(const std::string& dir, const std::string& name, const std::vector<std::string>& args,
                  const std::vector<std::string>& env, double timeout_s = 60);

// GoBuildError builds every tests/go/<case>; "" on success, else why not.
const std::string& GoBuildError();

// GoCaseBinary is the path of the built program of tests/go/<name>.
std::string GoCaseBinary(const std::string& name);

// RunGoCase runs tests/go/<name> with PATH and `env` only (e.g. GOMAXPROCS=1).
Proc RunGoCase(const std::string& name, const std::vector<std::string>& env, double timeout_s = 60);

}  // namespace gostep::testing
