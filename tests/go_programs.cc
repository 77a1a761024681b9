#include "tests/go_programs.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

namespace gostep::testing {
namespace {

namespace fs = std::filesystem;

const std::string kGoCasesDir = "tests/go";

// OutDir is where the programs of `dir` are built: tests/go → go_cases (the
// historical name), tests/differential → go_differential.
std::string OutDir(const std::string& dir) {
  if (dir == kGoCasesDir) return GOSTEP_BINARY_DIR "/go_cases";
  std::string name = dir;
  if (name.rfind("tests/", 0) == 0) name = name.substr(6);
  std::replace(name.begin(), name.end(), '/', '_');
  return GOSTEP_BINARY_DIR "/go_" + name;
}

// GoEnv is the toolchain's environment: GOPATH mode, caches in the build tree.
std::vector<std::string> GoEnv(const std::string& out_dir) {
  return {"PATH=/usr/bin:/bin",
          "HOME=" + out_dir,
          "GOCACHE=" GOSTEP_BINARY_DIR "/gocache",
          "GOPATH=" GOSTEP_BINARY_DIR "/gopath",
          "GO111MODULE=off",
          "GOFLAGS=",
          "CGO_ENABLED=0"};  // pure-Go programs: no C compiler needed
}

}  // namespace

Proc RunProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                const std::string& cwd, double timeout_s) {
  Proc p;
  // Everything the child needs is prepared before fork (no allocation after it).
  std::vector<char*> av, ev;
  for (const auto& a : argv) av.push_back(const_cast<char*>(a.c_str()));
  av.push_back(nullptr);
  for (const auto& e : env) ev.push_back(const_cast<char*>(e.c_str()));
  ev.push_back(nullptr);
  int out[2] = {-1, -1}, err[2] = {-1, -1};
  auto close_all = [&] {
    for (int fd : {out[0], out[1], err[0], err[1]}) {
      if (fd >= 0) close(fd);
    }
  };
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    p.failure = std::string("pipe: ") + std::strerror(errno);
    close_all();
    return p;
  }
  pid_t pid = fork();
  if (pid < 0) {
    p.failure = std::string("fork: ") + std::strerror(errno);
    close_all();
    return p;
  }
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    execve(av[0], av.data(), ev.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  bool killed = false;
  std::string* dst[2] = {&p.out, &p.err};
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      kill(pid, SIGKILL);
      killed = true;
      break;
    }
    int n = poll(fds, 2, static_cast<int>(std::min<int64_t>(left.count(), 1000)));
    if (n < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      char buf[4096];
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got > 0) {
        dst[i]->append(buf, static_cast<size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  int ws = 0;
  while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(ws)) p.status = WEXITSTATUS(ws);
  if (WIFSIGNALED(ws)) p.status = 128 + WTERMSIG(ws);
  if (killed) p.failure = "timed out after " + std::to_string(timeout_s) + " s";
  if (p.status == 126) p.failure = "could not chdir to " + cwd;
  if (p.status == 127) p.failure = "could not execute " + argv[0];
  return p;
}

namespace {

// BuildGoPrograms builds every <dir>/<case> with a main.go into OutDir(dir).
std::string BuildGoPrograms(const std::string& dir) {
  if (!fs::exists(GOSTEP_GO119)) return "Go 1.19 not found (GOSTEP_GO119 = \"" GOSTEP_GO119 "\"); tools/bootstrap.sh installs it";
  const std::string src = GOSTEP_SOURCE_DIR "/" + dir, out = OutDir(dir);
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return "cannot create " + out + ": " + ec.message();
  std::vector<std::string> cases;
  for (const auto& e : fs::directory_iterator(src)) {
    if (e.is_directory() && fs::exists(e.path() / "main.go")) cases.push_back("./" + e.path().filename().string());
  }
  std::sort(cases.begin(), cases.end());
  std::vector<std::string> argv = {GOSTEP_GO119, "build", "-o", out + "/"};
  argv.insert(argv.end(), cases.begin(), cases.end());
  int lock = open((out + "/.build.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (lock < 0 || flock(lock, LOCK_EX) != 0) return "cannot lock " + out + "/.build.lock";
  Proc p = RunProcess(argv, GoEnv(out), src, 120);
  close(lock);  // releases the lock
  if (!p.failure.empty() || p.status != 0) {
    return "go build failed (status " + std::to_string(p.status) + ") " + p.failure + "\n" + p.err + p.out;
  }
  return std::string();
}

}  // namespace

const std::string& GoProgramsBuildError(const std::string& dir) {
  static std::mutex mu;
  static std::map<std::string, std::string> built;  // dir → error; never erased (references stay valid)
  std::lock_guard<std::mutex> lock(mu);
  auto it = built.find(dir);
  if (it == built.end()) it = built.emplace(dir, BuildGoPrograms(dir)).first;
  return it->second;
}

std::string GoProgramBinary(const std::string& dir, const std::string& name) { return OutDir(dir) + "/" + name; }

Proc RunGoProgram(const std::string& dir, const std::string& name, const std::vector<std::string>& args,
                  const std::vector<std::string>& env, double timeout_s) {
  std::vector<std::string> argv = {GoProgramBinary(dir, name)};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> e = {"PATH=/usr/bin:/bin"};
  e.insert(e.end(), env.begin(), env.end());
  return RunProcess(argv, e, "", timeout_s);
}

const std::string& GoBuildError() { return GoProgramsBuildError(kGoCasesDir); }

std::string GoCaseBinary(const std::string& name) { return GoProgramBinary(kGoCasesDir, name); }

Proc RunGoCase(const std::string& name, const std::vector<std::string>& env, double timeout_s) {
  return RunGoProgram(kGoCasesDir, name, {}, env, timeout_s);
}

}  // namespace gostep::testing
