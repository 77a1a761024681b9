// Differential tests: gostep against the real Go 1.19 toolchain.
//
// Each case is a Go program in tests/go/<case>/main.go and a C++ mirror below
// that does the same thing with the gostep API, naming its goroutines and
// positions after the Go source ("//@marker" comments in main.go give the
// lines), so that the user frames print the same names, files and lines as
// the real binary. The real program is built once per test run (one
// `go build` for every case, into <build>/go_diff/) and run at GOMAXPROCS=1,
// which makes its goroutine numbering and run order deterministic. The
// crash output (stderr) and exit status of both must agree after Normalize;
// the order cases compare what the goroutines print. tests/go/README.md
// lists the cases.
//
// A difference found in gostep is left as a failing check marked
// "KNOWN GOSTEP BUG", with the real and the gostep output next to it. Where
// real Go itself varies from run to run (the "runtime stack:" block of a
// checkdead at GOTRACEBACK=system, the schedtick main.main starts with), the
// check accepts exactly the variants real Go is known to print, and says so.
//
// Needs Go 1.19 at GOSTEP_GO119 (CMake finds /usr/lib/go-1.19/bin/go); the
// whole suite runs in well under a second once the Go build cache is warm.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scheduler/frames.h"
#include "scheduler/scheduler.h"
#include "tests/go_programs.h"
#include "tests/testing.h"

namespace gostep {
namespace {

namespace fs = std::filesystem;
using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

const std::string kGoDir = GOSTEP_SOURCE_DIR "/tests/go";
constexpr const char* kGoroot = "/usr/lib/go-1.19";  // where GOSTEP_GO119 lives: its runtime paths

// The real programs are built by tests/go_programs.h.
using testing::GoBuildError;
using testing::Proc;

// RunGo runs the real program of `name` at GOMAXPROCS=1, with GOTRACEBACK if
// not empty and nothing else in its environment.
Proc RunGo(const std::string& name, const std::string& gotraceback = "") {
  std::vector<std::string> env = {"GOMAXPROCS=1"};
  if (!gotraceback.empty()) env.push_back("GOTRACEBACK=" + gotraceback);
  return testing::RunGoCase(name, env, 30);
}

// ==== Normalization ===========================================================

// HexDigits reports how many lowercase hex digits start s at i.
size_t HexDigits(const std::string& s, size_t i) {
  size_t n = 0;
  while (i + n < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + n])) &&
         !std::isupper(static_cast<unsigned char>(s[i + n]))) {
    ++n;
  }
  return n;
}

// EraseFpSpPc removes a final " fp=0x… sp=0x… pc=0x…" from a position line.
void EraseFpSpPc(std::string* line) {
  size_t at = line->rfind(" fp=0x");
  if (at == std::string::npos) return;
  size_t i = at;
  for (const char* key : {" fp=0x", " sp=0x", " pc=0x"}) {
    if (line->compare(i, std::strlen(key), key) != 0) return;
    i += std::strlen(key);
    size_t n = HexDigits(*line, i);
    if (n == 0) return;
    i += n;
  }
  if (i == line->size()) line->erase(at);
}

// EraseOffsets removes every " +0x…" (a PC offset) from a position line.
void EraseOffsets(std::string* line) {
  for (size_t at = line->find(" +0x"); at != std::string::npos; at = line->find(" +0x", at)) {
    size_t n = HexDigits(*line, at + 4);
    if (n == 0) {
      at += 4;
      continue;
    }
    line->erase(at, 4 + n);
  }
}

