// runtime/trace_export.cc — event log → Chrome Trace Event JSON.
//
// Design: one pass over the log in step order. An Exporter keeps, per track,
// the slice that is open (a goroutine running on a P, a GC phase, a
// stop-the-world) and writes it as one complete ("X") event when it closes.
// A slice reserves its place in the output when it opens, so the file lists
// slices by start and a parent (a GC cycle) before its children. Tracks are
// numbered only at the end, when the number of Ps is known.
//
// What each event gives (docs/EVENTS.md, docs/TRACE.md):
//   run g p            a slice of G g opens on P p
//   status g dead/waiting/runnable
//                      if g is running: its slice closes (exited, blocked with
//                      the wait reason, preempted after `preempt`, or yielded);
//                      if not: g was readied by `by` — a flow arrow starts in
//                      the waker's slice and ends in g's next slice
//   go g parent fn     names g; a flow arrow from the parent's slice
//   gc_phase, stw-*    slices on the GC and STW tracks
//   alloc/free, go/dead, gc_phase heap_live/heap_goal
//                      counters
//
// Time: every event's `t` is virtual nanoseconds on the clock of the P
// concerned (Ps have their own clocks, so `t` is not monotonic across the
// log). Goroutine slices use their P's clock. The GC and STW tracks, fed
// from whichever P ran the step, never go back in time: each uses the
// largest `t` seen so far on it; counters use the largest `t` in the log so
// far. `ts` is microseconds (ns / 1000), fractional.
#include "runtime/trace_export.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace gostep::runtime {
namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;  // output: fields in writing order

constexpr int kGcTrack = -1;
constexpr int kStwTrack = -2;
constexpr int kNoTrack = -3;  // process-scoped: counters, instants
constexpr size_t kNone = static_cast<size_t>(-1);
constexpr uint64_t kNoGoal = UINT64_MAX;  // gc/pacer.h: no heap goal (GOGC=off)

double Micros(int64_t ns) { return static_cast<double>(ns) / 1000.0; }

// Inside returns a time in [start, end] for a flow end bound to that slice,
// kept 1 ns from the edges so a viewer's rounding cannot move it out.
int64_t Inside(int64_t ts, int64_t start, int64_t end) {
  if (end - start < 2) return start + (end - start) / 2;
  return std::clamp(ts, start + 1, end - 1);
}

struct Slice {
  bool open = false;
  size_t out = 0;  // its reserved place in the output
  int64_t start = 0;
};

// GSlice is a goroutine running on a P.
struct GSlice : Slice {
  uint64_t g = 0;
  bool inherit = false;
  std::string preempt_at;         // set by a `preempt` event
  std::vector<size_t> flows_out;  // flows that start in this slice
  size_t flow_in = kNone;         // the flow that ends in it
};

// Flow is an arrow from one goroutine slice to another.
struct Flow {
  const char* name;
  int from_p = 0, to_p = 0;
  int64_t from_ts = 0, to_ts = 0;
  bool from_done = false, to_done = false;
};

struct Counter {
  size_t out = kNone;
  int64_t ts = 0;
  uint64_t value = 0;
};

class Exporter {
 public:
  explicit Exporter(const TraceOptions& o) : opts_(o) {}
  void Add(const Json& e);
  std::string Finish();

 private:
  // Goroutines (P tracks).
  void OnGo(const Json& e, int64_t t);
  void OnRun(const Json& e, int64_t t);
  void OnStatus(const Json& e, int64_t t);
  void OnEnd(const Json& e, int64_t t);
  void CloseG(int p, int64_t t, const std::string& end, const std::string& wait = "");
  GSlice* RunningSlice(uint64_t g);
  void StartFlow(const char* name, uint64_t from_g, uint64_t to_g, int64_t t);
  std::string GName(uint64_t g) const;
  // GC and STW tracks.
  void OnGcPhase(const Json& e, int64_t t);
  void OnStw(const std::string& ev, const Json& e, int64_t t);
  void Open(Slice* s, int track, int64_t ts);
  void Close(Slice* s, int track, int64_t end, const std::string& name, const char* cat, OJson args);
  int64_t Mono(int64_t* last, int64_t t);
  // Counters and instants.
  void OnHeap(const std::string& ev, const Json& e);
  void SetCounter(const std::string& name, const char* key, uint64_t v);
  void Instant(int track, int64_t ts, const std::string& name, OJson args);
  void CloseAll();
  void WriteFlows();
  void WriteMetadata(std::vector<std::string>* lines, int nps) const;

