// tests/lang/errors_test.cc — the malformed-scenario corpus (tests/lang/errors/).
//
// Every file there carries its expected diagnostics in trailing comments
// (format: tests/lang/errors/README.md). Test 1 compiles each file with
// lang::Compile and compares the diagnostics text exactly. Test 2 checks the
// expectations themselves against Go 1.19's compiler: `go build` on a copy of
// each file must print the `gc:` lines (a known difference) or else the
// `want:` lines (nothing for a gostep-only case).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lang/program.h"
#include "tests/go_programs.h"

namespace gostep::lang {
namespace {

namespace fs = std::filesystem;

struct ErrorCase {
  std::string name;     // "unused_var.go"
  std::string source;
  std::string version = "1.19";
  std::string want;     // joined `want:` lines, each ending in \n
  std::string gc;       // joined `gc:` lines
  bool known_difference = false;
  bool gostep_only = false;
};

std::vector<ErrorCase> LoadCases() {
  std::vector<ErrorCase> cases;
  fs::path dir = fs::path(GOSTEP_SOURCE_DIR) / "tests/lang/errors";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".go") continue;
    ErrorCase c;
    c.name = entry.path().filename().string();
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    c.source = ss.str();
    std::istringstream lines(c.source);
    std::string line;
    auto field = [&line](const std::string& key, std::string* out) {
      if (!line.starts_with(key)) return false;
      *out = line.substr(key.size());
      return true;
    };
    while (std::getline(lines, line)) {
      std::string v;
      if (field("// want: ", &v)) c.want += v + "\n";
      if (field("// gc: ", &v)) c.gc += v + "\n";
      if (field("// version: ", &v)) c.version = v;
      if (line.starts_with("// known difference:")) c.known_difference = true;
      if (line.starts_with("// gostep-only:")) c.gostep_only = true;
    }
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const ErrorCase& a, const ErrorCase& b) { return a.name < b.name; });
  return cases;
}

TEST_CASE("error corpus: gostep's diagnostics are the expected ones") {
  std::vector<ErrorCase> cases = LoadCases();
  REQUIRE(cases.size() >= 30);
  int known = 0;
  for (const ErrorCase& c : cases) {
    CAPTURE(c.name);
    CHECK_MESSAGE(!c.want.empty(), "no `// want:` lines");
    DiagList diags("./" + c.name);
    std::unique_ptr<Program> prog = Compile("./" + c.name, c.source, c.version, &diags);
    CHECK(prog == nullptr);
    CHECK(diags.Text() == c.want);
    known += c.known_difference ? 1 : 0;
  }
  MESSAGE(cases.size() << " cases, " << known << " known differences from gc");
}

TEST_CASE("error corpus: the expectations are what Go 1.19 printed") {
  std::string go = GOSTEP_GO119;
  if (go.empty() || go.find("NOTFOUND") != std::string::npos) {
    MESSAGE("Go 1.19 not installed: skipped");
    return;
  }
  fs::path tmp = fs::path(GOSTEP_BINARY_DIR) / "lang_errors_gc";
  fs::path cache = fs::path(GOSTEP_BINARY_DIR) / "lang_errors_gocache";
  for (const ErrorCase& c : LoadCases()) {
    CAPTURE(c.name);
    fs::path dir = tmp / c.name.substr(0, c.name.size() - 3);
    fs::create_directories(dir);
    { std::ofstream(dir / c.name, std::ios::binary) << c.source; }
    testing::Proc p = testing::RunProcess(
        {go, "build", "-o", "/dev/null", c.name},
        {"GO111MODULE=off", "GOPATH=" + (tmp / "gopath").string(), "GOCACHE=" + cache.string(),
         "HOME=" + tmp.string(), "GOFLAGS=", "CGO_ENABLED=0"},
        dir.string(), 120);
    REQUIRE(p.failure.empty());
    std::string got;
    std::istringstream lines(p.err + p.out);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.starts_with("#")) got += line + "\n";
    }
    std::string expect = c.gostep_only ? "" : !c.gc.empty() ? c.gc : c.want;
    CHECK(got == expect);
    CHECK((p.status == 0) == c.gostep_only);
  }
}

}  // namespace
}  // namespace gostep::lang