// Normalize erases from a crash text exactly what gostep cannot reproduce,
// because it depends on the compiled binary rather than on the program:
//  1. PC offsets: " +0x1f" after "file:line" on a tab-indented position line
//     (gostep has no PCs and prints " +0x0"; Go prints no offset for inlined
//     frames and for a goroutine that has not started, pc == entry). The
//     offset is erased with its leading space, so both forms compare equal.
//  2. The " fp=0x… sp=0x… pc=0x…" suffix of a position line (GOTRACEBACK>=2
//     and runtime throws): stack addresses and PCs.
//  3. The contents of the argument list of a frame line: a line that is not
//     indented, ends in ")", is not a "goroutine N [...]:" header, not a
//     "created by" line, not a "panic: " or "fatal error: " message line, and
//     does not end in "(...)" (an inlined frame, kept as is). Its final
//     parenthesized group becomes "(_)" (argument words are register and
//     stack contents); an empty list "()" has no contents and stays "()".
//  4. A line "exit status N" (printed by `go run`, not by the program).
// Function names, files, line numbers, headers, wait reasons, goroutine
// numbers, blank lines and the order of everything else must match exactly.
std::string Normalize(const std::string& text) {
  std::string out;
  for (std::string line : testing::Lines(text)) {
    if (line.starts_with("exit status ") && line.size() > 12 &&
        std::all_of(line.begin() + 12, line.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    if (line.starts_with("\t")) {
      EraseFpSpPc(&line);
      EraseOffsets(&line);
    } else if (line.ends_with(")") && !line.ends_with("(...)") && !line.starts_with("goroutine ") &&
               !line.starts_with("created by ") && !line.starts_with("panic: ") &&
               !line.starts_with("fatal error: ")) {
      // Find the '(' that opens the final group (function names hold parens too:
      // "sync.(*Mutex).lockSlow(0xc0000180a0)").
      int depth = 0;
      for (size_t i = line.size(); i-- > 0;) {
        if (line[i] == ')') ++depth;
        if (line[i] == '(' && --depth == 0) {
          if (i + 2 != line.size()) line = line.substr(0, i) + "(_)";
          break;
        }
      }
    }
    out += line;
    out += '\n';
  }
  return out;
}

// Diff renders a line diff of a (real Go) and b (gostep): "-" lines only in
// Go, "+" lines only in gostep, with 3 common lines of context around each
// change (LCS; the texts are short).
std::string Diff(const std::string& a, const std::string& b) {
  std::vector<std::string> x = testing::Lines(a), y = testing::Lines(b);
  size_t n = x.size(), m = y.size();
  std::vector<std::vector<int>> l(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) l[i][j] = x[i] == y[j] ? l[i + 1][j + 1] + 1 : std::max(l[i + 1][j], l[i][j + 1]);
  }
  std::vector<std::pair<char, std::string>> ops;
  for (size_t i = 0, j = 0; i < n || j < m;) {
    if (i < n && j < m && x[i] == y[j]) {
      ops.emplace_back(' ', x[i++]);
      ++j;
    } else if (j < m && (i == n || l[i][j + 1] >= l[i + 1][j])) {
      ops.emplace_back('+', y[j++]);
    } else {
      ops.emplace_back('-', x[i++]);
    }
  }
  constexpr size_t kContext = 3;
  std::vector<bool> show(ops.size(), false);
  for (size_t k = 0; k < ops.size(); ++k) {
    if (ops[k].first == ' ') continue;
    for (size_t d = (k >= kContext ? k - kContext : 0); d <= k + kContext && d < ops.size(); ++d) show[d] = true;
  }
  std::string out = "--- real go1.19\n+++ gostep\n";
  for (size_t k = 0; k < ops.size(); ++k) {
    if (!show[k]) {
      if (k == 0 || show[k - 1]) out += "@@\n";
      continue;
    }
    out += ops[k].first;
    out += ' ';
    out += ops[k].second + "\n";
  }
  return out;
}

TEST_CASE("differential: Normalize erases only what depends on the binary") {
  const std::string real =
      "panic: boom (x)\n"
      "\n"
      "goroutine 1 [running]:\n"
      "panic({0x45c520, 0x47b900})\n"
      "\t/usr/lib/go-1.19/src/runtime/panic.go:987 +0x3ba fp=0xc000036758 sp=0xc000036698 pc=0x42d4fa\n"
      "sync.(*Mutex).lockSlow(0xc0000180a0)\n"
      "\t/usr/lib/go-1.19/src/sync/mutex.go:171 +0x165\n"
      "sync.(*Mutex).Lock(...)\n"
      "\t/usr/lib/go-1.19/src/sync/mutex.go:90\n"
      "main.main()\n"
      "\t/x/main.go:8 +0x6a\n"
      "created by main.main\n"
      "\t/x/main.go:7 fp=0xc0000387e0 sp=0xc0000387d8 pc=0x457d00\n"
      "exit status 2\n";
  const std::string want =
      "panic: boom (x)\n"
      "\n"
      "goroutine 1 [running]:\n"
      "panic(_)\n"
      "\t/usr/lib/go-1.19/src/runtime/panic.go:987\n"
      "sync.(*Mutex).lockSlow(_)\n"
      "\t/usr/lib/go-1.19/src/sync/mutex.go:171\n"
      "sync.(*Mutex).Lock(...)\n"
      "\t/usr/lib/go-1.19/src/sync/mutex.go:90\n"
      "main.main()\n"
      "\t/x/main.go:8\n"
      "created by main.main\n"
      "\t/x/main.go:7\n";
  CHECK(Normalize(real) == want);
  // gostep's form of the same frame.
  CHECK(Normalize("runtime.gopanic({0x0?, 0x0?})\n\t/g/panic.go:987 +0x0 fp=0x0 sp=0x0 pc=0x0\n") ==
        "runtime.gopanic(_)\n\t/g/panic.go:987\n");
  // Not offsets: kept.
  CHECK(Normalize("\t/x/main.go:8 +0xZZ\n") == "\t/x/main.go:8 +0xZZ\n");
}

// ==== Go source positions ======================================================

// Src is tests/go/<name>/main.go: its absolute path (stable for the whole
// test run: SourcePos keeps the pointer) and the lines of its //@markers.
class Src {
 public:
  explicit Src(const std::string& name) {
    static std::deque<std::string> paths;  // interned file names
    paths.push_back(kGoDir + "/" + name + "/main.go");
    path_ = paths.back().c_str();
    std::ifstream in(path_);
    std::string line;
    for (uint32_t n = 1; std::getline(in, line); ++n) {
      size_t at = line.find("//@");
      if (at == std::string::npos) continue;
      size_t end = at + 3;
      while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_')) ++end;
      lines_[line.substr(at + 3, end - at - 3)] = n;
    }
  }
  const char* path() const { return path_; }
  uint32_t line(const std::string& marker) const {
    auto it = lines_.find(marker);
    if (it == lines_.end()) throw std::logic_error(std::string(path_) + ": no //@" + marker);
    return it->second;
  }
  SourcePos at(const std::string& marker) const { return At(path_, line(marker)); }
  // go names a goroutine and its `go` statement for gostep::Go.
  GoOptions go(std::string_view func, const std::string& marker) const {
    return GoOptions{.name = func, .at = at(marker)};
  }

 private:
  const char* path_;
  std::map<std::string, uint32_t> lines_;
};

// ==== Running a mirror and comparing ============================================

Options GoOpts(const std::string& gotraceback = "") {
  Options o{.version = "1.19", .gomaxprocs = 1, .gotraceback = gotraceback, .goroot = kGoroot};
  o.limits.max_steps = 10'000'000;
  return o;
}

Result Sim(const Options& o, std::function<void()> main) {
  runtime::Runtime rt(o);
  return rt.Run(std::move(main));
}

// ---- The "runtime stack:" block ----
//
// At GOTRACEBACK>=2 a fatal error raised on the system stack (checkdead)
// prints the g0 stack it ran on. Which M runs checkdead is a race between OS
// threads in real Go, so the block varies from run to run of the same binary
// (measured over 300 runs of tests/go/deadlock: the findRunnable chain 71%,
// the startlockedm chain 22%, sysmon 7%). The block is therefore compared on
// its own: identical to the real one, or else one of the chains below, under
// the same runtime.fatal and runtime.checkdead frames as the real one.
// Everything outside the block is compared exactly as usual.
const std::vector<std::vector<std::string>> kCheckdeadChains = {
    // The last G parked: park_m -> schedule -> findRunnable -> stopm -> mput.
    {"runtime.mput proc.go:5544", "runtime.stopm proc.go:2245", "runtime.findRunnable proc.go:2874",
     "runtime.schedule proc.go:3214", "runtime.park_m proc.go:3363", "runtime.mcall asm_amd64.s:448"},
    // The last G exited: goexit0 -> schedule -> findRunnable -> stopm -> mput.
    {"runtime.mput proc.go:5544", "runtime.stopm proc.go:2245", "runtime.findRunnable proc.go:2874",
     "runtime.schedule proc.go:3214", "runtime.goexit0 proc.go:3540", "runtime.mcall asm_amd64.s:448"},
    // The M handing its P to the locked main thread stops: startlockedm.
    {"runtime.mput proc.go:5544", "runtime.stopm proc.go:2245", "runtime.startlockedm proc.go:2478",
     "runtime.schedule proc.go:3248", "runtime.park_m proc.go:3363", "runtime.mcall asm_amd64.s:448"},
    {"runtime.mput proc.go:5544", "runtime.stopm proc.go:2245", "runtime.startlockedm proc.go:2478",
     "runtime.schedule proc.go:3248", "runtime.mstart1 proc.go:1432", "runtime.mstart0 proc.go:1382",
     "runtime.mstart asm_amd64.s:390"},
    // sysmon's own checkdead when it starts.
    {"runtime.sysmon proc.go:5137", "runtime.mstart1 proc.go:1425", "runtime.mstart0 proc.go:1382",
     "runtime.mstart asm_amd64.s:390"},
};

// SplitRuntimeStack takes the "runtime stack:" block (its header and frames,
// up to the blank line after it) out of a normalized dump.
std::pair<std::string, std::string> SplitRuntimeStack(const std::string& text) {
  std::string block, rest;
  bool in = false;
  for (const std::string& line : testing::Lines(text)) {
    if (line == "runtime stack:") in = true;
    if (in && line.empty()) in = false;
    (in ? block : rest) += line + "\n";
  }
  return {block, rest};
}

// Shape lists a block's frames as "func file:line" (base file name, no
// arguments).
std::vector<std::string> Shape(const std::string& block) {
  std::vector<std::string> out, lines = testing::Lines(block);
  for (size_t i = 1; i + 1 < lines.size(); i += 2) {
    std::string func = lines[i].substr(0, lines[i].rfind('('));
    std::string pos = lines[i + 1].substr(lines[i + 1].rfind('/') + 1);
    out.push_back(func + " " + pos);
  }
  return out;
}

void CheckRuntimeStack(const std::string& real_block, const std::string& sim_block) {
  CHECK_MESSAGE(real_block.empty() == sim_block.empty(), "only one side prints a \"runtime stack:\" block\n"
                                                             << Diff(real_block, sim_block));
  if (real_block.empty() || sim_block.empty() || real_block == sim_block) return;
  std::vector<std::string> real = Shape(real_block), sim = Shape(sim_block);
  bool real_known = real.size() > 2 && std::find(kCheckdeadChains.begin(), kCheckdeadChains.end(),
                                                 std::vector<std::string>(real.begin() + 2, real.end())) !=
                                           kCheckdeadChains.end();
  if (!real_known) MESSAGE("real go1.19 printed a runtime stack not in kCheckdeadChains:\n" << real_block);
  bool same_head = sim.size() > 2 && real.size() > 2 && sim[0] == real[0] && sim[1] == real[1];
  bool sim_known = sim.size() > 2 && std::find(kCheckdeadChains.begin(), kCheckdeadChains.end(),
                                               std::vector<std::string>(sim.begin() + 2, sim.end())) !=
                                         kCheckdeadChains.end();
  if (real == sim) {  // the same frames, printed differently
    CHECK_MESSAGE(false, "the \"runtime stack:\" blocks differ\n" << Diff(real_block, sim_block));
    return;
  }
  CHECK_MESSAGE((same_head && sim_known),
                "gostep's \"runtime stack:\" block is not one real go1.19 prints\n" << Diff(real_block, sim_block));
}

// CheckSameCrash compares a real crash with gostep's: exit status 2, empty
// stdout, and the same stderr after Normalize (the "runtime stack:" block
// with CheckRuntimeStack).
void CheckSameCrash(const std::string& name, const std::string& gotraceback, const Proc& real, const Result& sim) {
  INFO("case tests/go/" << name << "  GOTRACEBACK=" << (gotraceback.empty() ? "(unset)" : gotraceback));
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  REQUIRE_MESSAGE(real.failure.empty(), real.failure);
  CHECK(real.status == 2);
  CHECK(sim.exit_code == 2);
  CHECK(real.out == "");
  CHECK(sim.stdout_text == "");
  auto [real_block, a] = SplitRuntimeStack(Normalize(real.err));
  auto [sim_block, b] = SplitRuntimeStack(Normalize(sim.stderr_text));
  bool same = a == b;
  CHECK_MESSAGE(same, "normalized stderr differs\n" << Diff(a, b));
  CheckRuntimeStack(real_block, sim_block);
}

// CheckSameOutput compares what the goroutines print: the real program uses
// the builtin println (stderr: no syscall, no os import), the mirror Print
// (gostep's stdout).
void CheckSameOutput(const std::string& name, const Proc& real, const Result& sim) {
  INFO("case tests/go/" << name);
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  REQUIRE_MESSAGE(real.failure.empty(), real.failure);
  CHECK(real.status == 0);
  CHECK(sim.outcome == OutcomeKind::kExit);
  CHECK(sim.exit_code == 0);
  bool same = real.err == sim.stdout_text;
  CHECK_MESSAGE(same, "printed order differs\n" << Diff(real.err, sim.stdout_text));
}

// ==== 1. Deadlock ===============================================================

// The user frames of the goroutine that holds the Once: the C++ API gives a
// goroutine one user frame, so this goroutine's stack (a closure called by
// Once.doSlow) is supplied as an interpreter would supply it, through
// G::frames. Its runtime/sync frames above still come from gostep's table
// (frames::kMutexLock); only these user frames and once.go:74 (doSlow's call
// of f, which gostep's tables do not have) are written here.
class OnceHolderFrames : public sched::FrameSource {
 public:
  explicit OnceHolderFrames(const Src* src) : src_(src) {}
  void AppendFrames(std::vector<base::GoFrame>* out) const override {
    out->push_back({.func = "main.main.func11.1", .file = src_->path(), .line = int(src_->line("once_holder_lock"))});
    out->push_back({.func = "sync.(*Once).doSlow", .args = "0x0?, 0x0?", .file = "$GOROOT/src/sync/once.go", .line = 74});
    out->push_back({.func = "sync.(*Once).Do", .file = "$GOROOT/src/sync/once.go", .line = 65, .inlined = true});
    out->push_back({.func = "main.main.func11", .file = src_->path(), .line = int(src_->line("once_holder_do"))});
    sched::AppendRtFrames(sched::frames::kGoexit, S().profile(), out);
  }

 private:
  const Src* src_;
};

Result SimDeadlock(const std::string& gotraceback) {
  static const Src src("deadlock");
  static const OnceHolderFrames once_holder(&src);
  return Sim(GoOpts(gotraceback), [] {
    struct State {
      Mutex mu, once_mu;
      RWMutex rw1, rw2;
      WaitGroup wg;
      Once once;
      Chan<int> a, b, nilch, unbuf;
    };
    auto st = std::make_shared<State>();
    st->a = MakeChan<int>(0);
    st->b = MakeChan<int>(0);
    st->unbuf = MakeChan<int>(0);

    st->mu.Lock();
    Go([st] { st->mu.Lock(src.at("mutex")); }, src.go("main.main.func1", "mutex"));
    st->rw1.Lock();
    Go([st] { st->rw1.RLock(src.at("rlock")); }, src.go("main.main.func2", "rlock"));
    st->rw2.RLock();
    Go([st] { st->rw2.Lock(src.at("wlock_readers")); }, src.go("main.main.func3", "wlock_readers"));
    Go([st] { st->rw2.Lock(src.at("wlock_writer")); }, src.go("main.main.func4", "wlock_writer"));
    st->wg.Add(1);
    Go([st] { st->wg.Wait(src.at("wait")); }, src.go("main.main.func5", "wait"));
    Go([st] { Select({RecvCase(st->a), RecvCase(st->b)}, false, src.at("select")); },
       src.go("main.main.func6", "select_go"));
    Go([] { Select({}, false, src.at("select_none")); }, src.go("main.main.func7", "select_none"));
    Go([st] { st->nilch.Send(1, src.at("send_nil")); }, src.go("main.main.func8", "send_nil"));
    Go([st] { st->nilch.Recv(src.at("recv_nil")); }, src.go("main.main.func9", "recv_nil"));
    Go([st] { st->unbuf.Send(1, src.at("send")); }, src.go("main.main.func10", "send"));
    st->once_mu.Lock();
    Go(
        [st] {
          st->once.Do(
              [st] {
                S().CurrentG()->frames = &once_holder;
                st->once_mu.Lock(src.at("once_holder_lock"));
              },
              src.at("once_holder_do"));
        },
        src.go("main.main.func11", "once_holder_go"));
    Go([st] { st->once.Do([] {}, src.at("once_waiter")); }, src.go("main.main.func12", "once_waiter"));
    Go([st] { st->b.Recv(src.at("recv")); }, src.go("main.main.func13", "recv"));
    st->a.Recv(src.at("main"));
  });
}

TEST_CASE("differential: deadlock dump (every blocking primitive) matches go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  Proc real = RunGo("deadlock");
  Result sim = SimDeadlock("");
  CHECK(sim.outcome == OutcomeKind::kFatal);
  CHECK(sim.message == "all goroutines are asleep - deadlock!");
  CheckSameCrash("deadlock", "", real, sim);
}

// ==== 2. Crash texts ==============================================================

Result SimCloseClosed(const std::string& tb) {
  static const Src src("close_closed");
  return Sim(GoOpts(tb), [] {
    auto ch = MakeChan<int>(0);
    auto done = MakeChan<int>(0);
    Go([done] { done.Recv(src.at("go")); }, src.go("main.main.func1", "go"));
    ch.Close();
    ch.Close(src.at("close"));
  });
}

Result SimCloseNil(const std::string& tb) {
  static const Src src("close_nil");
  return Sim(GoOpts(tb), [] {
    auto block = MakeChan<int>(0);
    Go([] { Chan<int>().Close(src.at("close")); }, src.go("main.main.func1", "go"));
    block.Recv(src.at("main"));
  });
}

Result SimSendClosed(const std::string& tb) {
  static const Src src("send_closed");
  return Sim(GoOpts(tb), [] {
    auto ch = MakeChan<int>(1);
    ch.Close();
    ch.Send(1, src.at("send"));
  });
}

Result SimWaitGroupNegative(const std::string& tb) {
  static const Src src("wg_negative");
  return Sim(GoOpts(tb), [] {
    auto wg = std::make_shared<WaitGroup>();
    auto block = MakeChan<int>(0);
    Go([wg] { wg->Done(src.at("done")); }, src.go("main.main.func1", "go"));
    block.Recv(src.at("main"));
  });
}

Result SimMutexUnlock(const std::string& tb) {
  static const Src src("mutex_unlock");
  return Sim(GoOpts(tb), [] {
    auto mu = std::make_shared<Mutex>();
    auto block = MakeChan<int>(0);
    Go([block] { block.Recv(src.at("go")); }, src.go("main.main.func1", "go"));
    mu->Unlock(src.at("unlock"));
  });
}

Result SimRWMutexRUnlock(const std::string& tb) {
  static const Src src("rwmutex_runlock");
  return Sim(GoOpts(tb), [] {
    auto rw = std::make_shared<RWMutex>();
    auto block = MakeChan<int>(0);
    Go([rw] { rw->RUnlock(src.at("runlock")); }, src.go("main.main.func1", "go"));
    block.Recv(src.at("main"));
  });
}

Result SimRWMutexUnlock(const std::string& tb) {
  static const Src src("rwmutex_unlock");
  return Sim(GoOpts(tb), [] {
    auto rw = std::make_shared<RWMutex>();
    auto block = MakeChan<int>(0);
    Go([block] { block.Recv(src.at("go")); }, src.go("main.main.func1", "go"));
    rw->Unlock(src.at("unlock"));
  });
}

Result SimPanicMain(const std::string& tb) {
  static const Src src("panic_main");
  return Sim(GoOpts(tb), [] {
    auto block = MakeChan<int>(0);
    Go([block] { block.Recv(src.at("go")); }, src.go("main.main.func1", "go"));
    Panic("boom", src.at("panic"));
  });
}

Result SimPanicGoroutine(const std::string& tb) {
  static const Src src("panic_goroutine");
  return Sim(GoOpts(tb), [] {
    auto block = MakeChan<int>(0);
    Go([] { Panic("boom", src.at("panic")); }, src.go("main.main.func1", "go"));
    block.Recv(src.at("main"));
  });
}

Result SimGoexitAlone(const std::string& tb) {
  return Sim(GoOpts(tb), [] { Goexit(); });
}

Result SimGoexitDeadlock(const std::string& tb) {
  static const Src src("goexit_deadlock");
  return Sim(GoOpts(tb), [] {
    auto block = MakeChan<int>(0);
    Go([block] { block.Recv(src.at("go")); }, src.go("main.main.func1", "go"));
    Goexit();
  });
}

struct CrashCase {
  const char* name;
  Result (*sim)(const std::string&);
  OutcomeKind kind;
  const char* message;
};

const CrashCase kCrashCases[] = {
    {"close_closed", SimCloseClosed, OutcomeKind::kPanic, "panic: close of closed channel"},
    {"close_nil", SimCloseNil, OutcomeKind::kPanic, "panic: close of nil channel"},
    {"send_closed", SimSendClosed, OutcomeKind::kPanic, "panic: send on closed channel"},
    {"wg_negative", SimWaitGroupNegative, OutcomeKind::kPanic, "panic: sync: negative WaitGroup counter"},
    {"mutex_unlock", SimMutexUnlock, OutcomeKind::kFatal, "sync: unlock of unlocked mutex"},
    {"rwmutex_runlock", SimRWMutexRUnlock, OutcomeKind::kFatal, "sync: RUnlock of unlocked RWMutex"},
    {"rwmutex_unlock", SimRWMutexUnlock, OutcomeKind::kFatal, "sync: Unlock of unlocked RWMutex"},
    {"panic_main", SimPanicMain, OutcomeKind::kPanic, "panic: boom"},
    {"panic_goroutine", SimPanicGoroutine, OutcomeKind::kPanic, "panic: boom"},
    {"goexit_alone", SimGoexitAlone, OutcomeKind::kFatal, "no goroutines (main called runtime.Goexit) - deadlock!"},
    {"goexit_deadlock", SimGoexitDeadlock, OutcomeKind::kFatal, "all goroutines are asleep - deadlock!"},
};

void CheckCrashCase(const CrashCase& c, const std::string& tb) {
  Proc real = RunGo(c.name, tb);
  Result sim = c.sim(tb);
  INFO("case tests/go/" << std::string(c.name));
  CHECK(sim.outcome == c.kind);
  CHECK(sim.message == c.message);
  CheckSameCrash(c.name, tb, real, sim);
}

TEST_CASE("differential: crash texts match go1.19 (default GOTRACEBACK)") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  for (const CrashCase& c : kCrashCases) {
    SUBCASE(c.name) { CheckCrashCase(c, ""); }
  }
}

