// tools/cli_run.cc — `gostep run FILE.go`: compile once, run once.
//
// Prints the program's stdout and stderr exactly and exits with its status
// (tools/cli_common.h). Optional outputs: the schedule file, the event log
// and the Chrome trace made from it.
#include <fmt/format.h>

#include <memory>

#include "tools/cli_commands.h"
#include "tools/cli_common.h"
#include "tools/trace_hook.h"

namespace gostep::tools {
namespace {

struct RunArgs {
  std::string file;
  RunFlags flags;
  uint64_t seed = 1;
  std::string schedule_out, events_out, trace_out;
};

// WriteOutputs writes the schedule, events and trace files asked for.
bool WriteOutputs(const RunArgs& a, const runtime::Result& r) {
  if (!a.schedule_out.empty() && !WriteFile(a.schedule_out, r.schedule)) return false;
  if (!a.events_out.empty() && !WriteFile(a.events_out, r.events)) return false;
  if (!a.trace_out.empty() && !WriteFile(a.trace_out, ChromeTraceConverter()(r.events))) return false;
  return true;
}

int Run(const RunArgs& a) {
  runtime::Options o = MakeOptions(a.flags);
  o.seed = a.seed;
  o.policy = a.flags.policy.empty() ? "go" : a.flags.policy;
  if (o.policy != "go" && o.policy != "random" && !o.policy.starts_with("pct")) {
    throw UsageError(fmt::format("--policy: want go, random or pct[:depth[:steps]], not \"{}\"", o.policy));
  }
  if (!a.trace_out.empty() && ChromeTraceConverter() == nullptr) {
    std::fprintf(stderr, "gostep: --trace: this build has no Chrome trace exporter (runtime/trace_export.h)\n");
    return 1;
  }
  o.events = !a.events_out.empty() || !a.trace_out.empty();
  o.program = a.file;
  int status = 0;
  std::unique_ptr<lang::Program> program = CompileFile(a.file, o.version, &status);
  if (program == nullptr) return status;
  runtime::Result r;
  try {
    r = program->Run(o);
  } catch (const runtime::OptionsError& e) {
    std::fprintf(stderr, "gostep: %s\n", e.what());
    return 1;
  }
  PrintProgramOutput(r);
  if (r.outcome == runtime::OutcomeKind::kLimit) std::fprintf(stderr, "%s\n", r.message.c_str());
  if (!WriteOutputs(a, r)) return 1;
  return ExitStatus(r);
}

}  // namespace

Command AddRunCommand(CLI::App* app) {
  auto a = std::make_shared<RunArgs>();
  CLI::App* cmd = app->add_subcommand("run", "compile a Go scenario and run it once");
  cmd->add_option("file", a->file, "the scenario (.go)")->required();
  AddRunFlags(cmd, &a->flags, "go | random | pct[:depth[:steps]] (default: go)");
  cmd->add_option("--seed", a->seed, "seed of the decision stream")->capture_default_str();
  cmd->add_option("--schedule-out", a->schedule_out, "write the schedule file here");
  cmd->add_option("--events", a->events_out, "write the event log (JSON lines) here");
  cmd->add_option("--trace", a->trace_out, "write a Chrome trace (Perfetto) here");
  return Command{cmd, [a] { return Run(*a); }};
}

}  // namespace gostep::tools
