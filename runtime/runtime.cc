#include "runtime/runtime.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

#include "base/check.h"
#include "gc/gc_env.h"
#include "runtime/gc_binding.h"
#include "runtime/map_binding.h"
#include "runtime/go.h"
#include "runtime/sync.h"

namespace gostep::runtime {
namespace {

bool ParseInt(std::string_view s, int64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

// ParseGodebug reads the GODEBUG settings gostep models; others are ignored,
// as the Go runtime ignores unknown keys.
// cpu.aes=off (internal/cpu's GODEBUG option) turns AES map hashing off:
// alginit then uses the memhash fallback.
void ParseGodebug(std::string_view v, bool* asyncpreemptoff, bool* asynctimerchan, bool* gctrace, bool* aes_off) {
  while (!v.empty()) {
    std::string_view kv = v.substr(0, v.find(','));
    v.remove_prefix(std::min(v.size(), kv.size() + 1));
    std::string_view key = kv.substr(0, kv.find('='));
    std::string_view val = key.size() < kv.size() ? kv.substr(key.size() + 1) : "";
    if (key == "asyncpreemptoff") *asyncpreemptoff = val == "1";
    if (key == "asynctimerchan") *asynctimerchan = val == "1";
    if (key == "gctrace") *gctrace = val == "1";
    if (key == "cpu.aes") *aes_off = val == "off";
  }
}

std::string OneLine(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

Options& Options::FromEnv() {
  if (const char* v = std::getenv("GOMAXPROCS")) {
    int64_t n;
    if (ParseInt(v, &n) && n > 0) gomaxprocs = static_cast<int>(n);  // Go ignores bad values
  }
  if (const char* v = std::getenv("GODEBUG")) godebug = v;
  if (const char* v = std::getenv("GOTRACEBACK")) gotraceback = v;
  if (const char* v = std::getenv("GOGC")) gogc = v;
  if (const char* v = std::getenv("GOMEMLIMIT")) gomemlimit = v;
  return *this;
}

std::string OutcomeText(const Result& r) {
  switch (r.outcome) {
    case OutcomeKind::kRunning: return "running";
    case OutcomeKind::kExit: return fmt::format("exit {}", r.exit_code);
    case OutcomeKind::kPanic: return r.message;
    case OutcomeKind::kFatal: return "fatal error: " + r.message;
    case OutcomeKind::kLimit: return "limit: " + r.message;
    case OutcomeKind::kDivergence: return "divergence: " + r.message;
    case OutcomeKind::kFault: return "fault: " + r.message;
  }
  return "?";
}

Runtime::Runtime(Options options) : options_(std::move(options)) {
  if (!options_.replay.empty()) {
    auto parsed = base::ParseSchedule(options_.replay, options_.replay_name);
    if (auto* err = std::get_if<std::string>(&parsed)) throw OptionsError(*err);
    replay_ = std::get<base::ScheduleFile>(std::move(parsed));
    replaying_ = true;
    ApplyReplayHeader();
  }
  profile_ = base::FindProfile(options_.version);
  if (profile_ == nullptr) {
    throw OptionsError(fmt::format("unknown Go version \"{}\" (gostep models {})", options_.version,
                                   base::ProfileNames()));
  }
  if (!sched::ParsePolicy(options_.policy, &policy_)) {
    throw OptionsError(fmt::format("unknown policy \"{}\" (want go, random, or pct[:depth[:steps]])", options_.policy));
  }
  if (options_.granularity == "statement") {
    granularity_ = sched::Granularity::kStatement;
  } else if (options_.granularity == "runtime") {
    granularity_ = sched::Granularity::kRuntime;
  } else {
    throw OptionsError(fmt::format("unknown granularity \"{}\" (want statement or runtime)", options_.granularity));
  }
  if (options_.gomaxprocs < 1 || options_.gomaxprocs > 1024) {
    throw OptionsError(fmt::format("gomaxprocs must be in [1, 1024], not {}", options_.gomaxprocs));
  }
  if (options_.stack_slots < 2 || options_.stack_bytes < 32 * 1024) {
    throw OptionsError("stack_slots must be >= 2 and stack_bytes >= 32 KiB");
  }
  bool aes_off = false;
  ParseGodebug(options_.godebug, &asyncpreemptoff_, &asynctimerchan_, &gctrace_, &aes_off);
  if (aes_off) options_.map_hash = "fallback";
  if (!gc::ParseBarrier(options_.barrier, &barrier_)) {
    throw OptionsError(fmt::format("unknown barrier \"{}\" (want hybrid, dijkstra, yuasa or none)", options_.barrier));
  }
  if (options_.map_hash != "aes" && options_.map_hash != "fallback") {
    throw OptionsError(fmt::format("unknown map_hash \"{}\" (want aes or fallback)", options_.map_hash));
  }
  std::string bad;
  if (!ParseMapFaults(options_.map_faults, &map_faults_, &bad)) {
    throw OptionsError(fmt::format("unknown map fault \"{}\" (want untraced-iterator, no-misuse-detection or "
                                   "no-write-barrier-on-map-store)", bad));
  }
}

gc::CollectorConfig Runtime::MakeGcConfig(int64_t memory_limit) const {
  return gc::CollectorConfig{.barrier = barrier_,
                             .rescan_stacks = options_.rescan_stacks,
                             .manual = options_.gc_manual,
                             .gogc = gc::ParseGogc(options_.gogc),
                             .memory_limit = memory_limit,
                             .gctrace = gctrace_,
                             .verify = options_.gc_verify,
                             .max_heap_bytes = options_.max_heap_bytes};
}

Runtime::~Runtime() = default;

// ApplyReplayHeader makes the run use the recorded run's options.
void Runtime::ApplyReplayHeader() {
  auto need = [&](const char* key) {
    std::string v = replay_.Get(key);
    if (v.empty()) throw OptionsError(fmt::format("{}: the header has no \"{}\" line", options_.replay_name, key));
    return v;
  };
  options_.version = need("profile");
  options_.policy = need("policy");
  options_.granularity = need("granularity");
  int64_t n = 0;
  if (!ParseInt(need("gomaxprocs"), &n)) throw OptionsError(options_.replay_name + ": bad gomaxprocs in the header");
  options_.gomaxprocs = static_cast<int>(n);
  if (!ParseInt(need("seed"), &n)) throw OptionsError(options_.replay_name + ": bad seed in the header");
  options_.seed = static_cast<uint64_t>(n);
  options_.godebug = replay_.Get("godebug");
  options_.program = replay_.Get("program");
  options_.gotraceback = replay_.Get("gotraceback");
  // The collector's options (absent from recordings made before it existed).
  if (std::string v = replay_.Get("gogc"); !v.empty()) options_.gogc = v;
  options_.gomemlimit = replay_.Get("gomemlimit");
  if (std::string v = replay_.Get("barrier"); !v.empty()) options_.barrier = v;
  options_.rescan_stacks = replay_.Get("rescan") != "0";
  options_.gc_manual = replay_.Get("gc") == "manual";
  options_.gc_verify = replay_.Get("gcverify") == "1";
  if (std::string v = replay_.Get("maphash"); !v.empty()) options_.map_hash = v;
  options_.map_faults = replay_.Get("mapfaults");
}

sched::Config Runtime::MakeConfig() const {
  sched::Config c;
  c.profile = profile_;
  c.gomaxprocs = options_.gomaxprocs;
  c.policy = policy_;
  c.granularity = granularity_;
  c.asyncpreemptoff = asyncpreemptoff_;
  c.asynctimerchan = asynctimerchan_;
  c.traceback = base::ParseGotraceback(options_.gotraceback);
  c.goroot = options_.goroot;
  c.finalizer_goroutine = options_.finalizer_goroutine;
  c.stacks = {.slot_bytes = options_.stack_bytes, .max_slots = options_.stack_slots};
  c.limits = options_.limits;
  return c;
}

base::ScheduleFile Runtime::Header() const {
  base::ScheduleFile f;
  f.Set("gostep", GOSTEP_VERSION);
  f.Set("profile", std::string(profile_->name));
  f.Set("policy", sched::PolicyName(policy_));
  f.Set("seed", std::to_string(options_.seed));
  f.Set("gomaxprocs", std::to_string(options_.gomaxprocs));
  f.Set("granularity", options_.granularity);
  f.Set("godebug", options_.godebug);
  f.Set("gotraceback", options_.gotraceback);
  f.Set("program", options_.program);
  f.Set("gogc", options_.gogc);
  f.Set("gomemlimit", options_.gomemlimit);
  f.Set("barrier", options_.barrier);
  f.Set("rescan", options_.rescan_stacks ? "1" : "0");
  f.Set("gc", options_.gc_manual ? "manual" : "auto");
  f.Set("gcverify", options_.gc_verify ? "1" : "0");
  f.Set("maphash", options_.map_hash);
  f.Set("mapfaults", options_.map_faults);
  return f;
}

void Runtime::Go(std::function<void()> fn, std::string name) {
  GOSTEP_CHECK(!ran_) << "Runtime::Go after Run";
  registered_.emplace_back(std::move(fn), std::move(name));
}

Result Runtime::Run() {
  auto goroutines = std::move(registered_);
  return Run([goroutines = std::move(goroutines)] {
    gostep::WaitGroup wg;
    wg.Add(static_cast<int64_t>(goroutines.size()));
    for (auto& entry : goroutines) {  // no structured binding: clang 14 cannot capture one
      auto& fn = entry.first;
      gostep::Go(
          [&wg, &fn] {
            fn();
            wg.Done();
          },
          {.name = entry.second});
    }
    wg.Wait();
  });
}

Result Runtime::Run(std::function<void()> main) {
  if (ran_) throw OptionsError("a Runtime runs once");
  ran_ = true;
  base::DecisionPath path = replaying_ ? base::DecisionPath(replay_.decisions) : base::DecisionPath(options_.seed);
  base::EventLog log;
  log.set_on(options_.events);
  Result r;
  gc::MemoryLimitSetting limit = gc::ParseMemoryLimit(options_.gomemlimit);
  if (!limit.fatal_error.empty()) {
    // readGOMEMLIMIT throws during schedinit: Go's fatal error, exit status 2.
    r.outcome = OutcomeKind::kFatal;
    r.exit_code = 2;
    r.message = std::string(gc::kMalformedGomemlimit);
    r.stderr_text = limit.fatal_error;
    return r;
  }
  {
    sched::Scheduler s(MakeConfig(), &path, &log);
    GcBinding gc(&s, MakeGcConfig(limit.limit), &log);
    GcBinding::SetCurrent(&gc);
    MapBinding maps(&s, &gc.collector(), {.use_aes = options_.map_hash == "aes", .faults = map_faults_}, &log);
    MapBinding::SetCurrent(&maps);
    s.Run(std::move(main), {.name = "main.main"});
    MapBinding::SetCurrent(nullptr);
    GcBinding::SetCurrent(nullptr);
    const sched::Outcome& o = s.outcome();
    r.outcome = o.kind;
    r.exit_code = o.exit_code;
    r.message = o.message;
    r.steps = s.steps();
    r.virtual_time = s.MaxClock();
    r.stdout_text = std::move(s.stdout_text());
    r.stderr_text = std::move(s.stderr_text());
    r.divergence_step = path.divergence_step();
  }
  r.events = log.Take();
  base::ScheduleFile f = Header();
  f.end_step = r.steps;
  // The end line is one line: a multi-line outcome (a lost object's report)
  // keeps its newlines escaped.
  f.end_outcome = OneLine(OutcomeText(r));
  if (replaying_ && r.outcome != OutcomeKind::kDivergence &&
      (r.steps != replay_.end_step || f.end_outcome != replay_.end_outcome)) {
    r.message = fmt::format("the run ended at step {} with \"{}\", but the recording ended at step {} with \"{}\"",
                            r.steps, f.end_outcome, replay_.end_step, replay_.end_outcome);
    r.outcome = OutcomeKind::kDivergence;
    r.exit_code = 1;
    r.divergence_step = std::min(r.steps, replay_.end_step);
  }
  if (options_.schedule_text) r.schedule = base::FormatSchedule(f, path);
  return r;
}

}  // namespace gostep::runtime