// GOTRACEBACK=all: a panic dumps every user goroutine, the panicking one
// first; none: only the panic or fatal-error line.
TEST_CASE("differential: crash texts with GOTRACEBACK=all and none match go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  for (const char* tb : {"all", "none"}) {
    for (const CrashCase& c : kCrashCases) {
      SUBCASE((std::string(tb) + ": " + c.name).c_str()) { CheckCrashCase(c, tb); }
    }
  }
}

// ==== 3. GOTRACEBACK=system ========================================================

// At level 2 Go shows runtime frames with fp/sp/pc, the runtime's goroutines
// 2-4, runtime.main/runtime.goexit at the bottom of the stacks, and, for a
// throw on the system stack (checkdead), the g0 stack as "runtime stack:".
TEST_CASE("differential: deadlock with GOTRACEBACK=system matches go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  Proc real = RunGo("deadlock", "system");
  Result sim = SimDeadlock("system");
  // The "runtime stack:" block (checkdead's g0 stack) varies between runs of
  // the real binary: see kCheckdeadChains.
  CheckSameCrash("deadlock", "system", real, sim);
}

// The fatal errors (sync misuse, Goexit deadlocks) at level 2.
TEST_CASE("differential: fatal errors with GOTRACEBACK=system match go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  for (const CrashCase& c : kCrashCases) {
    if (c.kind == OutcomeKind::kPanic) continue;
    SUBCASE(c.name) { CheckCrashCase(c, "system"); }
  }
}

