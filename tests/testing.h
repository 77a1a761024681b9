// tests/testing.h — helpers shared by the test suites.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "runtime/chan.h"
#include "runtime/go.h"
#include "runtime/runtime.h"
#include "runtime/sync.h"
#include "runtime/time.h"

namespace gostep::testing {

using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

// Run runs `main` as goroutine 1 under `o`.
inline Result Run(Options o, std::function<void()> main) {
  runtime::Runtime rt(std::move(o));
  return rt.Run(std::move(main));
}

// Opts builds options for a profile, GOMAXPROCS and policy.
inline Options Opts(std::string version = "1.19", int procs = 1, std::string policy = "go", uint64_t seed = 1) {
  Options o;
  o.version = std::move(version);
  o.gomaxprocs = procs;
  o.policy = std::move(policy);
  o.seed = seed;
  o.limits.max_steps = 20'000'000;
  return o;
}

// Lines splits s at newlines.
inline std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

}  // namespace gostep::testing
