// tools/cli_main.cc — GostepMain: wires the subcommands (one file each,
// tools/cli_*.cc) and turns usage errors into one line and exit status 2.
//
//   gostep run FILE.go            compile and run once
//   gostep explore FILE.go        search schedules for failures
//   gostep replay FILE.go SCHED   replay a recorded run (SCHED alone: the demo)
//   gostep test [PATH...]         check scenario headers
//   gostep versions               the version profiles and their evidence
//   gostep demo                   the built-in C++ example
// Exit statuses: tools/cli_common.h and tools/README.md.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "tools/cli_commands.h"

namespace {

using gostep::tools::Command;

// Usage prints "gostep: MESSAGE; see gostep SUB --help" and returns 2.
int Usage(const std::string& message, const CLI::App* sub) {
  std::string help = sub != nullptr ? "gostep " + sub->get_name() + " --help" : "gostep --help";
  std::fprintf(stderr, "gostep: %s; see %s\n", message.c_str(), help.c_str());
  return 2;
}

const CLI::App* GivenSubcommand(const std::vector<Command>& commands) {
  for (const Command& c : commands) {
    if (c.app->parsed()) return c.app;
  }
  return nullptr;
}

}  // namespace

int gostep::tools::GostepMain(int argc, char** argv) {
  CLI::App app{"gostep: a deterministic simulator of the Go runtime"};
  app.require_subcommand(1);
  std::vector<Command> commands = {
      gostep::tools::AddRunCommand(&app),    gostep::tools::AddExploreCommand(&app),
      gostep::tools::AddReplayCommand(&app), gostep::tools::AddTestCommand(&app),
      gostep::tools::AddVersionsCommand(&app), gostep::tools::AddDemoCommand(&app),
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return Usage(e.what(), GivenSubcommand(commands));
  }
  for (const Command& c : commands) {
    if (!c.app->parsed()) continue;
    try {
      return c.run();
    } catch (const gostep::tools::UsageError& e) {
      return Usage(e.what(), c.app);
    }
  }
  return Usage("no subcommand", nullptr);
}