TEST_CASE("differential: panics with GOTRACEBACK=system match go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  // At level 2 the panicking goroutine's first frame is runtime.gopanic,
  // which Go prints as "panic(...)" wherever it is (traceback.go).
  for (const CrashCase& c : kCrashCases) {
    if (c.kind != OutcomeKind::kPanic) continue;
    SUBCASE(c.name) { CheckCrashCase(c, "system"); }
  }
}

// ==== Goroutine numbering ============================================================

// os's init calls runtime.SetFinalizer, which starts the finalizer goroutine
// (runtime.runfinq, "finalizer wait") as goroutine 5: in a program importing
// os (fmt, log, …) user goroutines are numbered from 6. The mirror says so
// with Options::finalizer_goroutine.
TEST_CASE("differential: goroutine numbers of a program that imports os match go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  static const Src src("goid_os");
  auto sim_goid_os = [](const std::string& tb) {
    Options o = GoOpts(tb);
    o.finalizer_goroutine = true;
    return Sim(o, [] {
      auto block = MakeChan<int>(0);
      Go([block] { block.Recv(src.at("go")); }, src.go("main.main.func1", "go"));
      block.Recv(src.at("main"));
    });
  };
  for (std::string tb : {"", "system"}) {
    SUBCASE((tb.empty() ? "default" : tb).c_str()) {
      Proc real = RunGo("goid_os", tb);
      CheckSameCrash("goid_os", tb, real, sim_goid_os(tb));
    }
  }
}

