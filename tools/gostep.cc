// tools/gostep.cc — the gostep command.
//
//   gostep demo [options]          run the built-in example, print its schedule
//   gostep replay FILE [options]   replay a schedule file of the built-in example
//   gostep versions                list the Go version profiles
//
// Exit status: the simulated program's (0, os.Exit's code, 2 for a Go panic or
// fatal error); 3 when a gostep limit stopped the run; 4 when a replay
// diverged; 1 for bad options or files. GOMAXPROCS, GODEBUG and GOTRACEBACK
// are read from the environment as Go reads them; flags override them.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/version_profile.h"
#include "runtime/runtime.h"
#include "tools/demo.h"

namespace {

using gostep::runtime::Options;
using gostep::runtime::OutcomeKind;
using gostep::runtime::Result;

struct Flags {
  std::string version = std::string(gostep::base::NewestProfile().name);
  uint64_t seed = 1;
  int gomaxprocs = 0;
  std::string policy = "go";
  std::string granularity = "statement";
  std::string schedule_out;
  std::string events_out;
  uint64_t max_steps = 50'000'000;
  double timeout = 60;
  bool quiet = false;
};

void AddRunFlags(CLI::App* cmd, Flags* f, bool replay) {
  if (!replay) {
    cmd->add_option("--go", f->version, "Go version profile (1.14 … 1.23)");
    cmd->add_option("--seed", f->seed, "seed of the decision stream");
    cmd->add_option("--gomaxprocs", f->gomaxprocs, "number of Ps (default: $GOMAXPROCS, else 2)");
    cmd->add_option("--policy", f->policy, "go | random | pct[:depth[:steps]]");
    cmd->add_option("--granularity", f->granularity, "statement | runtime");
  }
  cmd->add_option("--schedule-out", f->schedule_out, "write the schedule file here (default: print it)");
  cmd->add_option("--events", f->events_out, "write the event log (JSON lines) here");
  cmd->add_option("--max-steps", f->max_steps, "stop after this many steps (0: no limit)");
  cmd->add_option("--timeout", f->timeout, "stop after this many wall-clock seconds (0: no limit)");
  cmd->add_flag("--quiet", f->quiet, "do not print the schedule");
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

int Report(const Result& r, const Flags& f) {
  std::fwrite(r.stdout_text.data(), 1, r.stdout_text.size(), stdout);
  std::fflush(stdout);
  std::fwrite(r.stderr_text.data(), 1, r.stderr_text.size(), stderr);
  if (r.outcome == OutcomeKind::kLimit) std::fprintf(stderr, "%s\n", r.message.c_str());
  if (r.outcome == OutcomeKind::kDivergence) std::fprintf(stderr, "gostep: %s\n", r.message.c_str());
  if (!f.events_out.empty() && !WriteFile(f.events_out, r.events)) {
    std::fprintf(stderr, "gostep: cannot write %s\n", f.events_out.c_str());
    return 1;
  }
  if (!f.schedule_out.empty()) {
    if (!WriteFile(f.schedule_out, r.schedule)) {
      std::fprintf(stderr, "gostep: cannot write %s\n", f.schedule_out.c_str());
      return 1;
    }
  } else if (!f.quiet) {
    std::printf("\n--- recorded schedule (%llu steps; `gostep replay FILE` reproduces the run) ---\n%s",
                static_cast<unsigned long long>(r.steps), r.schedule.c_str());
  }
  switch (r.outcome) {
    case OutcomeKind::kLimit: return 3;
    case OutcomeKind::kDivergence: return 4;
    case OutcomeKind::kFault: return 5;
    default: return r.exit_code;
  }
}

int RunDemo(Options o, const Flags& f) {
  o.limits.max_steps = f.max_steps;
  o.limits.max_wall_seconds = f.timeout;
  o.events = !f.events_out.empty();
  o.program = "demo";
  try {
    gostep::runtime::Runtime rt(std::move(o));
    return Report(rt.Run(gostep::tools::DemoMain), f);
  } catch (const gostep::runtime::OptionsError& e) {
    std::fprintf(stderr, "gostep: %s\n", e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gostep: a deterministic simulator of the Go runtime"};
  app.require_subcommand(1);
  Flags demo_flags, replay_flags;
  std::string replay_file;

  CLI::App* demo = app.add_subcommand("demo", "run the built-in example and print its recorded schedule");
  AddRunFlags(demo, &demo_flags, false);
  CLI::App* replay = app.add_subcommand("replay", "replay a schedule file of the built-in example");
  replay->add_option("file", replay_file, "schedule file")->required();
  AddRunFlags(replay, &replay_flags, true);
  app.add_subcommand("versions", "list the Go version profiles");

  CLI11_PARSE(app, argc, argv);

  if (app.got_subcommand("versions")) {
    for (const auto& p : gostep::base::AllProfiles()) std::printf("%s\n", std::string(p.name).c_str());
    return 0;
  }
  if (app.got_subcommand("demo")) {
    Options o;
    o.FromEnv();
    o.version = demo_flags.version;
    o.seed = demo_flags.seed;
    if (demo_flags.gomaxprocs > 0) o.gomaxprocs = demo_flags.gomaxprocs;
    o.policy = demo_flags.policy;
    o.granularity = demo_flags.granularity;
    return RunDemo(std::move(o), demo_flags);
  }
  std::ifstream in(replay_file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "gostep: cannot read %s\n", replay_file.c_str());
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  Options o;
  o.replay = text.str();
  o.replay_name = replay_file;
  return RunDemo(std::move(o), replay_flags);
}
