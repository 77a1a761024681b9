// lang/check/compile_rangefunc.cc — range over an iterator function (go1.23).
//
// Models cmd/compile/internal/rangefunc/rewrite.go (go1.23): the loop body
// becomes a synthesized func `yield` ("main.f-range1") passed to the
// iterator; its state word #state guards the protocol, and control that
// leaves the body (break, return, goto, a labeled continue of an outer loop)
// is recorded, `yield` returns false, and the statement acts on it once the
// iterator returns. gostep's body is the enclosing function's own lowered
// code run on the enclosing frame, so its variables, results and defers are
// that function's, as the rewrite makes them.
//
// States (internal/abi/rangefuncconsts.go: RF_DONE, RF_READY, RF_PANIC,
// RF_EXHAUSTED) and their panics (runtime/panic.go: panicrangestate):
//   READY      --yield-->  PANIC (body running) --body ends--> READY or DONE
//   DONE/PANIC/EXHAUSTED --yield--> "range function continued iteration
//                                    after …" (a runtime.Error)
//   PANIC when the iterator returns: the iterator recovered the body's
//   panic: "range function recovered a loop body panic and did not resume
//   panicking"; then EXHAUSTED.
#include <fmt/format.h>

#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"

namespace gostep::lang::check {

using exec::Ctl;
using exec::Frame;
using exec::Value;

namespace {

enum class RangeState : uint8_t { kDone, kReady, kPanic, kExhausted };

struct RangeFuncLoop {
  Frame* outer = nullptr;  // the enclosing function's frame (valid until kExhausted)
  RangeState state = RangeState::kReady;
  Ctl pending = Ctl::kNext;  // how the body left the loop (kDone)
};

[[noreturn]] void PanicRangeState(Frame& f, RangeState s) {
  switch (s) {
    case RangeState::kDone:
      exec::RuntimePanic(f, "range function continued iteration after function for loop body returned false");
    case RangeState::kPanic: exec::RuntimePanic(f, "range function continued iteration after loop body panic");
    default: exec::RuntimePanic(f, "range function continued iteration after whole loop exit");
  }
}

}  // namespace

// RangeFuncCause is types2's rangeKeyVal for a func type (go1.23
// cmd/compile/internal/types2/stmt.go): "" and the iteration variables'
// types (null when absent), or why u cannot be ranged over.
std::string RangeFuncCause(const Type* u, const Type** key, const Type** val) {
  if (u->params().size() != 1) return "func must be func(yield func(...) bool): wrong argument count";
  const Type* cb = u->params()[0]->Underlying();
  if (cb->kind() != Kind::kFunc) return "func must be func(yield func(...) bool): argument is not func";
  if (!u->results().empty()) return "func must be func(yield func(...) bool): unexpected results";
  if (cb->params().size() > 2) return "func must be func(yield func(...) bool): yield func has too many parameters";
  if (cb->results().size() != 1 || !cb->results()[0]->IsBoolean()) {
    return "func must be func(yield func(...) bool): yield func does not return bool";
  }
  *key = cb->params().size() >= 1 ? cb->params()[0] : nullptr;
  *val = cb->params().size() >= 2 ? cb->params()[1] : nullptr;
  return "";
}

StmtFn Compiler::RangeFunc(EvalFn seq, exec::FuncCode* yield, int nparams, std::function<bool(Frame&, Ctl*)> step,
                           int tk, int tv) {
  yield->nparams = nparams;
  yield->nslots = nparams + 1;
  yield->result_slots = {nparams};
  yield->result_types = {types_->Bool()};
  yield->args_shape = nparams == 0 ? "" : nparams == 1 ? "w" : "w,w";
  // The body's func: check the state, run the loop body on the enclosing
  // frame, and say whether the iterator may go on.
  yield->body = [step, nparams, tk, tv](Frame& yf) {
    auto* loop = static_cast<RangeFuncLoop*>(yf.closure->captured[0]->p);
    if (loop->state != RangeState::kReady) PanicRangeState(yf, loop->state);
    loop->state = RangeState::kPanic;
    Frame& outer = *loop->outer;
    if (nparams >= 1) outer.slots[tk] = yf.slots[0];
    if (nparams >= 2) outer.slots[tv] = yf.slots[1];
    Ctl out = Ctl::kNext;
    bool leave = step(outer, &out);
    loop->state = leave ? RangeState::kDone : RangeState::kReady;
    if (leave) loop->pending = out;
    yf.slots[nparams] = Value::Int(!leave);
    return Ctl::kReturn;
  };
  // The loop variables are per iteration (go1.23 is past go1.22's change):
  // `step` gives each iteration its boxes.
  return [seq, yield](Frame& f) {
    Value it = seq(f);
    if (it.p == nullptr) exec::NilDeref(f);
    exec::RunState& run = exec::Run(f);
    auto* loop = run.heap.New<RangeFuncLoop>();
    loop->outer = &f;
    exec::Closure* y = run.heap.NewClosure();
    y->code = yield;
    Value* cell = run.heap.Cells(1);
    *cell = Value::Ptr(loop);
    y->captured.push_back(cell);
    Value arg = Value::Ptr(y);
    exec::Call(f, static_cast<exec::Closure*>(it.p), &arg, 1, nullptr);
    if (loop->state == RangeState::kPanic) {
      exec::RuntimePanic(f, "range function recovered a loop body panic and did not resume panicking");
    }
    Ctl out = loop->state == RangeState::kDone ? loop->pending : Ctl::kNext;
    loop->state = RangeState::kExhausted;
    loop->outer = nullptr;
    return out;
  };
}

}  // namespace gostep::lang::check
