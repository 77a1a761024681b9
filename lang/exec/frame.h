// lang/exec/frame.h — compiled code, frames and goroutine state.
//
// Lowering turns each function into a FuncCode whose body is a tree of C++
// closures (StmtFn/EvalFn/AddrFn), built once per Program and shared by every
// run and thread: closures capture only compile-time data, and all run-time
// state is reached through the Frame argument.
//
// A call (Call):
//   1. takes nslots cells from the goroutine's Stack (LIFO; never reallocated,
//      so a Value* into a frame stays valid while the frame lives);
//   2. copies the arguments into slots [0, nparams), boxes the captured ones;
//   3. is a cooperative yield point (Go's prologue), with the stack-depth check;
//   4. runs the body; a panic (PanicEx) runs the deferred calls, which may
//      recover; Goexit runs them too;
//   5. copies the results out and pops the frame.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "lang/exec/value.h"
#include "scheduler/frames.h"
#include "scheduler/g.h"

namespace gostep::lang::exec {

struct Frame;
struct GState;
struct RunState;

// Ctl is how a statement ends.
enum class Ctl : uint8_t { kNext, kBreak, kContinue, kReturn, kGoto, kFallthrough };

using StmtFn = std::function<Ctl(Frame&)>;
using EvalFn = std::function<Value(Frame&)>;
using AddrFn = std::function<Value*(Frame&)>;

struct FuncCode {
  std::string name;             // "main.main", "main.(*SafeMap).Store", "main.main.func1"
  const char* file = nullptr;   // the scenario file
  uint32_t line = 0;
  int nslots = 0;
  int nparams = 0;              // receiver (methods) and parameters: slots [0, nparams)
  std::vector<int> boxed_params;  // parameter slots captured by closures (boxed at entry)
  std::vector<int> result_slots;
  std::vector<const types::Type*> result_types;  // for zeroing named results
  bool boxed_results = false;
  bool zero_struct_result = false;  // a result is a struct or array (its zero value is a block)
  std::string args_shape;       // the parameters' words for dumps ("w,{w,w}": scheduler/frames.h)
  bool hidden = false;          // not shown in tracebacks (a std method's wrapper: check/std_methods.h)
  StmtFn body;
};

// SetFrameShape lays out a wrapper's frame: nargs argument slots (the
// receiver first, if any), then one slot per result.
inline void SetFrameShape(FuncCode* code, int nargs, const std::vector<const types::Type*>& results) {
  int nres = static_cast<int>(results.size());
  code->nparams = nargs;
  code->nslots = nargs + nres;
  for (int i = 0; i < nres; ++i) {
    code->result_slots.push_back(nargs + i);
    code->result_types.push_back(results[i]);
  }
}

// Stack is a goroutine's stack of frame cells, in chunks that never move.
class Stack {
 public:
  Value* Push(int n);
  void Pop(int n);

 private:
  struct Chunk {
    std::unique_ptr<Value[]> cells;
    int used = 0;
    int cap = 0;
  };
  static constexpr int kFirstChunkCells = 256;  // 4 KiB: a goroutine's first frames
  static constexpr int kChunkCells = 1 << 14;   // the largest chunk grown by doubling
  std::vector<Chunk> chunks_;
  std::vector<int> sizes_;  // per push, which chunk (to pop)
  size_t cur_ = 0;
};

struct Deferred {
  std::function<void(Frame&)> call;
};

struct Frame {
  Value* slots = nullptr;
  Closure* closure = nullptr;
  GState* g = nullptr;
  const FuncCode* fn = nullptr;
  Frame* parent = nullptr;
  uint32_t line = 0;
  bool deferred_call = false;  // running as a deferred call: recover() may stop a panic
  const void* label = nullptr;  // target of a labeled break/continue/goto in flight
  std::vector<Deferred>* defers = nullptr;
};

// GState is the interpreter's state of one goroutine; it is also what the
// goroutine dump reads (sched::FrameSource).
struct GState : public sched::FrameSource {
  RunState* run = nullptr;
  Frame* top = nullptr;
  Stack stack;
  int depth = 0;
  const char* stack_floor = nullptr;  // Scheduler::HostStackFloor (null: the host thread)
  // The panic being handled by deferred calls, if any.
  bool panicking = false;
  bool recovered = false;
  PanicEx panic;
  std::vector<base::GoFrame> panic_frames;  // the frames when the last panic was thrown
  void AppendFrames(std::vector<base::GoFrame>* out) const override;
};

// Call runs `c` with `args`; results go to `results` (may be null if none).
// CheckHostStack dies of Go's stack overflow when the goroutine's host
// stack is nearly exhausted (the checker wraps every 8th level of a deeply
// nested expression in it: one Go call can nest expressions deeply enough
// to overflow the fiber stack between two calls).
void CheckHostStack();
void Call(Frame& caller, Closure* c, const Value* args, int nargs, Value* results);
// PushDefer registers a deferred call of the current function.
void PushDefer(Frame& f, std::function<void(Frame&)> call);
// Recover is the builtin recover, called from frame f.
Value Recover(Frame& f);
// RunGoroutine runs body as the top of a goroutine: its interpreter state,
// its frames for dumps, and its uncaught panic turned into Go's crash.
void RunGoroutine(RunState* run, const std::function<void(Frame&)>& body);

}  // namespace gostep::lang::exec
