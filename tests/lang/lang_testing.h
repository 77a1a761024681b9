// tests/lang/lang_testing.h — helpers for the front-end tests: compile a Go
// source for a profile, run it, and run the same source under the real
// Go 1.19 (GOSTEP_GO119) for differential checks.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "lang/program.h"
#include "tests/go_programs.h"

namespace gostep::testing {

// CompileErrors returns the diagnostics of compiling `src` as a.go, or "".
inline std::string CompileErrors(const std::string& src, const std::string& version) {
  lang::DiagList diags("a.go");
  auto p = lang::Compile("a.go", src, version, &diags);
  return p == nullptr ? diags.Text() : "";
}

// RunProgram compiles and runs `src` once (policy go, GOMAXPROCS 1); a
// compile error fails the test.
inline runtime::Result RunProgram(const std::string& src, const std::string& version, int gomaxprocs = 1) {
  lang::DiagList diags("a.go");
  auto p = lang::Compile("a.go", src, version, &diags);
  REQUIRE_MESSAGE(p != nullptr, diags.Text());
  runtime::Options o;
  o.version = version;
  o.gomaxprocs = gomaxprocs;
  o.limits.max_steps = 50'000'000;
  return p->Run(o);
}

// GoAvailable reports whether the real Go 1.19 builds programs here; the
// differential tests skip with a message otherwise.
inline bool GoAvailable() {
  const std::string& err = GoBuildError();
  if (!err.empty()) MESSAGE("real Go 1.19 unavailable: " << err);
  return err.empty();
}

// RunRealGo builds `src` with the real Go 1.19 and returns its stdout.
inline std::string RunRealGo(const std::string& src, const std::string& gomaxprocs = "1") {
  char dir[] = "/tmp/gostep-lang-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  std::string d = dir;
  std::ofstream(d + "/a.go") << src;
  Proc build = RunProcess({GOSTEP_GO119, "build", "-o", d + "/a", d + "/a.go"},
                          {"PATH=/usr/bin:/bin", "HOME=" + d, std::string("GOCACHE=") + GOSTEP_BINARY_DIR + "/go-cache", "GO111MODULE=off"}, d);
  REQUIRE_MESSAGE(build.status == 0, build.err);
  Proc run = RunProcess({d + "/a"}, {"PATH=/usr/bin:/bin", "GOMAXPROCS=" + gomaxprocs}, d);
  std::system(("rm -rf " + d).c_str());
  return run.out;
}

}  // namespace gostep::testing
