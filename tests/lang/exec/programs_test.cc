// tests/lang/exec/programs_test.cc — the differential corpus: every
// tests/lang/programs/*.go runs under gostep (go1.19 profile, GOMAXPROCS 1,
// the go policy) and under the real Go 1.19, and stdout and the exit status
// must be identical. Each program's output is deterministic in Go.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/lang/lang_testing.h"

namespace gostep::testing {
namespace {

TEST_CASE("lang programs: stdout and exit status equal the real Go 1.19") {
  if (!GoAvailable()) return;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(GOSTEP_SOURCE_DIR) + "/tests/lang/programs")) {
    if (e.path().extension() == ".go") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 2);
  for (const auto& f : files) {
    INFO(f.filename().string());
    std::ifstream in(f);
    std::stringstream src;
    src << in.rdbuf();
    runtime::Result r = RunProgram(src.str(), "1.19");
    CHECK(r.stdout_text == RunRealGo(src.str()));
    CHECK(r.exit_code == 0);
  }
}

}  // namespace
}  // namespace gostep::testing
