// tools/cli_conformance.cc — running Go's test/ programs (cli_conformance.h).
//
// Selection, as Go 1.19's test/run.go reads a test's header: the first line
// is the action. Only the action `// run` without arguments is run here;
// `// run ARGS` (command-line arguments, compiler flags or extra files) and
// `// run` under build constraints are counted as skipped, with the reason.
//
// Each program runs in a child process (fork): the child compiles and runs
// it once (policy go, seed 1, GOMAXPROCS 1 by default: cli_conformance.h) and
// writes the outcome to a pipe; the parent enforces the wall-time limit
// (SIGKILL) and turns a signal death into "interpreter crash". A failure's
// reason is the first compile diagnostic (position stripped), the first
// line of Go's crash output, the limit hit, or "output differs"; reasons
// are grouped with digit runs normalised to N.
#include "tools/cli_conformance.h"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tools/cli_common.h"
#include "tools/compiler.h"

namespace gostep::tools {
namespace {

namespace fs = std::filesystem;

bool Slurp(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *text = s.str();
  return true;
}

std::string FirstLine(const std::string& s) {
  size_t b = s.find_first_not_of("\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find('\n', b) - b);
}

// Program is one // run test: its path relative to the test dir.
struct Program {
  std::string rel;
  std::string skip;  // why it is not run, or ""
};

// Classify reads a test's action line as test/run.go does; false when the
// file is not a `// run` test at all.
bool Classify(const std::string& src, Program* p) {
  std::string first = src.substr(0, src.find('\n'));
  if (first == "// run") {
    size_t pkg = src.find("\npackage");
    std::string header = src.substr(0, pkg);
    if (header.find("//go:build") != std::string::npos || header.find("// +build") != std::string::npos) {
      p->skip = "build constraints";
    }
    return true;
  }
  if (first.starts_with("// run ")) {
    p->skip = "// run with arguments (flags or other files)";
    return true;
  }
  if (first.starts_with("// +build") || first.starts_with("//go:build")) {
    // The action follows the constraint lines.
    std::istringstream in(src);
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with("// run")) {
        p->skip = "build constraints";
        return true;
      }
      if (!line.starts_with("//") && !line.empty()) break;
    }
  }
  return false;
}

std::vector<Program> Collect(const ConformanceArgs& a) {
  std::vector<Program> out;
  if (!a.only.empty()) {
    for (const std::string& rel : a.only) out.push_back(Program{rel, ""});
    return out;
  }
  for (const char* sub : {"", "ken/", "chan/"}) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(a.dir + "/" + sub, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".go") names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) {
      Program p{std::string(sub) + n, ""};
      std::string src;
      if (Slurp(a.dir + "/" + p.rel, &src) && Classify(src, &p)) out.push_back(p);
    }
  }
  return out;
}

// ---- the child ----

void WriteAll(int fd, const std::string& s) {
  for (size_t off = 0; off < s.size();) {
    ssize_t n = write(fd, s.data() + off, s.size() - off);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

// Outcome is what the child reports: ok=false with a reason, the output.
struct Outcome {
  bool ran = false;  // compiled and ran to an outcome
  int status = 0;
  std::string reason, output;
};

std::string Encode(const Outcome& o) {
  return fmt::format("{} {} {} {}\n{}{}", o.ran ? 1 : 0, o.status, o.reason.size(), o.output.size(), o.reason,
                     o.output);
}

bool Decode(const std::string& s, Outcome* o) {
  int ran = 0;
  size_t rl = 0, ol = 0;
  size_t nl = s.find('\n');
  if (nl == std::string::npos || std::sscanf(s.c_str(), "%d %d %zu %zu", &ran, &o->status, &rl, &ol) != 4) return false;
  if (s.size() != nl + 1 + rl + ol) return false;
  o->ran = ran != 0;
  o->reason = s.substr(nl + 1, rl);
  o->output = s.substr(nl + 1 + rl, ol);
  return true;
}

std::string StripPosition(const std::string& line) {
  // "path.go:12:3: msg" -> "msg"
  size_t go = line.find(".go:");
  if (go == std::string::npos) return line;
  size_t sp = line.find(": ", go + 4);
  return sp == std::string::npos ? line : line.substr(sp + 2);
}

Outcome RunChild(const ConformanceArgs& a, const std::string& path) {
  Outcome o;
  std::string source;
  if (!Slurp(path, &source)) {
    o.reason = "unreadable";
    return o;
  }
  lang::DiagList diags(path);
  std::unique_ptr<lang::Program> p = Compiler()(path, source, a.version, &diags);
  if (p == nullptr) {
    o.reason = "compile: " + StripPosition(FirstLine(diags.Text()));
    return o;
  }
  runtime::Options opt;
  opt.version = a.version;
  opt.gomaxprocs = a.gomaxprocs;
  opt.program = path;
  opt.limits.max_steps = a.max_steps;
  opt.limits.max_wall_seconds = a.timeout;
  runtime::Result r = p->Run(opt);
  o.ran = true;
  o.status = ExitStatus(r);
  o.output = r.stdout_text + r.stderr_text;
  if (r.outcome == runtime::OutcomeKind::kLimit) {
    o.reason = "limit: " + FirstLine(r.message);
  } else if (o.status != 0) {
    std::string line = FirstLine(r.stderr_text);
    o.reason = line.empty() ? fmt::format("exit {}", o.status) : line;
  }
  return o;
}

// ---- the parent ----

// ReadBoth drains two pipes until both close or the deadline passes.
bool ReadBoth(int fd_data, int fd_err, double timeout, std::string* data, std::string* err) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
  pollfd fds[2] = {{fd_data, POLLIN, 0}, {fd_err, POLLIN, 0}};
  std::string* bufs[2] = {data, err};
  int open = 2;
  char buf[65536];
  while (open > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        bufs[i]->append(buf, static_cast<size_t>(n));
      } else {
        fds[i].fd = -1;
        --open;
      }
    }
  }
  return true;
}

