// bench/parked.cc — N goroutines parked on a channel (gostep_parked).
//
//   gostep_parked [N] [--gomaxprocs P] [--stack-slots S] [--diag]
//
// Starts N goroutines (default 1,000,000), each blocked receiving from an
// unbuffered channel it captured by value, waits until all of them have
// reached the receive, prints "parked N" and returns from main, which ends
// the program (gostep then unwinds the parked goroutines). bench/run.sh
// measures the peak RSS of the whole process with /usr/bin/time -f %M, beside
// bench/go/parked (the same program in Go 1.19).
//
// --diag prints, on stderr, where the memory goes: object sizes, saved stack
// bytes, heap in use (mallinfo2) and the RSS high-water mark at each phase
// (all parked, after the run, after the Result is freed). It allocates only
// a few KiB itself (reading /proc/self/status); bench/run.sh measures the
// plain program and runs --diag separately.
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#include "base/decision.h"
#include "runtime/chan.h"
#include "runtime/go.h"
#include "runtime/runtime.h"
#include "scheduler/scheduler.h"
#include "scheduler/sudog.h"

namespace {

// StatusKiB returns a "VmRSS"/"VmHWM" field of /proc/self/status in KiB.
long StatusKiB(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  size_t len = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, len, field) == 0 && line.size() > len && line[len] == ':') {
      return std::strtol(line.c_str() + len + 1, nullptr, 10);
    }
  }
  return -1;
}

double MiB(double bytes) { return bytes / (1024.0 * 1024.0); }

void PrintPhase(const char* phase) {
  struct mallinfo2 mi = mallinfo2();
  std::fprintf(stderr, "diag: %-28s VmRSS %8.1f MiB  VmHWM %8.1f MiB  heap in use %8.1f MiB  heap mmapped %7.1f MiB\n",
               phase, StatusKiB("VmRSS") / 1024.0, StatusKiB("VmHWM") / 1024.0, MiB(static_cast<double>(mi.uordblks)),
               MiB(static_cast<double>(mi.hblkhd)));
}

// Diagnose describes the memory of the parked goroutines (called by main
// while they are all parked).
void Diagnose(uint64_t n) {
  gostep::sched::Scheduler& s = gostep::S();
  uint64_t parked = 0, evicted = 0, resident = 0, saved_bytes = 0, max_saved = 0;
  for (const gostep::sched::G* g : s.allgs()) {
    if (g->system || g->status != gostep::sched::GStatus::kWaiting) continue;
    ++parked;
    const gostep::sched::StackUser& u = g->ctx.stack;
    if (u.saved != nullptr) {
      ++evicted;
      saved_bytes += u.saved_size;
      max_saved = std::max<uint64_t>(max_saved, u.saved_size);
    } else if (u.resident) {
      ++resident;
    }
  }
  const auto& pool = s.fibers().pool();
  std::fprintf(stderr, "diag: goroutines started %llu, parked %llu (%llu resident in a slot, %llu evicted)\n",
               static_cast<unsigned long long>(n), static_cast<unsigned long long>(parked),
               static_cast<unsigned long long>(resident), static_cast<unsigned long long>(evicted));
  std::fprintf(stderr, "diag: stack slots in use %zu of %zu KiB each; evictions %llu, restores %llu\n",
               pool.slots_in_use(), pool.slot_bytes() / 1024, static_cast<unsigned long long>(pool.evictions()),
               static_cast<unsigned long long>(pool.restores()));
  std::fprintf(stderr, "diag: saved stack bytes: total %.1f MiB, mean %.0f B, max %llu B per evicted goroutine\n",
               MiB(static_cast<double>(saved_bytes)), evicted ? static_cast<double>(saved_bytes) / evicted : 0.0,
               static_cast<unsigned long long>(max_saved));
  std::fprintf(stderr,
               "diag: sizeof G %zu, Sudog %zu, std::function %zu, Context %zu; steps %llu, "
               "decision-path recording %.1f MiB\n",
               sizeof(gostep::sched::G), sizeof(gostep::sched::Sudog), sizeof(std::function<void()>),
               sizeof(gostep::sched::Context), static_cast<unsigned long long>(s.steps()),
               MiB(static_cast<double>(s.path().size_bytes())));
  PrintPhase("all parked");
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t n = 1'000'000;
  int procs = 2;
  size_t slots = 0;  // 0: the Options default
  bool diag = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--diag") {
      diag = true;
    } else if (a == "--gomaxprocs" && i + 1 < argc) {
      procs = std::atoi(argv[++i]);
    } else if (a == "--stack-slots" && i + 1 < argc) {
      slots = std::strtoull(argv[++i], nullptr, 10);
    } else if (!a.empty() && a[0] != '-') {
      n = std::strtoull(a.c_str(), nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: gostep_parked [N] [--gomaxprocs P] [--stack-slots S] [--diag]\n");
      return 1;
    }
  }

  gostep::runtime::Options o;
  o.version = "1.19";
  o.gomaxprocs = procs;
  o.limits.max_steps = 0;
  if (slots != 0) o.stack_slots = slots;
  if (diag) PrintPhase("start");

  uint64_t started = 0;      // on the host stack: never swapped out
  uint64_t* count = &started;
  gostep::runtime::Result r;
  {
    gostep::runtime::Runtime rt(o);
    r = rt.Run([n, count, diag] {
      auto ch = gostep::MakeChan<int>(0);
      for (uint64_t i = 0; i < n; ++i) {
        gostep::Go([ch, count] {
          ++*count;   // no yield point between this and the receive's park
          ch.Recv();  // blocks forever
        });
      }
      while (*count < n) gostep::Gosched();
      gostep::Printf("parked {}\n", n);
      if (diag) Diagnose(n);
    });
  }
  std::fwrite(r.stdout_text.data(), 1, r.stdout_text.size(), stdout);
  std::fwrite(r.stderr_text.data(), 1, r.stderr_text.size(), stderr);
  int rc = r.exit_code;
  if (r.outcome != gostep::runtime::OutcomeKind::kExit) {
    std::fprintf(stderr, "gostep_parked: %s\n", gostep::runtime::OutcomeText(r).c_str());
    rc = 1;
  }
  if (diag) {
    std::fprintf(stderr, "diag: steps %llu, schedule file %.1f MiB\n", static_cast<unsigned long long>(r.steps),
                 MiB(static_cast<double>(r.schedule.size())));
    PrintPhase("run returned (Result alive)");
    r = {};
    PrintPhase("Result freed");
  }
  return rc;
}
