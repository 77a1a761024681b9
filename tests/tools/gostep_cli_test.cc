// The gostep command: demo, replay, exit statuses and error messages.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

namespace {

struct Out {
  int status = -1;
  std::string text;  // stdout and stderr
};

Out Sh(const std::string& cmd) {
  Out o;
  FILE* f = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(f != nullptr);
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) o.text.append(buf.data(), n);
  int st = pclose(f);
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return o;
}

const std::string kGostep = GOSTEP_BINARY_DIR "/bin/gostep";
const std::string kTmp = GOSTEP_BINARY_DIR "/tools_test";

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

TEST_CASE("gostep: demo prints the program output and the recorded schedule, replay reproduces it") {
  Sh("mkdir -p " + kTmp);
  Out demo = Sh(kGostep + " demo --policy random --seed 9 --schedule-out " + kTmp + "/d.sched --events " + kTmp +
                "/d.jsonl");
  CHECK(demo.status == 0);
  CHECK(demo.text == "sum of squares 91, total 21\n");
  Out replay = Sh(kGostep + " replay " + kTmp + "/d.sched --quiet --events " + kTmp + "/r.jsonl");
  CHECK(replay.status == 0);
  CHECK(replay.text == "sum of squares 91, total 21\n");
  CHECK(Sh("cmp " + kTmp + "/d.jsonl " + kTmp + "/r.jsonl").status == 0);  // same events
  Out shown = Sh(kGostep + " demo");
  CHECK(shown.text.find("--- recorded schedule (") != std::string::npos);
  CHECK(shown.text.find("\ngostep-schedule 1\n") != std::string::npos);
}

TEST_CASE("gostep: a damaged schedule is an error with its position, an edited one diverges") {
  Sh("mkdir -p " + kTmp);
  Write(kTmp + "/bad.sched", "gostep-schedule 1\nprofile go1.21\ndecisions\n3 g1 Z 1\n");
  Out bad = Sh(kGostep + " replay " + kTmp + "/bad.sched");
  CHECK(bad.status == 1);
  CHECK(bad.text == "gostep: " + kTmp + "/bad.sched:4:6: unknown decision kind 'Z' (want P, G, X or R)\n");
  Out missing = Sh(kGostep + " replay " + kTmp + "/nonexistent.sched");
  CHECK(missing.status == 1);
  Sh(kGostep + " demo --schedule-out " + kTmp + "/e.sched");
  // Change the first goroutine pick to a goroutine that does not exist.
  Sh("sed -i '0,/ G 1$/s// G 77/' " + kTmp + "/e.sched");
  Out div = Sh(kGostep + " replay " + kTmp + "/e.sched --quiet");
  CHECK(div.status == 4);
  CHECK(div.text.find("gostep: replay diverged at step 1: ") != std::string::npos);
}

TEST_CASE("gostep: bad options and limits") {
  Out v = Sh(kGostep + " demo --go 1.12");
  CHECK(v.status == 1);
  CHECK(v.text.find("gostep: unknown Go version \"1.12\"") == 0);
  Out lim = Sh(kGostep + " demo --max-steps 20 --quiet");
  CHECK(lim.status == 3);
  CHECK(lim.text.find("gostep: step limit reached: 20 steps (--max-steps)") != std::string::npos);
}

TEST_CASE("gostep versions: one row per profile with its changes, then each field with its evidence") {
  Out ver = Sh(kGostep + " versions");
  CHECK(ver.status == 0);
  CHECK(ver.text.find("profile   changes from the row above\ngo1.14.1 (baseline) async_preemption=on ") == 0);
  CHECK(ver.text.find("\ngo1.19    user_fatal_style=on pacer=cons-mark-pi-1.19 memory_limit=on ") !=
        std::string::npos);
  CHECK(ver.text.find("\ngo1.15    syncmap_issue40999=off\n") != std::string::npos);
  CHECK(ver.text.find("\nuser_fatal_style: map/mutex misuse and deadlock go through runtime.fatal (no runtime "
                      "frames)\n  off: go1.14.1 … go1.18; on: go1.19 … go1.23\n  evidence: Go issue 51485, "
                      "CL 390421, [rn1.19]\n") != std::string::npos);
}

TEST_CASE("gostep: usage errors are one line with a hint and exit 2") {
  Sh("mkdir -p " + kTmp);
  Write(kTmp + "/x.go", "package main\n\nfunc main() {}\n");
  const std::string x = kTmp + "/x.go";
  struct {
    std::string args, message;
  } cases[] = {
      {"explore " + x + " --runs 0", "gostep: --runs: must be a positive integer; see gostep explore --help\n"},
      {"explore " + x + " --time 3q", "gostep: --time: bad duration \"3q\" (e.g. 10s, 500ms, 2m); see gostep explore --help\n"},
      {"explore " + x + " --policy fast", "gostep: --policy: want random, pct[:depth[:steps]] or go, not \"fast\"; see gostep explore --help\n"},
      {"run " + x + " --fault bogus", "gostep: --fault: unknown fault \"bogus\" (want untraced-iterator, "
                                      "no-misuse-detection, no-write-barrier-on-map-store); see gostep run --help\n"},
      {"run " + x + " --granularity fine", "gostep: --granularity: want statement or runtime, not \"fine\"; see gostep run --help\n"},
      {"run", "gostep: file is required; see gostep run --help\n"},
      {"", "gostep: A subcommand is required; see gostep --help\n"},
  };
  for (const auto& c : cases) {
    Out o = Sh(kGostep + " " + c.args);
    INFO(c.args);
    CHECK(o.status == 2);
    CHECK(o.text == c.message);
  }
  Out v = Sh(kGostep + " run " + x + " --go 1.12");
  CHECK(v.status == 2);
  CHECK(v.text.find("gostep: --go: unknown Go version \"1.12\" (gostep models go1.14.1, ") == 0);
  for (std::string sub : {"run", "explore", "replay", "test", "versions", "demo"}) {
    Out help = Sh(kGostep + " " + sub + " --help");
    INFO(sub);
    CHECK(help.status == 0);
    CHECK(help.text.find("Usage: ") != std::string::npos);
  }
}