// ==== 4. Run order at GOMAXPROCS=1 ===================================================

TEST_CASE("differential: order - new goroutines go to runnext (C A B) as in go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  Proc real = RunGo("order_runnext");
  Result sim = Sim(GoOpts(), [] {
    auto wg = std::make_shared<WaitGroup>();
    wg->Add(3);
    for (const char* name : {"A", "B", "C"}) {
      Go([wg, name] {
        Printf("{}\n", name);
        wg->Done();
      });
    }
    wg->Wait();
    Print("main\n");
  });
  CHECK(real.err == "C\nA\nB\nmain\n");
  CheckSameOutput("order_runnext", real, sim);
}

TEST_CASE("differential: order - close wakes receivers as W1 W3 W2 as in go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  Proc real = RunGo("order_close_wake");
  Result sim = Sim(GoOpts(), [] {
    auto wg = std::make_shared<WaitGroup>();
    auto ch = MakeChan<int>(0);
    auto started = MakeChan<int>(0);
    for (const char* name : {"W1", "W2", "W3"}) {
      wg->Add(1);
      Go([=] {
        started.Send(1);
        ch.Recv();
        Printf("{}\n", name);
        wg->Done();
      });
      started.Recv();
    }
    ch.Close();
    Print("closed\n");
    wg->Wait();
    Print("main\n");
  });
  CHECK(real.err == "closed\nW1\nW3\nW2\nmain\n");
  CheckSameOutput("order_close_wake", real, sim);
}

