// gc/gctrace: the gctrace line, its number formatting, and a differential test
// against real Go 1.19.
//
// The unit tests' expected strings are worked out by hand from mgc.go's
// itoaDiv / fmtNSAsMS (the arithmetic is in the comments). The differential
// test builds tests/go/gctrace/main.go with the Go at GOSTEP_GO119, runs it
// with GODEBUG=gctrace=1 GOMAXPROCS=2, parses every gctrace line into a
// GcTraceLine, formats it back with FormatGcTrace(go1.19) and requires the
// same bytes. It also checks GOGC / GOMEMLIMIT parsing against the runtime.
#include <doctest/doctest.h>


#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "base/version_profile.h"
#include "gc/gc_env.h"
#include "gc/gctrace.h"
#include "gc/pacer.h"
#include "tests/gc/gctrace_parse.h"
#include "tests/go_programs.h"

extern char** environ;

namespace gostep::gc {
namespace {

namespace fs = std::filesystem;

const base::VersionProfile& Profile(const char* name) {
  const base::VersionProfile* p = base::FindProfile(name);
  REQUIRE(p != nullptr);
  return *p;
}

// ==== itoaDiv and fmtNSAsMS ====================================================

TEST_CASE("gctrace: itoaDiv prints exactly dec decimals") {
  // itoaDiv(16, 3) on buf[0..23], idec = 20: writes '6' at 23, '1' at 22,
  // '0' at 21, '.' at 20 (i == idec), then the loop stops (val < 10,
  // i = 19 < idec) and buf[19] = '0': "0.016".
  CHECK(ItoaDiv(16, 3) == "0.016");
  CHECK(ItoaDiv(1824, 3) == "1.824");
  CHECK(ItoaDiv(123456, 3) == "123.456");
  CHECK(ItoaDiv(0, 3) == "0.000");
  CHECK(ItoaDiv(5, 1) == "0.5");
  CHECK(ItoaDiv(12, 0) == "12");
  CHECK(ItoaDiv(1234567, 0) == "1234567");
  // dec = 0 with one digit: the first iteration writes '5' unconditionally
  // (i >= idec), then buf[i] = '0' — Go prints "05". gcMarkTermination never
  // reaches this (fmtNSAsMS uses dec = 0 only for values >= 10).
  CHECK(ItoaDiv(5, 0) == "05");
}

TEST_CASE("gctrace: fmtNSAsMS keeps two significant digits below 10 ms") {
  CHECK(FmtNsAsMs(0) == "0");
  CHECK(FmtNsAsMs(999) == "0");           // 999 ns / 1e3 = 0 µs
  CHECK(FmtNsAsMs(1000) == "0.001");      // x = 1, dec 3
  CHECK(FmtNsAsMs(12'345) == "0.012");    // x = 12, dec 3
  CHECK(FmtNsAsMs(150'000) == "0.15");    // x = 150 → 15, dec 2
  CHECK(FmtNsAsMs(999'999) == "0.99");    // x = 999 → 99, dec 2
  CHECK(FmtNsAsMs(1'234'567) == "1.2");   // x = 1234 → 123 → 12, dec 1
  CHECK(FmtNsAsMs(9'999'999) == "9.9");   // x = 9999 → 999 → 99, dec 1
  CHECK(FmtNsAsMs(10'000'000) == "10");   // whole ms from 10 ms
  CHECK(FmtNsAsMs(44'900'000) == "44");   // truncated, not rounded
  CHECK(FmtNsAsMs(1'500'000'000) == "1500");
}

// ==== FormatGcTrace ============================================================

GcTraceLine SampleLine() {
  GcTraceLine l;
  l.num_gc = 18;
  l.since_init_ns = 1'824'999'999;  // → 1824 ms → "1.824"
  l.gc_cpu_percent = 13;
  l.clock_sweep_term_ns = 30'000;   // "0.030"
  l.clock_mark_ns = 44'000'000;     // "44"
  l.clock_mark_term_ns = 15'000;    // "0.015"
  l.cpu_sweep_term_ns = 120'000;    // "0.12"
  l.cpu_assist_ns = 29'000'000;     // "29"
  l.cpu_background_ns = 43'000'000; // "43"
  l.cpu_idle_ns = 0;                // "0"
  l.cpu_mark_term_ns = 60'000;      // "0.060"
  l.heap0 = (173ull << 20) + 12345; // >> 20 truncates
  l.heap1 = 203ull << 20;
  l.heap2 = (101ull << 20) + (1 << 20) - 1;
  l.heap_goal = 203ull << 20;
  l.stacks = 3ull << 20;
  l.globals = (1 << 20) - 1;        // 0 MB
  l.procs = 4;
  return l;
}

TEST_CASE("gctrace: go1.19 prints stacks and globals, go1.17 does not") {
  GcTraceLine l = SampleLine();
  CHECK(FormatGcTrace(Profile("1.19"), l) ==
        "gc 18 @1.824s 13%: 0.030+44+0.015 ms clock, 0.12+29/43/0+0.060 ms cpu, "
        "173->203->101 MB, 203 MB goal, 3 MB stacks, 0 MB globals, 4 P\n");
  l.forced = true;
  CHECK(FormatGcTrace(Profile("1.17"), l) ==
        "gc 18 @1.824s 13%: 0.030+44+0.015 ms clock, 0.12+29/43/0+0.060 ms cpu, "
        "173->203->101 MB, 203 MB goal, 4 P (forced)\n");
  CHECK(FormatGcTrace(Profile("1.14"), l) == FormatGcTrace(Profile("1.17"), l));
  CHECK(FormatGcTrace(Profile("1.23"), l) == FormatGcTrace(Profile("1.19"), l));
}

TEST_CASE("gctrace: cycle times, stwprocs and the GC CPU fraction") {
  // GOMAXPROCS 2 from t = 1000 (procresize at schedinit only starts the clock).
  GcCpuClock clock;
  clock.ProcResize(1000, 0);
  GcCycleTimes t;
  t.t_sweep_term = 2'001'000;
  t.t_mark = 2'101'000;      // 100 µs STW
  t.t_mark_term = 7'101'000; // 5 ms mark
  t.t_end = 7'151'000;       // 50 µs STW
  t.stwprocs = 2;
  t.assist = 1'000'000;
  t.dedicated = 0;
  t.fractional = 1'250'000;
  t.idle = 3'000'000;        // not in the fraction ("free")
  // cycleCpu = 2×100 µs + (1 ms + 1.25 ms) + 2×50 µs = 2'550'000 ns.
  // totalCpu = 0 + (now − 1000) × 2 with now = t_end = 7'151'000: 14'300'000.
  double f = clock.EndCycle(t, t.t_end, 2);
  CHECK(clock.gc_total_time() == 2'550'000);
  CHECK(f == doctest::Approx(2'550'000.0 / 14'300'000.0));
  GcTraceLine l;
  FillCycleTimes(t, f, 1000, &l);
  CHECK(l.gc_cpu_percent == 17);  // int(17.83...) truncates
  CHECK(l.since_init_ns == 2'000'000);
  CHECK(l.cpu_sweep_term_ns == 200'000);
  CHECK(l.cpu_mark_term_ns == 100'000);
  CHECK(l.cpu_background_ns == 1'250'000);
  // A later GOMAXPROCS change banks 2 Ps × (8'001'000 − 1000) in sched.totaltime.
  clock.ProcResize(8'001'000, 2);
  GcCycleTimes t2 = t;  // same cycle CPU again at now = 9'001'000 with 4 Ps
  double f2 = clock.EndCycle(t2, 9'001'000, 4);
  // totalCpu = 16'000'000 + 1'000'000 × 4 = 20'000'000; GC = 5'100'000.
  CHECK(f2 == doctest::Approx(5'100'000.0 / 20'000'000.0));
}

// ==== Running real Go ==========================================================

using ::gostep::testing::Proc;
using gc::testing::ParseLine;

// BuildGo returns the built tests/go/gctrace program, or "" with *error set.
std::string BuildGo(std::string* error) {
  *error = ::gostep::testing::GoBuildError();
  return error->empty() ? ::gostep::testing::GoCaseBinary("gctrace") : "";
}

Proc RunGo(const std::string& bin, std::vector<std::string> env) {
  env.push_back("PATH=/usr/bin:/bin");
  return ::gostep::testing::RunProcess({bin}, env);
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string line; std::getline(ss, line);) out.push_back(line);
  return out;
}

TEST_CASE("gctrace differential: every real go1.19 line formats back byte for byte") {
  std::string error;
  std::string bin = BuildGo(&error);
  if (bin.empty()) FAIL(error);
  Proc p = RunGo(bin, {"GODEBUG=gctrace=1", "GOMAXPROCS=2"});
  REQUIRE(p.status == 0);
  INFO("stderr:\n" << p.err);
  int markers = 0, traces = 0;
  uint32_t want_gc = 1;
  // forced[k]: GC numbers printed " (forced)" after marker k (k = 0: before any).
  std::vector<std::vector<uint32_t>> forced(1);
  for (const std::string& line : Lines(p.err)) {
    if (line.starts_with("forcing GC ")) {
      ++markers;
      CHECK(line == "forcing GC " + std::to_string(markers));
      forced.emplace_back();
      continue;
    }
    GcTraceLine l;
    REQUIRE_MESSAGE(ParseLine(line, &l), "not a gctrace line: " << line);
    ++traces;
    CHECK(FormatGcTrace(Profile("1.19"), l) == line + "\n");
    CHECK(l.num_gc == want_gc++);
    CHECK(l.procs == 2);
    if (l.forced) forced.back().push_back(l.num_gc);
  }
  CHECK(markers == 3);
  CHECK(traces >= 5);  // 3 forced + heap-triggered cycles (32 MiB of garbage a round)
  CHECK(forced[0].empty());  // nothing before the first runtime.GC()
  // Each runtime.GC() prints one forced line. A second, immediately preceding
  // one is Go issue 52515: the cycle in progress when runtime.GC() was called
  // prints after runtime.GC()'s gcStart set work.userForced.
  for (size_t k = 1; k < forced.size(); ++k) {
    INFO("after marker " << k);
    CHECK(!forced[k].empty());
    CHECK(forced[k].size() <= 2);
    if (forced[k].size() == 2) CHECK(forced[k][1] == forced[k][0] + 1);
  }
}

TEST_CASE("gctrace differential: GOGC and GOMEMLIMIT parse as in go1.19") {
  std::string error;
  std::string bin = BuildGo(&error);
  if (bin.empty()) FAIL(error);
  const base::VersionProfile& go119 = Profile("1.19");
  // The runtime's gcPercent after setGCPercent(readGOGC()): what Pacer keeps.
  for (const char* gogc : {"off", "50", "-5", "abc", "", "2147483648", "0", "+7"}) {
    INFO("GOGC=" << gogc);
    Proc p = RunGo(bin, {"GCTRACE_MODE=settings", std::string("GOGC=") + gogc});
    REQUIRE(p.status == 0);
    PacerSettings s;
    s.gogc = ParseGogc(gogc);
    Pacer pacer(go119, s);
    CHECK(p.err.starts_with("gogc " + std::to_string(pacer.gc_percent()) + "\n"));
  }
  for (const char* limit : {"64MiB", "1GiB", "100", "100B", "3KiB", "off", "", "9223372036854775807"}) {
    INFO("GOMEMLIMIT=" << limit);
    Proc p = RunGo(bin, {"GCTRACE_MODE=settings", std::string("GOMEMLIMIT=") + limit});
    REQUIRE(p.status == 0);
    MemoryLimitSetting m = ParseMemoryLimit(limit);
    CHECK(m.fatal_error.empty());
    CHECK(p.err.find("memlimit " + std::to_string(m.limit) + "\n") != std::string::npos);
  }
  for (const char* bad : {"12kB", "1.5GiB", "-1", "MiB", "1PiB", "16EiB", "9223372036854775808"}) {
    INFO("GOMEMLIMIT=" << bad);
    Proc p = RunGo(bin, {"GCTRACE_MODE=settings", std::string("GOMEMLIMIT=") + bad});
    CHECK(p.status == 2);  // a runtime throw exits with status 2
    MemoryLimitSetting m = ParseMemoryLimit(bad);
    CHECK(!m.fatal_error.empty());
    CHECK(p.err.starts_with(m.fatal_error));
  }
}

}  // namespace
}  // namespace gostep::gc