TEST_CASE("gostep: unreadable files exit 1 with the reason, compile errors print as go run does") {
  Sh("mkdir -p " + kTmp);
  Out run = Sh(kGostep + " run " + kTmp + "/missing.go");
  CHECK(run.status == 1);
  CHECK(run.text == "gostep: cannot read " + kTmp + "/missing.go: No such file or directory\n");
  Out rep = Sh(kGostep + " replay " + kTmp + "/missing.go " + kTmp + "/missing.sched");
  CHECK(rep.status == 1);
  CHECK(rep.text == "gostep: cannot read " + kTmp + "/missing.sched: No such file or directory\n");
  Out dir = Sh(kGostep + " run " + kTmp);
  CHECK(dir.status == 1);
  CHECK(dir.text == "gostep: cannot read " + kTmp + ": Is a directory\n");
  // `x declared and not used` is an error in every Go release: go run prints
  // "# command-line-arguments", then "./bad.go:LINE:COL: …", and exits 2.
  Write(kTmp + "/bad.go", "package main\n\nfunc main() {\n\tx := 1\n}\n");
  Out bad = Sh("cd " + kTmp + " && " + kGostep + " run bad.go");
  CHECK(bad.status == 2);
  CHECK(bad.text.rfind("# command-line-arguments\n./bad.go:", 0) == 0);
}

TEST_CASE("gostep test: header errors fail their file, --list shows the cases, a missing path fails") {
  Sh("mkdir -p " + kTmp + "/scen/sub");
  Write(kTmp + "/scen/a.go",
        "// gostep: versions=1.20-1.21\n// want: exit 0\n// want[1.21, gomaxprocs=1]: never fails in 5 runs\n"
        "package main\n\nfunc main() {}\n");
  Write(kTmp + "/scen/sub/b.go", "// gostep: versions=1.21 gomaxproc=1\npackage main\n");
  Write(kTmp + "/scen/sub/notes.txt", "// want: exit 3\n");
  Out list = Sh(kGostep + " test --list " + kTmp + "/scen");
  CHECK(list.status == 1);
  CHECK(list.text == kTmp + "/scen/a.go go1.20\n" + kTmp + "/scen/a.go go1.21\n" + kTmp +
                         "/scen/a.go go1.21 [gomaxprocs=1]\n" + "FAIL " + kTmp +
                         "/scen/sub/b.go:1:26: unknown key \"gomaxproc\" (want versions, gomaxprocs, policy, "
                         "granularity, seed, fault, godebug, gogc, gomemlimit, explore or gorun)\n");
  Out one = Sh(kGostep + " test --list --go 1.21 " + kTmp + "/scen/a.go");
  CHECK(one.status == 0);
  CHECK(one.text == kTmp + "/scen/a.go go1.21\n" + kTmp + "/scen/a.go go1.21 [gomaxprocs=1]\n");
  Out missing = Sh(kGostep + " test " + kTmp + "/nothing.go");
  CHECK(missing.status == 1);
  CHECK(missing.text == "gostep: cannot read " + kTmp + "/nothing.go: No such file or directory\n0 passed, 1 failed\n");
}

}  // namespace

TEST_CASE("gostep: the README's scenario explores to Go's fatal error and replays it byte for byte") {
  const std::string dir = kTmp + "/readme";
  Sh("rm -rf " + dir + " && mkdir -p " + dir);
  const std::string scenario = std::string(GOSTEP_SOURCE_DIR) + "/traces/article/iter_while_write.go";
  std::string args = " explore " + scenario + " --gomaxprocs 2 --runs 60 --schedule-dir " + dir;
  Out one = Sh(kGostep + args + " --jobs 1");
  Out two = Sh(kGostep + args + " --jobs 2");
  CHECK(one.status == 1);  // a failure was found
  CHECK(one.text == two.text);  // the same report for any --jobs
  CHECK(one.text.find("fatal error: concurrent map iteration and map write\n\ngoroutine 6 [running]:\nmain.main.func1()") !=
        std::string::npos);
  CHECK(one.text.find("--- 60 runs ---\n") != std::string::npos);
  size_t at = one.text.find("replay:   gostep replay ");
  REQUIRE(at != std::string::npos);
  std::string cmd = one.text.substr(at + 17, one.text.find('\n', at) - at - 17);  // "replay FILE SCHED"
  Out replay = Sh(kGostep + " " + cmd);
  CHECK(replay.status == 2);
  // The replayed crash is the explored one, byte for byte.
  size_t from = one.text.find("\nfatal error:") + 1;  // the crash, not the "--- run" line
  size_t to = one.text.find("schedule: ", from);
  CHECK(replay.text == one.text.substr(from, to - from));
}