  TraceOptions opts_;
  std::vector<std::pair<int, OJson>> out_;  // (track, event)
  int64_t now_ = 0;                          // the largest t seen
  int max_p_ = -1;
  std::map<int, GSlice> running_;          // P → its goroutine slice
  std::map<int, int64_t> p_last_;          // P → end of its last slice
  std::map<int, int64_t> p_now_;           // P → the latest t seen on its clock
  std::map<uint64_t, int> g_on_p_;         // running G → P
  std::map<uint64_t, std::string> names_;  // G → function
  std::set<uint64_t> live_;                // Gs created and not dead
  std::vector<Flow> flows_;
  std::map<uint64_t, size_t> pending_in_;  // G → flow waiting for its next slice
  Slice gc_cycle_, gc_phase_, stw_, stw_stop_;
  std::string gc_phase_name_, stw_reason_;
  uint64_t gc_cycle_no_ = 0, stw_g_ = 0;
  int64_t gc_last_ = 0, stw_last_ = 0;
  std::map<std::string, Counter> counters_;
  std::map<uint64_t, uint64_t> obj_size_;  // live object → size
  uint64_t heap_objects_ = 0;
};

void Exporter::Add(const Json& e) {
  int64_t t = e.at("t").get<int64_t>();
  now_ = std::max(now_, t);
  const std::string& ev = e.at("ev").get_ref<const std::string&>();
  if (e.contains("p") && e["p"].is_number_integer()) {
    int p = e["p"].get<int>();
    max_p_ = std::max(max_p_, p);
    if (p >= 0) p_now_[p] = std::max(p_now_[p], t);
  }
  if (ev == "go") {
    OnGo(e, t);
  } else if (ev == "run") {
    OnRun(e, t);
  } else if (ev == "status") {
    OnStatus(e, t);
  } else if (ev == "preempt") {
    auto it = running_.find(e.at("p").get<int>());
    if (it != running_.end() && it->second.open) it->second.preempt_at = e.value("at", "");
  } else if (ev == "gcstop" || ev == "idle") {
    int p = e.at("p").get<int>();
    if (running_[p].open) CloseG(p, t, "stopped");
    if (ev == "gcstop") Instant(p, t, "gcstop", OJson::object());
  } else if (ev == "gc_phase") {
    OnGcPhase(e, t);
  } else if (ev == "stw-begin" || ev == "stw-stopped" || ev == "stw-end") {
    OnStw(ev, e, t);
  } else if (ev == "alloc" || ev == "free") {
    OnHeap(ev, e);
  } else if (ev == "end") {
    OnEnd(e, t);
  } else if (ev == "panic" || ev == "fatal") {
    std::string what = ev == "panic" ? e.value("value", "") : e.value("msg", "");
    Instant(kNoTrack, now_, ev + ": " + what, {{"g", e.value("g", uint64_t{0})}});
  }
}

// ==== Goroutines ==============================================================

void Exporter::OnGo(const Json& e, int64_t t) {
  uint64_t g = e.at("g").get<uint64_t>();
  names_[g] = e.value("fn", "");
  live_.insert(g);
  SetCounter("goroutines", "count", live_.size());
  StartFlow("go", e.value("parent", uint64_t{0}), g, t);
}

void Exporter::OnRun(const Json& e, int64_t t) {
  uint64_t g = e.at("g").get<uint64_t>();
  int p = e.at("p").get<int>();
  if (RunningSlice(g) != nullptr) CloseG(g_on_p_[g], t, "lost");  // defensive: no end seen
  if (running_[p].open) CloseG(p, t, "lost");
  if (live_.insert(g).second) SetCounter("goroutines", "count", live_.size());  // G1 has no `go`
  GSlice& s = running_[p];
  s = GSlice{};
  Open(&s, p, std::max(t, p_last_[p]));
  s.g = g;
  s.inherit = e.value("inherit", false);
  g_on_p_[g] = p;
  auto it = pending_in_.find(g);
  if (it != pending_in_.end()) {
    s.flow_in = it->second;
    flows_[it->second].to_p = p;
    pending_in_.erase(it);
  }
}

