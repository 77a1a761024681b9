// traces/**/*.go under the real Go 1.19: the `// out:` lines are Go's stdout.
//
// traces/README.md: "When a scenario needs no fault and its output is
// deterministic in Go, the test suite also runs it under the real `go run`
// (Go 1.19) and requires identical stdout (unless `gorun=no`)." This is that
// test. For every scenario whose header has no `fault=` (other than
// `fault=none`) and no `gorun=no`, and whose versions include 1.19, it runs
// it (`go build`, then the binary: `go run` would turn every non-zero exit
// into its own status 1) with GOMAXPROCS set to the header's `gomaxprocs` (2
// by default, as the README's table says) and checks:
// - stdout equals the `// out:` lines that apply to the go1.19 base case
//   (`// out:` and `// out[RANGE]:` with 1.19 in RANGE; a selector that
//   overrides an option, `[gomaxprocs=1]`, belongs to another case and is
//   skipped);
// - the status the base case's single-run expectation names: `exit N` → N,
//   `panic: …` / `fatal error: …` → 2 with stderr starting with that text,
//   `compile error: MSG` → the build fails with a diagnostic ending in MSG
//   (go build prints `./file.go:L:C: MSG`).
// A scenario with none of these lines for 1.19 is not run.
//
// The header reader here is deliberately minimal (the full parser is
// tools/scenario_header.h): it reads only the lines above and ignores the
// rest, explore expectations included.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/go_programs.h"

namespace gostep {
namespace {

namespace fs = std::filesystem;

// Minor is the minor number of "1.N", or -1.
int Minor(const std::string& v) {
  if (v.rfind("1.", 0) != 0 || v.size() < 3) return -1;
  int n = 0;
  for (size_t i = 2; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return -1;
    n = n * 10 + (v[i] - '0');
  }
  return n;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(Trim(cur));
  return out;
}

// RangeHas19 reports whether a range list ("1.14-1.20", "1.21+", "1.19",
// comma-separated) contains 1.19. An item that is not a range is an error.
bool RangeHas19(const std::string& list, std::string* err) {
  bool has = false;
  for (const std::string& item : Split(list, ',')) {
    int lo, hi;
    size_t dash = item.find('-');
    if (!item.empty() && item.back() == '+') {
      lo = Minor(item.substr(0, item.size() - 1));
      hi = 1000;
    } else if (dash != std::string::npos) {
      lo = Minor(item.substr(0, dash));
      hi = Minor(item.substr(dash + 1));
    } else {
      lo = hi = Minor(item);
    }
    if (lo < 0 || hi < 0) {
      *err = "bad version range \"" + item + "\"";
      return false;
    }
    if (lo <= 19 && 19 <= hi) has = true;
  }
  return has;
}

// SelectorIs19Base reports whether a `[...]` selector applies to the go1.19
// base case: no option override, and 1.19 in its ranges (if it has any).
bool SelectorIs19Base(const std::string& sel, std::string* err) {
  std::string ranges;
  for (const std::string& item : Split(sel, ',')) {
    if (item.find('=') != std::string::npos) return false;  // another case
    ranges += (ranges.empty() ? "" : ",") + item;
  }
  return ranges.empty() || RangeHas19(ranges, err);
}

struct Header {
  bool skip = false;  // fault= or gorun=no
  bool has19 = true;  // versions include 1.19
  std::string gomaxprocs = "2";
  bool any_out = false;  // some out line applies to the 1.19 base case
  std::string out;       // those lines, each ending in "\n"
  std::string want;      // the 1.19 base case's single-run expectation, or ""
  std::string error;     // a malformed line
};

Header ReadHeader(const fs::path& file) {
  Header h;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("package ", 0) == 0) break;
    if (line.rfind("// gostep:", 0) == 0) {
      std::istringstream opts(line.substr(10));
      std::string kv;
      while (opts >> kv) {
        size_t eq = kv.find('=');
        std::string k = kv.substr(0, eq), v = eq == std::string::npos ? "" : kv.substr(eq + 1);
        if ((k == "fault" && v != "none") || (k == "gorun" && v == "no")) h.skip = true;
        if (k == "gomaxprocs") h.gomaxprocs = v;
        if (k == "versions") h.has19 = RangeHas19(v, &h.error);
      }
      continue;
    }
    bool is_out = line.rfind("// out", 0) == 0, is_want = line.rfind("// want", 0) == 0;
    if (!is_out && !is_want) continue;
    size_t p = is_out ? 6 : 7;
    std::string sel;
    if (p < line.size() && line[p] == '[') {
      size_t close = line.find(']', p);
      if (close == std::string::npos) {
        h.error = "unclosed selector: " + line;
        continue;
      }
      sel = line.substr(p + 1, close - p - 1);
      p = close + 1;
    }
    if (p >= line.size() || line[p] != ':') continue;  // e.g. "// wanted …" prose
    std::string text = line.substr(p + 1);
    if (!text.empty() && text[0] == ' ') text.erase(0, 1);
    if (!SelectorIs19Base(sel, &h.error)) continue;
    if (is_out) {
      h.any_out = true;
      h.out += text + "\n";
    } else if (text.rfind("exit ", 0) == 0 || text.rfind("panic: ", 0) == 0 ||
               text.rfind("fatal error: ", 0) == 0 || text.rfind("compile error: ", 0) == 0) {
      h.want = text;
    }
  }
  return h;
}