// RunIsolated runs one program in a child; "" if it passed, else why not.
std::string RunIsolated(const ConformanceArgs& a, const std::string& path, std::string* output) {
  int data[2], err[2];
  if (pipe(data) != 0 || pipe(err) != 0) return "pipe failed";
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    close(data[0]);
    close(err[0]);
    // test/run.go: "A few tests (of things like the environment) require
    // these to be set" (env.go reads $GOARCH).
    setenv("GOOS", "linux", 0);
    setenv("GOARCH", "amd64", 0);
    dup2(err[1], 1);
    dup2(err[1], 2);
    WriteAll(data[1], Encode(RunChild(a, path)));
    _exit(0);
  }
  close(data[1]);
  close(err[1]);
  std::string enc, host_err;
  // The child's own limit is a.timeout; allow time to compile and report.
  bool done = ReadBoth(data[0], err[0], a.timeout + 5, &enc, &host_err);
  close(data[0]);
  close(err[0]);
  if (!done) kill(pid, SIGKILL);
  int ws = 0;
  waitpid(pid, &ws, 0);
  if (!done) return fmt::format("timeout ({} s wall)", a.timeout);
  if (WIFSIGNALED(ws)) {
    std::string why = FirstLine(host_err);
    return fmt::format("interpreter crash: {}{}", strsignal(WTERMSIG(ws)), why.empty() ? "" : ": " + why);
  }
  Outcome o;
  if (!Decode(enc, &o)) return "interpreter crash: no result";
  *output = o.output;
  if (!o.reason.empty()) return o.reason;
  std::string want, out_file = path.substr(0, path.size() - 3) + ".out";
  if (Slurp(out_file, &want) && o.output != want) return "output differs from .out";
  return "";
}

std::string Normalise(const std::string& reason) {
  std::string out;
  for (size_t i = 0; i < reason.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(reason[i]))) {
      if (out.empty() || out.back() != 'N') out += 'N';
      while (i + 1 < reason.size() && std::isxdigit(static_cast<unsigned char>(reason[i + 1]))) ++i;
    } else {
      out += reason[i];
    }
  }
  return out;
}

void PrintGroups(const std::map<std::string, std::vector<std::string>>& groups) {
  std::vector<std::pair<std::string, std::vector<std::string>>> sorted(groups.begin(), groups.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& x, const auto& y) { return x.second.size() > y.second.size(); });
  std::printf("\nfailures by reason:\n");
  for (const auto& [reason, files] : sorted) {
    std::string list;
    for (const std::string& f : files) list += (list.empty() ? "" : " ") + f;
    std::printf("%4zu  %s\n      %s\n", files.size(), reason.c_str(), list.c_str());
  }
}

}  // namespace

int RunConformance(const ConformanceArgs& a) {
  std::vector<Program> programs = Collect(a);
  std::map<std::string, std::vector<std::string>> groups, skipped;
  int passed = 0, failed = 0;
  for (const Program& p : programs) {
    if (!p.skip.empty()) {
      skipped[p.skip].push_back(p.rel);
      continue;
    }
    std::string output, why = RunIsolated(a, a.dir + "/" + p.rel, &output);
    if (why.empty()) {
      std::printf("ok   %s\n", p.rel.c_str());
      ++passed;
    } else {
      std::printf("FAIL %s: %s\n", p.rel.c_str(), why.c_str());
      if (a.verbose && !output.empty()) std::printf("%s\n", output.substr(0, 400).c_str());
      groups[Normalise(why)].push_back(p.rel);
      ++failed;
    }
    std::fflush(stdout);
  }
  int run = passed + failed;
  std::printf("\n%d of %d passed (%.1f%%), %d failed (go%s, GOMAXPROCS=%d)\n", passed, run,
              run == 0 ? 0.0 : 100.0 * passed / run, failed, a.version.c_str(), a.gomaxprocs);
  for (const auto& [why, files] : skipped) {
    std::string list;
    for (const std::string& f : files) list += " " + f;
    std::printf("skipped %zu (%s):%s\n", files.size(), why.c_str(), list.c_str());
  }
  if (!groups.empty()) PrintGroups(groups);
  return failed == 0 ? 0 : 1;
}

}  // namespace gostep::tools
