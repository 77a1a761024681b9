// The gostep command end to end on a real racy program (gostep_cxx: the
// command with tests/tools/racy_program.h as its front end): explore prints
// the same report for --jobs 1 and 2, its schedule file replays the failure
// byte for byte, and run with the same seed prints the same crash.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct Out {
  int status = -1;
  std::string out;
};

// Sh runs cmd; stdout in .out, stderr to `err_file` if given.
Out Sh(const std::string& cmd) {
  Out o;
  FILE* f = popen(cmd.c_str(), "r");
  REQUIRE(f != nullptr);
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) o.out.append(buf.data(), n);
  int st = pclose(f);
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return o;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kCxx = GOSTEP_BINARY_DIR "/bin/gostep_cxx";
const std::string kDir = GOSTEP_BINARY_DIR "/tools_test/cxx";
const std::string kCrash = "fatal error: concurrent map iteration and map write";

TEST_CASE("gostep explore: the same report for 1 and 2 jobs, and a schedule that replays byte for byte") {
  Sh("rm -rf " + kDir + " && mkdir -p " + kDir + "/j1 " + kDir + "/j2");
  std::ofstream(kDir + "/racy.go") << "// racy\npackage main\n";
  std::string base = "cd " + kDir + " && " + kCxx + " explore racy.go --go 1.19 --runs 150 ";
  Out one = Sh(base + "--jobs 1 --schedule-dir j1 2>j1/err");
  Out two = Sh(base + "--jobs 2 --schedule-dir j2 2>j2/err");
  CHECK(one.status == 1);  // a failure was found
  CHECK(two.status == 1);
  std::string sched = "racy.fatal-error-concurrent-map-iteration-and-map-write.sched";
  std::string j1 = one.out, j2 = two.out;
  for (std::string* s : {&j1, &j2}) {
    for (size_t at; (at = s->find(" j2/")) != std::string::npos;) s->replace(at, 4, " j1/");
  }
  CHECK(j1 == j2);  // identical but for the schedule directory
  CHECK(Read(kDir + "/j1/err") == Read(kDir + "/j2/err"));
  CHECK(Read(kDir + "/j1/" + sched) == Read(kDir + "/j2/" + sched));
  CHECK(one.out.find("\n--- 150 runs ---\nok ") != std::string::npos);
  CHECK(one.out.find("\n" + kCrash + " ") != std::string::npos);
  CHECK(one.out.find("replay:   gostep replay racy.go j1/" + sched + "\n") != std::string::npos);
  std::string crash = Read(kDir + "/j1/err");
  CHECK(crash.rfind(kCrash + "\n\ngoroutine ", 0) == 0);
  // The replay prints exactly what the explored run printed.
  Out replay = Sh("cd " + kDir + " && " + kCxx + " replay racy.go j1/" + sched + " 2>replay.err");
  CHECK(replay.status == 2);
  CHECK(replay.out == "");
  CHECK(Read(kDir + "/replay.err") == crash);
  // A schedule whose first goroutine pick is edited diverges, and says where.
  Sh("cd " + kDir + " && sed '0,/ G [0-9]*$/s// G 77/' j1/" + sched + " > edited.sched");
  Out div = Sh("cd " + kDir + " && " + kCxx + " replay racy.go edited.sched 2>&1");
  CHECK(div.status == 4);
  CHECK(div.out.find("gostep: replay diverged") != std::string::npos);
}

TEST_CASE("gostep explore: --stop-on ends at the same run for any jobs, and run with its seed prints the crash") {
  Sh("mkdir -p " + kDir);
  std::ofstream(kDir + "/racy.go") << "// racy\npackage main\n";
  std::string base = "cd " + kDir + " && " + kCxx + " explore racy.go --go 1.19 --runs 500 --stop-on fatal ";
  Out one = Sh(base + "--jobs 1 2>/dev/null");
  Out two = Sh(base + "--jobs 2 2>/dev/null");
  CHECK(one.out == two.out);
  size_t at = one.out.find("--- run ");
  REQUIRE(at != std::string::npos);
  unsigned long long run = 0, seed = 0;
  REQUIRE(std::sscanf(one.out.c_str() + at, "--- run %llu (seed %llu)", &run, &seed) == 2);
  CHECK(seed == run + 1);
  CHECK(one.out.find("--- " + std::to_string(run + 1) + " run") != std::string::npos);
  CHECK(one.out.find(", stopped at run " + std::to_string(run) + ": --stop-on ---\n") != std::string::npos);
  Out ran = Sh("cd " + kDir + " && " + kCxx + " run racy.go --go 1.19 --policy random --granularity runtime --seed " +
               std::to_string(seed) + " 2>&1");
  CHECK(ran.status == 2);
  CHECK(ran.out.rfind(kCrash + "\n", 0) == 0);
}

TEST_CASE("gostep run and test on C++ programs: output, exit status, limits, compile errors") {
  Sh("mkdir -p " + kDir);
  std::ofstream(kDir + "/hello.go") << "// gostep: versions=1.20-1.21\n// want: exit 0\n// out: hello\npackage main\n";
  std::ofstream(kDir + "/clear.go") << "// gostep: versions=1.20-1.21\n"
                                       "// want[1.20]: compile error: undefined: clear\n"
                                       "// want[1.21]: exit 3\npackage main\n\nfunc main() { clear(m) }\n";
  Out hello = Sh("cd " + kDir + " && " + kCxx + " run hello.go 2>&1");
  CHECK(hello.status == 0);
  CHECK(hello.out == "hello\n");
  Out lim = Sh("cd " + kDir + " && " + kCxx + " run hello.go --max-steps 1 2>&1");
  CHECK(lim.status == 3);
  CHECK(lim.out.find("(--max-steps)") != std::string::npos);
  Out clear = Sh("cd " + kDir + " && " + kCxx + " run clear.go --go 1.20 2>&1");
  CHECK(clear.status == 2);
  CHECK(clear.out == "# command-line-arguments\n./clear.go:5:2: undefined: clear\n");
  Out test = Sh("cd " + kDir + " && " + kCxx + " test hello.go clear.go 2>&1");
  CHECK(test.status == 1);
  CHECK(test.out ==
        "ok   hello.go go1.20\nok   hello.go go1.21\nok   clear.go go1.20\n"
        "FAIL clear.go go1.21: want exit 3, got exit 0\n3 passed, 1 failed\n");
}

}  // namespace
