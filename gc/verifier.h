// gc/verifier.h — the collector's invariants, checked from scratch.
//
// Like Lua's lua_checkmemory and Go's export_test.go checkers: slow,
// independent recomputations that a test runs after every step. Each check
// rebuilds its facts from the heap, the queues and the roots, never from the
// collector's own counters:
//  1. the barrier is on exactly in kMark and kMarkTermination;
//  2. grey objects (grey bit) are exactly the marked objects queued on a
//     gcWork or the global full list;
//  3. span and byte accounting: alloc_count, slot ownership, span-set
//     membership, sweepgen, heap_inuse and the page allocator agree;
//  4. the weak tri-colour invariant (during mark): every white object
//     referenced by a black object or a scanned root is reachable, through
//     white objects only, from a grey object, an unscanned root or a pending
//     barrier-buffer entry;
//  5. shadow reachability: following the roots by provenance (gc/ref.h), no
//     reachable object is freed, and once mark has ended no reachable
//     object is left unmarked in a span that will be swept.
// 1–4 are recorded as violations (the first stays, with its step). 5 is a
// lost object: it names the object, the path from a root, the step, and
// the first earlier violation (where it went wrong), and ends the run
// through World::Fault.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gc/ref.h"

namespace gostep::gc {

class Collector;

struct Violation {
  std::string check;    // "barrier", "grey", "accounting", "tricolor", "lost"
  std::string message;
  uint64_t step = 0;    // World::StepCount when found
  uint64_t gc_step = 0; // Collector::collector_steps when found
  ObjectId object = 0;
};

class Verifier {
 public:
  explicit Verifier(Collector* c) : c_(c) {}

  // AfterStep runs every check; a lost object ends the run.
  void AfterStep();
  // CheckAll runs every check and returns the first new violation ("" if none).
  std::string CheckAll();
  const std::vector<Violation>& violations() const { return violations_; }

 private:
  void Add(const char* check, std::string msg, ObjectId obj = 0);
  void CheckBarrier();
  void CheckGrey();
  void CheckAccounting();
  void CheckTricolor();
  void CheckReachable();

  Collector* c_;
  std::vector<Violation> violations_;
  size_t reported_ = 0;
};

}  // namespace gostep::gc
