// tests/lang/conformance/go_diff.h — differential checks of small Go
// programs: the same source under gostep (lang::Compile + Program::Run,
// profile go1.19) and under the real Go 1.19 (`go run`, GOSTEP_GO119).
//
// The regression tests of the fixes made for Go's own test programs
// (docs/CONFORMANCE.md) use it: each fix is pinned by a program whose
// stdout must be Go's.
#pragma once

#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include "lang/program.h"
#include "tests/go_programs.h"

namespace gostep::testing {

struct GoDiff {
  std::string gostep_out, gostep_err;  // gostep's stdout and stderr (or its compile errors)
  int gostep_status = -1;
  Proc go;                             // go run's
};

// RunGostep compiles and runs src for go1.19 (GOMAXPROCS 2, seed 1).
inline void RunGostep(const std::string& src, GoDiff* d) {
  lang::DiagList diags("prog.go");
  std::unique_ptr<lang::Program> p = lang::Compile("prog.go", src, "1.19", &diags);
  if (p == nullptr) {
    d->gostep_err = diags.Text();
    d->gostep_status = 2;
    return;
  }
  runtime::Options o;
  o.version = "1.19";
  o.limits.max_steps = 50'000'000;
  runtime::Result r = p->Run(o);
  d->gostep_out = r.stdout_text;
  d->gostep_err = r.stderr_text;
  d->gostep_status = r.exit_code;
}

// RunGoSource runs src with `go run` in a fresh directory of the build tree.
inline Proc RunGoSource(const std::string& src) {
  static std::atomic<int> seq{0};
  std::string dir = std::string(GOSTEP_BINARY_DIR) + "/go_diff/" + std::to_string(getpid()) + "_" +
                    std::to_string(seq++);
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/prog.go") << src;
  return RunProcess({GOSTEP_GO119, "run", "prog.go"},
                    {"PATH=/usr/bin:/bin", "HOME=" + dir, "GOCACHE=" GOSTEP_BINARY_DIR "/gocache",
                     "GOPATH=" GOSTEP_BINARY_DIR "/gopath", "GO111MODULE=off", "GOFLAGS=", "CGO_ENABLED=0"},
                    dir, 120);
}

// CheckSameAsGo runs src both ways and requires the same stdout and stderr
// (println writes to stderr), and exit status 0 from both.
inline void CheckSameAsGo(const std::string& src) {
  REQUIRE_MESSAGE(GoBuildError() == "", GoBuildError());
  GoDiff d;
  RunGostep(src, &d);
  d.go = RunGoSource(src);
  INFO("go failure: " << d.go.failure);
  CHECK(d.go.status == 0);
  CHECK(d.gostep_status == 0);
  CHECK(d.gostep_out == d.go.out);
  CHECK(d.gostep_err == d.go.err);
}

}  // namespace gostep::testing
