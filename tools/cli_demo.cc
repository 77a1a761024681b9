// tools/cli_demo.cc — `gostep demo`: the built-in example (tools/demo.h), and
// the replay of its schedule files (`gostep replay SCHEDULE`, one argument).
#include <cstdio>

#include "base/version_profile.h"
#include "tools/cli_commands.h"
#include "tools/demo.h"

namespace gostep::tools {

namespace {

struct DemoArgs {
  std::string version = std::string(base::NewestProfile().name);
  uint64_t seed = 1;
  int gomaxprocs = 0;
  std::string policy = "go";
  std::string granularity = "statement";
  ReplayFlags out;
};

int Report(const runtime::Result& r, const ReplayFlags& f) {
  PrintProgramOutput(r);
  if (r.outcome == runtime::OutcomeKind::kLimit) std::fprintf(stderr, "%s\n", r.message.c_str());
  if (r.outcome == runtime::OutcomeKind::kDivergence) std::fprintf(stderr, "gostep: %s\n", r.message.c_str());
  if (!f.events_out.empty() && !WriteFile(f.events_out, r.events)) return 1;
  if (!f.schedule_out.empty()) {
    if (!WriteFile(f.schedule_out, r.schedule)) return 1;
  } else if (!f.quiet) {
    std::printf("\n--- recorded schedule (%llu steps; `gostep replay FILE` reproduces the run) ---\n%s",
                static_cast<unsigned long long>(r.steps), r.schedule.c_str());
  }
  return ExitStatus(r);
}

int RunDemo(runtime::Options o, const ReplayFlags& f) {
  o.limits.max_steps = f.max_steps;
  o.limits.max_wall_seconds = f.timeout;
  o.events = !f.events_out.empty();
  o.program = "demo";
  try {
    runtime::Runtime rt(std::move(o));
    return Report(rt.Run(DemoMain), f);
  } catch (const runtime::OptionsError& e) {
    std::fprintf(stderr, "gostep: %s\n", e.what());
    return 1;
  }
}

}  // namespace

void AddReplayFlags(CLI::App* cmd, ReplayFlags* f) {
  cmd->add_option("--schedule-out", f->schedule_out, "write the schedule file here (demo: default prints it)");
  cmd->add_option("--events", f->events_out, "write the event log (JSON lines) here");
  cmd->add_option("--max-steps", f->max_steps, "stop after this many steps (0: no limit)")->capture_default_str();
  cmd->add_option("--timeout", f->timeout, "stop after this many wall-clock seconds (0: no limit)")->capture_default_str();
  cmd->add_flag("--quiet", f->quiet, "demo: do not print the schedule");
}

Command AddDemoCommand(CLI::App* app) {
  auto f = std::make_shared<DemoArgs>();
  CLI::App* cmd = app->add_subcommand("demo", "run the built-in example and print its recorded schedule");
  cmd->add_option("--go", f->version, "Go version profile (1.14 … 1.23)");
  cmd->add_option("--seed", f->seed, "seed of the decision stream")->capture_default_str();
  cmd->add_option("--gomaxprocs", f->gomaxprocs, "number of Ps (default: $GOMAXPROCS, else 2)");
  cmd->add_option("--policy", f->policy, "go | random | pct[:depth[:steps]]")->capture_default_str();
  cmd->add_option("--granularity", f->granularity, "statement | runtime")->capture_default_str();
  AddReplayFlags(cmd, &f->out);
  return Command{cmd, [f] {
                   runtime::Options o;
                   o.FromEnv();
                   o.version = f->version;
                   o.seed = f->seed;
                   if (f->gomaxprocs > 0) o.gomaxprocs = f->gomaxprocs;
                   o.policy = f->policy;
                   o.granularity = f->granularity;
                   return RunDemo(std::move(o), f->out);
                 }};
}

// ReplayDemo replays a schedule file of the built-in example.
int ReplayDemo(const std::string& schedule_path, const ReplayFlags& f) {
  std::string text;
  if (!ReadFile(schedule_path, &text)) return 1;
  runtime::Options o;
  o.replay = text;
  o.replay_name = schedule_path;
  return RunDemo(std::move(o), f);
}

}  // namespace gostep::tools