TEST_CASE("differential: order - the last Done wakes Wait-ers as W3 W1 W2 as in go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  Proc real = RunGo("order_wg_wake");
  Result sim = Sim(GoOpts(), [] {
    auto wg = std::make_shared<WaitGroup>();
    auto all = std::make_shared<WaitGroup>();
    wg->Add(1);
    auto started = MakeChan<int>(0);
    for (const char* name : {"W1", "W2", "W3"}) {
      all->Add(1);
      Go([=] {
        started.Send(1);
        wg->Wait();
        Printf("{}\n", name);
        all->Done();
      });
      started.Recv();
    }
    wg->Done();
    Print("done\n");
    all->Wait();
    Print("main\n");
  });
  CHECK(real.err == "done\nW3\nW1\nW2\nmain\n");
  CheckSameOutput("order_wg_wake", real, sim);
}

TEST_CASE("differential: order - Mutex waiters are woken FIFO (W1 W2 W3) as in go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  Proc real = RunGo("order_mutex_fifo");
  Result sim = Sim(GoOpts(), [] {
    auto mu = std::make_shared<Mutex>();
    auto wg = std::make_shared<WaitGroup>();
    auto started = MakeChan<int>(0);
    mu->Lock();
    for (const char* name : {"W1", "W2", "W3"}) {
      wg->Add(1);
      Go([=] {
        started.Send(1);
        mu->Lock();
        Printf("{}\n", name);
        mu->Unlock();
        wg->Done();
      });
      started.Recv();
    }
    Print("unlock\n");
    mu->Unlock();
    wg->Wait();
    Print("main\n");
  });
  CHECK(real.err == "unlock\nW1\nW2\nW3\nmain\n");
  CheckSameOutput("order_mutex_fifo", real, sim);
}