void Exporter::OnStatus(const Json& e, int64_t t) {
  uint64_t g = e.at("g").get<uint64_t>();
  const std::string& to = e.at("to").get_ref<const std::string&>();
  GSlice* s = RunningSlice(g);
  if (s != nullptr) p_now_[g_on_p_[g]] = std::max(p_now_[g_on_p_[g]], t);
  if (to == "dead") {
    live_.erase(g);
    SetCounter("goroutines", "count", live_.size());
    if (s != nullptr) CloseG(g_on_p_[g], t, "exited");
  } else if (to == "waiting") {
    if (s != nullptr) CloseG(g_on_p_[g], t, "blocked", e.value("reason", ""));
  } else if (to == "runnable") {
    if (s != nullptr) {
      CloseG(g_on_p_[g], t, s->preempt_at.empty() ? "yielded" : "preempted");
    } else {
      StartFlow("wake", e.value("by", uint64_t{0}), g, t);  // ready: by 0 is a timer or netpoll
    }
  }
}

// OnEnd: the run ended on P p; the slice there ends with the outcome.
void Exporter::OnEnd(const Json& e, int64_t t) {
  int p = e.value("p", -1);
  if (p >= 0 && running_[p].open) CloseG(p, t, e.value("outcome", "end"));
}

GSlice* Exporter::RunningSlice(uint64_t g) {
  auto it = g_on_p_.find(g);
  if (it == g_on_p_.end()) return nullptr;
  GSlice& s = running_[it->second];
  return s.open && s.g == g ? &s : nullptr;
}

std::string Exporter::GName(uint64_t g) const {
  auto it = names_.find(g);
  std::string name = "G" + std::to_string(g);
  if (it != names_.end() && !it->second.empty()) name += " " + it->second;
  return name;
}

// CloseG ends the goroutine slice on P p at t; `end` is why it ended.
void Exporter::CloseG(int p, int64_t t, const std::string& end, const std::string& wait) {
  GSlice& s = running_[p];
  int64_t stop = std::max(t, s.start);
  OJson args = {{"goid", s.g}, {"fn", names_.count(s.g) ? names_[s.g] : ""}, {"end", end}};
  if (!wait.empty()) args["wait"] = wait;
  if (!s.preempt_at.empty()) args["preempt_at"] = s.preempt_at;
  if (s.inherit) args["inherit"] = true;
  for (size_t f : s.flows_out) {
    flows_[f].from_ts = Inside(flows_[f].from_ts, s.start, stop);
    flows_[f].from_done = true;
  }
  if (s.flow_in != kNone) {
    flows_[s.flow_in].to_ts = Inside(s.start + (stop - s.start) / 2, s.start, stop);
    flows_[s.flow_in].to_done = true;
  }
  g_on_p_.erase(s.g);
  p_last_[p] = stop;
  Close(&s, p, stop, GName(s.g), "goroutine", std::move(args));
}

// StartFlow begins an arrow in from_g's running slice, to to_g's next slice.
void Exporter::StartFlow(const char* name, uint64_t from_g, uint64_t to_g, int64_t t) {
  GSlice* s = RunningSlice(from_g);
  if (s == nullptr) return;
  int p = g_on_p_[from_g];
  p_now_[p] = std::max(p_now_[p], t);  // t is on the clock of from_g's P
  if (!opts_.flows) return;
  flows_.push_back(Flow{.name = name, .from_p = p, .from_ts = t});
  s->flows_out.push_back(flows_.size() - 1);
  pending_in_[to_g] = flows_.size() - 1;
}

// ==== GC and STW ==============================================================

int64_t Exporter::Mono(int64_t* last, int64_t t) {
  *last = std::max(*last, t);
  return *last;
}

void Exporter::Open(Slice* s, int track, int64_t ts) {
  s->open = true;
  s->start = ts;
  s->out = out_.size();
  out_.emplace_back(track, OJson());
}

void Exporter::Close(Slice* s, int track, int64_t end, const std::string& name, const char* cat, OJson args) {
  end = std::max(end, s->start);
  out_[s->out].second = OJson{{"name", name},  {"cat", cat},    {"ph", "X"},
                              {"ts", Micros(s->start)}, {"dur", Micros(end - s->start)},
                              {"pid", 1},      {"tid", track},  {"args", std::move(args)}};
  s->open = false;
}

