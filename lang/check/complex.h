// lang/check/complex.h — complex numbers in the checker and the lowering.
//
// A complex value is held as exec/value.h says (f = real part, x = the
// imaginary part's bits; complex64 parts rounded to float32 on every store).
// Constant arithmetic is go/constant's on long double parts; the evaluators
// are what gc's SSA backend emits for + - * (ssagen/ssa.go, go1.19) and the
// runtime's complex128div for /. The builtins complex, real and imag are
// Compiler::ComplexBuiltin (compile_complex.cc).
#pragma once

#include <string>

#include "lang/check/constant.h"
#include "lang/exec/frame.h"
#include "lang/syntax/token.h"
#include "lang/types/type.h"

namespace gostep::lang::check {

// FoldComplex folds `a op b` where a or b is a complex constant (+ - * /
// == !=); false with *err set for a division by zero.
bool FoldComplex(Tok op, const Const& a, const Const& b, Const* out, std::string* err);
// ComplexArith is the evaluator of `a op b` (+ - * /) on complex type t.
exec::EvalFn ComplexArith(Tok op, const types::Type* t, exec::EvalFn a, exec::EvalFn b);
// ComplexNeg is -x; ComplexEqual is x == y (eq) or x != y.
exec::EvalFn ComplexNeg(exec::EvalFn e);
exec::EvalFn ComplexEqual(bool eq, exec::EvalFn a, exec::EvalFn b);
// ComplexConvert is the conversion T(x) from one complex type to another.
exec::EvalFn ComplexConvert(const types::Type* to, exec::EvalFn e);

}  // namespace gostep::lang::check
