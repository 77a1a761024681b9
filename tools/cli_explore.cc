// tools/cli_explore.cc — `gostep explore FILE.go`: search schedules.
//
// Compiles once, runs seeds on --jobs threads through the explore engine
// (tools/explore.h) and prints, for the first run of each failing outcome,
// the program's output exactly, its schedule file and the replay command;
// then the histogram. The printed report is the same for any --jobs.
// Exit status: 0 when every run exited 0, 1 when a failure was found (any
// other outcome, gostep limits included) or on an error.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "tools/cli_commands.h"
#include "tools/cli_common.h"
#include "tools/explore.h"

namespace gostep::tools {
namespace {

struct ExploreArgs {
  std::string file;
  RunFlags flags;
  uint64_t runs = 1000;
  std::string time;
  int jobs = 0;
  uint64_t seed = 1;
  std::string stop_on;
  std::string schedule_dir;
};

ExploreConfig MakeConfig(const ExploreArgs& a) {
  ExploreConfig c;
  c.options = MakeOptions(a.flags);
  c.options.policy = a.flags.policy.empty() ? "random" : a.flags.policy;
  // go: Go's own scheduling, the seeds varying only the other draws (hash
  // seeds, iteration starts, select order): "never fails under go" checks.
  if (c.options.policy != "random" && c.options.policy != "go" && !c.options.policy.starts_with("pct")) {
    throw UsageError(fmt::format("--policy: want random, pct[:depth[:steps]] or go, not \"{}\"", c.options.policy));
  }
  c.options.granularity = a.flags.granularity.empty() ? "runtime" : a.flags.granularity;
  c.options.program = a.file;
  if (a.runs == 0) throw UsageError("--runs: must be a positive integer");
  if (a.jobs < 0) throw UsageError("--jobs: must be a positive integer");
  if (!a.time.empty() && !ParseDuration(a.time, &c.time_budget_s)) {
    throw UsageError(fmt::format("--time: bad duration \"{}\" (e.g. 10s, 500ms, 2m)", a.time));
  }
  c.runs = a.runs;
  c.jobs = a.jobs == 0 ? HardwareJobs() : a.jobs;
  c.base_seed = a.seed;
  if (!a.stop_on.empty()) {
    std::string prefix = a.stop_on;
    c.stop = [prefix](const std::string& outcome) { return outcome.starts_with(prefix); };
  }
  return c;
}

// ReportFailure prints one first failure and writes its schedule file.
bool ReportFailure(const ExploreArgs& a, const RunRecord& rec) {
  std::string name = std::filesystem::path(a.file).stem().string() + "." + OutcomeSlug(rec.outcome) + ".sched";
  std::string path = a.schedule_dir.empty() ? name : (std::filesystem::path(a.schedule_dir) / name).string();
  std::printf("--- run %llu (seed %llu): %s\n", static_cast<unsigned long long>(rec.index),
              static_cast<unsigned long long>(rec.seed), rec.outcome.c_str());
  PrintProgramOutput(rec.result);
  if (rec.result.outcome == runtime::OutcomeKind::kLimit) std::printf("%s\n", rec.result.message.c_str());
  if (!WriteFile(path, rec.result.schedule)) return false;
  std::printf("schedule: %s\nreplay:   gostep replay %s %s\n\n", path.c_str(), a.file.c_str(), path.c_str());
  return true;
}

int Explore(const ExploreArgs& a) {
  ExploreConfig c = MakeConfig(a);
  int status = 0;
  std::unique_ptr<lang::Program> program = CompileFile(a.file, c.options.version, &status);
  if (program == nullptr) return status;
  std::printf("explore %s: %s, policy %s, granularity %s, GOMAXPROCS %d, seeds from %llu\n\n", a.file.c_str(),
              c.options.version.c_str(), c.options.policy.c_str(), c.options.granularity.c_str(),
              c.options.gomaxprocs, static_cast<unsigned long long>(c.base_seed));
  std::fflush(stdout);
  ExploreReport report = Explore(*program, c);
  if (!report.error.empty()) {
    std::fprintf(stderr, "gostep: %s\n", report.error.c_str());
    return 1;
  }
  bool failed = false;
  for (const RunRecord& rec : report.firsts) {
    if (!IsFailure(rec.outcome)) continue;
    failed = true;
    if (!ReportFailure(a, rec)) return 1;
  }
  std::string why = report.stopped     ? fmt::format(", stopped at run {}: --stop-on", report.firsts.back().index)
                    : report.out_of_time ? ", --time spent; the same as --runs " + std::to_string(report.runs_done)
                                         : "";
  std::printf("--- %llu run%s%s ---\n%s", static_cast<unsigned long long>(report.runs_done),
              report.runs_done == 1 ? "" : "s", why.c_str(),
              FormatHistogram(report).c_str());
  return failed ? 1 : 0;
}

}  // namespace

bool ParseDuration(const std::string& text, double* seconds) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    return false;
  }
  std::string unit = text.substr(used);
  double scale = unit.empty() || unit == "s" ? 1 : unit == "ms" ? 1e-3 : unit == "m" ? 60 : unit == "h" ? 3600 : -1;
  if (scale < 0 || v < 0) return false;
  *seconds = v * scale;
  return true;
}

Command AddExploreCommand(CLI::App* app) {
  auto a = std::make_shared<ExploreArgs>();
  CLI::App* cmd = app->add_subcommand("explore", "run many seeds of a scenario in parallel, report failures");
  cmd->add_option("file", a->file, "the scenario (.go)")->required();
  AddRunFlags(cmd, &a->flags, "random | pct[:depth[:steps]] (default: random)");
  cmd->add_option("--runs", a->runs, "number of runs (seeds)")->capture_default_str();
  cmd->add_option("--time", a->time, "wall-clock budget (10s, 2m): stop handing out runs when spent");
  cmd->add_option("--jobs", a->jobs, "worker threads (default: the hardware threads)");
  cmd->add_option("--seed", a->seed, "base seed: run i uses seed S+i")->capture_default_str();
  cmd->add_option("--stop-on", a->stop_on, "stop at the first run whose outcome starts with this text");
  cmd->add_option("--schedule-dir", a->schedule_dir, "where failure schedules go (default: .)");
  return Command{cmd, [a] { return Explore(*a); }};
}

}  // namespace gostep::tools
