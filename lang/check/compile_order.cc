// lang/check/compile_order.cc — lowering a statement in gc's evaluation
// order (eval_order.h): the statement's hoisted operations run first, each
// into a frame temporary, in the order the lowering meets them (operands
// before operations, left to right: orderState's order); the statement then
// reads the temporaries where the operations were.
#include "lang/check/compiler.h"
#include "lang/check/eval_order.h"
#include "lang/check/fast_eval.h"

namespace gostep::lang::check {

using exec::Ctl;
using exec::Frame;
using exec::Value;
using M = Operand::Mode;

// NeedsGcOrder: the simple statements whose operands gc may reorder. A var
// declaration is left in strict order: each of its specs is a statement of
// its own in gc, and a later spec may read an earlier one's variable.
bool Compiler::NeedsGcOrder(Stmt* s) {
  switch (s->kind) {
    case StmtKind::kExpr: return GcOrderDiffers({}, false, {static_cast<ExprStmt*>(s)->x});
    case StmtKind::kSend: return GcOrderDiffers({}, false, {static_cast<SendStmt*>(s)->chan, static_cast<SendStmt*>(s)->value});
    case StmtKind::kReturn: return GcOrderDiffers({}, false, static_cast<ReturnStmt*>(s)->results);
    case StmtKind::kAssign: {
      auto* a = static_cast<AssignStmt*>(s);
      if (a->tok == Tok::kDefine) return GcOrderDiffers({}, false, a->rhs);
      return GcOrderDiffers(a->lhs, a->tok != Tok::kAssign, a->rhs);
    }
    default: return false;
  }
}

// Statement lowers one statement; a simple statement whose two orders can
// differ gets its hoisted operations run first. Compound statements lower
// their own expressions in strict order (their headers are not reordered).
StmtFn Compiler::Statement(Stmt* s) {
  std::vector<StmtFn>* saved = hoist_;
  std::vector<StmtFn> pre;
  hoist_ = NeedsGcOrder(s) ? &pre : nullptr;
  StmtFn code = StatementInner(s);
  hoist_ = saved;
  if (pre.empty() || !code) return code;
  return [pre = std::move(pre), code](Frame& f) {
    for (const StmtFn& p : pre) p(f);
    return code(f);
  };
}

Operand Compiler::Hoist(Operand x) {
  if (hoist_ == nullptr || x.mode != M::kValue || x.multi || !x.eval || fn_ == nullptr) return x;
  int tmp = fn_->code->nslots++;
  EvalFn e = std::move(x.eval);
  hoist_->push_back([tmp, e](Frame& f) {
    f.slots[tmp] = e(f);
    return Ctl::kNext;
  });
  x.eval = SlotLoad{tmp};
  return x;
}

}  // namespace gostep::lang::check
