// lang/check/compile_ops.cc — operators: unary, binary (with constant
// folding), selectors, index, slice, dereference and type assertions.
#include <cmath>

#include <fmt/format.h>

#include "lang/check/complex.h"
#include "lang/check/compiler.h"
#include "lang/check/fast_eval.h"
#include "lang/exec/run_state.h"
#include "lang/std/packages.h"

namespace gostep::lang::check {

using exec::Frame;
using exec::Value;
using M = Operand::Mode;

namespace {

Operand Invalid() { return Operand{}; }

Operand Val(const Type* t, EvalFn e) {
  Operand x;
  x.mode = M::kValue;
  x.type = t;
  x.eval = std::move(e);
  return x;
}

bool IsComparison(Tok op) {
  return op == Tok::kEql || op == Tok::kNeq || op == Tok::kLss || op == Tok::kLeq || op == Tok::kGtr || op == Tok::kGeq;
}

template <typename T>
bool Cmp(Tok op, T a, T b) {
  switch (op) {
    case Tok::kEql: return a == b;
    case Tok::kNeq: return a != b;
    case Tok::kLss: return a < b;
    case Tok::kLeq: return a <= b;
    case Tok::kGtr: return a > b;
    default: return a >= b;
  }
}

// FoldErrorPos is where gc reports a failed constant operation: a division
// by zero at the divisor (types2 binary), anything else at the operator.
Pos FoldErrorPos(BinaryExpr* b, const std::string& err) {
  return err.ends_with("division by zero") ? StartPos(b->y) : b->pos;
}

}  // namespace

// FoldConst folds a binary operation on two constants.
static bool FoldConst(Tok op, const Const& a, const Const& b, Const* out, std::string* err) {
  if (a.k == Const::K::kComplex || b.k == Const::K::kComplex) return FoldComplex(op, a, b, out, err);
  if (IsComparison(op)) {
    if (a.k == Const::K::kString) *out = Const::Bool(Cmp(op, a.s, b.s));
    else if (a.k == Const::K::kBool) *out = Const::Bool(op == Tok::kEql ? a.b == b.b : a.b != b.b);
    else if (a.k == Const::K::kInt && b.k == Const::K::kInt) *out = Const::Bool(Cmp(op, a.i, b.i));
    else *out = Const::Bool(Cmp(op, a.AsFloat(), b.AsFloat()));
    return true;
  }
  if (a.k == Const::K::kBool) {
    *out = Const::Bool(op == Tok::kLAnd ? a.b && b.b : a.b || b.b);
    return true;
  }
  if (a.k == Const::K::kString) {
    *out = Const::String(a.s + b.s);
    return true;
  }
  if (a.k == Const::K::kInt && b.k == Const::K::kInt) {
    __int128 x = a.i, y = b.i;
    switch (op) {
      case Tok::kAdd: *out = Const::Int(x + y); return true;
      case Tok::kSub: *out = Const::Int(x - y); return true;
      case Tok::kMul: *out = Const::Int(x * y); return true;
      case Tok::kQuo: case Tok::kRem:
        if (y == 0) { *err = "invalid operation: division by zero"; return false; }
        *out = Const::Int(op == Tok::kQuo ? x / y : x % y);
        return true;
      case Tok::kAnd: *out = Const::Int(x & y); return true;
      case Tok::kOr: *out = Const::Int(x | y); return true;
      case Tok::kXor: *out = Const::Int(x ^ y); return true;
      case Tok::kAndNot: *out = Const::Int(x & ~y); return true;
      case Tok::kShl: *out = Const::Int(y >= 126 ? 0 : x << static_cast<int>(y)); return true;
      case Tok::kShr: *out = Const::Int(y >= 126 ? (x < 0 ? -1 : 0) : x >> static_cast<int>(y)); return true;
      default: break;
    }
  }
  long double x = a.AsFloat(), y = b.AsFloat();
  switch (op) {
    case Tok::kAdd: *out = Const::Float(x + y); return true;
    case Tok::kSub: *out = Const::Float(x - y); return true;
    case Tok::kMul: *out = Const::Float(x * y); return true;
    case Tok::kQuo:
      if (y == 0) { *err = "invalid operation: division by zero"; return false; }
      *out = Const::Float(x / y);
      return true;
    default: *err = "invalid constant operation"; return false;
  }
}

// ArithEval builds the evaluator of a typed arithmetic operation on kind k.
static EvalFn Arith(Tok op, const Type* t, EvalFn a, EvalFn b, Pos pos) {
  Kind k = t->UKind();
  if (t->IsString()) {
    return [a, b](Frame& f) {
      Value x = a(f), y = b(f);
      if (x.p == nullptr) return y;
      if (y.p == nullptr) return x;
      std::string s(exec::Str(x));
      s += exec::Str(y);
      return Value::Ptr(const_cast<exec::StrObj*>(exec::Run(f).heap.NewStr(std::move(s))));
    };
  }
  if (t->IsComplex()) return ComplexArith(op, t, a, b);
  if (t->IsFloat()) {
    bool f32 = k == Kind::kFloat32;
    auto r = [f32](double v) { return f32 ? static_cast<double>(static_cast<float>(v)) : v; };
    switch (op) {
      case Tok::kAdd: return [a, b, r](Frame& f) { return Value::Float(r(a(f).f + b(f).f)); };
      case Tok::kSub: return [a, b, r](Frame& f) { return Value::Float(r(a(f).f - b(f).f)); };
      case Tok::kMul: return [a, b, r](Frame& f) { return Value::Float(r(a(f).f * b(f).f)); };
      default: return [a, b, r](Frame& f) { return Value::Float(r(a(f).f / b(f).f)); };
    }
  }
  bool u = t->IsUnsigned();
  // int and int64 need no wrapping: the common case fuses without it.
  bool full = k == Kind::kInt || k == Kind::kInt64;
  switch (op) {
    case Tok::kAdd:
      if (full) return FuseBinary(a, b, [](Value x, Value y) { return Value::Int(static_cast<int64_t>(x.u + y.u)); });
      return FuseBinary(a, b, [k](Value x, Value y) { return Value::Int(exec::Wrap(k, static_cast<int64_t>(x.u + y.u))); });
    case Tok::kSub:
      if (full) return FuseBinary(a, b, [](Value x, Value y) { return Value::Int(static_cast<int64_t>(x.u - y.u)); });
      return FuseBinary(a, b, [k](Value x, Value y) { return Value::Int(exec::Wrap(k, static_cast<int64_t>(x.u - y.u))); });
    case Tok::kMul:
      return FuseBinary(a, b, [k](Value x, Value y) { return Value::Int(exec::Wrap(k, static_cast<int64_t>(x.u * y.u))); });
    case Tok::kQuo: case Tok::kRem: {
      bool quo = op == Tok::kQuo;
      return [a, b, k, u, quo](Frame& f) {
        Value x = a(f), y = b(f);
        if (y.i == 0) exec::RuntimePanic(f, "integer divide by zero");
        if (u) return Value::Int(exec::Wrap(k, static_cast<int64_t>(quo ? x.u / y.u : x.u % y.u)));
        if (y.i == -1) return Value::Int(exec::Wrap(k, quo ? static_cast<int64_t>(0 - x.u) : 0));
        return Value::Int(quo ? x.i / y.i : x.i % y.i);
      };
    }
    case Tok::kAnd: return [a, b](Frame& f) { return Value::Int(a(f).i & b(f).i); };
    case Tok::kOr: return [a, b](Frame& f) { return Value::Int(a(f).i | b(f).i); };
    case Tok::kXor: return [a, b, k](Frame& f) { return Value::Int(exec::Wrap(k, a(f).i ^ b(f).i)); };
    case Tok::kAndNot: return [a, b](Frame& f) { return Value::Int(a(f).i & ~b(f).i); };
    default: return nullptr;
  }
}

Operand Compiler::Binary(BinaryExpr* b, const Type* hint) {
  Tok op = b->op;
  if (op == Tok::kShl || op == Tok::kShr) return Shift(b, hint);
  Operand x = ExprValue(b->x, hint);
  // In gc's order, a && or || right side's hoisted operations run only when
  // it is evaluated (order.go: OANDAND, OOROR).
  std::vector<StmtFn> rhs_pre;
  std::vector<StmtFn>* saved = hoist_;
  if (hoist_ != nullptr && (op == Tok::kLAnd || op == Tok::kLOr)) hoist_ = &rhs_pre;
  Operand y = ExprValue(b->y, hint);
  hoist_ = saved;
  if (!rhs_pre.empty() && y.eval) {
    EvalFn inner = y.eval;
    y.eval = [rhs_pre = std::move(rhs_pre), inner](Frame& f) {
      for (const StmtFn& p : rhs_pre) p(f);
      return inner(f);
    };
  }
  if (x.invalid() || y.invalid()) return Invalid();
  if (x.mode == M::kConst && y.mode == M::kConst && x.type->IsUntyped() && y.type->IsUntyped()) {
    // types2 binary: both operands take the larger untyped kind, whose
    // operators must be defined.
    if (x.type->kind() != y.type->kind() && !(x.type->IsNumeric() && y.type->IsNumeric())) return MismatchError(b, x, y);
    const Type* zt = x.type->kind() >= y.type->kind() ? x.type : y.type;
    if (IsComparison(op) && op != Tok::kEql && op != Tok::kNeq && zt->IsComplex()) {
      Error(StartPos(b), fmt::format("invalid operation: {} {} {} (operator {} not defined on {})", ExprText(b->x), TokString(op),
                                     ExprText(b->y), TokString(op), zt->String()));
      return Invalid();
    }
    bool int_op = op == Tok::kRem || op == Tok::kAnd || op == Tok::kOr || op == Tok::kXor || op == Tok::kAndNot;
    if (int_op && zt->IsNumeric() && !zt->IsInteger()) {
      Operand xd = x;
      if (xd.type != zt) {
        xd.type = zt;
        xd.value = zt->IsComplex() ? Const::Complex(x.value.AsFloat(), 0) : Const::Float(x.value.AsFloat());
      }
      Error(StartPos(b), fmt::format("invalid operation: operator {} not defined on {}", TokString(op), Describe2(b->x, xd)));
      return Invalid();
    }
    Const r;
    std::string err;
    if (!FoldConst(op, x.value, y.value, &r, &err)) {
      Error(FoldErrorPos(b, err), err);
      return Invalid();
    }
    Operand z;
    z.mode = M::kConst;
    z.value = r;
    if (IsComparison(op)) z.type = types_->Basic(Kind::kUntypedBool);
    else z.type = x.type->kind() >= y.type->kind() ? x.type : y.type;
    if (z.type->kind() == Kind::kUntypedInt && r.k == Const::K::kFloat) z.type = types_->Basic(Kind::kUntypedFloat);
    if (op == Tok::kQuo && x.value.k == Const::K::kInt && y.value.k == Const::K::kInt) z.type = x.type->kind() >= y.type->kind() ? x.type : y.type;
    return z;
  }
  // Comparison with nil: keep the untyped nil (Comparison handles it).
  bool x_nil = x.type->kind() == Kind::kUntypedNil, y_nil = y.type->kind() == Kind::kUntypedNil;
  if ((x_nil || y_nil) && IsComparison(op)) {
    if (x_nil && y_nil) {
      Error(StartPos(b), fmt::format("invalid operation: {} {} {} (operator {} not defined on nil)", ExprText(b->x), TokString(op), ExprText(b->y), TokString(op)));
      return Invalid();
    }
    Operand& other = x_nil ? y : x;
    Operand probe;
    probe.mode = M::kValue;
    probe.type = types_->Basic(Kind::kUntypedNil);
    probe.eval = [](Frame&) { return Value(); };
    x_expr_ = x_nil ? b->x : b->y;
    if (!Assignable(&probe, other.type, "comparison")) {
      return MismatchError(b, x, y);
    }
    return Comparison(b, x, y);
  }
  // types2 matchTypes (mayConvert): an untyped operand never converts to a
  // typed one of another kind (string, boolean): the types just mismatch.
  const Type* typed = x.type->IsUntyped() ? y.type : x.type;
  if (x.type->IsUntyped() != y.type->IsUntyped() && typed->UKind() <= Kind::kUnsafePointer &&
      (x.type->IsString() != y.type->IsString() || x.type->IsBoolean() != y.type->IsBoolean())) {
    return MismatchError(b, x, y);
  }
  // Convert an untyped side to the other's type (types2 matchTypes: a
  // constant that does not fit is "X truncated to T", "X overflows T" or
  // "cannot convert X to T").
  auto match = [&](lang::Expr* e, Operand* u, const Type* t) {
    if (u->mode == M::kConst && t->UKind() == Kind::kPointer) {  // mayConvert: no
      MismatchError(b, x, y);
      return false;
    }
    if (u->mode == M::kConst && !t->IsInterface()) return ConvertUntyped(e, u, t);
    if (!AssignTo(e, u, t, "expression")) {
      MismatchError(b, x, y);
      return false;
    }
    return true;
  };
  if (x.type->IsUntyped() && !y.type->IsUntyped()) {
    if (!match(b->x, &x, y.type)) return Invalid();
  } else if (y.type->IsUntyped() && !x.type->IsUntyped()) {
    if (!match(b->y, &y, x.type)) return Invalid();
  } else if (x.type->IsUntyped() && y.type->IsUntyped()) {
    Default(&x);
    Default(&y);
  }
  if (op == Tok::kLAnd || op == Tok::kLOr) {
    if (!x.type->IsBoolean()) {
      Error(StartPos(b), fmt::format("invalid operation: operator {} not defined on {}", TokString(op), Describe2(b->x, x)));
      return Invalid();
    }
    EvalFn l = x.eval, r = y.eval;
    const Type* t = x.type->kind() == Kind::kUntypedBool ? y.type : x.type;
    if (op == Tok::kLAnd) return Hoist(Val(t, [l, r](Frame& f) { return Value::Int(l(f).i != 0 && r(f).i != 0); }));
    return Hoist(Val(t, [l, r](Frame& f) { return Value::Int(l(f).i != 0 || r(f).i != 0); }));
  }
  // types2 comparison: a value compares with an interface it is assignable
  // to, as that interface (x == i is interface{}(x) == i).
  if (IsComparison(op) && x.type->IsInterface() != y.type->IsInterface()) {
    Operand& v = x.type->IsInterface() ? y : x;
    Operand conv = v;
    x_expr_ = &v == &x ? b->x : b->y;
    if (Assignable(&conv, (&v == &x ? y : x).type, "comparison")) v = conv;
  }
  // Other operands assignable one to the other compare too (spec,
  // Comparison operators): chan T with <-chan T, *int with a defined
  // `type T *int` (cmp.go).
  if (IsComparison(op) && !types::Identical(x.type, y.type) && !x.type->IsUntyped() && !y.type->IsUntyped() &&
      !x.type->IsInterface() && !y.type->IsInterface()) {
    Operand cx = x, cy = y;
    x_expr_ = b->x;
    if (Assignable(&cx, y.type, "comparison")) {
      x = cx;
    } else {
      x_expr_ = b->y;
      if (Assignable(&cy, x.type, "comparison")) y = cy;
    }
    last_error_.clear();
  }
  // Two interface types, one assignable to the other: both operands are
  // interface values already; compare them as the wider type.
  if (IsComparison(op) && x.type->IsInterface() && y.type->IsInterface() && !types::Identical(x.type, y.type)) {
    std::string missing;
    bool ptr = false;
    if (types::Implements(x.type, y.type, &missing, &ptr)) x.type = y.type;
    else if (types::Implements(y.type, x.type, &missing, &ptr)) y.type = x.type;
  }
  if (!types::Identical(x.type, y.type) && !(x.type->kind() == Kind::kUntypedNil || y.type->kind() == Kind::kUntypedNil)) {
    return MismatchError(b, x, y);
  }
  if (IsComparison(op)) return Comparison(b, x, y);
  const Type* t = x.type;
  bool ok = (op == Tok::kAdd && (t->IsNumeric() || t->IsString())) ||
            ((op == Tok::kSub || op == Tok::kMul || op == Tok::kQuo) && t->IsNumeric()) ||
            ((op == Tok::kRem || op == Tok::kAnd || op == Tok::kOr || op == Tok::kXor || op == Tok::kAndNot) && t->IsInteger());
  if (!ok) {
    Error(StartPos(b), fmt::format("invalid operation: operator {} not defined on {}", TokString(op), Describe2(b->x, x)));
    return Invalid();
  }
  if (x.mode == M::kConst && y.mode == M::kConst) {
    Const r;
    std::string err;
    if (!FoldConst(op, x.value, y.value, &r, &err)) {
      Error(FoldErrorPos(b, err), err);
      return Invalid();
    }
    Operand z;
    z.mode = M::kConst;
    z.type = t;
    z.value = r;
    return TypedConst(b, z);
  }
  if ((op == Tok::kQuo || op == Tok::kRem) && y.mode == M::kConst && t->IsInteger() && y.value.k == Const::K::kInt && y.value.i == 0) {
    Error(b->y->pos, "invalid operation: division by zero");
    return Invalid();
  }
  return Val(t, Arith(op, t, x.eval, y.eval, b->pos));
}

// TypedConst checks that typed constant z (the value of e) is representable
// in its type (types2 overflow → representable, go1.19) and rounds it.
Operand Compiler::TypedConst(lang::Expr* e, const Operand& z) {
  const Type* t = z.type;
  Operand tmp = z;
  Const::K k = z.value.k;
  tmp.type = types_->Basic(k == Const::K::kInt ? Kind::kUntypedInt : k == Const::K::kFloat ? Kind::kUntypedFloat
                           : k == Const::K::kComplex ? Kind::kUntypedComplex : k == Const::K::kBool ? Kind::kUntypedBool
                                                                                                 : Kind::kUntypedString);
  x_expr_ = e;
  if (!Assignable(&tmp, t, "expression")) {
    Error(StartPos(e), fmt::format("{} overflows {}", Describe(e, z), t->Underlying()->String()));
    return Invalid();
  }
  return tmp;
}

Operand Compiler::MismatchError(BinaryExpr* b, const Operand& x, const Operand& y) {
  // types2 comparison reports a mismatch at the second operand.
  Pos at = IsComparison(b->op) ? StartPos(b->y) : StartPos(b);
  Error(at, fmt::format("invalid operation: {} {} {} (mismatched types {} and {})", ExprText(b->x), TokString(b->op),
                        ExprText(b->y), x.type->String(), y.type->String()));
  return Invalid();
}

// IntCompare is a signed comparison (ints and bools), fused per operator.
static EvalFn IntCompare(Tok op, const EvalFn& l, const EvalFn& r) {
  switch (op) {
    case Tok::kEql: return FuseBinary(l, r, [](Value x, Value y) { return Value::Int(x.i == y.i); });
    case Tok::kNeq: return FuseBinary(l, r, [](Value x, Value y) { return Value::Int(x.i != y.i); });
    case Tok::kLss: return FuseBinary(l, r, [](Value x, Value y) { return Value::Int(x.i < y.i); });
    case Tok::kLeq: return FuseBinary(l, r, [](Value x, Value y) { return Value::Int(x.i <= y.i); });
    case Tok::kGtr: return FuseBinary(l, r, [](Value x, Value y) { return Value::Int(x.i > y.i); });
    default: return FuseBinary(l, r, [](Value x, Value y) { return Value::Int(x.i >= y.i); });
  }
}

Operand Compiler::Comparison(BinaryExpr* b, Operand& x, Operand& y) {
  Tok op = b->op;
  const Type* t = x.type->kind() == Kind::kUntypedNil ? y.type : x.type;
  bool ordered = op != Tok::kEql && op != Tok::kNeq;
  if (ordered && !t->IsOrdered()) {
    Error(StartPos(b), fmt::format("invalid operation: {} {} {} (operator {} not defined on {})", ExprText(b->x), TokString(op),
                              ExprText(b->y), TokString(op), x.type->String()));
    return Invalid();
  }
  bool nil_cmp = x.type->kind() == Kind::kUntypedNil || y.type->kind() == Kind::kUntypedNil;
  if (!nil_cmp && !t->Comparable()) {
    Error(StartPos(b), fmt::format("invalid operation: {} {} {} ({} cannot be compared)", ExprText(b->x), TokString(op),
                              ExprText(b->y), t->String()));
    return Invalid();
  }
  const Type* bt = types_->Basic(Kind::kUntypedBool);
  EvalFn l = x.eval, r = y.eval;
  if (nil_cmp) {
    EvalFn v = x.type->kind() == Kind::kUntypedNil ? r : l;
    bool iface = t->IsInterface();
    bool eq = op == Tok::kEql;
    return Val(bt, [v, iface, eq](Frame& f) {
      Value a = v(f);
      bool isnil = iface ? a.x == 0 : a.p == nullptr;
      return Value::Int(isnil == eq);
    });
  }
  if (t->IsString()) return Val(bt, [l, r, op](Frame& f) { return Value::Int(Cmp(op, exec::Str(l(f)), exec::Str(r(f)))); });
  if (t->IsComplex()) return Val(bt, ComplexEqual(op == Tok::kEql, l, r));
  if (t->IsFloat()) return Val(bt, [l, r, op](Frame& f) { return Value::Int(Cmp(op, l(f).f, r(f).f)); });
  if (t->IsUnsigned()) return Val(bt, [l, r, op](Frame& f) { return Value::Int(Cmp(op, l(f).u, r(f).u)); });
  if (t->IsInteger() || t->IsBoolean()) return Val(bt, IntCompare(op, l, r));
  bool eq = op == Tok::kEql;
  return Val(bt, [l, r, t, eq](Frame& f) { return Value::Int(exec::Equal(f, t, l(f), r(f)) == eq); });
}

Operand Compiler::Shift(BinaryExpr* b, const Type* hint) {
  Operand x = ExprValue(b->x, hint);
  Operand y = ExprValue(b->y);
  if (x.invalid() || y.invalid()) return Invalid();
  // types2 shift (expr.go, go1.19): the shifted operand must be an integer
  // or an untyped constant representable as one; a constant count must not
  // be negative, and an untyped one must fit uint.
  // A whole untyped constant may be shifted, also one past 128 bits (1e100).
  bool whole_const = x.mode == M::kConst && x.type->IsUntyped() &&
                     (x.value.IsIntegral() || (x.value.k == Const::K::kFloat && std::isfinite(x.value.f) &&
                                               std::floor(x.value.f) == x.value.f));
  if (!x.type->IsInteger() && !whole_const) {
    Error(StartPos(b->x), fmt::format("invalid operation: shifted operand {} must be integer", Describe2(b->x, x)));
    return Invalid();
  }
  if (y.mode == M::kConst) {
    if (y.value.IsIntegral() && y.value.AsFloat() < 0) {
      Error(StartPos(b->y), fmt::format("invalid operation: negative shift count {}", Describe2(b->y, y)));
      return Invalid();
    }
    if (y.type->IsUntyped()) {
      Operand yu = y;
      if (!ConvertUntyped(b->y, &yu, types_->Basic(Kind::kUint))) return Invalid();
    } else if (!y.type->IsInteger()) {
      Error(StartPos(b->y), fmt::format("invalid operation: shift count {} must be integer", Describe2(b->y, y)));
      return Invalid();
    }
  } else if (!y.type->IsInteger()) {
    Error(StartPos(b->y), fmt::format("invalid operation: shift count {} must be integer", Describe2(b->y, y)));
    return Invalid();
  }
  if (x.mode == M::kConst && y.mode == M::kConst) {
    Const r;
    std::string err;
    Const xi = x.value;
    Const yi = y.value.k != Const::K::kInt ? Const::Int(static_cast<__int128>(y.value.f)) : y.value;
    // An integral float constant beyond 128 bits shifted right (1e100 >> 1000
    // in const.go): Go's constants are exact; x / 2^s, floored, is too.
    constexpr long double kInt128Max = 1.7014118346046923173e38L;
    bool whole = xi.k == Const::K::kFloat && std::isfinite(xi.f) && std::floor(xi.f) == xi.f;
    if (whole && std::fabs(xi.f) >= kInt128Max && b->op == Tok::kShr &&
        yi.k == Const::K::kInt && yi.i >= 0 && yi.i < 100000) {
      long double q = std::floor(std::ldexp(xi.f, -static_cast<int>(yi.i)));
      if (std::fabs(q) < kInt128Max) xi = Const::Int(static_cast<__int128>(q)), yi = Const::Int(0);
    }
    if (xi.k != Const::K::kInt) xi = Const::Int(static_cast<__int128>(xi.f));  // integral (checked above)
    if (!FoldConst(b->op, xi, yi, &r, &err)) {
      Error(b->pos, err);
      return Invalid();
    }
    Operand z;
    z.mode = M::kConst;
    z.value = r;
    z.type = x.type->IsUntyped() ? types_->Basic(Kind::kUntypedInt) : x.type;
    if (!x.type->IsUntyped()) {
      x_expr_ = b;
      Operand tmp = z;
      tmp.type = types_->Basic(Kind::kUntypedInt);
      if (!Assignable(&tmp, x.type, "expression")) {
        Error(b->pos, fmt::format("constant {} overflows {}", r.Text(), x.type->String()));
        return Invalid();
      }
      return tmp;
    }
    return z;
  }
  // An untyped constant shifted by a variable takes the type the context
  // gives it (spec "Operators"): a float or complex type cannot be shifted.
  if (x.mode == M::kConst && x.type->IsUntyped()) {
    if (hint != nullptr && hint->IsNumeric() && !hint->IsInteger()) {
      Error(StartPos(b), fmt::format("invalid operation: {} (shift of type {})", ExprText(b), hint->String()));
      return Invalid();
    }
    const Type* t = hint != nullptr && hint->IsInteger() ? hint : types_->Int();
    if (!AssignTo(b->x, &x, t, "shift")) return Invalid();
  }
  if (!x.type->IsInteger()) {
    Error(StartPos(b), fmt::format("invalid operation: {} (shift of type {})", ExprText(b), x.type->String()));
    return Invalid();
  }
  if (y.mode == M::kConst && y.type->IsUntyped()) AssignTo(b->y, &y, types_->Basic(Kind::kUint), "shift");
  EvalFn l = x.eval, r = y.eval;
  Kind k = x.type->UKind();
  bool u = x.type->IsUnsigned();
  bool yu = y.type->IsUnsigned();
  int bits = static_cast<int>(x.type->Size() * 8);
  if (b->op == Tok::kShl) {
    return Val(x.type, [l, r, k, yu](Frame& f) {
      Value a = l(f), s = r(f);
      if (!yu && s.i < 0) exec::RuntimePanic(f, "negative shift amount");
      return Value::Int(s.u >= 64 ? 0 : exec::Wrap(k, static_cast<int64_t>(a.u << s.u)));
    });
  }
  return Val(x.type, [l, r, u, yu, bits, k](Frame& f) {
    Value a = l(f), s = r(f);
    if (!yu && s.i < 0) exec::RuntimePanic(f, "negative shift amount");
    if (u) {
      uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
      return Value::Int(s.u >= 64 ? 0 : static_cast<int64_t>((a.u & mask) >> s.u));
    }
    return Value::Int(s.u >= 64 ? (a.i < 0 ? -1 : 0) : exec::Wrap(k, a.i >> s.u));
  });
}

Operand Compiler::Unary(UnaryExpr* u, const Type* hint) {
  if (u->op == Tok::kAnd) return AddressOf(u);
  if (u->op == Tok::kArrow) return Receive(u, false);
  Operand x = ExprValue(u->x, hint);
  if (x.invalid()) return x;
  // types2 unaryOpPredicates: + - need numbers, ^ integers, ! booleans.
  bool ok = u->op == Tok::kNot ? x.type->IsBoolean() : u->op == Tok::kXor ? x.type->IsInteger() : x.type->IsNumeric();
  if (!ok) {
    Error(u->x->pos, fmt::format("invalid operation: operator {} not defined on {}", TokString(u->op), Describe2(u->x, x)));
    return Invalid();
  }
  if (x.mode == M::kConst) {
    Const c = x.value;
    switch (u->op) {
      case Tok::kSub:
        if (c.k == Const::K::kInt) c.i = -c.i; else c.f = Const::Exact(-c.f);
        if (c.k == Const::K::kComplex) c.im = Const::Exact(-c.im);
        break;
      case Tok::kNot: c.b = !c.b; break;
      case Tok::kXor:
        if (x.type->IsUnsigned()) {
          __int128 mask = (static_cast<__int128>(1) << (x.type->Size() * 8)) - 1;
          c.i = ~c.i & mask;
        } else {
          c.i = ~c.i;
        }
        break;
      default: break;
    }
    Operand z;
    z.mode = M::kConst;
    z.type = x.type;
    z.value = c;
    if (!x.type->IsUntyped()) return TypedConst(u, z);
    return z;
  }
  EvalFn e = x.eval;
  Kind k = x.type->UKind();
  switch (u->op) {
    case Tok::kAdd: return x;
    case Tok::kSub:
      if (x.type->IsComplex()) return Val(x.type, ComplexNeg(e));
      if (x.type->IsFloat()) return Val(x.type, [e](Frame& f) { return Value::Float(-e(f).f); });
      return Val(x.type, [e, k](Frame& f) { return Value::Int(exec::Wrap(k, static_cast<int64_t>(0 - e(f).u))); });
    case Tok::kNot:
      if (!x.type->IsBoolean()) {
        Error(u->pos, fmt::format("invalid operation: operator ! not defined on {}", Describe2(u->x, x)));
        return Invalid();
      }
      return Val(x.type, [e](Frame& f) { return Value::Int(e(f).i == 0); });
    case Tok::kXor: return Val(x.type, [e, k](Frame& f) { return Value::Int(exec::Wrap(k, ~e(f).i)); });
    default: return Invalid();
  }
}

}  // namespace gostep::lang::check