std::vector<fs::path> Scenarios() {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(GOSTEP_SOURCE_DIR "/traces")) {
    if (e.is_regular_file() && e.path().extension() == ".go") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("traces: real Go 1.19 prints the out lines of every scenario and meets its single-run expectation") {
  REQUIRE(testing::GoBuildError() == "");
  const std::string home = GOSTEP_BINARY_DIR "/go_traces";
  fs::create_directories(home);
  std::vector<fs::path> files = Scenarios();
  REQUIRE_FALSE(files.empty());
  int compared = 0;
  for (const fs::path& file : files) {
    std::string rel = fs::relative(file, GOSTEP_SOURCE_DIR).string();
    Header h = ReadHeader(file);
    INFO(rel);
    CHECK(h.error == "");
    if (h.skip || !h.has19 || (!h.any_out && h.want.empty())) continue;
    ++compared;
    std::vector<std::string> env = {"PATH=/usr/bin:/bin",
                                    "HOME=" + home,
                                    "GOCACHE=" GOSTEP_BINARY_DIR "/gocache",
                                    "GOPATH=" GOSTEP_BINARY_DIR "/gopath",
                                    "GO111MODULE=off",
                                    "GOFLAGS=",
                                    "CGO_ENABLED=0",
                                    "GOMAXPROCS=" + h.gomaxprocs};
    // `go build` then the binary, rather than `go run`: go run reports any
    // non-zero exit of the program as its own status 1.
    std::string bin = home + "/" + rel;
    std::replace(bin.begin() + static_cast<long>(home.size()) + 1, bin.end(), '/', '_');
    bin = bin.substr(0, bin.size() - 3);
    testing::Proc b = testing::RunProcess({GOSTEP_GO119, "build", "-o", bin, file.filename().string()}, env,
                                          file.parent_path().string(), 120);
    INFO("go build: " << b.err);
    REQUIRE(b.failure == "");
    if (h.want.rfind("compile error: ", 0) == 0) {
      CHECK(b.status != 0);
      CHECK(b.err.find(": " + h.want.substr(15) + "\n") != std::string::npos);
      continue;
    }
    REQUIRE(b.status == 0);
    testing::Proc p = testing::RunProcess({bin}, {"PATH=/usr/bin:/bin", "GOMAXPROCS=" + h.gomaxprocs}, "", 120);
    INFO("stderr: " << p.err);
    REQUIRE(p.failure == "");
    if (h.want.rfind("exit ", 0) == 0) CHECK(std::to_string(p.status) == h.want.substr(5));
    if (h.want.rfind("panic: ", 0) == 0 || h.want.rfind("fatal error: ", 0) == 0) {
      CHECK(p.status == 2);
      CHECK(p.err.rfind(h.want + "\n", 0) == 0);
    }
    if (h.any_out) CHECK(p.out == h.out);
  }
  CHECK(compared > 0);
}

}  // namespace
}  // namespace gostep
