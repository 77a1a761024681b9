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
  CHECK(lim.text.find("gostep: step limit reached: 20 steps (max-steps)") != std::string::npos);
  Out ver = Sh(kGostep + " versions");
  CHECK(ver.status == 0);
  CHECK(ver.text.find("go1.14.1\ngo1.14\n") == 0);
  CHECK(ver.text.find("go1.23\n") != std::string::npos);
}

}  // namespace
