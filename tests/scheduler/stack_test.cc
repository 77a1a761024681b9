// Goroutine stacks: the software stack-depth check (Go's "stack overflow",
// never a host crash) and shared stack slots (scheduler/stack_pool.h).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "scheduler/scheduler.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using testing::OutcomeKind;
using testing::Run;

// A deliberately stack-hungry recursion: each level uses ~1 KiB of host stack.
int Deep(int n) {
  CheckStack();
  volatile char pad[1024];
  pad[0] = static_cast<char>(n);
  if (n == 0) return pad[0];
  return Deep(n - 1) + pad[0];
}

TEST_CASE("stack: deep recursion is Go's fatal stack overflow, not a host crash") {
  for (int round = 0; round < 2; ++round) {  // the host survives and runs again
    auto r = Run(Opts("1.19"), [] {
      Go([] { Deep(1'000'000); });
      Chan<int>().Recv();
    });
    CHECK(r.outcome == OutcomeKind::kFatal);
    CHECK(r.exit_code == 2);
    CHECK(r.message == "stack overflow");
    CHECK(r.stderr_text.starts_with("runtime: goroutine stack exceeds 262144-byte limit\n"));
    CHECK(r.stderr_text.find("fatal error: stack overflow\n") != std::string::npos);
    CHECK(r.stderr_text.find("goroutine 5 [running]:") != std::string::npos);
  }
}

TEST_CASE("stack: shallow recursion is fine") {
  int v = -1;
  auto r = Run(Opts(), [&] { v = Deep(100); });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(v == 5050);  // 0 + 1 + … + 100
}

// With 2 stack slots for 64 goroutines, almost every switch swaps stacks:
// the ring of channels still carries every token around.
TEST_CASE("stack: goroutines sharing stack slots keep their stacks intact") {
  for (const char* policy : {"go", "random"}) {
    CAPTURE(policy);
    runtime::Options o = Opts("1.21", 2, policy, 3);
    o.stack_slots = 2;
    uint64_t evictions = 0;
    std::vector<int> out;
    auto r = Run(o, [&] {
      const int n = 64;
      std::vector<Chan<int>> ring;
      for (int i = 0; i <= n; ++i) ring.push_back(MakeChan<int>(0));
      for (int i = 0; i < n; ++i) {
        Go([in = ring[i], next = ring[i + 1], i] {
          int local[16];  // stack-resident state that must survive swaps
          for (int k = 0; k < 16; ++k) local[k] = i * 100 + k;
          for (int round = 0; round < 3; ++round) {
            int v = in.Recv();
            for (int k = 0; k < 16; ++k) REQUIRE(local[k] == i * 100 + k);
            next.Send(v + 1);
          }
        });
      }
      for (int round = 0; round < 3; ++round) {
        ring[0].Send(round * 1000);
        out.push_back(ring[n].Recv());
      }
      evictions = S().fibers().pool().evictions();
    });
    CHECK(r.outcome == OutcomeKind::kExit);
    CHECK(out == std::vector<int>{64, 1064, 2064});
    CHECK(evictions > 100);
  }
}

TEST_CASE("stack: an API object on a swapped-out stack is a clear error, not corruption") {
  runtime::Options o = Opts("1.21", 1);
  o.stack_slots = 2;
  auto r = Run(o, [] {
    Go([] {
      Mutex mu;  // on this goroutine's stack, shared by reference below
      Go([&mu] {
        for (int i = 0; i < 8; ++i) {
          Go([] { Chan<int>().Recv(); });  // more goroutines: slots get shared
          Gosched();
        }
        mu.Lock();
      });
      Chan<int>().Recv();
    });
    Chan<int>().Recv();
  });
  CHECK(r.outcome == OutcomeKind::kPanic);
  CHECK(r.message.find("a sync.Mutex that lives on another goroutine's stack was used while that stack was swapped out") !=
        std::string::npos);
}

}  // namespace
}  // namespace gostep
