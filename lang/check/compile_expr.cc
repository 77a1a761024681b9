// lang/check/compile_expr.cc — operands: identifiers, literals, selectors,
// index and slice expressions, conversions to interfaces, assignability.
#include <cmath>

#include <fmt/format.h>

#include "lang/check/compiler.h"
#include "lang/check/fast_eval.h"
#include "lang/exec/run_state.h"
#include "lang/syntax/ast_string.h"
#include "lang/syntax/lexer.h"

namespace gostep::lang::check {

using exec::Frame;
using exec::Value;
using M = Operand::Mode;

namespace {

Operand Invalid() { return Operand{}; }

// Representable reports whether constant c fits type t (spec
// "Representability"); *rounded gets the value converted to t.
bool Representable(const Const& c, const Type* t, Const* rounded) {
  *rounded = c;
  Kind k = t->UKind();
  if (t->IsInteger()) {
    if (!c.IsIntegral()) return false;
    __int128 v = c.k == Const::K::kInt ? c.i : static_cast<__int128>(c.f);
    *rounded = Const::Int(v);
    if (t->IsUntyped()) return true;
    int bits = static_cast<int>(t->Size() * 8);
    if (t->IsUnsigned()) return v >= 0 && (bits == 64 ? v <= static_cast<__int128>(UINT64_MAX) : v < (static_cast<__int128>(1) << bits));
    __int128 lim = static_cast<__int128>(1) << (bits - 1);
    return v >= -lim && v < lim;
  }
  if (t->IsFloat()) {
    if (!c.IsNumber() || c.Imag() != 0) return false;
    long double v = c.AsFloat();
    if (k == Kind::kUntypedFloat) {
      *rounded = Const::Float(v);
    } else if (k == Kind::kFloat32) {
      if (std::fabs(v) > 3.40282346638528859811704183484516925440e+38L) return false;
      *rounded = Const::Float(static_cast<float>(v));
    } else {
      if (std::fabs(v) > 1.797693134862315708145274237317043567981e+308L) return false;
      *rounded = Const::Float(static_cast<double>(v));
    }
    return true;
  }
  if (t->IsComplex()) {
    // types2 representableConst: both parts must fit the part type, rounded.
    if (!c.IsNumber()) return false;
    long double re = c.AsFloat(), im = c.Imag();
    if (k == Kind::kComplex64) {
      constexpr long double kMax = 3.40282346638528859811704183484516925440e+38L;
      if (std::fabs(re) > kMax || std::fabs(im) > kMax) return false;
      *rounded = Const::Complex(static_cast<float>(re), static_cast<float>(im));
    } else if (k == Kind::kComplex128) {
      constexpr long double kMax = 1.797693134862315708145274237317043567981e+308L;
      if (std::fabs(re) > kMax || std::fabs(im) > kMax) return false;
      *rounded = Const::Complex(static_cast<double>(re), static_cast<double>(im));
    } else {
      *rounded = Const::Complex(re, im);
    }
    return true;
  }
  if (t->IsString()) return c.k == Const::K::kString;
  if (t->IsBoolean()) return c.k == Const::K::kBool;
  return false;
}

}  // namespace

// Describe renders an operand as gc does in messages: "x (variable of type
// int)", "300 (untyped int constant)", "f() (value of type string)",
// "1 + 2i (untyped complex constant (1 + 2i))".
std::string Describe(lang::Expr* e, const Operand& x) {
  std::string src = e != nullptr ? ExprString(e) : "value";
  if (x.mode == M::kConst && x.type->IsUntyped()) {
    std::string v = x.value.Text();
    std::string kind = x.type->String();
    // types2 operand.String prints the value when it differs from the text.
    // gostep takes a literal whose value keeps its own kind as equal to its
    // text (the value's text is not always gc's: 1e3, 0x10).
    bool lit = false;
    if (e != nullptr && e->kind == ExprKind::kBasicLit) {
      Tok lk = static_cast<BasicLit*>(e)->lit_kind;
      Const::K vk = x.value.k;
      lit = (lk == Tok::kInt && vk == Const::K::kInt) || (lk == Tok::kFloat && vk == Const::K::kFloat) ||
            (lk == Tok::kChar && vk == Const::K::kInt) || lk == Tok::kString;
    }
    if (src == v || lit) return fmt::format("{} ({} constant)", src, kind);
    return fmt::format("{} ({} constant {})", src, kind, v);
  }
  if (x.mode == M::kConst) return fmt::format("{} (constant {} of type {})", src, x.value.Text(), x.type->String());
  if (x.type && x.type->kind() == Kind::kUntypedNil) return "nil";
  if (x.mode == M::kVar && e && e->kind == ExprKind::kIdent) return fmt::format("{} (variable of type {})", src, x.type->String());
  return fmt::format("{} (value of type {})", src, x.type ? x.type->String() : "?");
}

EvalFn Compiler::ConstEval(const Const& c, const Type* t) {
  Value v;
  Kind k = t->UKind();
  if (t->IsInteger()) v.i = exec::Wrap(k, static_cast<int64_t>(c.k == Const::K::kInt ? c.i : static_cast<__int128>(c.f)));
  else if (t->IsFloat()) v.f = static_cast<double>(c.AsFloat());
  else if (k == Kind::kComplex64) v = exec::Complex64(static_cast<double>(c.AsFloat()), static_cast<double>(c.Imag()));
  else if (t->IsComplex()) v = Value::Complex(static_cast<double>(c.AsFloat()), static_cast<double>(c.Imag()));
  else if (t->IsBoolean()) v.i = c.b ? 1 : 0;
  else if (t->IsString()) {
    auto s = std::make_shared<exec::StrObj>(exec::StrObj{c.s});
    if (c.s.empty()) return [](Frame&) { return Value(); };
    return [s](Frame&) { return Value::Ptr(s.get()); };
  } else if (t->IsInterface()) {
    const Type* dt = types::Default(*types_, types_->Basic(c.k == Const::K::kBool ? Kind::kUntypedBool
                                                          : c.k == Const::K::kInt ? Kind::kUntypedInt
                                                          : c.k == Const::K::kFloat ? Kind::kUntypedFloat
                                                          : c.k == Const::K::kComplex ? Kind::kUntypedComplex
                                                                                    : Kind::kUntypedString));
    return ToIface(dt, ConstEval(c, dt));
  }
  return ConstLoad{v};
}

const Type* Compiler::DefaultType(const Type* t) {
  return t->kind() == Kind::kUntypedRune ? types_->Basic(Kind::kInt32) : types::Default(*types_, t);
}

void Compiler::Default(Operand* x) {
  if (x->mode == M::kConst && x->type->IsUntyped()) {
    Assignable(x, DefaultType(x->type), "assignment");
  } else if (x->type != nullptr && x->type->kind() == Kind::kUntypedBool) {
    x->type = types_->Bool();
  }
}

bool Compiler::DefaultTo(lang::Expr* e, Operand* x, const char* context) {
  if (x->mode == M::kConst && x->type->IsUntyped()) {
    const Type* t = DefaultType(x->type);
    if (AssignTo(e, x, t, context)) return true;
    // Reported; go on with a value of the default type (types2 does too).
    x->mode = M::kValue;
    x->type = t;
    x->eval = [](Frame&) { return Value(); };
    return false;
  }
  Default(x);
  return true;
}

namespace {

// ConvNeedsAddr is walk's dataWordFuncName's needsaddr (go1.19): a value
// converted to an interface by address (convT, convTnoptr) rather than by
// value (convT16, convT32, convT64, convTstring, convTslice) or directly
// (pointer-shaped types).
bool ConvNeedsAddr(const Type* t) {
  switch (t->UKind()) {
    case Kind::kPointer: case Kind::kChan: case Kind::kMap: case Kind::kFunc: case Kind::kUnsafePointer:
    case Kind::kInt16: case Kind::kUint16: case Kind::kInt32: case Kind::kUint32: case Kind::kFloat32:
    case Kind::kInt: case Kind::kInt64: case Kind::kUint: case Kind::kUint64: case Kind::kUintptr: case Kind::kFloat64:
    case Kind::kString: case Kind::kSlice:
      return false;
    case Kind::kStruct: case Kind::kArray: {
      // SoleComponent: a struct or array wrapping exactly one value.
      const Type* u = t->Underlying();
      if (u->kind() == Kind::kStruct && u->fields().size() == 1) return ConvNeedsAddr(u->fields()[0].type);
      if (u->kind() == Kind::kArray && u->len() == 1) return ConvNeedsAddr(u->elem());
      return true;
    }
    default: return true;  // bool, int8, uint8, complex64, complex128, other aggregates
  }
}

}  // namespace

// ToIface converts a concrete value to an interface value (convT*). In a
// statement lowered in gc's order, a conversion by address copies its
// operand where it stands (order.go: OCONVIFACE's addrTemp), so it is
// hoisted like a call.
EvalFn Compiler::ToIface(const Type* from, EvalFn eval) {
  if (from->IsInterface()) return eval;
  bool constant = eval.target<ConstLoad>() != nullptr;
  EvalFn out = ToIfaceInner(from, std::move(eval));
  if (hoist_ == nullptr || constant || !ConvNeedsAddr(from)) return out;
  Operand x;
  x.mode = M::kValue;
  x.type = from;
  x.eval = std::move(out);
  return Hoist(std::move(x)).eval;
}

// ToIfaceInner: the dynamic type goes in x; a slice or complex payload is
// boxed.
EvalFn Compiler::ToIfaceInner(const Type* from, EvalFn eval) {
  if (from->IsInterface()) return eval;
  if (exec::BoxedInIface(from)) {
    return [from, eval](Frame& f) {
      Value s = eval(f);
      Value* box = exec::Run(f).heap.Cells(1);
      *box = s;
      Value r = Value::Ptr(box);
      r.x = reinterpret_cast<uint64_t>(from);
      return r;
    };
  }
  if (from->UKind() == Kind::kStruct || from->UKind() == Kind::kArray) {
    return [from, eval](Frame& f) {
      Value r = exec::Copy(exec::Run(f), from, eval(f));
      r.x = reinterpret_cast<uint64_t>(from);
      return r;
    };
  }
  return [from, eval](Frame& f) {
    Value r = eval(f);
    r.x = reinterpret_cast<uint64_t>(from);
    return r;
  };
}

// Assignable implements the spec's assignability and converts x to t.
bool Compiler::Assignable(Operand* x, const Type* t, const char* context) {
  if (x->invalid() || t == nullptr) return false;
  if (x->mode != M::kConst && x->type->kind() == Kind::kUntypedBool) x->type = types_->Bool();  // a comparison's result
  const Type* v = x->type;
  if (x->mode == M::kConst && v->IsUntyped()) {
    Const r;
    if (t->IsInterface() && t->Underlying()->methods().empty()) {
      // The constant takes its default type first, where it must fit.
      Operand d = *x;
      if (!Assignable(&d, DefaultType(x->type), context)) return false;
      x->eval = ToIface(d.type, d.eval);
      x->type = t;
      x->mode = M::kValue;
      return true;
    }
    if (!Representable(x->value, t, &r)) {
      // types2 representation: a non-integer number to an integer type is
      // "truncated", any other numeric misfit "overflows".
      bool numeric = x->value.IsNumber() && t->IsNumeric();
      last_error_ = numeric ? fmt::format("cannot use {} as {} value in {} ({})", Describe(x_expr_, *x), t->String(), context,
                                          !v->IsInteger() && t->IsInteger() ? "truncated" : "overflows")
                            : fmt::format("cannot use {} as {} value in {}", Describe(x_expr_, *x), t->String(), context);
      return false;
    }
    x->value = r;
    x->type = t;
    x->eval = ConstEval(r, t);
    return true;
  }
  if (v->kind() == Kind::kUntypedNil) {
    Kind k = t->UKind();
    if (k == Kind::kPointer || k == Kind::kSlice || k == Kind::kMap || k == Kind::kChan || k == Kind::kFunc ||
        k == Kind::kInterface || k == Kind::kUnsafePointer) {
      x->type = t;
      x->mode = M::kValue;
      x->eval = [](Frame&) { return Value(); };
      return true;
    }
    last_error_ = fmt::format("cannot use nil as {} value in {}", t->String(), context);
    return false;
  }
  if (v->kind() == Kind::kUntypedBool && t->IsBoolean()) {
    x->type = t;
    return true;
  }
  if (types::Identical(v, t)) return true;
  // Identical underlying types, one of them unnamed.
  if ((v->kind() != Kind::kNamed || t->kind() != Kind::kNamed) && types::Identical(v->Underlying(), t->Underlying()) &&
      !t->IsInterface()) {
    x->type = t;
    return true;
  }
  if (t->IsInterface()) {
    std::string missing;
    bool ptr = false;
    if (types::Implements(v, t, &missing, &ptr)) {
      x->eval = ToIface(v, x->eval);
      x->type = t;
      x->mode = M::kValue;
      return true;
    }
    // types2 assignment with CompilerErrorMessages (gc, go1.19).
    last_error_ = ptr ? fmt::format("cannot use {} as type {} in {}:\n\t{} does not implement {} ({} method has pointer receiver)",
                                    Describe(x_expr_, *x), t->String(), context, v->String(), t->String(), missing)
                      : fmt::format("cannot use {} as type {} in {}:\n\t{} does not implement {} (missing {} method)",
                                    Describe(x_expr_, *x), t->String(), context, v->String(), t->String(), missing);
    return false;
  }
  // A bidirectional channel is assignable to a directional one.
  if (v->UKind() == Kind::kChan && t->UKind() == Kind::kChan && v->Underlying()->dir() == types::ChanDirKind::kBoth &&
      types::Identical(v->Underlying()->elem(), t->Underlying()->elem()) &&
      (v->kind() != Kind::kNamed || t->kind() != Kind::kNamed)) {
    x->type = t;
    return true;
  }
  last_error_ = fmt::format("cannot use {} as type {} in {}", Describe(x_expr_, *x), t->String(), context);
  return false;
}

bool Compiler::AssignTo(lang::Expr* e, Operand* x, const Type* t, const char* context) {
  x_expr_ = e;
  last_error_.clear();
  if (Assignable(x, t, context)) return true;
  if (!last_error_.empty()) Error(StartPos(e), last_error_);
  return false;
}

// ---- Expressions -------------------------------------------------------------

Operand Compiler::ExprValue(lang::Expr* e, const Type* hint) { return AsValue(e, Expr(e, hint)); }

// AsValue checks that the operand of e is a value (not a type, a builtin
// or a call without results).
Operand Compiler::AsValue(lang::Expr* e, Operand x) {
  if (x.mode == M::kType) {
    Error(e->pos, fmt::format("{} (type) is not an expression", x.type->String()));
    return Invalid();
  }
  if (x.mode == M::kBuiltin) {
    Error(e->pos, fmt::format("{} (built-in function {}) must be called", x.obj->name, x.obj->name));
    return Invalid();
  }
  if (x.mode == M::kNoValue) {
    Error(e->pos, fmt::format("{} (no value) used as value", "call"));
    return Invalid();
  }
  if (x.mode == M::kCommaOk) {
    x.mode = M::kValue;
    // A receive or a type assertion used as one value: gc's order.go
    // hoists it (a type assertion only to a type not held directly in an
    // interface word: not a pointer, chan, map or func).
    lang::Expr* s = e;
    while (s->kind == ExprKind::kParen) s = static_cast<ParenExpr*>(s)->x;
    bool recv = s->kind == ExprKind::kUnary && static_cast<UnaryExpr*>(s)->op == Tok::kArrow;
    Kind k = x.type != nullptr ? x.type->UKind() : Kind::kInvalid;
    bool direct = k == Kind::kPointer || k == Kind::kChan || k == Kind::kMap || k == Kind::kFunc || k == Kind::kUnsafePointer;
    if (recv || (s->kind == ExprKind::kTypeAssert && !direct)) x = Hoist(std::move(x));
  }
  return x;
}

Operand Compiler::Expr(lang::Expr* e, const Type* hint) {
  if (!pre_evaluated_.empty()) {  // an argument of a go/defer std call, evaluated already (compile_go.cc)
    if (auto it = pre_evaluated_.find(e); it != pre_evaluated_.end()) return it->second;
  }
  ++expr_depth_;
  Operand x = ExprInner(e, hint);
  --expr_depth_;
  if (!x.invalid()) e->type = x.type;
  // Every 8th level of a deeply nested expression checks the host stack
  // when it runs (exec::CheckHostStack), so that evaluating it can never
  // overflow the goroutine's fiber stack.
  if (expr_depth_ > 0 && expr_depth_ % 8 == 0 && x.eval) {
    EvalFn inner = std::move(x.eval);
    x.eval = [inner](exec::Frame& f) {
      exec::CheckHostStack();
      return inner(f);
    };
  }
  return x;
}

Operand Compiler::ExprInner(lang::Expr* e, const Type* hint) {
  switch (e->kind) {
    case ExprKind::kBad: return Invalid();
    case ExprKind::kIdent: return IdentExpr(static_cast<Ident*>(e));
    case ExprKind::kBasicLit: return Literal(static_cast<BasicLit*>(e));
    case ExprKind::kParen: return Expr(static_cast<ParenExpr*>(e)->x, hint);
    case ExprKind::kFuncLit: return FuncLitExpr(static_cast<FuncLit*>(e));
    case ExprKind::kCompositeLit: return Composite(static_cast<CompositeLit*>(e), hint);
    case ExprKind::kSelector: return Selector(static_cast<SelectorExpr*>(e));
    case ExprKind::kIndex: return Index(static_cast<IndexExpr*>(e));
    case ExprKind::kIndexList:
      Error(e->pos, "gostep: generic instantiation is not supported by gostep");
      return Invalid();
    case ExprKind::kSlice: return Hoist(SliceOf(static_cast<SliceExpr*>(e)));
    case ExprKind::kTypeAssert: return TypeAssert(static_cast<TypeAssertExpr*>(e));  // hoisted as a value (AsValue)
    case ExprKind::kCall: return Call(static_cast<CallExpr*>(e), false);
    case ExprKind::kStar: return Star(static_cast<StarExpr*>(e));
    case ExprKind::kUnary: return Unary(static_cast<UnaryExpr*>(e), hint);  // a receive: hoisted as a value (AsValue)
    case ExprKind::kBinary: return Binary(static_cast<BinaryExpr*>(e), hint);
    case ExprKind::kKeyValue:
      Error(e->pos, "unexpected key:value expression");
      return Invalid();
    default: {
      const Type* t = TypeOf(e);
      if (t == nullptr) return Invalid();
      Operand x;
      x.mode = M::kType;
      x.type = t;
      return x;
    }
  }
}

Operand Compiler::IdentExpr(Ident* id) {
  if (id->name == "_") {
    Error(id->pos, "cannot use _ as value");
    return Invalid();
  }
  Object* o = Lookup(id->name);
  if (int u = PendingUnit(id->name); u >= 0 && (o == nullptr || IsUniverse(o))) {
    // A package const or var declared further on (compile_init.cc, step 2).
    if (units_[u]->state == InitUnit::State::kCompiling) return InProgressRef(id);
    CompileUnit(u);
    o = Lookup(id->name);
  }
  UseObject(o, id);
  if (o == nullptr) {
    if (id->name == "iota" && iota_ >= 0) {
      Operand x;
      x.mode = M::kConst;
      x.type = types_->Basic(Kind::kUntypedInt);
      x.value = Const::Int(iota_);
      return x;
    }
    Error(id->pos, fmt::format("undefined: {}", id->name));
    return Invalid();
  }
  Operand x;
  x.obj = o;
  switch (o->k) {
    case Object::K::kVar: return VarOperand(o, id->pos);
    case Object::K::kConst:
      o->used = true;
      if (o->type->kind() == Kind::kInvalid) return Invalid();  // its declaration failed (reported)
      x.mode = M::kConst;
      x.type = o->type;
      x.value = o->value;
      if (!o->type->IsUntyped()) x.eval = ConstEval(o->value, o->type);
      return x;
    case Object::K::kType:
      x.mode = M::kType;
      x.type = o->type;
      return x;
    case Object::K::kFunc: {
      x.mode = M::kValue;
      x.type = o->type;
      int idx = o->func_index;
      auto closure = std::make_shared<exec::Closure>();
      closure->code = funcs_[idx].get();
      x.eval = ClosureConst{closure};
      return x;
    }
    case Object::K::kBuiltin:
      x.mode = M::kBuiltin;
      return x;
    case Object::K::kPackage:
      o->used = true;
      Error(id->pos, fmt::format("use of package {} not in selector", id->name));
      return Invalid();
    case Object::K::kNil:
      x.mode = M::kValue;
      x.type = types_->Basic(Kind::kUntypedNil);
      x.eval = [](Frame&) { return Value(); };
      return x;
  }
  return Invalid();
}

Operand Compiler::Literal(BasicLit* lit) {
  Operand x;
  x.mode = M::kConst;
  switch (lit->lit_kind) {
    case Tok::kInt: {
      __int128 v;
      if (!ParseIntLit(lit->value, &v)) {
        Error(lit->pos, fmt::format("integer constant overflow"));
        return Invalid();
      }
      x.type = types_->Basic(Kind::kUntypedInt);
      x.value = Const::Int(v);
      return x;
    }
    case Tok::kFloat: {
      long double v;
      if (!ParseFloatLit(lit->value, &v)) {
        Error(lit->pos, "malformed constant: " + lit->value);
        return Invalid();
      }
      x.type = types_->Basic(Kind::kUntypedFloat);
      x.value = Const::Float(v);
      return x;
    }
    case Tok::kChar: {
      uint32_t r;
      if (!UnquoteRune(lit->value, &r)) {
        Error(lit->pos, "invalid rune literal");
        return Invalid();
      }
      x.type = types_->Basic(Kind::kUntypedRune);
      x.value = Const::Int(r);
      return x;
    }
    case Tok::kString: {
      std::string s;
      if (!UnquoteString(lit->value, &s)) {
        Error(lit->pos, "invalid string literal");
        return Invalid();
      }
      x.type = types_->Basic(Kind::kUntypedString);
      x.value = Const::String(std::move(s));
      return x;
    }
    case Tok::kImag: {
      long double v;
      if (!ParseImagLit(lit->value, &v)) {
        Error(lit->pos, "malformed constant: " + lit->value);
        return Invalid();
      }
      x.type = types_->Basic(Kind::kUntypedComplex);
      x.value = Const::Complex(0, v);
      return x;
    }
    default:
      Error(lit->pos, "malformed constant: " + lit->value);
      return Invalid();
  }
}

// ConvertUntyped models types2's convertUntyped of an untyped constant to a
// basic type t (expr.go, go1.19): on failure, invalidConversion's message
// ("X truncated to T", "X overflows T", "cannot convert X to T") at e.
bool Compiler::ConvertUntyped(lang::Expr* e, Operand* x, const Type* t) {
  Const r;
  if (Representable(x->value, t, &r)) {
    x->value = r;
    x->type = t;
    x->eval = ConstEval(r, t);
    return true;
  }
  std::string d = Describe(e, *x), ts = t->Underlying()->String();
  if (x->type->IsNumeric() && t->IsNumeric()) {
    Error(StartPos(e), !x->type->IsInteger() && t->IsInteger() ? fmt::format("{} truncated to {}", d, ts)
                                                                : fmt::format("{} overflows {}", d, ts));
  } else {
    Error(StartPos(e), fmt::format("cannot convert {} to {}", d, ts));
  }
  return false;
}

}  // namespace gostep::lang::check
