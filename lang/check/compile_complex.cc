// lang/check/compile_complex.cc — complex numbers (complex.h): constant
// folding, the evaluators of + - * / == and conversions, and the builtins
// complex, real and imag (types2 builtins.go, go1.19).
#include <fmt/format.h>

#include "lang/check/builtins.h"
#include "lang/check/complex.h"
#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"
#include "lang/syntax/ast_string.h"

namespace gostep::lang::check {

using exec::Frame;
using exec::Value;
using M = Operand::Mode;

bool FoldComplex(Tok op, const Const& a, const Const& b, Const* out, std::string* err) {
  long double ar = a.AsFloat(), ai = a.Imag(), br = b.AsFloat(), bi = b.Imag();
  switch (op) {
    case Tok::kEql: *out = Const::Bool(ar == br && ai == bi); return true;
    case Tok::kNeq: *out = Const::Bool(ar != br || ai != bi); return true;
    case Tok::kAdd: *out = Const::Complex(ar + br, ai + bi); return true;
    case Tok::kSub: *out = Const::Complex(ar - br, ai - bi); return true;
    case Tok::kMul: *out = Const::Complex(ar * br - ai * bi, ar * bi + ai * br); return true;
    case Tok::kQuo: {
      // go/constant BinaryOp: (ac+bd)/s + i(bc-ad)/s, s = c²+d², exactly.
      long double s = br * br + bi * bi;
      if (s == 0) {
        *err = "invalid operation: division by zero";
        return false;
      }
      *out = Const::Complex((ar * br + ai * bi) / s, (ai * br - ar * bi) / s);
      return true;
    }
    default: *err = "invalid constant operation"; return false;
  }
}

exec::EvalFn ComplexArith(Tok op, const types::Type* t, exec::EvalFn a, exec::EvalFn b) {
  // complex64 results are rounded to float32 parts; the parts of a product
  // are computed in float64 first, as gc's SSA backend does.
  bool c64 = t->UKind() == Kind::kComplex64;
  auto make = [c64](double re, double im) { return c64 ? exec::Complex64(re, im) : Value::Complex(re, im); };
  switch (op) {
    case Tok::kAdd:
      return [a, b, make](Frame& f) {
        Value x = a(f);
        Value y = b(f);
        return make(exec::Real(x) + exec::Real(y), exec::Imag(x) + exec::Imag(y));
      };
    case Tok::kSub:
      return [a, b, make](Frame& f) {
        Value x = a(f);
        Value y = b(f);
        return make(exec::Real(x) - exec::Real(y), exec::Imag(x) - exec::Imag(y));
      };
    case Tok::kMul:
      return [a, b, make](Frame& f) {
        Value x = a(f);
        Value y = b(f);
        double xr = exec::Real(x), xi = exec::Imag(x), yr = exec::Real(y), yi = exec::Imag(y);
        return make(xr * yr - xi * yi, xr * yi + xi * yr);
      };
    default:
      // complex64 division widens to complex128, calls complex128div, narrows.
      return [a, b, make](Frame& f) {
        Value x = a(f);
        Value y = b(f);
        Value q = exec::Complex128Div(x, y);
        return make(exec::Real(q), exec::Imag(q));
      };
  }
}

exec::EvalFn ComplexNeg(exec::EvalFn e) {
  return [e](Frame& f) {
    Value x = e(f);
    return Value::Complex(-exec::Real(x), -exec::Imag(x));
  };
}

exec::EvalFn ComplexEqual(bool eq, exec::EvalFn a, exec::EvalFn b) {
  return [eq, a, b](Frame& f) {
    Value x = a(f);
    Value y = b(f);
    return Value::Int((exec::Real(x) == exec::Real(y) && exec::Imag(x) == exec::Imag(y)) == eq);
  };
}

exec::EvalFn ComplexConvert(const types::Type* to, exec::EvalFn e) {
  if (to->UKind() == Kind::kComplex128) return e;  // complex64 parts are exact in float64
  return [e](Frame& f) {
    Value x = e(f);
    return exec::Complex64(exec::Real(x), exec::Imag(x));
  };
}

namespace {

Operand Invalid() { return Operand{}; }

}  // namespace

// ComplexBuiltin checks and lowers complex(x, y), real(x) and imag(x) (the
// argument count is checked by Builtin), after types2 builtins.go _Complex
// and _Real/_Imag (go1.19): untyped constant arguments stay untyped and the
// result is constant when the arguments are.
Operand Compiler::ComplexBuiltin(CallExpr* call, Object* b) {
  auto& args = call->args;
  // Converts an untyped argument to t, as types2's convertUntyped.
  auto convert = [&](lang::Expr* e, Operand* x, const Type* t) {
    if (x->mode == M::kConst) return ConvertUntyped(e, x, t);
    return AssignTo(e, x, t, "argument");
  };
  Operand r;
  if (b->builtin == kComplex) {
    Operand x = ExprValue(args[0]);
    Operand y = ExprValue(args[1]);
    if (x.invalid() || y.invalid()) return Invalid();
    bool ux = x.type->IsUntyped(), uy = y.type->IsUntyped();
    if (ux && !uy) {
      if (!convert(args[0], &x, y.type)) return Invalid();
    } else if (uy && !ux) {
      if (!convert(args[1], &y, x.type)) return Invalid();
    } else if (ux && uy) {
      if (x.mode == M::kConst && y.mode == M::kConst) {
        // Untyped numbers with no imaginary part count as untyped floats.
        for (Operand* o : {&x, &y}) {
          if (o->type->IsNumeric() && o->value.Imag() == 0) o->type = types_->Basic(Kind::kUntypedFloat);
        }
      } else if (!convert(args[0], &x, types_->Float64()) || !convert(args[1], &y, types_->Float64())) {
        return Invalid();
      }
    }
    if (!types::Identical(x.type, y.type)) {
      Error(StartPos(args[0]), fmt::format("invalid operation: {} (mismatched types {} and {})", ExprString(call),
                                           x.type->String(), y.type->String()));
      return Invalid();
    }
    Kind k = x.type->UKind();
    Kind rk = k == Kind::kFloat32 ? Kind::kComplex64 : k == Kind::kFloat64 ? Kind::kComplex128
                                                   : k == Kind::kUntypedFloat ? Kind::kUntypedComplex : Kind::kInvalid;
    if (rk == Kind::kInvalid) {
      Error(StartPos(args[0]), fmt::format("invalid argument: arguments have type {}, expected floating-point", x.type->String()));
      return Invalid();
    }
    r.type = types_->Basic(rk);
    if (x.mode == M::kConst && y.mode == M::kConst) {
      r.mode = M::kConst;
      r.value = Const::Complex(x.value.AsFloat(), y.value.AsFloat());
      if (rk != Kind::kUntypedComplex) r.eval = ConstEval(r.value, r.type);
      return r;
    }
    EvalFn re = x.eval, im = y.eval;
    r.mode = M::kValue;
    r.eval = [re, im](Frame& f) {
      Value a = re(f);
      Value b = im(f);
      return Value::Complex(a.f, b.f);
    };
    return r;
  }
  // real(x), imag(x)
  Operand x = ExprValue(args[0]);
  if (x.invalid()) return x;
  if (x.type->IsUntyped()) {
    // An untyped constant number can always be considered complex.
    if (x.mode == M::kConst) {
      if (x.type->IsNumeric()) x.type = types_->Basic(Kind::kUntypedComplex);
    } else if (!convert(args[0], &x, types_->Basic(Kind::kComplex128))) {
      return Invalid();
    }
  }
  Kind k = x.type->UKind();
  Kind rk = k == Kind::kComplex64 ? Kind::kFloat32 : k == Kind::kComplex128 ? Kind::kFloat64
                                                  : k == Kind::kUntypedComplex ? Kind::kUntypedFloat : Kind::kInvalid;
  if (rk == Kind::kInvalid) {
    Error(StartPos(args[0]), fmt::format("invalid argument: argument has type {}, expected complex type", x.type->String()));
    return Invalid();
  }
  bool re = b->builtin == kReal;
  r.type = types_->Basic(rk);
  if (x.mode == M::kConst) {
    r.mode = M::kConst;
    r.value = Const::Float(re ? x.value.AsFloat() : x.value.Imag());
    if (rk != Kind::kUntypedFloat) r.eval = ConstEval(r.value, r.type);
    return r;
  }
  EvalFn e = x.eval;
  r.mode = M::kValue;
  if (re) r.eval = [e](Frame& f) { return Value::Float(exec::Real(e(f))); };
  else r.eval = [e](Frame& f) { return Value::Float(exec::Imag(e(f))); };
  return r;
}

}  // namespace gostep::lang::check