// OnGcPhase: a slice per phase but off; a "GC n" slice from sweep
// termination to the end of mark termination encloses the first three (the
// concurrent sweep follows it).
void Exporter::OnGcPhase(const Json& e, int64_t t) {
  const std::string& from = e.at("from").get_ref<const std::string&>();
  const std::string& to = e.at("to").get_ref<const std::string&>();
  // The two STW phases start when their stop-the-world is requested (as
  // gctrace's clock times count them), not once it is done and charged.
  if (stw_.open && stw_reason_ == "GC " + to) t = std::min(t, stw_.start);
  int64_t ts = Mono(&gc_last_, t);
  gc_cycle_no_ = e.value("cycle", uint64_t{0});
  if (gc_phase_.open) Close(&gc_phase_, kGcTrack, ts, gc_phase_name_, "gc", {{"cycle", gc_cycle_no_}});
  if (from == "mark termination" && gc_cycle_.open) {
    Close(&gc_cycle_, kGcTrack, ts, "GC " + std::to_string(gc_cycle_no_), "gc", {{"cycle", gc_cycle_no_}});
  }
  if (to == "sweep termination") Open(&gc_cycle_, kGcTrack, ts);
  if (to != "off") {
    Open(&gc_phase_, kGcTrack, ts);
    gc_phase_name_ = to;
  }
  if (e.contains("heap_live")) {
    SetCounter("heap live", "bytes", e["heap_live"].get<uint64_t>());
    uint64_t goal = e.value("heap_goal", kNoGoal);
    if (goal != kNoGoal) SetCounter("heap goal", "bytes", goal);
  }
}

void Exporter::OnStw(const std::string& ev, const Json& e, int64_t t) {
  int64_t ts = Mono(&stw_last_, t);
  if (ev == "stw-begin") {
    stw_reason_ = e.value("reason", "");
    stw_g_ = e.value("g", uint64_t{0});
    Open(&stw_, kStwTrack, ts);
    Open(&stw_stop_, kStwTrack, ts);
    return;
  }
  if (stw_stop_.open) Close(&stw_stop_, kStwTrack, ts, "stopping", "stw", {{"reason", stw_reason_}});
  if (ev == "stw-end" && stw_.open) {
    Close(&stw_, kStwTrack, ts, "STW " + stw_reason_, "stw", {{"reason", stw_reason_}, {"g", stw_g_}});
  }
}

// ==== Counters, instants ======================================================

void Exporter::OnHeap(const std::string& ev, const Json& e) {
  if (!e.contains("obj")) return;
  uint64_t obj = e["obj"].get<uint64_t>();
  if (ev == "alloc") {
    uint64_t size = e.value("size", uint64_t{0});
    obj_size_[obj] = size;
    heap_objects_ += size;
  } else {
    auto it = obj_size_.find(obj);
    if (it == obj_size_.end()) return;
    heap_objects_ -= it->second;
    obj_size_.erase(it);
  }
  SetCounter("heap objects", "bytes", heap_objects_);
}

// SetCounter records a counter's value at now_ (the largest t seen, so
// counters never go back in time); values at one time merge into one event.
void Exporter::SetCounter(const std::string& name, const char* key, uint64_t v) {
  if (!opts_.counters) return;
  Counter& c = counters_[name];
  if (c.out != kNone && c.value == v) return;
  c.value = v;
  if (c.out != kNone && c.ts == now_) {
    out_[c.out].second["args"][key] = v;
    return;
  }
  c.ts = now_;
  c.out = out_.size();
  out_.emplace_back(kNoTrack, OJson{{"name", name}, {"cat", "counter"}, {"ph", "C"}, {"ts", Micros(c.ts)},
                                    {"pid", 1}, {"args", {{key, v}}}});
}

void Exporter::Instant(int track, int64_t ts, const std::string& name, OJson args) {
  OJson ev = {{"name", name}, {"cat", "instant"}, {"ph", "i"}, {"s", track == kNoTrack ? "p" : "t"},
              {"ts", Micros(ts)}, {"pid", 1}};
  if (track != kNoTrack) ev["tid"] = track;
  ev["args"] = std::move(args);
  out_.emplace_back(track, std::move(ev));
}