// The next two cases depend on the P's schedtick when main.main starts
// (findRunnable serves the global queue first when schedtick%61 == 0).
// runtime.main schedules a few goroutines before main.main (forcegchelper,
// gcenable's handshake with bgsweep and bgscavenge) while it is locked to the
// main thread (runtime.main's lockOSThread during init), so P0 moves between
// Ms and how often it schedules depends on OS threads, probably: over 200
// runs of tests/go/order_global61, main.main started with schedtick 4 in 186
// runs and 5 in 14 (more 5s on a loaded machine). With os imported, runfinq
// is one more goroutine in the local queue at main.main: one tick more.
TEST_CASE("differential: order - Gosched lets the local queue run first (C A B main) as in go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  Proc real = RunGo("order_gosched");
  Result sim = Sim(GoOpts(), [] {
    for (const char* name : {"A", "B", "C"}) {
      Go([name] { Printf("{}\n", name); });
    }
    Gosched();
    Print("main\n");
  });
  CHECK(real.err == "C\nA\nB\nmain\n");
  CheckSameOutput("order_gosched", real, sim);
}

// Global61Order is what order_global61 prints when main.main starts at
// schedtick s: G70 from runnext (inherits the slice: no tick), then G1..Gk
// take ticks s+1..s+k until s+k == 61 and main (global queue) runs, then the
// rest of the local queue, then main again.
std::string Global61Order(int s) {
  int k = 61 - s;
  std::string out = "70\n";
  for (int i = 1; i <= k; ++i) out += std::to_string(i) + "\n";
  out += "main#1\n";
  for (int i = k + 1; i <= 69; ++i) out += std::to_string(i) + "\n";
  return out + "main#2\n";
}

