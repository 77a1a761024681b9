// bench/map_bench.cc — the host cost of gostep's Go maps (part of
// gostep_bench; bench/go/bench has the real-Go counterparts, map_* there).
//
// Two map types, as in Go:
//   map[int64]int64   KeyKind::kInt64, 8-byte scalar elem (the _fast64 paths)
//   map[string]int    KeyKind::kString, 8-byte scalar elem (the _faststr
//                     paths); the keys "key-0" … "key-<n-1>" are made once per
//                     benchmark and reused by every operation, as Go's
//                     benchmark reuses one []string
// at three sizes n: 8, 1,000 and 1,000,000 entries. Key j's value is j.
//
// Two ways of running the same map code (maps/bucket/hmap.h):
//
//   off  the map code alone: a maps::BucketMap over a gc::Collector on a
//        gc::NullWorld (no scheduler; tests/maps/map_fixture.h), manual
//        collector, verifier off, MapOptions{.yield_points = false}, no event
//        log. Nothing collects inside a timed window.
//   on   inside a running simulation: runtime::Runtime, profile 1.19, one P,
//        go policy, Options::granularity = "runtime", Options::events = true,
//        automatic collector (GOGC=100, verifier off). The program uses the
//        goroutine API, gostep::GoMap (runtime/map.h; the *hmap in a Global).
//        Each operation passes its runtime-grain yield points (scheduler
//        steps; counted in <op>_steps) and records its events (<op>_ev_bytes);
//        the map's random draws (hash0, iterator starts) are decision-path
//        draws. Setup (making the keys, building the 1M-entry map, the
//        collections between phases) runs with the event log switched off.
//
// One benchmark makes the keys, then runs five phases in this order on one
// map. Each phase is an untimed probe (also a warm-up) and kRounds timed
// rounds sized from it to take about kWindow each; a counter is the median
// over the rounds, per operation:
//
//   insert  build maps of n entries from make(map[K]V) (makemap_small, no
//           hint; growth and evacuation included), keys 0..n-1 in order; op =
//           one new key, the make timed with the inserts. n = 8 and 1k: as
//           many maps as fill a round; off: the earlier maps' garbage is
//           collected (Collector::RunCycle) outside the window every ~64k
//           inserts; on: the automatic collector runs inside the window when
//           the pacer starts it (as Go's GC is in Go's figure). n = 1M: the
//           one build of the map the other phases use: off, one timed sample;
//           on, untimed and without events (with events a 1M build writes
//           about 1 KB of event log per insert, ~1 GB), so no figure.
//   lookup  v, ok := m[keys[j]], j cycling over 0..n-1 across the rounds (hits
//           only); every ok must be true and the sum of the values must be
//           the expected one
//   iter    for _, v := range m; op = one produced entry. n = 8 and 1k: whole
//           ranges (mapiterinit's cost spread over the n entries), each must
//           produce n entries summing to n(n-1)/2. n = 1M: ranges broken off
//           when the round's count is reached (as Go's benchmark breaks at
//           b.N), every value must be in [0, n); one full range afterwards
//           (untimed, events off) must produce the n entries and their sum
//   delete  delete(m, keys[j]); m[keys[j]] = j, j cycling: op = one pair (the
//           map keeps its n entries: the reinsert fills the slot the delete
//           emptied, no growth); len(m) must still be n
//   update  m[keys[j]] = j + gen (an existing key: mapassign finds it and the
//           elem is stored), gen + 1 at every wrap of j; afterwards every key
//           must hold the last value written to it
//
// Counters, per operation: <op>_ns (wall), <op>_cpu_ns (thread CPU) for op in
// insert, lookup, iter, delete, update; on only: <op>_steps (scheduler
// steps), <op>_ev_bytes (event-log bytes), insert_gc_per_M (collector cycles
// started per 1M inserts). The Time column is the sum of all timed windows.
// The event log is emptied after each window (untimed), so memory stays
// bounded; caps on a round's size keep one window's log under ~200 MB.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/event_log.h"
#include "base/version_profile.h"
#include "bench/bench_util.h"
#include "gc/collector.h"
#include "gc/world.h"
#include "maps/bucket/hmap.h"
#include "maps/bucket/map_rand.h"
#include "maps/bucket/map_type.h"
#include "runtime/go.h"
#include "runtime/heap.h"
#include "runtime/map.h"
#include "runtime/map_binding.h"
#include "runtime/runtime.h"

