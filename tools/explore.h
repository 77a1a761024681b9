// tools/explore.h — the exploration engine: many seeds of one compiled
// program, in parallel, with a result that does not depend on the threads.
//
// Run i (0-based) uses seed base_seed + i. Worker threads take run indices
// from a boost::lockfree::queue and hand finished runs back through another;
// the calling thread hands out indices (at most `window` ahead of the lowest
// unfinished one, which bounds memory) and folds results in index order. So:
//  - the histogram is that of runs 0 .. runs_done-1, whatever `jobs` is;
//  - the first failure of each outcome is the one with the lowest index;
//  - with a stop predicate, exploration ends at the lowest index that meets
//    it, and finished runs beyond it are discarded;
//  - with a wall-clock budget, indices stop being handed out when it is
//    spent; runs_done is then machine-dependent, but the report is exactly
//    the report of `runs = runs_done` (which it prints).
// Each run owns its Runtime (lang::Program::Run is thread-safe); nothing of a
// simulation is shared between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lang/program.h"
#include "runtime/runtime.h"

namespace gostep::tools {

struct ExploreConfig {
  runtime::Options options;  // version, policy, granularity, gomaxprocs, faults, limits…
  uint64_t runs = 1000;
  double time_budget_s = 0;  // 0: no budget
  int jobs = 1;
  uint64_t base_seed = 1;
  // stop: end at the lowest run whose outcome text satisfies it (null: never).
  std::function<bool(const std::string& outcome)> stop;
};

// A finished run. Full results are kept only for the first run of each outcome.
struct RunRecord {
  uint64_t index = 0;
  uint64_t seed = 0;
  std::string outcome;  // OutcomeText's first line
  runtime::Result result;
  std::string error;  // an exception from Run (bad options): exploration stops
};

struct ExploreReport {
  uint64_t runs_done = 0;
  std::map<std::string, uint64_t> counts;  // outcome text -> runs
  std::vector<RunRecord> firsts;           // first run of each outcome, by index
  bool stopped = false;                    // the stop predicate was met (at firsts.back())
  bool out_of_time = false;
  std::string error;  // non-empty: a run threw; the report is incomplete
};

ExploreReport Explore(const lang::Program& program, const ExploreConfig& config);

// OutcomeLine is the histogram's name for a run: "ok" for exit 0, else the
// first line of OutcomeText ("exit 1", "panic: …", "fatal error: …", "limit: …").
std::string OutcomeLine(const runtime::Result& r);
inline bool IsFailure(const std::string& outcome) { return outcome != "ok"; }

// Histogram renders "ok 69.0% (690)" lines, by count descending then text.
std::string FormatHistogram(const ExploreReport& report);

// OutcomeSlug is a file-name-safe form: "fatal-error-concurrent-map-writes".
std::string OutcomeSlug(const std::string& outcome);

}  // namespace gostep::tools
