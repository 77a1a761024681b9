// base/check.h — the simulator's internal-bug channel.
//
// gostep has three failure channels with distinct prefixes (see base/README.md):
//   1. GOSTEP_CHECK: a bug in gostep itself. Prints "[gostep internal bug]" and aborts.
//   2. Simulated Go crashes (panic, fatal error): outcomes of the simulated program,
//      recorded in the run's Result, never a host crash (base/go_output.h).
//   3. Diagnostics about user input (schedule files, options, scenarios):
//      "file:line:col: message", reported as errors by the caller.
// Only channel 1 may terminate the host process.
#pragma once

#include <memory>
#include <sstream>
#include <string_view>

namespace gostep::base::internal {

// CheckFailure collects the message of a failed GOSTEP_CHECK and aborts in its
// destructor, after the streamed context has been appended. It holds its
// stream by pointer: every function with a check reserves stack for one
// CheckFailure, and goroutine stacks are saved byte for byte when parked.
class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* cond);
  [[noreturn]] ~CheckFailure();
  std::ostream& stream() { return *out_; }

 private:
  std::unique_ptr<std::ostringstream> out_;
};

}  // namespace gostep::base::internal

#define GOSTEP_CHECK(cond)        \
  if (__builtin_expect(!!(cond), 1)) { \
  } else                          \
    ::gostep::base::internal::CheckFailure(__FILE__, __LINE__, #cond).stream()
