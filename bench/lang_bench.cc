// bench/lang_bench.cc — the interpreter beside `go build`: BM_Lang/<name>.
//
// Each benchmark compiles one Go program of bench/go/lang/ once
// (lang::Compile) and runs it on a fresh Runtime per iteration
// (Program::Run: GOMAXPROCS 1, go policy, statement granularity, no event
// log, no limits), as `gostep run` does. One iteration is one whole run of
// the program; its output is checked. bench/run.sh builds the same file with
// Go 1.19 (with bench/go/lang/harness.go, which times main in-process) and
// reports the ratios.
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "bench/bench_util.h"
#include "lang/program.h"

#ifndef GOSTEP_SOURCE_DIR
#error "GOSTEP_SOURCE_DIR must name the source tree (bench/CMakeLists.txt)"
#endif

namespace gostep::bench {
namespace {

struct LangCase {
  const char* name;  // bench/go/lang/<name>.go
  const char* want;  // its stdout
};

constexpr LangCase kFib{"fib", "832040\n"};
constexpr LangCase kMapLoop{"maploop", "1000000 999999000000\n"};
constexpr LangCase kPingPong{"pingpong", "5000050000\n"};

std::string ReadSource(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void BM_Lang(benchmark::State& state, LangCase c) {
  std::string path = std::string(GOSTEP_SOURCE_DIR) + "/bench/go/lang/" + c.name + ".go";
  std::string source = ReadSource(path);
  if (source.empty()) {
    state.SkipWithError(("cannot read " + path).c_str());
    return;
  }
  lang::DiagList diags;
  std::unique_ptr<lang::Program> program = lang::Compile(path, source, "1.19", &diags);
  if (program == nullptr) {
    state.SkipWithError(("compile error in " + path).c_str());
    return;
  }
  runtime::Options o = Opts(1, "go");
  o.program = path;
  double cpu = 0;
  for (auto _ : state) {
    Timed t;
    t.Start();
    runtime::Result r = program->Run(o);
    t.Stop();
    if (r.outcome != runtime::OutcomeKind::kExit || r.exit_code != 0 || r.stdout_text != c.want) {
      state.SkipWithError((std::string(c.name) + ": " + runtime::OutcomeText(r) + ", stdout \"" + r.stdout_text +
                           "\"").c_str());
      return;
    }
    state.SetIterationTime(t.wall());
    cpu += t.cpu();
  }
  state.counters["cpu_ns"] = cpu * 1e9 / static_cast<double>(state.iterations());
}

BENCHMARK_CAPTURE(BM_Lang, fib, kFib)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Lang, maploop, kMapLoop)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Lang, pingpong, kPingPong)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gostep::bench
