// lang/check/fast_eval.h — leaf evaluators the lowering can see through.
//
// Every expression lowers to an EvalFn (a std::function). The leaves that
// dominate hot code (a local variable, a constant, a package-level variable)
// are these named functors instead of anonymous lambdas, so a parent node can
// ask `e.target<SlotLoad>()` and fuse the leaf into its own closure: `n - 1`
// becomes one closure reading f.slots[n] and subtracting 1, not three
// std::function calls. The fusion is an optimisation only: when a leaf is
// something else, the generic closure runs, with the same result.
//
// Invariant: a SlotLoad/ConstLoad/GlobalLoad/ClosureConst behaves exactly as
// the lambda it replaces (VarOperand's, ConstEval's and IdentExpr's).
#pragma once

#include <memory>

#include "lang/exec/frame.h"
#include "lang/exec/run_state.h"

namespace gostep::lang::check {

// SlotLoad reads an unboxed local of the running frame.
struct SlotLoad {
  int slot;
  exec::Value operator()(exec::Frame& f) const { return f.slots[slot]; }
};

// ConstLoad is a constant (not a string or an interface: those own objects).
struct ConstLoad {
  exec::Value v;
  exec::Value operator()(exec::Frame&) const { return v; }
};

// GlobalLoad reads a package-level variable (or a declared func's closure).
struct GlobalLoad {
  int slot;
  exec::Value operator()(exec::Frame& f) const { return exec::Globals(f)[slot]; }
};

// ClosureConst is a declared func's value: its one closure.
struct ClosureConst {
  std::shared_ptr<exec::Closure> closure;
  exec::Value operator()(exec::Frame&) const { return exec::Value::Ptr(closure.get()); }
};

// FuseBinary builds `op(a(f), b(f))`, reading the operands directly when they
// are locals or constants (left to right, as Go evaluates them). op is a
// stateless-or-small functor (Value, Value) -> Value.
template <typename Op>
exec::EvalFn FuseBinary(const exec::EvalFn& a, const exec::EvalFn& b, Op op) {
  using exec::Frame;
  using exec::Value;
  const SlotLoad* as = a.target<SlotLoad>();
  const SlotLoad* bs = b.target<SlotLoad>();
  const ConstLoad* bc = b.target<ConstLoad>();
  if (as != nullptr && bc != nullptr) {
    return [s = as->slot, c = bc->v, op](Frame& f) { return op(f.slots[s], c); };
  }
  if (as != nullptr && bs != nullptr) {
    return [s = as->slot, t = bs->slot, op](Frame& f) { return op(f.slots[s], f.slots[t]); };
  }
  if (bc != nullptr) {
    return [a, c = bc->v, op](Frame& f) { return op(a(f), c); };
  }
  if (bs != nullptr) {
    return [a, t = bs->slot, op](Frame& f) {
      Value x = a(f);
      return op(x, f.slots[t]);
    };
  }
  if (as != nullptr) {
    return [s = as->slot, b, op](Frame& f) {
      Value x = f.slots[s];
      return op(x, b(f));
    };
  }
  return [a, b, op](Frame& f) {
    Value x = a(f);
    return op(x, b(f));
  };
}

}  // namespace gostep::lang::check
