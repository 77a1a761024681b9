// tools/cli_commands.h — the subcommands of gostep, one file each.
#pragma once

#include <CLI/CLI.hpp>

#include "tools/cli_common.h"
#include "tools/cli_main.h"

namespace gostep::tools {

Command AddDemoCommand(CLI::App* app);      // cli_demo.cc: demo, and replay of a demo schedule
Command AddRunCommand(CLI::App* app);       // cli_run.cc
Command AddExploreCommand(CLI::App* app);   // cli_explore.cc
Command AddReplayCommand(CLI::App* app);    // cli_replay.cc
Command AddTestCommand(CLI::App* app);      // cli_test.cc
Command AddVersionsCommand(CLI::App* app);  // cli_versions.cc

// ReplayFlags: the output flags of demo and replay.
struct ReplayFlags {
  std::string schedule_out, events_out;
  uint64_t max_steps = 50'000'000;
  double timeout = 60;
  bool quiet = false;
};
void AddReplayFlags(CLI::App* cmd, ReplayFlags* f);

// ReplayDemo replays a schedule file of the built-in example (cli_demo.cc).
int ReplayDemo(const std::string& schedule_path, const ReplayFlags& f);

// ParseDuration reads "10s", "500ms", "2m", "1h" or plain seconds ("2.5");
// false if malformed or negative.
bool ParseDuration(const std::string& text, double* seconds);

}  // namespace gostep::tools
