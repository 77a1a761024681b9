// lang/std/std_time.cc — packages time and runtime on the simulation.
//
// time.Time is a named int64 of nanoseconds on the virtual clock (gostep
// does not model wall-clock dates); time.Duration is Go's int64 with its
// String method. Timers are the scheduler's (runtime/time.h). runtime.GC
// runs a full cycle of the collector; MemStats has the fields the model has.
#include <fmt/format.h>

#include "lang/std/fmt.h"
#include "lang/std/std_impl.h"
#include "runtime/go.h"
#include "runtime/heap.h"
#include "runtime/time.h"

namespace gostep::lang::std_pkg {
namespace {

sched::SourcePos At(Frame& f) { return sched::At(f.fn != nullptr ? f.fn->file : nullptr, f.line); }

TypeFn Dur() { return [](TypeTable& t) { return DurationType(t); }; }
TypeFn TimeT() { return [](TypeTable& t) { return TimeType(t); }; }
TypeFn TimerPtr(const char* name) {
  std::string n = name;
  return [n](TypeTable& t) { return t.Pointer(Type(t, "time", n, 23)); };
}
TypeFn TimeChan() {
  return [](TypeTable& t) { return t.Chan(TimeType(t), types::ChanDirKind::kRecv); };
}

// The host timer of a *time.Timer: cell 0 of its struct holds it, cell 1 the
// channel C.
struct TimerBox {
  gostep::Timer timer;
  gostep::Ticker ticker;
  bool is_ticker = false;
};

Value NewTimerValue(Frame& f, TimerBox* box, sched::Hchan* c) {
  exec::RunState& r = exec::Run(f);
  Value* cells = r.heap.Cells(2);
  cells[0] = Value::Ptr(box);
  cells[1] = Value::Ptr(c);
  Value* obj = r.heap.Cells(1);
  *obj = Value::Ptr(cells);
  return Value::Ptr(obj);
}

}  // namespace

// DurationString is time.Duration.String (time/time.go).
std::string DurationString(int64_t d) {
  if (d == 0) return "0s";
  bool neg = d < 0;
  uint64_t u = neg ? 0 - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
  std::string s;
  if (u < 1000000000ull) {
    const char* unit;
    double v;
    if (u < 1000) return (neg ? "-" : "") + std::to_string(u) + "ns";
    if (u < 1000000) { unit = "µs"; v = u / 1e3; }
    else { unit = "ms"; v = u / 1e6; }
    return (neg ? "-" : "") + FormatFloat(v, 'g', -1, 64) + unit;
  }
  uint64_t h = u / 3600000000000ull;
  u -= h * 3600000000000ull;
  uint64_t m = u / 60000000000ull;
  u -= m * 60000000000ull;
  std::string secs = FormatFloat(static_cast<double>(u) / 1e9, 'f', 9, 64);
  while (secs.back() == '0') secs.pop_back();
  if (secs.back() == '.') secs.pop_back();
  if (h > 0) s = fmt::format("{}h{}m{}s", h, m, secs);
  else if (m > 0) s = fmt::format("{}m{}s", m, secs);
  else s = secs + "s";
  return (neg ? "-" : "") + s;
}

const types::Type* DurationType(TypeTable& t) {
  return t.Std("time", "Duration", [&t]() { return t.Basic(Kind::kInt64); });
}
const types::Type* TimeType(TypeTable& t) {
  return t.Std("time", "Time", [&t]() { return t.Basic(Kind::kInt64); });
}
const types::Type* TimerStruct(TypeTable& t) {
  return t.Struct({types::StructField{"r", t.Basic(Kind::kUnsafePointer), false},
                   types::StructField{"C", t.Chan(TimeType(t), types::ChanDirKind::kRecv), false}});
}

void AddTime(std::vector<StdFunc>* v) {
  v->push_back({"time", "Sleep", 0, Sig({Dur()}, {}), [](Frame& f, const Value* a, Value*) { gostep::Sleep(a[0].i, At(f)); }});
  v->push_back({"time", "Now", 0, Sig({}, {TimeT()}), [](Frame&, const Value*, Value* r) { r[0] = Value::Int(gostep::Now()); }});
  v->push_back({"time", "Since", 0, Sig({TimeT()}, {Dur()}), [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(gostep::Now() - a[0].i); }});
  v->push_back({"time", "After", 0, Sig({Dur()}, {TimeChan()}), [](Frame&, const Value* a, Value* r) { r[0] = Value::Ptr(gostep::After(a[0].i).raw()); }});
  v->push_back({"time", "Tick", 0, Sig({Dur()}, {TimeChan()}), [](Frame&, const Value* a, Value* r) { r[0] = Value::Ptr(gostep::Tick(a[0].i).raw()); }});
  v->push_back({"time", "NewTimer", 0, Sig({Dur()}, {TimerPtr("Timer")}), [](Frame& f, const Value* a, Value* r) {
                  TimerBox* b = exec::Run(f).heap.New<TimerBox>();
                  b->timer = gostep::NewTimer(a[0].i);
                  r[0] = NewTimerValue(f, b, b->timer.C.raw());
                }});
  v->push_back({"time", "NewTicker", 0, Sig({Dur()}, {TimerPtr("Ticker")}), [](Frame& f, const Value* a, Value* r) {
                  if (a[0].i <= 0) exec::PanicValue(f, MakeError(f, "non-positive interval for NewTicker"));
                  TimerBox* b = exec::Run(f).heap.New<TimerBox>();
                  b->ticker = gostep::NewTicker(a[0].i, At(f));
                  b->is_ticker = true;
                  r[0] = NewTimerValue(f, b, b->ticker.C.raw());
                }});
  v->push_back({"time", "AfterFunc", 0, Sig({Dur(), ty::Func0}, {TimerPtr("Timer")}), [](Frame& f, const Value* a, Value* r) {
                  auto* c = static_cast<exec::Closure*>(a[1].p);
                  exec::RunState* run = f.g->run;
                  TimerBox* b = run->heap.New<TimerBox>();
                  b->timer = gostep::AfterFunc(a[0].i, [run, c] {
                    gostep::Go([run, c] { exec::RunGoroutine(run, [c](Frame& fr) { exec::Call(fr, c, nullptr, 0, nullptr); }); },
                               gostep::GoOptions{.name = c->code->name});
                  });
                  r[0] = NewTimerValue(f, b, nullptr);
                }});
}

void AddTimeMethods(std::vector<NativeMethod>* v) {
  auto box = [](Frame& f, Value* recv) {
    Value* cells = static_cast<Value*>(recv->p);
    return static_cast<TimerBox*>(cells[0].p);
  };
  v->push_back({"time.Timer", "Stop", 0, Sig({}, {ty::Bool}),
                [box](Frame& f, Value* t, const Value*, Value* r) { r[0] = Value::Int(box(f, t)->timer.Stop()); }});
  v->push_back({"time.Timer", "Reset", 0, Sig({Dur()}, {ty::Bool}),
                [box](Frame& f, Value* t, const Value* a, Value* r) { r[0] = Value::Int(box(f, t)->timer.Reset(a[0].i)); }});
  v->push_back({"time.Ticker", "Stop", 0, Sig({}, {}), [box](Frame& f, Value* t, const Value*, Value*) { box(f, t)->ticker.Stop(); }});
  v->push_back({"time.Duration", "String", 0, Sig({}, {ty::String}),
                [](Frame& f, Value* d, const Value*, Value* r) { r[0] = NewString(f, DurationString(d->i)); }});
  v->push_back({"time.Duration", "Seconds", 0, Sig({}, {ty::Float64}),
                [](Frame&, Value* d, const Value*, Value* r) { r[0] = Value::Float(static_cast<double>(d->i) / 1e9); }});
  v->push_back({"time.Duration", "Milliseconds", 0, Sig({}, {ty::Int64}),
                [](Frame&, Value* d, const Value*, Value* r) { r[0] = Value::Int(d->i / 1000000); }});
  // Times on the virtual clock (one monotonic reading each): Add, Before,
  // After and Equal compare and move that reading, as Go does for two
  // times that both carry a monotonic clock reading (time.go).
  v->push_back({"time.Time", "Add", 0, Sig({Dur()}, {TimeT()}),
                [](Frame&, Value* t, const Value* a, Value* r) { r[0] = Value::Int(t->i + a[0].i); }});
  v->push_back({"time.Time", "Before", 0, Sig({TimeT()}, {ty::Bool}),
                [](Frame&, Value* t, const Value* a, Value* r) { r[0] = Value::Int(t->i < a[0].i); }});
  v->push_back({"time.Time", "After", 0, Sig({TimeT()}, {ty::Bool}),
                [](Frame&, Value* t, const Value* a, Value* r) { r[0] = Value::Int(t->i > a[0].i); }});
  v->push_back({"time.Time", "Equal", 0, Sig({TimeT()}, {ty::Bool}),
                [](Frame&, Value* t, const Value* a, Value* r) { r[0] = Value::Int(t->i == a[0].i); }});
  v->push_back({"time.Time", "Sub", 0, Sig({TimeT()}, {Dur()}),
                [](Frame&, Value* t, const Value* a, Value* r) { r[0] = Value::Int(t->i - a[0].i); }});
  v->push_back({"time.Time", "UnixNano", 0, Sig({}, {ty::Int64}), [](Frame&, Value* t, const Value*, Value* r) { r[0] = *t; }});
}

void AddRuntime(std::vector<StdFunc>* v) {
  v->push_back({"runtime", "GC", 0, Sig({}, {}), [](Frame&, const Value*, Value*) { gostep::GC(); }});
  v->push_back({"runtime", "Gosched", 0, Sig({}, {}), [](Frame&, const Value*, Value*) { gostep::Gosched(); }});
  v->push_back({"runtime", "Goexit", 0, Sig({}, {}), [](Frame&, const Value*, Value*) { gostep::Goexit(); }});
  v->push_back({"runtime", "NumGoroutine", 0, Sig({}, {ty::Int}),
                [](Frame&, const Value*, Value* r) { r[0] = Value::Int(gostep::NumGoroutine()); }});
  v->push_back({"runtime", "GOMAXPROCS", 0, Sig({ty::Int}, {ty::Int}), [](Frame& f, const Value* a, Value* r) {
                  r[0] = Value::Int(S().config().gomaxprocs);
                  if (a[0].i > 0 && a[0].i != r[0].i) exec::RuntimePanic(f, "gostep: changing GOMAXPROCS at run time is not supported; use --gomaxprocs");
                }});
  v->push_back({"runtime", "NumCPU", 0, Sig({}, {ty::Int}), [](Frame&, const Value*, Value* r) { r[0] = Value::Int(S().config().gomaxprocs); }});
  v->push_back({"runtime", "KeepAlive", 0, Sig({ty::Any}, {}), [](Frame&, const Value*, Value*) {}});
  v->push_back({"runtime", "ReadMemStats", 0,
                [](TypeTable& t) { return t.Func({t.Pointer(MemStatsType(t))}, {}, false); },
                [](Frame& f, const Value* a, Value*) {
                  if (a[0].p == nullptr) exec::NilDeref(f);
                  gc::Collector& c = gostep::Gc();
                  const gc::Heap::Stats& st = c.heap().stats();
                  Value* cells = static_cast<Value*>(static_cast<Value*>(a[0].p)->p);
                  // The fields the model has (heap.go: Stats); the others stay 0.
                  uint64_t vals[] = {st.heap_alloc, st.total_alloc, st.mapped, 0, 0, st.heap_alloc, st.heap_inuse,
                                     0, c.pacer().HeapGoal(), c.cycles()};
                  for (size_t i = 0; i < std::size(vals); ++i) cells[i] = Value::Int(static_cast<int64_t>(vals[i]));
                }});
}

const types::Type* MemStatsType(TypeTable& t) {
  return t.Std("runtime", "MemStats", [&t]() {
    std::vector<types::StructField> fs;
    for (const char* n : {"Alloc", "TotalAlloc", "Sys", "Mallocs", "Frees", "HeapAlloc", "HeapInuse", "HeapObjects"}) {
      fs.push_back({n, t.Basic(Kind::kUint64), false});
    }
    fs.push_back({"NextGC", t.Basic(Kind::kUint64), false});
    fs.push_back({"NumGC", t.Basic(Kind::kUint32), false});
    return t.Struct(fs);
  });
}

}  // namespace gostep::lang::std_pkg
