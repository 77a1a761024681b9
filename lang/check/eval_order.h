// lang/check/eval_order.h — does a statement's evaluation order differ
// between strict left to right and gc's?
//
// The spec fixes only the order of a statement's calls, method calls and
// communication operations; gc (cmd/compile/internal/walk/order.go, go1.19:
// orderState.expr1 and copyExpr) evaluates those — and len, cap, append,
// make, new, copy, complex, real, imag, recover, slice expressions, type
// assertions and whole && / || expressions — into temporaries first, in
// lexical order (operands before the operation), and reads the remaining
// operands (variables, fields, indexes, map reads, dereferences) when the
// statement itself runs. So gc prints 2 2 for
//     x := 1; fmt.Println(x, func() int { x++; return x }())
// where strict left-to-right order prints 1 2.
//
// The checker lowers a statement in gc's order only when the two orders can
// differ: some operand is read outside every hoisted operation and before
// (lexically) a hoisted operation of the same statement. This scan decides
// that on the syntax tree, conservatively (any call counts as hoisted, any
// name or selector as a read); the lowering then hoists exactly gc's set
// (Compiler::Hoist). Statements that need no reordering — most of them, and
// every `return f(n-1) + f(n-2)` — compile as before.
#pragma once

#include <vector>

#include "lang/syntax/ast.h"

namespace gostep::lang::check {

// GcOrderDiffers reports whether evaluating `operands` (a statement's
// operands in source order) in gc's order can differ from strict order.
// `lhs_stores` are assignment targets: a plain name there is a store, not a
// read; `op_assign` makes the targets reads too (x += f()).
bool GcOrderDiffers(const std::vector<lang::Expr*>& lhs_stores, bool op_assign, const std::vector<lang::Expr*>& operands);

}  // namespace gostep::lang::check
