// Determinism contract (DESIGN.md): the same program, profile, options and
// seed give byte-identical output, schedule file and event log; replaying a
// schedule file reproduces the run's events; an edited schedule file makes
// replay report the step where the run stops matching it.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "base/schedule_file.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using testing::OutcomeKind;
using testing::Result;

// A small program with every kind of decision: mutexes, channels (buffered
// and not), select with a timeout, a ticker, AfterFunc, Sleep and Gosched.
void Mixed() {
  struct Shared {
    Mutex mu;
    RWMutex rw;
    WaitGroup wg;
    int counter = 0;
  };
  auto sh = std::make_shared<Shared>();
  auto work = MakeChan<int>(2);
  auto done = MakeChan<int>(0);
  for (int w = 0; w < 3; ++w) {
    sh->wg.Add(1);
    Go([=] {
      for (;;) {
        auto [v, ok] = work.Recv2();
        if (!ok) break;
        sh->mu.Lock();
        sh->counter += v;
        sh->mu.Unlock();
        sh->rw.RLock();
        Gosched();
        sh->rw.RUnlock();
        for (int i = 0; i < v % 4; ++i) Loop();
      }
      sh->wg.Done();
    });
  }
  Go([=] {
    for (int i = 0; i < 12; ++i) {
      work.Send(i);
      if (i % 5 == 0) Sleep(3 * kMicrosecond);
    }
    work.Close();
  });
  Go([=] {
    sh->wg.Wait();
    done.Send(sh->counter);
  });
  AfterFunc(7 * kMicrosecond, [=] {
    sh->rw.Lock();
    sh->counter += 1000;
    sh->rw.Unlock();
  });
  Ticker tick = NewTicker(2 * kMicrosecond);
  auto timeout = After(kSecond);
  for (;;) {
    int total = 0;
    sched::Nanos t;
    int i = Select({RecvCase(done, &total), RecvCase(tick.C, &t), RecvCase(timeout, &t)});
    if (i == 0) {
      Printf("total {}\n", total);
      break;
    }
    if (i == 2) {
      Print("timeout\n");
      break;
    }
  }
  tick.Stop();
}

runtime::Options MixedOpts(uint64_t seed) {
  const char* policies[] = {"random", "pct:3:2000", "go"};
  runtime::Options o = Opts(seed % 2 ? "1.19" : "1.23", 1 + static_cast<int>(seed % 3), policies[seed % 3], seed);
  o.granularity = seed % 4 == 0 ? "runtime" : "statement";
  o.events = true;
  o.program = "mixed";
  return o;
}

Result RunMixed(runtime::Options o) { return testing::Run(std::move(o), Mixed); }

TEST_CASE("determinism: 1000 seeds, each run twice, give byte-identical schedules and event logs") {
  int diverse = 0;
  std::string first_schedule;
  for (uint64_t seed = 1; seed <= 1000; ++seed) {
    Result a = RunMixed(MixedOpts(seed));
    Result b = RunMixed(MixedOpts(seed));
    REQUIRE(a.outcome == OutcomeKind::kExit);
    // 0+1+…+11, plus 1000 if the AfterFunc goroutine got there first.
    CHECK((a.stdout_text == "total 66\n" || a.stdout_text == "total 1066\n"));
    CHECK(a.schedule == b.schedule);
    CHECK(a.events == b.events);
    CHECK(a.stdout_text == b.stdout_text);
    if (seed == 1) first_schedule = a.schedule;
    if (a.schedule != first_schedule) ++diverse;
  }
  CHECK(diverse > 900);  // the seeds really explore different schedules
}

TEST_CASE("determinism: replaying each schedule reproduces the same events") {
  for (uint64_t seed = 1; seed <= 1000; ++seed) {
    Result a = RunMixed(MixedOpts(seed));
    runtime::Options o;
    o.replay = a.schedule;
    o.events = true;
    Result b = RunMixed(o);
    REQUIRE_MESSAGE(b.outcome == OutcomeKind::kExit, "seed ", seed, ": ", b.message);
    CHECK(b.events == a.events);
    CHECK(b.stdout_text == a.stdout_text);
    CHECK(b.schedule == a.schedule);
  }
}

// Finds the first decision line of the given kind letter after `from` lines
// of decisions, returns its index in `lines`.
size_t FindDecision(const std::vector<std::string>& lines, char kind, size_t from) {
  size_t seen = 0;
  bool in = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == "decisions") {
      in = true;
      continue;
    }
    if (!in || lines[i].starts_with("end ")) continue;
    std::string k = " " + std::string(1, kind) + " ";
    if (lines[i].find(k) != std::string::npos && seen++ >= from) return i;
  }
  return lines.size();
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// Fields splits a schedule line at spaces.
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> f;
  for (size_t pos = 0, next = 0; pos <= line.size(); pos = next + 1) {
    next = line.find(' ', pos);
    if (next == std::string::npos) next = line.size();
    f.push_back(line.substr(pos, next - pos));
  }
  return f;
}

