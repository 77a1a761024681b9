// The Chrome Trace Event exporter (runtime/trace_export.h) on real runs: a
// channel ping-pong at GOMAXPROCS=2 and a program calling runtime.GC. The
// trace is parsed back and its structure checked: slices well formed and not
// overlapping on a P, every goroutine present, GC phases in order, STW spans,
// counters, flow arrows bound inside slices, byte-identical output.
#include "runtime/trace_export.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/heap.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using Json = nlohmann::json;
using runtime::ChromeTraceFromEvents;

// PingPong: main and main.ponger exchange `rounds` values on two channels.
runtime::Result PingPong(int rounds) {
  runtime::Options o = testing::Opts("1.21", 2);
  o.events = true;
  return testing::Run(o, [rounds] {
    Chan<int> ping = MakeChan<int>();
    Chan<int> pong = MakeChan<int>();
    Go([=] {
      for (int i = 0; i < rounds; ++i) pong.Send(ping.Recv() + 1);
    }, {.name = "main.ponger"});
    for (int i = 0; i < rounds; ++i) {
      ping.Send(i);
      CHECK(pong.Recv() == i + 1);
    }
  });
}

// Garbage: two workers allocate garbage, then main calls runtime.GC.
runtime::Result Garbage() {
  runtime::Options o = testing::Opts("1.21", 2);
  o.events = true;
  return testing::Run(o, [] {
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    WaitGroup wg;
    wg.Add(2);
    for (int w = 0; w < 2; ++w) {
      Go([&] {
        for (int i = 0; i < 2000; ++i) Local garbage = New(node);
        wg.Done();
      }, {.name = "main.worker"});
    }
    wg.Wait();
    Local keep = New(node);
    GC();
  });
}

// Trace is a parsed trace with its tracks named.
struct Trace {
  Json all;
  std::map<std::string, int> tid;          // track name → tid
  std::map<int, std::vector<Json>> slices;  // tid → X events, by ts
  std::vector<Json> of_ph(const std::string& ph) const {
    std::vector<Json> v;
    for (const Json& e : all["traceEvents"]) {
      if (e["ph"] == ph) v.push_back(e);
    }
    return v;
  }
};

Trace Parse(const std::string& text) {
  Trace t;
  t.all = Json::parse(text);
  REQUIRE(t.all["displayTimeUnit"] == "ns");
  REQUIRE(t.all["traceEvents"].is_array());
  for (const Json& e : t.all["traceEvents"]) {
    REQUIRE(e.contains("ph"));
    REQUIRE(e["pid"] == 1);
    if (e["ph"] == "M" && e["name"] == "thread_name") t.tid[e["args"]["name"]] = e["tid"];
    if (e["ph"] == "X") t.slices[e["tid"]].push_back(e);
  }
  for (auto& [tid, v] : t.slices) {
    std::stable_sort(v.begin(), v.end(), [](const Json& a, const Json& b) { return a["ts"] < b["ts"]; });
  }
  return t;
}

// RanGoroutines: the goroutines with a `run` event in the log.
std::set<uint64_t> RanGoroutines(const std::string& events) {
  std::set<uint64_t> gs;
  for (const std::string& line : testing::Lines(events)) {
    Json e = Json::parse(line);
    if (e["ev"] == "run") gs.insert(e["g"].get<uint64_t>());
  }
  return gs;
}

bool HasCounter(const Trace& t, const std::string& name) {
  for (const Json& c : t.of_ph("C")) {
    if (c["name"] == name) return true;
  }
  return false;
}

// CheckSlices: every X event is well formed, and on a P track slices never
// overlap (goroutines run one at a time on a P).
void CheckSlices(const Trace& t) {
  for (const auto& [tid, v] : t.slices) {
    for (const Json& s : v) {
      REQUIRE(s["ts"].is_number());
      REQUIRE(s["dur"].is_number());
      CHECK(s["ts"].get<double>() >= 0);
      CHECK(s["dur"].get<double>() >= 0);
    }
  }
  for (const auto& [name, tid] : t.tid) {
    if (name[0] != 'P' || !t.slices.count(tid)) continue;
    const std::vector<Json>& v = t.slices.at(tid);
    for (size_t i = 1; i < v.size(); ++i) {
      double end = v[i - 1]["ts"].get<double>() + v[i - 1]["dur"].get<double>();
      CHECK_MESSAGE(end <= v[i]["ts"].get<double>() + 1e-9, name << ": " << v[i - 1] << " overlaps " << v[i]);
    }
  }
}

// Encloses reports whether a goroutine slice on tid contains ts.
bool Encloses(const Trace& t, int tid, double ts) {
  if (!t.slices.count(tid)) return false;
  for (const Json& s : t.slices.at(tid)) {
    double a = s["ts"], d = s["dur"];
    if (s["cat"] == "goroutine" && a <= ts && ts <= a + d) return true;
  }
  return false;
}

