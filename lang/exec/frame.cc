// lang/exec/frame.cc — calls, deferred calls, panics and recover, and the
// goroutine dump's view of interpreter frames (see frame.h).
#include "lang/exec/frame.h"

#include <fmt/format.h>

#include "lang/exec/run_state.h"
#include "runtime/go.h"

namespace gostep::lang::exec {

// ---- Stack ----------------------------------------------------------------------

Value* Stack::Push(int n) {
  if (n == 0) n = 1;
  if (chunks_.empty() || chunks_[cur_].used + n > chunks_[cur_].cap) {
    size_t next = chunks_.empty() ? 0 : cur_ + 1;
    // Chunks grow from kFirstChunkCells (most goroutines need little) by
    // doubling up to kChunkCells; the chunks past cur_ are empty, so one too
    // small for this frame is replaced.
    int want = chunks_.empty() ? kFirstChunkCells : std::min(chunks_[cur_].cap * 2, kChunkCells);
    want = std::max(want, n);
    if (next < chunks_.size() && chunks_[next].cap < n) chunks_.resize(next);
    if (next == chunks_.size()) chunks_.push_back(Chunk{std::make_unique<Value[]>(want), 0, want});
    cur_ = next;
  }
  Chunk& c = chunks_[cur_];
  Value* p = c.cells.get() + c.used;
  std::fill(p, p + n, Value());
  c.used += n;
  sizes_.push_back(n);
  return p;
}

void Stack::Pop(int n) {
  (void)n;
  int size = sizes_.back();
  sizes_.pop_back();
  chunks_[cur_].used -= size;
  if (chunks_[cur_].used == 0 && cur_ > 0) --cur_;
}

// ---- Calls ----------------------------------------------------------------------

namespace {

// Go's 1 GB stack limit: the interpreter's frames live on the fiber's host
// stack (lang/program.cc: 256 MiB reserved per goroutine), checked against
// GState::stack_floor (Scheduler::HostStackLow: a 32 KiB reserve). One
// interpreted call takes a few hundred bytes (more in Debug/ASan builds), so
// recursion reaches about a million calls, where Go's frames reach more;
// kMaxDepth bounds the count in any case. Either way the program dies as
// Go's does at its max stack size: "runtime: goroutine stack exceeds
// 1000000000-byte limit" ... "fatal error: stack overflow".
constexpr int kMaxDepth = 50'000'000;
constexpr uint64_t kGoMaxStack = 1000000000;  // runtime/proc.go: maxstacksize on 64-bit

struct FramePush {
  GState* g;
  Frame* saved;
  int n;
  FramePush(GState* gs, Frame* f, int nslots) : g(gs), saved(gs->top), n(nslots) {
    g->top = f;
    ++g->depth;
  }
  ~FramePush() {
    g->top = saved;
    --g->depth;
    g->stack.Pop(n);
  }
};

void RunDefers(Frame& f) {
  while (f.defers != nullptr && !f.defers->empty()) {
    Deferred d = std::move(f.defers->back());
    f.defers->pop_back();
    Frame df = f;
    df.deferred_call = true;
    d.call(df);
  }
}

}  // namespace

void PushDefer(Frame& f, std::function<void(Frame&)> call) {
  if (f.defers == nullptr) f.defers = new std::vector<Deferred>();  // freed by Call (DeferList)
  f.defers->push_back(Deferred{std::move(call)});
}

// ZeroResults sets a call's result slots to their zero values (boxed when
// closures capture them).
void ZeroResults(GState& g, const FuncCode& code, Value* slots) {
  for (size_t i = 0; i < code.result_slots.size(); ++i) {
    types::Kind rk = code.result_types[i]->UKind();
    Value z = rk == types::Kind::kStruct || rk == types::Kind::kArray ? Zero(*g.run, code.result_types[i]) : Value();
    if (code.boxed_results) {
      Value* cell = g.run->heap.Cells(1);
      *cell = z;
      slots[code.result_slots[i]] = Value::Ptr(cell);
    } else {
      slots[code.result_slots[i]] = z;
    }
  }
}

void CheckHostStack() {
  if (S().HostStackLow()) S().StackOverflow(kGoMaxStack);
}

void Call(Frame& caller, Closure* c, const Value* args, int nargs, Value* results) {
  const FuncCode* code = c->code;
  GState* g = caller.g;
  if (g->depth >= kMaxDepth || static_cast<const char*>(__builtin_frame_address(0)) < g->stack_floor) {
    S().StackOverflow(kGoMaxStack);
  }
  int nslots = code->nslots;
  Value* slots = g->stack.Push(nslots);
  int k = 0;
  if (c->bound) slots[k++] = c->recv;
  for (int i = 0; i < nargs; ++i) Move2(slots[k++], args[i]);
  for (int s : code->boxed_params) {
    Value* cell = g->run->heap.Cells(1);
    *cell = slots[s];
    slots[s] = Value::Ptr(cell);
  }
  size_t nres = code->result_slots.size();
  if (nres == 1 && !code->boxed_results && !code->zero_struct_result) {
    slots[code->result_slots[0]] = Value();
  } else {
    ZeroResults(*g, *code, slots);
  }
  Frame f;
  f.slots = slots;
  f.closure = c;
  f.g = g;
  f.fn = code;
  f.parent = &caller;
  f.line = code->line;
  FramePush push(g, &f, nslots);
  gostep::Call(sched::At(code->file, caller.line));
  // The deferred calls' list is freed however the call ends: return, panic,
  // Goexit, or the teardown of the simulation (GoroutineUnwind).
  struct DeferList {
    Frame& f;
    ~DeferList() { delete f.defers; }
  } defer_list{f};
  try {
    code->body(f);
  } catch (PanicEx& p) {
    if (f.defers == nullptr || f.defers->empty()) throw;
    // gopanic: run the deferred calls; one of them may recover.
    bool was = g->panicking;
    PanicEx saved = g->panic;
    g->panicking = true;
    g->recovered = false;
    g->panic = p;
    RunDefers(f);
    bool recovered = g->recovered;
    g->panicking = was;
    g->recovered = false;
    PanicEx current = g->panic;
    g->panic = saved;
    if (!recovered) throw current;
  } catch (sched::GoexitUnwind&) {
    RunDefers(f);
    throw;
  }
  if (f.defers != nullptr) RunDefers(f);
  if (results != nullptr) {
    for (size_t i = 0; i < nres; ++i) {
      const Value& v = slots[code->result_slots[i]];
      Move2(results[i], code->boxed_results ? *static_cast<const Value*>(v.p) : v);
    }
  }
}

Value Recover(Frame& f) {
  GState* g = f.g;
  // recover returns non-nil only when called directly by a deferred function
  // while panicking (panic.go:gorecover).
  if (!g->panicking || g->recovered || f.parent == nullptr || !f.parent->deferred_call) return Value();
  g->recovered = true;
  return g->panic.v;
}

// ---- Goroutines -------------------------------------------------------------------

namespace {

// FrozenFrames is what the dump of a goroutine dying of a panic shows: its
// frames when the panic was thrown (they are unwound before the dump).
struct FrozenFrames : sched::FrameSource {
  std::vector<base::GoFrame> frames;
  void AppendFrames(std::vector<base::GoFrame>* out) const override { out->insert(out->end(), frames.begin(), frames.end()); }
};

}  // namespace

void RunGoroutine(RunState* run, const std::function<void(Frame&)>& body) {
  GState g;
  g.run = run;
  sched::G* me = S().CurrentG();
  me->frames = &g;
  // The G must never point at this GState once it is gone.
  struct Unhook {
    sched::G* me;
    const GState* g;
    ~Unhook() {
      if (me->frames == g) me->frames = nullptr;
    }
  } unhook{me, &g};
  g.stack_floor = S().HostStackFloor();
  Frame top;
  top.g = &g;
  try {
    body(top);
  } catch (PanicEx& p) {
    auto* frozen = run->heap.New<FrozenFrames>();
    frozen->frames = g.panic_frames;
    me->frames = frozen;
    std::string text = PanicText(top, p.v);
    // A nil dereference is a SIGSEGV in Go; the runtime prints the signal
    // line after the message (panic.go:printpanics, signal_unix.go).
    if (p.signal) text += "\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]";
    throw sched::GoPanic{.value = std::move(text), .frames = nullptr, .pos = sched::SourcePos(nullptr, 0)};
  }
}

void GState::AppendFrames(std::vector<base::GoFrame>* out) const {
  for (const Frame* f = top; f != nullptr && f->fn != nullptr; f = f->parent) {
    if (f->fn->hidden) continue;
    base::GoFrame gf;
    gf.func = f->fn->name;
    gf.args = sched::RenderArgs(f->fn->args_shape.c_str(), S().profile());
    gf.file = f->fn->file;
    gf.line = static_cast<int>(f->line);
    out->push_back(std::move(gf));
  }
}

}  // namespace gostep::lang::exec