TEST_CASE("differential: order - the global queue is polled at schedtick%61 == 0 as in go1.19") {
  REQUIRE_MESSAGE(GoBuildError().empty(), GoBuildError());
  Proc real = RunGo("order_global61");
  Result sim = Sim(GoOpts(), [] {
    for (int i = 1; i <= 70; ++i) {
      Go([i] { Printf("{}\n", i); });
    }
    Gosched();
    Print("main#1\n");
    Gosched();
    Print("main#2\n");
    for (int i = 0; i < 20; ++i) Gosched();
  });
  REQUIRE_MESSAGE(real.failure.empty(), real.failure);
  CHECK(real.status == 0);
  CHECK(sim.outcome == OutcomeKind::kExit);
  // Robust, not exact: real go1.19 prints one of two orders (see above).
  auto start = [](const std::string& out) {
    for (int s : {4, 5}) {
      if (out == Global61Order(s)) return s;
    }
    return -1;
  };
  int real_s = start(real.err), sim_s = start(sim.stdout_text);
  CHECK_MESSAGE(real_s > 0, "real go1.19 printed another order:\n" << real.err);
  CHECK_MESSAGE(sim_s > 0, "gostep printed an order go1.19 does not\n" << Diff(Global61Order(4), sim.stdout_text));
  MESSAGE("main.main started at schedtick " << real_s << " in go1.19 (this run), " << sim_s << " in gostep");
}

}  // namespace
}  // namespace gostep