TEST_CASE("trace export: ping-pong at GOMAXPROCS=2 has P tracks with goroutine slices and wake arrows") {
  runtime::Result r = PingPong(50);
  REQUIRE(r.outcome == runtime::OutcomeKind::kExit);
  Trace t = Parse(ChromeTraceFromEvents(r.events));
  REQUIRE(t.tid.count("P0"));
  REQUIRE(t.tid.count("P1"));
  REQUIRE(t.tid.count("GC"));
  REQUIRE(t.tid.count("STW"));
  CheckSlices(t);

  std::set<uint64_t> in_trace;
  bool ponger_named = false;
  for (const auto& [tid, v] : t.slices) {
    for (const Json& s : v) {
      if (s["cat"] != "goroutine") continue;
      in_trace.insert(s["args"]["goid"].get<uint64_t>());
      CHECK(s["args"].contains("end"));
      std::string name = s["name"];
      if (name.find("main.ponger") != std::string::npos) ponger_named = true;
    }
  }
  CHECK(in_trace == RanGoroutines(r.events));
  CHECK(ponger_named);

  std::map<uint64_t, std::vector<Json>> flows;  // id → its s and f
  for (const Json& e : t.all["traceEvents"]) {
    if (e["ph"] == "s" || e["ph"] == "f") flows[e["id"].get<uint64_t>()].push_back(e);
  }
  int wakes = 0;
  for (const auto& [id, pair] : flows) {
    REQUIRE(pair.size() == 2);
    CHECK(pair[0]["ph"] == "s");
    CHECK(pair[1]["ph"] == "f");
    CHECK(pair[0]["ts"].get<double>() <= pair[1]["ts"].get<double>());
    for (const Json& e : pair) CHECK_MESSAGE(Encloses(t, e["tid"], e["ts"]), "flow end outside a slice: " << e);
    if (pair[0]["name"] == "wake") ++wakes;
  }
  CHECK(wakes >= 50);  // each round wakes someone at least once
  CHECK(HasCounter(t, "goroutines"));
}

TEST_CASE("trace export: a GC program has its phases in order and STW spans and heap counters") {
  runtime::Result r = Garbage();
  REQUIRE(r.outcome == runtime::OutcomeKind::kExit);
  Trace t = Parse(ChromeTraceFromEvents(r.events));
  CheckSlices(t);
  REQUIRE(t.slices.count(t.tid["GC"]));
  std::vector<std::string> phases;
  int cycles = 0;
  for (const Json& s : t.slices[t.tid["GC"]]) {
    std::string name = s["name"];
    if (name.rfind("GC ", 0) == 0) {
      ++cycles;
    } else if (s["args"]["cycle"] == t.slices[t.tid["GC"]].back()["args"]["cycle"]) {
      phases.push_back(name);  // the last cycle's phases: the forced one
    }
  }
  CHECK(cycles >= 1);
  std::vector<std::string> want = {"sweep termination", "mark", "mark termination", "sweep"};
  CHECK(phases == want);

  std::set<std::string> stw;
  for (const Json& s : t.slices[t.tid["STW"]]) stw.insert(s["name"]);
  CHECK(stw.count("STW GC sweep termination"));
  CHECK(stw.count("STW GC mark termination"));
  CHECK(stw.count("stopping"));
  for (const char* c : {"heap live", "heap goal", "heap objects", "goroutines"}) CHECK_MESSAGE(HasCounter(t, c), c);
}

TEST_CASE("trace export: the same run gives the same bytes") {
  std::string a = ChromeTraceFromEvents(Garbage().events);
  std::string b = ChromeTraceFromEvents(Garbage().events);
  CHECK(a == b);
  std::string c = ChromeTraceFromEvents(PingPong(20).events);
  std::string d = ChromeTraceFromEvents(PingPong(20).events);
  CHECK(c == d);
}

TEST_CASE("trace export: options turn off flows and counters") {
  runtime::Result r = PingPong(5);
  Trace t = Parse(ChromeTraceFromEvents(r.events, {.flows = false, .counters = false}));
  CHECK(t.of_ph("s").empty());
  CHECK(t.of_ph("C").empty());
  CHECK(!t.of_ph("X").empty());
}

TEST_CASE("trace export: an empty log is a valid empty trace and a bad line is an error") {
  Json empty = Json::parse(ChromeTraceFromEvents(""));
  CHECK(empty["traceEvents"].is_array());
  CHECK_THROWS_AS(ChromeTraceFromEvents("{\"step\":1,\"t\":0,\"ev\":\"run\"}\nnot json\n"), std::invalid_argument);
}

}  // namespace
}  // namespace gostep