namespace gostep::bench {
namespace {

using maps::BucketMap;
using maps::Hiter;
using maps::Key;
using maps::KeyKind;

constexpr double kWindow = 0.04;        // seconds per timed round
constexpr uint64_t kProbeOps = 20'000;  // the untimed probe of a phase
constexpr uint64_t kMinOps = 10'000;
constexpr int kRounds = 5;
// Maps above this size are built once (the insert phase is that build) and
// iterated in partial ranges.
constexpr int64_t kLargeMap = 100'000;

enum Op { kInsert, kLookup, kIter, kDelete, kUpdate, kNumOps };
constexpr const char* kOpName[kNumOps] = {"insert", "lookup", "iter", "delete", "update"};

// Caps on the operations of one round, off and on (on: the event log of one
// round stays under ~200 MB; lookups record none).
constexpr uint64_t kOffCap[kNumOps] = {4'000'000, 4'000'000, 4'000'000, 4'000'000, 4'000'000};
constexpr uint64_t kOnCap[kNumOps] = {1'000'000, 4'000'000, 2'000'000, 500'000, 1'000'000};

// off: collect the earlier maps' garbage (untimed) every this many inserts.
constexpr uint64_t kCollectEvery = 1 << 16;

std::string KeyString(int64_t j) { return "key-" + std::to_string(j); }

// ==== off: the map code on a heap without a scheduler ========================

class OffMap {
 public:
  static constexpr bool kOn = false;

  explicit OffMap(KeyKind kind)
      : profile_(*base::FindProfile("1.19")),
        c_(profile_, gc::CollectorConfig{.manual = true, .verify = false}, &world_, &log_),
        rand_(1) {
    world_.set_stack(c_.host_stack());
    type_ = maps::MapTypeFor(c_.types(), kind, maps::ElemShape::Scalar(8));
    m_ = std::make_unique<BucketMap>(c_, profile_, *type_, seeds_, rand_, maps::MapOptions{.yield_points = false},
                                     nullptr);
    slot_ = c_.host_stack()->locals.Add(gc::Ref{});
  }

  // Keys returns keys 0..n-1; string keys are rooted in host stack slots.
  std::vector<Key> Keys(KeyKind kind, int64_t n) {
    std::vector<Key> keys(static_cast<size_t>(n));
    for (int64_t j = 0; j < n; ++j) {
      if (kind == KeyKind::kString) {
        keys[j] = m_->NewString(KeyString(j));
        c_.host_stack()->locals.Add(keys[j].data);
      } else {
        keys[j] = Key::Int(j);
      }
    }
    return keys;
  }
  // The map is held as a raw Ref (also rooted by slot_): objects never move,
  // and nothing collects inside a timed window.
  void Make() {
    h_ = m_->MakeMapSmall();
    c_.host_stack()->locals[slot_] = h_;
  }
  void Set(const Key& k, int64_t v) { m_->Set(h_, k, v); }
  bool Get(const Key& k, int64_t* v) { return m_->Get(h_, k, v); }
  void Delete(const Key& k) { m_->Delete(h_, k); }
  int64_t Len() { return m_->Len(h_); }
  // Range is `for _, v := range m`; fn(v) returns false to break.
  template <typename F>
  void Range(F&& fn) {
    Hiter it;
    for (m_->IterInit(h_, &it); it.has_key; m_->IterNext(&it)) {
      if (!fn(m_->LoadInt(it.elem))) break;
    }
    m_->IterEnd(&it);
  }
  void Collect() { c_.RunCycle(); }
  void SetEvents(bool) {}
  uint64_t Steps() { return 0; }
  size_t EventBytes() { return 0; }
  void DropEvents() {}
  uint32_t GcCycles() { return c_.cycles(); }

 private:
  const base::VersionProfile& profile_;
  gc::NullWorld world_;
  base::EventLog log_;  // off
  gc::Collector c_;
  maps::HashSeeds seeds_ = maps::HashSeeds::FromSeed(1, true);
  maps::FastrandMapRand rand_;
  std::unique_ptr<maps::MapType> type_;
  std::unique_ptr<BucketMap> m_;
  uint32_t slot_ = 0;
  gc::Ref h_;
};

// ==== on: gostep::GoMap inside a running simulation ==========================

class OnMap {
 public:
  static constexpr bool kOn = true;

  explicit OnMap(KeyKind kind) : kind_(kind) {}

  // Keys returns keys 0..n-1; the string keys' bytes are rooted by a pointer
  // array held in a Local (Go's []string backing array).
  std::vector<Key> Keys(KeyKind kind, int64_t n) {
    std::vector<Key> keys(static_cast<size_t>(n));
    if (kind == KeyKind::kString) {
      BucketMap& code = runtime::MapBinding::Current()->For(kind_, maps::ElemShape::Scalar(8));
      roots_ = New(Types().Pointer(), static_cast<uint32_t>(n));
      for (int64_t j = 0; j < n; ++j) {
        keys[j] = code.NewString(KeyString(j));
        Store(roots_, static_cast<uint64_t>(j) * 8, keys[j].data);
      }
    } else {
      for (int64_t j = 0; j < n; ++j) keys[j] = Key::Int(j);
    }
    return keys;
  }
  void Make() { m_ = GoMap::Make(kind_, 0, /*small=*/true); }
  void Set(const Key& k, int64_t v) { m_.SetKey(k, v); }
  bool Get(const Key& k, int64_t* v) { return m_.GetKey(k, v); }
  void Delete(const Key& k) { m_.DeleteKey(k); }
  int64_t Len() { return m_.Len(); }
  template <typename F>
  void Range(F&& fn) {
    m_.Range([&fn](const Key&, int64_t v) { return fn(v); });
  }
  void Collect() { gostep::GC(); }
  void SetEvents(bool on) { Gc().log().set_on(on); }
  uint64_t Steps() { return S().step(); }
  size_t EventBytes() { return Gc().log().text().size(); }
  void DropEvents() { Gc().log().Take(); }
  uint32_t GcCycles() { return Gc().cycles(); }

 private:
  KeyKind kind_;
  GoMap m_;
  Local roots_;
};

// ==== The phases ==============================================================

struct PhaseResult {
  double wall = 0, cpu = 0;
  uint64_t ops = 0, steps = 0, ev_bytes = 0;
  uint32_t gc_cycles = 0;
};

// Window is one timed round, possibly in segments (Pause/Resume).
template <typename M>
class Window {
 public:
  explicit Window(M& m) : m_(m) {
    steps0_ = m_.Steps();
    ev0_ = m_.EventBytes();
    gc0_ = m_.GcCycles();
    t_.Start();
  }
  void Pause() {
    t_.Stop();
    r_.wall += t_.wall();
    r_.cpu += t_.cpu();
  }
  void Resume() { t_.Start(); }
  // Stop ends the round; the event log is emptied (untimed) afterwards.
  PhaseResult Stop(uint64_t ops) {
    Pause();
    r_.ops = ops;
    r_.steps = m_.Steps() - steps0_;
    r_.ev_bytes = m_.EventBytes() - ev0_;
    r_.gc_cycles = m_.GcCycles() - gc0_;
    m_.DropEvents();
    return r_;
  }

 private:
  M& m_;
  Timed t_;
  PhaseResult r_;
  uint64_t steps0_ = 0, ev0_ = 0;
  uint32_t gc0_ = 0;
};

// Prefix is the sum of the first k terms of 0, 1, …, n-1, 0, 1, ….
int64_t Prefix(uint64_t k, int64_t n) {
  auto tri = [](int64_t x) { return x * (x - 1) / 2; };
  const uint64_t un = static_cast<uint64_t>(n);
  return static_cast<int64_t>(k / un) * tri(n) + tri(static_cast<int64_t>(k % un));
}

// The results of one benchmark: per operation, one PhaseResult per round.
using Samples = std::vector<PhaseResult>[kNumOps];

// Rounds runs body(ops, nullptr) once untimed with about kProbeOps
// operations, then kRounds timed rounds body(ops, &window) sized to take
// about kWindow each (a multiple of `multiple`, at most cap). body returns
// false when its check failed.
template <typename M, typename Body>
bool Rounds(M& m, uint64_t multiple, uint64_t cap, std::vector<PhaseResult>* out, Body&& body) {
  auto round_up = [multiple](uint64_t x) { return std::max<uint64_t>(1, (x + multiple - 1) / multiple) * multiple; };
  uint64_t probe = round_up(kProbeOps);
  Timed t;
  t.Start();
  if (!body(probe, static_cast<Window<M>*>(nullptr))) return false;
  t.Stop();
  m.DropEvents();
  double per_op = std::max(t.wall(), 1e-9) / static_cast<double>(probe);
  uint64_t ops = round_up(std::clamp<uint64_t>(static_cast<uint64_t>(kWindow / per_op), kMinOps, cap));
  for (int r = 0; r < kRounds; ++r) {
    Window<M> w(m);
    if (!body(ops, &w)) return false;
    out->push_back(w.Stop(ops));
  }
  return true;
}

// RunPhases runs the five phases on a map of type `kind` with n entries;
// false (and *err) if a check failed.
template <typename M>
bool RunPhases(M& m, KeyKind kind, int64_t n, const uint64_t (&cap)[kNumOps], Samples& out, std::string* err) {
  const uint64_t un = static_cast<uint64_t>(n);
  const bool large = n > kLargeMap;
  m.SetEvents(false);
  std::vector<Key> keys = m.Keys(kind, n);
  const Key* kp = keys.data();
  m.DropEvents();
  m.SetEvents(true);

  // ---- insert: build maps of n entries from make(map[K]V); `ops` is a
  // multiple of n. The last map built is the one the other phases use.
  uint64_t since_collect = 0;
  auto build = [&](uint64_t ops, Window<M>* w) {
    bool ok = true;
    for (uint64_t b = 0; b < ops / un; ++b) {
      m.Make();
      for (int64_t j = 0; j < n; ++j) m.Set(kp[j], j);
      if (m.Len() != n) ok = false;
      since_collect += un;
      if (!M::kOn && since_collect >= kCollectEvery && b + 1 < ops / un) {  // off: untimed collection
        if (w != nullptr) w->Pause();
        m.Collect();
        since_collect = 0;
        if (w != nullptr) w->Resume();
      }
    }
    if (!ok) *err = "insert: a built map does not hold n entries";
    return ok;
  };
  if (!large) {
    if (!Rounds(m, un, cap[kInsert], &out[kInsert], build)) return false;
  } else if (!M::kOn) {
    Window<M> w(m);
    if (!build(un, &w)) return false;
    out[kInsert].push_back(w.Stop(un));
  } else {
    m.SetEvents(false);
    if (!build(un, nullptr)) return false;
  }
  m.SetEvents(false);
  m.Collect();  // the garbage of the builds (Go's benchmark: runtime.GC() before each run)
  m.DropEvents();
  m.SetEvents(true);

  // ---- lookup: v, ok := m[keys[j]]
  int64_t lj = 0;
  uint64_t looked = 0;
  auto lookup = [&](uint64_t ops, Window<M>*) {
    int64_t sum = 0;
    bool ok = true;
    int64_t j = lj;
    for (uint64_t i = 0; i < ops; ++i) {
      int64_t v;
      if (!m.Get(kp[j], &v)) ok = false;
      sum += v;
      if (++j == n) j = 0;
    }
    const int64_t want = Prefix(looked + ops, n) - Prefix(looked, n);
    lj = j;
    looked += ops;
    if (!ok || sum != want) *err = "lookup: a key was missing or the sum of the values is wrong";
    return ok && sum == want;
  };
  if (!Rounds(m, 1, cap[kLookup], &out[kLookup], lookup)) return false;

  // ---- iter: for _, v := range m; whole ranges unless the map is large
  const int64_t range_sum = Prefix(un, n);
  auto iter = [&](uint64_t ops, Window<M>*) {
    bool ok = true;
    for (uint64_t done = 0; done < ops;) {
      const uint64_t budget = ops - done;
      uint64_t c = 0;
      int64_t s = 0;
      bool in_range = true;
      m.Range([&](int64_t v) {
        if (c == budget) return false;
        s += v;
        ++c;
        in_range &= static_cast<uint64_t>(v) < un;
        return true;
      });
      if (!in_range || (c == un ? s != range_sum : c != budget)) ok = false;
      if (c == 0) return *err = "iter: an empty range", false;
      done += c;
    }
    if (!ok) *err = "iter: a range did not produce the map's entries";
    return ok;
  };
  if (!Rounds(m, large ? 1 : un, cap[kIter], &out[kIter], iter)) return false;
  if (large) {  // one whole range, untimed, without events
    m.SetEvents(false);
    bool ok = iter(un, nullptr);
    m.DropEvents();
    m.SetEvents(true);
    if (!ok) return false;
  }

  // ---- delete: delete(m, k); m[k] = j
  int64_t dj = 0;
  auto del = [&](uint64_t ops, Window<M>*) {
    int64_t j = dj;
    for (uint64_t i = 0; i < ops; ++i) {
      m.Delete(kp[j]);
      m.Set(kp[j], j);
      if (++j == n) j = 0;
    }
    dj = j;
    if (m.Len() != n) *err = "delete: the map does not hold n entries after the pairs";
    return m.Len() == n;
  };
  if (!Rounds(m, 1, cap[kDelete], &out[kDelete], del)) return false;

  // ---- update: m[k] = j + gen, gen + 1 at every wrap of j
  int64_t uj = 0, gen = 1;
  auto update = [&](uint64_t ops, Window<M>*) {
    int64_t j = uj;
    for (uint64_t i = 0; i < ops; ++i) {
      m.Set(kp[j], j + gen);
      if (++j == n) {
        j = 0;
        ++gen;
      }
    }
    uj = j;
    return true;
  };
  if (!Rounds(m, 1, cap[kUpdate], &out[kUpdate], update)) return false;
  // Every key holds the last value written to it: key i >= uj was last
  // written one wrap earlier (gen - 1 = 0: never, it holds its built i).
  m.SetEvents(false);
  for (int64_t i = 0; i < n; ++i) {
    int64_t v;
    if (!m.Get(kp[i], &v) || v != i + gen - (i >= uj ? 1 : 0)) {
      return *err = "update: a key does not hold the last value written to it", false;
    }
  }
  if (m.Len() != n) return *err = "update: the map does not hold n entries", false;
  return true;
}

double Median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs[xs.size() / 2];
}

// Report sets the counters: per operation, the median over its rounds of
// each figure (an operation without rounds has no counters).
void Report(benchmark::State& state, const Samples& s, bool on) {
  double total = 0;
  for (int op = 0; op < kNumOps; ++op) {
    if (s[op].empty()) continue;
    std::vector<double> wall, cpu, steps, ev;
    for (const PhaseResult& p : s[op]) {
      const double ops = static_cast<double>(p.ops);
      total += p.wall;
      wall.push_back(p.wall * 1e9 / ops);
      cpu.push_back(p.cpu * 1e9 / ops);
      steps.push_back(static_cast<double>(p.steps) / ops);
      ev.push_back(static_cast<double>(p.ev_bytes) / ops);
    }
    const std::string name = kOpName[op];
    state.counters[name + "_ns"] = Median(wall);
    state.counters[name + "_cpu_ns"] = Median(cpu);
    if (on) {
      state.counters[name + "_steps"] = Median(steps);
      state.counters[name + "_ev_bytes"] = Median(ev);
    }
  }
  if (on && !s[kInsert].empty()) {
    std::vector<double> cycles;
    for (const PhaseResult& p : s[kInsert]) cycles.push_back(p.gc_cycles * 1e6 / static_cast<double>(p.ops));
    state.counters["insert_gc_per_M"] = Median(cycles);
  }
  state.SetIterationTime(total);
}

// BM_Map/<mode>_<key>/n:N: the keys, then the five phases; one Google
// Benchmark iteration (the rounds are inside it).
void BM_Map(benchmark::State& state, KeyKind kind, bool on) {
  const int64_t n = state.range(0);
  std::string err;
  bool ok = false;
  if (!on) {
    for (auto _ : state) {
      OffMap m(kind);
      Samples s;
      ok = RunPhases(m, kind, n, kOffCap, s, &err);
      if (ok) Report(state, s, false);
    }
  } else {
    runtime::Options o = Opts(1, "go");
    o.granularity = "runtime";
    o.events = true;
    o.gc_verify = false;
    bool ran = RunProgram(state, o, [&] {
      for (auto _ : state) {
        OnMap m(kind);
        Samples s;
        ok = RunPhases(m, kind, n, kOnCap, s, &err);
        if (ok) Report(state, s, true);
      }
    });
    if (!ran) return;
  }
  if (!ok) state.SkipWithError(err.c_str());
}

#define GOSTEP_MAP_BENCH(name, kind, on)    \
  BENCHMARK_CAPTURE(BM_Map, name, kind, on) \
      ->ArgName("n")                        \
      ->Arg(8)                              \
      ->Arg(1000)                           \
      ->Arg(1000000)                        \
      ->Iterations(1)                       \
      ->UseManualTime()
GOSTEP_MAP_BENCH(off_int64, KeyKind::kInt64, false);
GOSTEP_MAP_BENCH(off_string, KeyKind::kString, false);
GOSTEP_MAP_BENCH(on_int64, KeyKind::kInt64, true);
GOSTEP_MAP_BENCH(on_string, KeyKind::kString, true);
#undef GOSTEP_MAP_BENCH

}  // namespace
}  // namespace gostep::bench