Result Replay(const std::vector<std::string>& lines) {
  runtime::Options o;
  o.replay = JoinLines(lines);
  return RunMixed(o);
}

TEST_CASE("determinism: an edited schedule makes replay report the divergence step") {
  runtime::Options opts = MixedOpts(7);
  opts.policy = "random";
  opts.gomaxprocs = 2;
  Result a = RunMixed(opts);
  REQUIRE(a.outcome == OutcomeKind::kExit);
  std::vector<std::string> lines = testing::Lines(a.schedule);

  SUBCASE("a goroutine pick changed to another goroutine") {
    size_t i = FindDecision(lines, 'G', 5);
    REQUIRE(i < lines.size());
    uint64_t step = std::stoull(Fields(lines[i])[0]);
    lines[i] = lines[i].substr(0, lines[i].rfind(' ')) + " 99";
    Result b = Replay(lines);
    CHECK(b.outcome == OutcomeKind::kDivergence);
    CHECK(b.divergence_step == step);
    CHECK(b.message.find("replay diverged at step " + std::to_string(step)) != std::string::npos);
    CHECK(b.message.find("goroutine 99") != std::string::npos);
  }
  SUBCASE("a P decision changed") {
    size_t i = FindDecision(lines, 'P', 3);
    REQUIRE(i < lines.size());
    std::vector<std::string> f = Fields(lines[i]);
    f[3] = f[3] == "0" ? "1" : "0";
    lines[i] = f[0] + " " + f[1] + " P " + f[3];
    Result b = Replay(lines);
    CHECK(b.outcome == OutcomeKind::kDivergence);
    CHECK(b.divergence_step == std::stoull(f[0]));
  }
  SUBCASE("the random draw behind a P decision changed") {
    // The random policy's PickP draws an index among the 2 active Ps; the
    // draw just before a recorded P decision at the same step is that one.
    size_t p = FindDecision(lines, 'P', 3);
    REQUIRE(p < lines.size());
    std::string step = Fields(lines[p])[0];
    size_t r = p;
    while (r > 0 && !(Fields(lines[r - 1])[0] == step && Fields(lines[r - 1])[2] == "R")) --r;
    REQUIRE(r > 0);
    std::vector<std::string> f = Fields(lines[r - 1]);
    REQUIRE(f[3] == "2");
    f[4] = f[4] == "0" ? "1" : "0";
    lines[r - 1] = f[0] + " " + f[1] + " R " + f[3] + " " + f[4];
    Result b = Replay(lines);
    CHECK(b.outcome == OutcomeKind::kDivergence);
    CHECK(b.divergence_step == std::stoull(step));
  }
  SUBCASE("a decision removed") {
    size_t i = FindDecision(lines, 'G', 10);
    REQUIRE(i < lines.size());
    uint64_t step = std::stoull(Fields(lines[i])[0]);
    lines.erase(lines.begin() + static_cast<long>(i));
    Result b = Replay(lines);
    CHECK(b.outcome == OutcomeKind::kDivergence);
    CHECK(b.divergence_step == step);
  }
  SUBCASE("the end line changed") {
    size_t i = lines.size() - 1;
    REQUIRE(lines[i].starts_with("end "));
    lines[i] = "end 5 exit 0";
    Result b = Replay(lines);
    CHECK(b.outcome == OutcomeKind::kDivergence);
    CHECK(b.message.find("recording ended at step 5") != std::string::npos);
  }
}

TEST_CASE("determinism: a malformed schedule file is an error with file:line:col") {
  runtime::Options o;
  o.replay = "gostep-schedule 1\nprofile go1.19\ndecisions\n12 g1 Q 3\nend 1 exit 0\n";
  o.replay_name = "bad.sched";
  CHECK_THROWS_WITH_AS(runtime::Runtime{o}, "bad.sched:4:7: unknown decision kind 'Q' (want P, G, X or R)",
                       runtime::OptionsError);
  o.replay = "gostep-schedule 1\nprofile go1.19\n";
  CHECK_THROWS_WITH_AS(runtime::Runtime{o}, "bad.sched:3:1: unexpected end of file (missing the 'decisions' line)",
                       runtime::OptionsError);
}

}  // namespace
}  // namespace gostep
