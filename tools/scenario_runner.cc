// tools/scenario_runner.cc — ScenarioRunner::Check: one case, every check.
//
// Order: compile (cached per profile); compile-error expectations; the single
// run (if needed) against exit/panic/fatal/stderr/out; then each explore
// expectation. Every failed check adds "want …, got …" to the detail.
#include <fmt/format.h>

#include <algorithm>

#include "tools/explore.h"
#include "tools/faults.h"
#include "tools/scenario_runner.h"

namespace gostep::tools {
namespace {

std::string FirstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

bool IsSingleRun(ExpectKind k) {
  return k == ExpectKind::kExit || k == ExpectKind::kPanic || k == ExpectKind::kFatal ||
         k == ExpectKind::kStderrContains;
}

// Got describes a single run's outcome: "exit 0", "panic: x", "limit: …".
std::string Got(const runtime::Result& r) { return FirstLine(runtime::OutcomeText(r)); }

bool ExitedWith(const runtime::Result& r, int code) {
  using runtime::OutcomeKind;
  return (r.outcome == OutcomeKind::kExit || r.outcome == OutcomeKind::kPanic || r.outcome == OutcomeKind::kFatal) &&
         r.exit_code == code;
}

// CheckSingle checks one single-run expectation; "" if it holds.
std::string CheckSingle(const Expectation& x, const runtime::Result& r) {
  switch (x.kind) {
    case ExpectKind::kExit:
      return ExitedWith(r, x.code) ? "" : fmt::format("want exit {}, got {}", x.code, Got(r));
    case ExpectKind::kPanic:
    case ExpectKind::kFatal:
      return Got(r) == x.text ? "" : fmt::format("want {}, got {}", x.text, Got(r));
    case ExpectKind::kStderrContains:
      return r.stderr_text.find(x.text) != std::string::npos
                 ? ""
                 : fmt::format("want stderr containing \"{}\", got {}", x.text, Got(r));
    default: return "";
  }
}

std::string CheckOut(const std::vector<std::string>& want, const std::string& got) {
  std::string expected;
  for (const std::string& l : want) expected += l + "\n";
  if (got == expected) return "";
  size_t line = 1, i = 0;
  while (i < got.size() && i < expected.size() && got[i] == expected[i]) line += got[i++] == '\n';
  auto line_at = [&](const std::string& s) {
    size_t start = s.rfind('\n', i == 0 ? 0 : i - 1);
    start = (i == 0 || start == std::string::npos) ? 0 : start + 1;
    if (start >= s.size()) return std::string("(end of output)");
    return "\"" + s.substr(start, s.find('\n', start) - start) + "\"";
  };
  return fmt::format("stdout line {}: want {}, got {}", line, line_at(expected), line_at(got));
}

void Add(std::string* detail, const std::string& why) {
  if (!why.empty()) *detail += (detail->empty() ? "" : "; ") + why;
}

}  // namespace

bool ExploreOutcomeMatches(const std::string& want, const std::string& outcome) {
  if (want == "deadlock") return outcome.find("deadlock") != std::string::npos;
  return outcome == (want == "exit 0" ? "ok" : want);
}

ScenarioRunner::ScenarioRunner(std::string path, std::string source, RunnerConfig config)
    : path_(std::move(path)), source_(std::move(source)), config_(std::move(config)) {
  if (!config_.compile) config_.compile = Compiler();
}

const ScenarioRunner::Compiled& ScenarioRunner::CompileFor(const base::VersionProfile& p) {
  auto it = compiled_.find(p.name);
  if (it != compiled_.end()) return it->second;
  Compiled c;
  lang::DiagList diags(path_);
  c.program = config_.compile(path_, source_, p.name, &diags);
  for (const lang::Diagnostic& d : diags.list()) c.messages.push_back(d.message);
  if (!diags.empty()) c.first_diag = diags.list().front().Text();
  return compiled_.emplace(p.name, std::move(c)).first->second;
}

runtime::Options ScenarioRunner::SingleOptions(const TestCase& c) const {
  runtime::Options o;
  const Settings& s = c.settings;
  o.version = std::string(c.profile->name);
  o.seed = s.seed;
  o.gomaxprocs = s.gomaxprocs;
  o.policy = s.policy;
  o.granularity = s.granularity.empty() ? "statement" : s.granularity;
  o.map_faults = JoinFaults(s.faults);
  o.godebug = s.godebug;
  if (!s.gogc.empty()) o.gogc = s.gogc;
  o.gomemlimit = s.gomemlimit;
  o.program = path_;
  o.limits.max_steps = config_.max_steps;
  o.limits.max_wall_seconds = config_.timeout_s;
  return o;
}

runtime::Options ScenarioRunner::ExploreOptions(const TestCase& c) const {
  runtime::Options o = SingleOptions(c);
  o.policy = c.settings.explore;
  o.granularity = c.settings.granularity.empty() ? "runtime" : c.settings.granularity;
  return o;
}

std::string ScenarioRunner::CheckExplore(const TestCase& c, const lang::Program& p, const Expectation& x) {
  ExploreConfig cfg{.options = ExploreOptions(c), .runs = x.runs, .jobs = config_.jobs, .base_seed = c.settings.seed};
  bool finds = x.kind == ExpectKind::kExploreFinds;
  std::string want = x.text;
  cfg.stop = finds ? std::function<bool(const std::string&)>(
                         [want](const std::string& o) { return ExploreOutcomeMatches(want, o); })
                   : [](const std::string& o) { return IsFailure(o); };
  ExploreReport r = Explore(p, cfg);
  if (!r.error.empty()) return "explore: " + r.error;
  if (finds) return r.stopped ? "" : fmt::format("want {}, not found in {} runs", x.source, r.runs_done);
  if (!r.stopped) return "";
  const RunRecord& bad = r.firsts.back();
  return fmt::format("want {}, got {} at run {} (seed {})", x.source, bad.outcome, bad.index, bad.seed);
}

CaseResult ScenarioRunner::Check(const TestCase& c) {
  if (c.wants.empty() && !c.has_out) return {false, "no expectation for this profile"};
  const Compiled& compiled = CompileFor(*c.profile);
  std::string detail;
  for (const Expectation* x : c.wants) {
    if (x->kind != ExpectKind::kCompileError) continue;
    bool found = std::find(compiled.messages.begin(), compiled.messages.end(), x->text) != compiled.messages.end();
    if (!found) {
      Add(&detail, fmt::format("want compile error: {}, got {}", x->text,
                               compiled.program ? "no compile error" : compiled.first_diag));
    }
  }
  bool single = c.has_out || std::any_of(c.wants.begin(), c.wants.end(), [](const Expectation* x) {
                  return IsSingleRun(x->kind);
                });
  bool explore = std::any_of(c.wants.begin(), c.wants.end(), [](const Expectation* x) {
    return x->kind == ExpectKind::kExploreFinds || x->kind == ExpectKind::kNeverFails;
  });
  if ((single || explore) && compiled.program == nullptr) {
    Add(&detail, "compile error: " + compiled.first_diag);
    return {false, detail};
  }
  if (single) {
    runtime::Result r;
    try {
      r = compiled.program->Run(SingleOptions(c));
    } catch (const runtime::OptionsError& e) {
      Add(&detail, e.what());
      return {false, detail};
    }
    for (const Expectation* x : c.wants) Add(&detail, CheckSingle(*x, r));
    if (c.has_out) Add(&detail, CheckOut(c.out, r.stdout_text));
  }
  for (const Expectation* x : c.wants) {
    if (x->kind == ExpectKind::kExploreFinds || x->kind == ExpectKind::kNeverFails) {
      Add(&detail, CheckExplore(c, *compiled.program, *x));
    }
  }
  return {detail.empty(), detail};
}

}  // namespace gostep::tools
