// scheduler/crash.cc — how a simulated Go program dies.
//
// Unrecovered panics, fatal errors and throws end the run with Go's text on
// the program's stderr and exit code 2 (panic.go:fatalpanic/fatalthrow). The
// goroutine dump follows base/go_output.h; this file turns Gs into its
// GoroutineInfo records. A simulated crash is an outcome: the host process
// goes on, tears the goroutines down and reports it.
#include <fmt/format.h>

#include "base/check.h"
#include "scheduler/scheduler.h"

namespace gostep::sched {
// Goroot puts the configured GOROOT in place of "$GOROOT" in a runtime path.
std::string Scheduler::Goroot(std::string file) const {
  if (file.starts_with(kGoroot)) file.replace(0, std::string_view(kGoroot).size(), config_.goroot);
  return file;
}

base::GoroutineInfo Scheduler::Describe(const G* g) const {
  base::GoroutineInfo info;
  info.goid = g->goid;
  info.system = g->system;
  if (g->status == GStatus::kWaiting) {
    std::string_view r = WaitReasonString(g->waitreason, *config_.profile);
    info.status = r.empty() ? "waiting" : std::string(r);
    if (g->waitsince != 0) info.wait_minutes = (MaxClock() - g->waitsince) / kMinute;
  } else {
    info.status = std::string(GStatusString(g->status));
    info.running_elsewhere = g->status == GStatus::kRunning && g != cur_;
  }
  // Blocked: the runtime functions it waits in; crashing: those it dies in.
  AppendRtFrames(g->rtframes, *config_.profile, &info.frames);
  if (g->frames != nullptr) {
    g->frames->AppendFrames(&info.frames);
  } else {
    info.frames.push_back(base::GoFrame{.func = names_[g->name],
                                        .file = g->pos.file ? g->pos.file : "?",
                                        .line = static_cast<int>(g->pos.line)});
    // The bottom of the stack, shown from GOTRACEBACK=system.
    AppendRtFrames(g == main_g_ ? frames::kMainTail : frames::kGoexit, *config_.profile, &info.frames);
  }
  for (base::GoFrame& f : info.frames) f.file = Goroot(f.file);
  if (g->creator_name != 0) {
    info.has_creator = true;
    info.creator = base::GoFrame{.func = names_[g->creator_name],
                                 .file = g->created_at.file ? g->created_at.file : "?",
                                 .line = static_cast<int>(g->created_at.line)};
    info.creator.file = Goroot(info.creator.file);
    info.creator_goid = g->creator_goid;
  }
  return info;
}

std::vector<base::GoroutineInfo> Scheduler::DumpAll() const {
  std::vector<base::GoroutineInfo> out;
  for (const G* g : allgs_) {
    if (g->status == GStatus::kDead || g->goid == 0) continue;
    out.push_back(Describe(g));
  }
  return out;
}

void Scheduler::CrashPanic(G* g, const GoPanic& p) {
  err_ += base::PanicLine(*config_.profile, p.value, false);
  std::vector<base::GoroutineInfo> gs = DumpAll();
  for (base::GoroutineInfo& info : gs) {
    if (info.goid != g->goid) continue;
    info.status = "running";
    info.running_elsewhere = false;
    info.frames.clear();
    AppendRtFrames(frames::kGopanic, *config_.profile, &info.frames);
    AppendRtFrames(p.frames, *config_.profile, &info.frames);
    size_t before = info.frames.size();
    // An interpreter goroutine has its own frames at the panic (lang/exec).
    if (g->frames != nullptr) g->frames->AppendFrames(&info.frames);
    if (info.frames.size() == before) {
      info.frames.push_back(base::GoFrame{.func = names_[g->name],
                                          .file = p.pos.file ? p.pos.file : (g->pos.file ? g->pos.file : "?"),
                                          .line = static_cast<int>(p.pos.file ? p.pos.line : g->pos.line)});
    }
    AppendRtFrames(g == main_g_ ? frames::kMainTail : frames::kGoexit, *config_.profile, &info.frames);
    for (base::GoFrame& f : info.frames) f.file = Goroot(f.file);
  }
  err_ += base::FormatCrashDump(*config_.profile, base::CrashKind::kPanic, config_.traceback, g->goid, gs);
  if (log_->on()) log_->Begin(step_, cur_p_->clock, "panic").Uint("g", g->goid).Str("value", p.value);
  Finish(OutcomeKind::kPanic, 2, "panic: " + p.value);
}

void Scheduler::CrashFatal(std::string_view msg, base::CrashKind kind, G* current) {
  err_ += base::FatalLine(msg);
  std::vector<base::GoFrame> g0;
  if (kind == base::CrashKind::kDeadlock) {
    // checkdead runs on the g0 of the last M to go idle, after the last
    // goroutine parked (park_m) or exited (goexit0): schedule ->
    // findRunnable -> stopm -> mput -> checkdead.
    bool none = msg.starts_with("no goroutines");
    RtFrames chain = none ? (last_idle_exit_ ? frames::kCheckdeadNoGoroutinesAfterExit
                                              : frames::kCheckdeadNoGoroutinesAfterPark)
                          : (last_idle_exit_ ? frames::kCheckdeadAfterExit : frames::kCheckdeadAfterPark);
    AppendRtFrames(chain, *config_.profile, &g0);
    for (base::GoFrame& f : g0) f.file = Goroot(f.file);
  }
  err_ += base::FormatCrashDump(*config_.profile, kind, config_.traceback, current ? current->goid : 0, DumpAll(),
                                g0);
  if (log_->on()) log_->Begin(step_, MaxClock(), "fatal").Str("msg", msg);
  Finish(OutcomeKind::kFatal, 2, std::string(msg));
}

void Scheduler::Fatal(std::string_view msg, RtFrames frames, SourcePos pos) {
  if (cur_ != nullptr) {
    cur_->rtframes = frames;
    if (pos.file != nullptr) cur_->pos = pos;
  }
  CrashFatal(msg, base::CrashKind::kUserFatal, cur_);
  SwitchAway(nullptr);
  throw GoroutineUnwind{};
}

void Scheduler::Abort(OutcomeKind kind, int code, std::string message) {
  GOSTEP_CHECK(cur_ != nullptr) << "Abort outside a goroutine";
  Finish(kind, code, std::move(message));
  SwitchAway(nullptr);
  throw GoroutineUnwind{};
}

void Scheduler::Throw(std::string_view msg) {
  CrashFatal(msg, base::CrashKind::kRuntimeThrow, cur_);
  SwitchAway(nullptr);
  throw GoroutineUnwind{};
}

}  // namespace gostep::sched