// ==== Output ==================================================================

// CloseAll ends what is still open when the log ends, at the last time seen.
void Exporter::CloseAll() {
  for (auto& [p, s] : running_) {
    if (s.open) CloseG(p, p_now_[p], "running at end");
  }
  if (gc_phase_.open) Close(&gc_phase_, kGcTrack, now_, gc_phase_name_, "gc", {{"cycle", gc_cycle_no_}});
  if (gc_cycle_.open) {
    Close(&gc_cycle_, kGcTrack, now_, "GC " + std::to_string(gc_cycle_no_), "gc", {{"cycle", gc_cycle_no_}});
  }
  if (stw_stop_.open) Close(&stw_stop_, kStwTrack, now_, "stopping", "stw", {{"reason", stw_reason_}});
  if (stw_.open) Close(&stw_, kStwTrack, now_, "STW " + stw_reason_, "stw", {{"reason", stw_reason_}});
}

// WriteFlows appends the arrows whose both ends were bound to slices; an
// arrow to a goroutine that never ran again is dropped.
void Exporter::WriteFlows() {
  uint64_t id = 0;
  for (const Flow& f : flows_) {
    if (!f.from_done || !f.to_done) continue;
    ++id;
    out_.emplace_back(f.from_p, OJson{{"name", f.name}, {"cat", f.name}, {"ph", "s"}, {"id", id},
                                      {"ts", Micros(f.from_ts)}, {"pid", 1}, {"tid", f.from_p}});
    out_.emplace_back(f.to_p, OJson{{"name", f.name}, {"cat", f.name}, {"ph", "f"}, {"bp", "e"}, {"id", id},
                                    {"ts", Micros(f.to_ts)}, {"pid", 1}, {"tid", f.to_p}});
  }
}

// Metadata names the process and the tracks: P0…Pn-1, then GC, then STW.
void Exporter::WriteMetadata(std::vector<std::string>* lines, int nps) const {
  auto meta = [&](const char* name, int tid, const OJson& args) {
    OJson m = {{"name", name}, {"ph", "M"}, {"pid", 1}};
    if (tid >= 0) m["tid"] = tid;
    m["args"] = args;
    lines->push_back(m.dump());
  };
  meta("process_name", -1, {{"name", opts_.process_name}});
  for (int i = 0; i < nps + 2; ++i) {
    std::string name = i < nps ? "P" + std::to_string(i) : i == nps ? "GC" : "STW";
    meta("thread_name", i + 1, {{"name", name}});
    meta("thread_sort_index", i + 1, {{"sort_index", i}});
  }
}

// Finish writes one trace event per line (metadata first), which diffs well.
std::string Exporter::Finish() {
  CloseAll();
  WriteFlows();
  int nps = max_p_ + 1;
  auto tid = [nps](int track) { return track >= 0 ? track + 1 : track == kGcTrack ? nps + 1 : nps + 2; };
  std::vector<std::string> lines;
  WriteMetadata(&lines, nps);
  for (auto& [track, ev] : out_) {
    if (ev.is_null()) continue;
    if (track != kNoTrack) ev["tid"] = tid(track);
    lines.push_back(ev.dump());
  }
  std::string s = "{\"traceEvents\":[\n";
  for (size_t i = 0; i < lines.size(); ++i) s += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  s += "],\n\"displayTimeUnit\":\"ns\"}\n";
  return s;
}

}  // namespace

std::string ChromeTraceFromEvents(const std::string& events_jsonl, const TraceOptions& options) {
  Exporter x(options);
  size_t start = 0;
  for (int line = 1; start < events_jsonl.size(); ++line) {
    size_t nl = events_jsonl.find('\n', start);
    if (nl == std::string::npos) nl = events_jsonl.size();
    std::string_view text(events_jsonl.data() + start, nl - start);
    start = nl + 1;
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    try {
      x.Add(Json::parse(text));
    } catch (const Json::exception& err) {
      throw std::invalid_argument("event log line " + std::to_string(line) + ": " + err.what());
    }
  }
  return x.Finish();
}

}  // namespace gostep::runtime
