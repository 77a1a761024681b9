// tools/cli_replay.cc — `gostep replay FILE.go SCHEDULE`: compile FILE.go for
// the profile the schedule names and replay the recorded run, which prints
// the same output byte for byte. `gostep replay SCHEDULE` (one argument)
// replays a schedule of the built-in demo.
#include <cstdio>
#include <variant>

#include "base/schedule_file.h"
#include "tools/cli_commands.h"

namespace gostep::tools {
namespace {

struct ReplayArgs {
  std::vector<std::string> files;
  ReplayFlags out;
};

int ReplayProgram(const std::string& go_file, const std::string& schedule_path, const ReplayFlags& f) {
  std::string text;
  if (!ReadFile(schedule_path, &text)) return 1;
  auto parsed = base::ParseSchedule(text, schedule_path);
  if (const auto* err = std::get_if<std::string>(&parsed)) {
    std::fprintf(stderr, "gostep: %s\n", err->c_str());
    return 1;
  }
  std::string profile = std::get<base::ScheduleFile>(parsed).Get("profile");
  int status = 0;
  std::unique_ptr<lang::Program> program = CompileFile(go_file, profile, &status);
  if (program == nullptr) return status;
  runtime::Options o;
  o.FromEnv();  // GOTRACEBACK etc. are recorded in the header and replaced by it
  o.version = profile;
  o.replay = text;
  o.replay_name = schedule_path;
  o.events = !f.events_out.empty();
  o.limits.max_steps = f.max_steps;
  o.limits.max_wall_seconds = f.timeout;
  runtime::Result r;
  try {
    r = program->Run(o);
  } catch (const runtime::OptionsError& e) {
    std::fprintf(stderr, "gostep: %s\n", e.what());
    return 1;
  }
  PrintProgramOutput(r);
  if (r.outcome == runtime::OutcomeKind::kLimit) std::fprintf(stderr, "%s\n", r.message.c_str());
  if (r.outcome == runtime::OutcomeKind::kDivergence) std::fprintf(stderr, "gostep: %s\n", r.message.c_str());
  if (!f.events_out.empty() && !WriteFile(f.events_out, r.events)) return 1;
  if (!f.schedule_out.empty() && !WriteFile(f.schedule_out, r.schedule)) return 1;
  return ExitStatus(r);
}

}  // namespace

Command AddReplayCommand(CLI::App* app) {
  auto a = std::make_shared<ReplayArgs>();
  CLI::App* cmd = app->add_subcommand(
      "replay", "replay a schedule file: `replay FILE.go SCHEDULE`, or `replay SCHEDULE` for the demo");
  cmd->add_option("files", a->files, "[FILE.go] SCHEDULE")->required()->expected(1, 2);
  AddReplayFlags(cmd, &a->out);
  return Command{cmd, [a] {
                   if (a->files.size() == 1) return ReplayDemo(a->files[0], a->out);
                   return ReplayProgram(a->files[0], a->files[1], a->out);
                 }};
}

}  // namespace gostep::tools
