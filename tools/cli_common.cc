#include "tools/cli_common.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/version_profile.h"
#include "tools/compiler.h"
#include "tools/faults.h"

namespace gostep::tools {

void AddRunFlags(CLI::App* app, RunFlags* f, const std::string& policy_help) {
  app->add_option("--go", f->version, "Go version profile, 1.14 … 1.23 (default: the newest)");
  app->add_option("--gomaxprocs", f->gomaxprocs, "number of Ps (default: $GOMAXPROCS, else 2)");
  app->add_option("--policy", f->policy, policy_help);
  app->add_option("--granularity", f->granularity, "yield-point grain: statement | runtime");
  app->add_option("--fault", f->faults, "inject a named fault (repeatable): " + FaultNames());
  app->add_option("--max-steps", f->max_steps, "stop a run after this many steps (0: no limit)")->capture_default_str();
  app->add_option("--max-heap", f->max_heap, "stop a run when the heap in use exceeds this many bytes (0: no limit)");
  app->add_option("--max-goroutines", f->max_goroutines, "stop a run when this many goroutines are live (0: no limit)")
      ->capture_default_str();
  app->add_option("--timeout", f->timeout, "stop a run after this many wall-clock seconds (0: no limit)")->capture_default_str();
}

std::string ProfileName(const std::string& flag) {
  if (flag.empty()) return std::string(base::NewestProfile().name);
  const base::VersionProfile* p = base::FindProfile(flag);
  if (p == nullptr) {
    throw UsageError(fmt::format("--go: unknown Go version \"{}\" (gostep models {})", flag, base::ProfileNames()));
  }
  return std::string(p->name);
}

runtime::Options MakeOptions(const RunFlags& f) {
  runtime::Options o;
  o.FromEnv();
  o.version = ProfileName(f.version);
  if (f.gomaxprocs < 0 || f.gomaxprocs > 1024) throw UsageError("--gomaxprocs: must be in [1, 1024]");
  if (f.gomaxprocs > 0) o.gomaxprocs = f.gomaxprocs;
  if (!f.granularity.empty()) {
    if (f.granularity != "statement" && f.granularity != "runtime") {
      throw UsageError(fmt::format("--granularity: want statement or runtime, not \"{}\"", f.granularity));
    }
    o.granularity = f.granularity;
  }
  std::vector<std::string> faults;
  for (const std::string& name : f.faults) {
    std::string unknown;
    if (!SplitFaults(name, &faults, &unknown)) {
      throw UsageError(fmt::format("--fault: unknown fault \"{}\" (want {})", unknown, FaultNames()));
    }
  }
  o.map_faults = JoinFaults(faults);
  if (f.timeout < 0) throw UsageError("--timeout: must be a number of seconds >= 0");
  o.limits.max_steps = f.max_steps;
  o.limits.max_goroutines = f.max_goroutines;
  o.limits.max_wall_seconds = f.timeout;
  o.max_heap_bytes = f.max_heap;
  return o;
}

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (in && std::filesystem::is_directory(path)) errno = EISDIR;
  if (!in || std::filesystem::is_directory(path)) {
    std::fprintf(stderr, "gostep: cannot read %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  std::stringstream s;
  s << in.rdbuf();
  *text = s.str();
  return true;
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "gostep: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  return true;
}

std::string GoShortPath(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (ec) return path;
  fs::path rel = abs.parent_path().lexically_relative(fs::current_path(ec));
  if (ec || rel.empty()) return abs.string();
  if (rel == ".") return "./" + abs.filename().string();
  std::string short_name = (rel / abs.filename()).string();
  return short_name.size() < abs.string().size() ? short_name : abs.string();
}

std::unique_ptr<lang::Program> CompileFile(const std::string& path, const std::string& version, int* status) {
  std::string source;
  if (!ReadFile(path, &source)) {
    *status = 1;
    return nullptr;
  }
  lang::DiagList diags(path);
  std::unique_ptr<lang::Program> p = Compiler()(path, source, version, &diags);
  if (p != nullptr) return p;
  // go run shows file names relative to the current directory.
  std::string text = diags.Text(), shown = GoShortPath(path), out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(path + ":")) line = shown + line.substr(path.size());
    if (line.starts_with("\t" + path + ":")) line = "\t" + shown + line.substr(path.size() + 1);  // a cycle's lines
    out += line + "\n";
  }
  std::fprintf(stderr, "# command-line-arguments\n%s", out.c_str());
  *status = 2;
  return nullptr;
}

void PrintProgramOutput(const runtime::Result& r) {
  std::fwrite(r.stdout_text.data(), 1, r.stdout_text.size(), stdout);
  std::fflush(stdout);
  std::fwrite(r.stderr_text.data(), 1, r.stderr_text.size(), stderr);
  std::fflush(stderr);
}

int ExitStatus(const runtime::Result& r) {
  switch (r.outcome) {
    case runtime::OutcomeKind::kLimit: return 3;
    case runtime::OutcomeKind::kDivergence: return 4;
    case runtime::OutcomeKind::kFault: return 5;
    default: return r.exit_code;
  }
}

int HardwareJobs() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace gostep::tools
