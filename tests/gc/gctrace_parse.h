// tests/gc/gctrace_parse.h — reading a go1.18+ gctrace line back into a
// gc::GcTraceLine (the inverse of gc::FormatGcTrace), for the differential
// tests against real Go's GODEBUG=gctrace=1 output.
#pragma once

#include <regex>
#include <string>

#include "gc/gctrace.h"

namespace gostep::gc::testing {

// ParseMs inverts fmtNSAsMS: "44" → 44 ms; "0.012" → 12 µs; "1.2" → 1.2 ms.
inline int64_t ParseMs(const std::string& s) {
  size_t dot = s.find('.');
  if (dot == std::string::npos) return std::stoll(s) * 1'000'000;
  int dec = static_cast<int>(s.size() - dot - 1);
  if (dec > 3) return -1;
  int64_t x = std::stoll(s.substr(0, dot) + s.substr(dot + 1));
  for (int i = dec; i < 3; ++i) x *= 10;
  return x * 1000;
}

// ParseLine reads a go1.19 gctrace line into a GcTraceLine.
inline bool ParseLine(const std::string& s, GcTraceLine* l) {
  static const std::regex re(
      R"(gc (\d+) @([\d.]+)s (\d+)%: ([\d.]+)\+([\d.]+)\+([\d.]+) ms clock, )"
      R"(([\d.]+)\+([\d.]+)/([\d.]+)/([\d.]+)\+([\d.]+) ms cpu, (\d+)->(\d+)->(\d+) MB, )"
      R"((\d+) MB goal, (\d+) MB stacks, (\d+) MB globals, (\d+) P( \(forced\))?)");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return false;
  auto mb = [&](int i) { return std::stoull(m[i]) << 20; };
  l->num_gc = static_cast<uint32_t>(std::stoul(m[1]));
  std::string secs = m[2];  // itoaDiv(ms, 3)
  if (secs.size() < 4 || secs[secs.size() - 4] != '.') return false;
  l->since_init_ns = std::stoll(secs.substr(0, secs.size() - 4) + secs.substr(secs.size() - 3)) * 1'000'000;
  l->gc_cpu_percent = std::stoi(m[3]);
  l->clock_sweep_term_ns = ParseMs(m[4]);
  l->clock_mark_ns = ParseMs(m[5]);
  l->clock_mark_term_ns = ParseMs(m[6]);
  l->cpu_sweep_term_ns = ParseMs(m[7]);
  l->cpu_assist_ns = ParseMs(m[8]);
  l->cpu_background_ns = ParseMs(m[9]);
  l->cpu_idle_ns = ParseMs(m[10]);
  l->cpu_mark_term_ns = ParseMs(m[11]);
  l->heap0 = mb(12);
  l->heap1 = mb(13);
  l->heap2 = mb(14);
  l->heap_goal = mb(15);
  l->stacks = mb(16);
  l->globals = mb(17);
  l->procs = std::stoi(m[18]);
  l->forced = m[19].matched;
  return true;
}

}  // namespace gostep::gc::testing
