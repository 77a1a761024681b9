// lang/check/compile_call.cc — calls, conversions, func literals, composite
// literals and type expressions.
#include <array>
#include <set>

#include <fmt/format.h>

#include "lang/check/complex.h"
#include "lang/check/compiler.h"
#include "lang/check/fast_eval.h"
#include "lang/check/escapes.h"
#include "lang/exec/run_state.h"
#include "lang/std/packages.h"
#include "lang/syntax/ast_string.h"
#include "runtime/go.h"

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
// Invoke calls the func value `callee` gives with N arguments: the callee
// first, then the arguments left to right, then the call (Go's order).
template <typename Callee, size_t N>
struct Invoke {
  Callee callee;
  std::array<EvalFn, N> args;
  uint32_t line;
  void operator()(Frame& fr, Value* results) const {
    Value fv = callee(fr);
    if (fv.p == nullptr) exec::NilDeref(fr);
    exec::ValueBuf<N == 0 ? 1 : N> a;
    for (size_t i = 0; i < N; ++i) a.v[i] = args[i](fr);
    fr.line = line;
    exec::Call(fr, static_cast<exec::Closure*>(fv.p), N == 0 ? nullptr : a.v, static_cast<int>(N), results);
  }
};

// InvokeN is Invoke for any number of arguments.
template <typename Callee>
struct InvokeN {
  Callee callee;
  std::vector<EvalFn> args;
  uint32_t line;
  void operator()(Frame& fr, Value* results) const {
    Value fv = callee(fr);
    if (fv.p == nullptr) exec::NilDeref(fr);
    exec::ValueBuf<16> argv;
    std::vector<Value> big;
    Value* a = argv.v;
    if (args.size() > 16) {
      big.resize(args.size());
      a = big.data();
    }
    for (size_t i = 0; i < args.size(); ++i) a[i] = args[i](fr);
    fr.line = line;
    exec::Call(fr, static_cast<exec::Closure*>(fv.p), a, static_cast<int>(args.size()), results);
  }
};

}  // namespace

// MultiScratch holds the results of the g in f(g()) while f's arguments are
// read from them (per thread; nothing between the reads can yield).
std::vector<Value>& MultiScratch() {
  thread_local std::vector<Value> scratch;
  return scratch;
}

// Args checks call arguments against a signature (variadic packing included)
// and returns one evaluator per parameter.
std::vector<EvalFn> Compiler::Args(CallExpr* call, const Type* sig, const std::string& fname) {
  const auto& params = sig->params();
  // f(g()) with g multi-valued: g's results are f's arguments, the ones past
  // f's fixed parameters packed into its variadic slice (spec "Calls"). The
  // argument is compiled once: as a tuple here, else as the first argument.
  if (call->args.size() == 1 && call->args[0]->kind == ExprKind::kCall && !call->has_ellipsis &&
      (params.size() > 1 || sig->variadic())) {
    Operand x = Expr(call->args[0]);
    if (x.invalid()) return {};
    if (x.type->kind() == Kind::kTuple) return MultiArgs(call, sig, x, fname);
    x = AsValue(call->args[0], x);
    if (x.invalid()) return {};
    return PlainArgs(call, sig, fname, &x);
  }
  return PlainArgs(call, sig, fname, nullptr);
}

// MultiArgs is Args for f(g()): one evaluator per parameter, the first of
// which calls g.
std::vector<EvalFn> Compiler::MultiArgs(CallExpr* call, const Type* sig, const Operand& g, const std::string& fname) {
  const auto& params = sig->params();
  const auto& res = g.type->params();
  size_t n = res.size();
  size_t nfixed = sig->variadic() ? params.size() - 1 : params.size();
  if (sig->variadic() ? n < nfixed : n != params.size()) {
    Error(call->rparen, fmt::format("{} arguments in call to {}", n < nfixed ? "not enough" : "too many", fname));
    return {};
  }
  auto multi = g.multi;
  std::string context = "argument to " + ExprString(call->fun);
  // part(i) reads g's result i, converted to `target`; part(0) calls g.
  auto part = [&](size_t i, const Type* target) -> EvalFn {
    Operand y;
    y.mode = M::kValue;
    y.type = res[i];
    if (i == 0) {
      y.eval = [multi, n](Frame& f) {
        std::vector<Value> results(n);
        multi(f, results.data());
        MultiScratch() = std::move(results);
        return MultiScratch()[0];
      };
    } else {
      y.eval = [i](Frame&) { return MultiScratch()[i]; };
    }
    if (!AssignTo(call->args[0], &y, target, context.c_str())) return nullptr;
    return y.eval;
  };
  std::vector<EvalFn> out;
  for (size_t i = 0; i < nfixed; ++i) {
    out.push_back(part(i, params[i]));
    if (!out.back()) return {};
  }
  if (!sig->variadic()) return out;
  const Type* et = params.back()->elem();
  std::vector<EvalFn> rest;
  for (size_t i = nfixed; i < n; ++i) {
    rest.push_back(part(i, et));
    if (!rest.back()) return {};
  }
  out.push_back(PackVariadic(rest));
  return out;
}

// PackVariadic builds the ...T slice of the arguments `rest` (nil if none).
EvalFn Compiler::PackVariadic(std::vector<EvalFn> rest) {
  return [rest](Frame& f) {
    if (rest.empty()) return Value();
    Value* cells = exec::Run(f).heap.Cells(rest.size());
    for (size_t i = 0; i < rest.size(); ++i) cells[i] = rest[i](f);
    Value s = Value::Ptr(cells);
    s.x = exec::SliceX(rest.size(), rest.size());
    return s;
  };
}

// PlainArgs is Args for arguments written one by one.
std::vector<EvalFn> Compiler::PlainArgs(CallExpr* call, const Type* sig, const std::string& fname, Operand* first) {
  // arg(i, t): argument i, compiled with the hint t (the first may be given).
  auto arg = [&](size_t i, const Type* t) { return i == 0 && first != nullptr ? *first : ExprValue(call->args[i], t); };
  const auto& params = sig->params();
  std::vector<EvalFn> out;
  size_t nfixed = sig->variadic() ? params.size() - 1 : params.size();
  if (call->has_ellipsis) {
    if (!sig->variadic() || call->args.size() != params.size()) {
      Error(call->pos, fmt::format("have (...) but function is not variadic: {}", fname));
      return {};
    }
  }
  if (call->args.size() < nfixed || (!sig->variadic() && call->args.size() > nfixed)) {
    // types2 (call.go arguments): at the first extra argument, else the
    // last argument, else the call; "want" is the parameter list only.
    Pos at = call->args.size() > nfixed ? StartPos(call->args[nfixed])
             : !call->args.empty()      ? StartPos(call->args.back())
                                        : StartPos(call->fun);
    std::string want = sig->String().substr(4);
    for (size_t i = 0, depth = 0; i < want.size(); ++i) {
      depth += want[i] == '(';
      if (want[i] == ')' && --depth == 0) {
        want.resize(i + 1);
        break;
      }
    }
    Error(at, fmt::format("{} arguments in call to {}\n\thave ({})\n\twant {}", call->args.size() < nfixed ? "not enough" : "too many",
                          fname, ArgTypes(call->args), want));
    return {};
  }
  // types2 arguments: the context of an argument's assignability.
  std::string context = "argument to " + ExprString(call->fun);
  for (size_t i = 0; i < nfixed; ++i) {
    Operand x = arg(i, params[i]);
    if (x.invalid() || !AssignTo(call->args[i], &x, params[i], context.c_str())) return {};
    out.push_back(x.eval);
  }
  if (sig->variadic()) {
    const Type* st = params.back();
    if (call->has_ellipsis) {
      Operand x = arg(call->args.size() - 1, st);
      if (x.invalid() || !AssignTo(call->args.back(), &x, st, context.c_str())) return {};
      out.push_back(x.eval);
    } else {
      std::vector<EvalFn> rest;
      for (size_t i = nfixed; i < call->args.size(); ++i) {
        Operand x = arg(i, st->elem());
        if (x.invalid() || !AssignTo(call->args[i], &x, st->elem(), context.c_str())) return {};
        rest.push_back(x.eval);
      }
      out.push_back(PackVariadic(rest));
    }
  }
  return out;
}

std::string Compiler::ArgTypes(const std::vector<lang::Expr*>& args) {
  std::string s;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) s += ", ";
    // types2 typesSummary: untyped numbers are "number", other untyped
    // kinds lose the qualifier. An argument not checked yet is checked now.
    if (args[i]->type == nullptr) Expr(args[i]);
    const Type* t = args[i]->type;
    if (t == nullptr || t->kind() == Kind::kInvalid) {
      s += "unknown type";
    } else if (t->IsUntyped()) {
      std::string n = t->String();
      s += t->IsNumeric() || t->kind() == Kind::kUntypedRune ? "number" : n.starts_with("untyped ") ? n.substr(8) : n;
    } else {
      s += t->String();
    }
  }
  return s;
}

// Call lowers a call; in a statement lowered in gc's order (compile_order.cc)
// a call used as a value is hoisted: calls of funcs, methods and std
// functions, and the builtins order.go copies (not conversions, nor
// print/panic/close/delete/clear/min/max).
Operand Compiler::Call(CallExpr* call, bool stmt) {
  Operand r = CallInner(call, stmt);
  bool hoistable = call_hoistable_;
  call_hoistable_ = false;
  return !stmt && hoistable ? Hoist(std::move(r)) : r;
}

Operand Compiler::CallInner(CallExpr* call, bool stmt) {
  Operand f = Expr(call->fun);
  call_hoistable_ = false;
  // types2 (callExpr): the arguments of a call that cannot be made are still
  // checked, so their variables count as used.
  auto use_args = [&] {
    for (lang::Expr* a : call->args) Expr(a);
  };
  if (f.invalid()) {
    use_args();
    return f;
  }
  if (f.mode == M::kType) {
    if (call->args.size() != 1) {
      Error(call->rparen, fmt::format("{} arguments in conversion to {}", call->args.empty() ? "missing" : "too many", f.type->String()));
      return Invalid();
    }
    return Conversion(f.type, call->args[0], call->pos);
  }
  if (f.mode == M::kBuiltin) {
    static const std::set<std::string> kCopied = {"len", "cap", "complex", "copy", "imag", "real", "make", "new", "recover", "append"};
    Operand r = Builtin(call, f.obj, stmt);
    call_hoistable_ = kCopied.count(f.obj->name) > 0;
    return r;
  }
  ++calls_or_recvs_;
  call_hoistable_ = true;
  if (f.native != nullptr) return NativeCall(call, f);
  if (f.std_func != nullptr) return StdCall(call, f);
  if (f.type == nullptr) {  // a package name (`fmt(x)`), or a failed import's member
    if (f.mode == M::kPackage) Error(call->fun->pos, fmt::format("use of package {} not in selector", ExprText(call->fun)));
    use_args();
    return Invalid();
  }
  if (f.type->UKind() != Kind::kFunc) {
    Error(call->pos, fmt::format("invalid operation: cannot call non-function {}", Describe2(call->fun, f)));
    use_args();
    return Invalid();
  }
  const Type* sig = f.type->Underlying();
  std::vector<EvalFn> args = Args(call, sig, ExprText(call->fun));
  if (args.size() != sig->params().size()) return Invalid();
  size_t nres = sig->results().size();
  uint32_t line = call->pos.line;
  // The callee and the arity are fixed at compile time: pick a closure
  // specialised for both (a declared func's closure is a constant; up to 3
  // arguments live in a fixed array).
  const ClosureConst* declared = f.eval.target<ClosureConst>();
  auto with_args = [&](auto callee) {
    switch (args.size()) {
      case 0: return CallOperand(sig, nres, Invoke<decltype(callee), 0>{callee, {}, line});
      case 1: return CallOperand(sig, nres, Invoke<decltype(callee), 1>{callee, {args[0]}, line});
      case 2: return CallOperand(sig, nres, Invoke<decltype(callee), 2>{callee, {args[0], args[1]}, line});
      case 3: return CallOperand(sig, nres, Invoke<decltype(callee), 3>{callee, {args[0], args[1], args[2]}, line});
      default: return CallOperand(sig, nres, InvokeN<decltype(callee)>{callee, args, line});
    }
  };
  if (declared != nullptr) return with_args(*declared);
  return with_args(f.eval);
}

// CallOperand is the operand of a call whose results `invoke` writes.
template <typename Inv>
Operand Compiler::CallOperand(const Type* sig, size_t nres, Inv invoke) {
  Operand r;
  if (nres == 0) {
    r.mode = M::kNoValue;
    r.type = types_->Tuple({});
    r.eval = [invoke](Frame& f) {
      invoke(f, nullptr);
      return Value();
    };
    return r;
  }
  if (nres == 1) {
    return Val(sig->results()[0], [invoke](Frame& f) {
      Value out;
      invoke(f, &out);
      return out;
    });
  }
  r.mode = M::kValue;
  r.type = types_->Tuple(sig->results());
  r.multi = invoke;
  r.eval = [invoke](Frame& f) {
    exec::ValueBuf<16> out;
    invoke(f, out.v);
    return out.v[0];
  };
  return r;
}

Operand Compiler::Conversion(const Type* t, lang::Expr* arg, Pos pos) {
  Operand x = ExprValue(arg, t);
  if (x.invalid()) return x;
  // string(c) of an integer constant is a constant: its rune's UTF-8, or
  // "\uFFFD" outside the valid runes (spec, Conversions to and from a string
  // type; go/constant via types2 conversion).
  if (x.mode == M::kConst && t->IsString() && x.value.k == Const::K::kInt &&
      (x.type->IsInteger() || x.type->IsUntyped())) {
    __int128 c = x.value.i;
    bool valid = c >= 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
    Operand r;
    r.mode = M::kConst;
    r.type = t;
    r.value = Const::String(exec::EncodeRune(valid ? static_cast<int32_t>(c) : 0xFFFD));
    r.eval = ConstEval(r.value, t);
    return r;
  }
  if (x.mode == M::kConst && (t->IsNumeric() || t->IsString() || t->IsBoolean()) && !(t->IsString() && x.value.k != Const::K::kString)) {
    Const r;
    Operand tmp = x;
    x_expr_ = arg;
    last_error_.clear();
    if (!Assignable(&tmp, t, "conversion")) {
      Error(StartPos(arg), fmt::format("cannot convert {} to type {}", Describe2(arg, x), t->String()));
      return Invalid();
    }
    tmp.mode = M::kConst;
    return tmp;
  }
  const Operand before_default = x;  // the operand gc's message describes
  if (x.mode == M::kConst && x.type->IsUntyped()) Default(&x);
  const Type* from = x.type;
  EvalFn e = x.eval;
  Operand tmp = x;
  x_expr_ = arg;
  if (Assignable(&tmp, t, "conversion")) {
    tmp.type = t;
    tmp.mode = M::kValue;
    return tmp;
  }
  if (types::Identical(from->Underlying(), t->Underlying())) return Val(t, e);
  Kind tk = t->UKind();
  if (from->IsInteger() && t->IsInteger()) return Val(t, [e, tk](Frame& f) { return Value::Int(exec::Wrap(tk, e(f).i)); });
  if (from->IsInteger() && t->IsFloat()) {
    bool u = from->IsUnsigned();
    bool f32 = tk == Kind::kFloat32;
    return Val(t, [e, u, f32](Frame& f) {
      Value v = e(f);
      double d = u ? static_cast<double>(v.u) : static_cast<double>(v.i);
      return Value::Float(f32 ? static_cast<float>(d) : d);
    });
  }
  if (from->IsFloat() && t->IsInteger()) {
    bool u = t->IsUnsigned();
    return Val(t, [e, tk, u](Frame& f) {
      double d = e(f).f;
      int64_t v = u ? static_cast<int64_t>(static_cast<uint64_t>(d)) : static_cast<int64_t>(d);
      return Value::Int(exec::Wrap(tk, v));
    });
  }
  if (from->IsComplex() && t->IsComplex()) return Val(t, ComplexConvert(t, e));
  if (from->IsFloat() && t->IsFloat()) {
    bool f32 = tk == Kind::kFloat32;
    return Val(t, [e, f32](Frame& f) { return Value::Float(f32 ? static_cast<float>(e(f).f) : e(f).f); });
  }
  if (from->IsInteger() && t->IsString()) {
    return Val(t, [e](Frame& f) { return exec::RuneToString(f, e(f).i); });
  }
  if (t->IsString() && from->UKind() == Kind::kSlice) {
    Kind ek = from->Underlying()->elem()->UKind();
    if (ek == Kind::kUint8 || ek == Kind::kInt32) return Val(t, [e, ek](Frame& f) { return exec::SliceToString(f, e(f), ek); });
  }
  if (from->IsString() && tk == Kind::kSlice) {
    Kind ek = t->Underlying()->elem()->UKind();
    if (ek == Kind::kUint8 || ek == Kind::kInt32) return Val(t, [e, ek](Frame& f) { return exec::StringToSlice(f, e(f), ek); });
  }
  bool from_ptrish = from->UKind() == Kind::kPointer || from->UKind() == Kind::kUnsafePointer;
  bool to_ptrish = tk == Kind::kPointer || tk == Kind::kUnsafePointer;
  // unsafe.Pointer remembers the type it was made from (in the word an
  // unsafe.Pointer does not use), so that a conversion to a pointer to a
  // type laid out differently in the interpreter's cells is refused with a
  // gostep panic instead of reading a cell as what it is not.
  if (from->UKind() == Kind::kPointer && tk == Kind::kUnsafePointer) {
    const Type* pointee = from->Underlying()->elem();
    return Val(t, [e, pointee](Frame& f) {
      Value v = e(f);
      v.x = v.p == nullptr ? 0 : reinterpret_cast<uint64_t>(pointee);
      return v;
    });
  }
  if (from->UKind() == Kind::kUnsafePointer && tk == Kind::kPointer) {
    const Type* pointee = t->Underlying()->elem();
    return Val(t, [e, pointee](Frame& f) {
      Value v = e(f);
      if (v.x != 0) exec::CheckSameCells(f, reinterpret_cast<const Type*>(v.x), pointee);
      v.x = 0;
      return v;
    });
  }
  if ((from_ptrish && tk == Kind::kUnsafePointer) || (from->UKind() == Kind::kUnsafePointer && to_ptrish)) return Val(t, e);
  if (from->UKind() == Kind::kUnsafePointer && tk == Kind::kUintptr) {
    return Val(t, [e](Frame& f) { return Value::Int(static_cast<int64_t>(exec::FakeAddr(exec::Run(f), e(f).p))); });
  }
  if (from->UKind() == Kind::kPointer && tk == Kind::kPointer &&
      types::Identical(from->Underlying()->elem()->Underlying(), t->Underlying()->elem()->Underlying())) {
    return Val(t, e);
  }
  Error(StartPos(arg), fmt::format("cannot convert {} to type {}", Describe2(arg, before_default), t->String()));
  return Invalid();
}

Operand Compiler::FuncLitExpr(FuncLit* lit) {
  const Type* sig = TypeOf(lit->sig);
  if (sig == nullptr) return Invalid();
  auto ctx = std::make_unique<FuncCtx>();
  ctx->parent = fn_;
  ctx->depth = fn_->depth + 1;
  FuncCtx* top = fn_;
  while (top->parent != nullptr) top = top->parent;
  // gc names closures main.f.func1, main.f.func2, and nested ones main.f.func1.1.
  ++fn_->closures;
  ctx->name = fn_->parent != nullptr ? fmt::format("{}.{}", fn_->name, fn_->closures)
                                     : fmt::format("{}.func{}", fn_->name, fn_->closures);
  ctx->code = NewFunc(ctx->name, lit->pos);
  ctx->sig = sig;
  ctx->box_all = NeedsBoxes(lit->body);
  FuncCtx* raw = ctx.get();
  ctxs_.push_back(std::move(ctx));
  CompileBody(raw, nullptr, lit->sig, lit->body, sig);
  // Each captured variable's cell, as seen from the enclosing function.
  std::vector<AddrFn> cells;
  for (Object* o : raw->captured) {
    Operand v = VarOperand(o, lit->pos);
    cells.push_back(v.addr);
  }
  exec::FuncCode* code = raw->code;
  return Val(sig, [code, cells](Frame& f) {
    exec::Closure* c = exec::Run(f).heap.NewClosure();
    c->code = code;
    c->captured.reserve(cells.size());
    for (const AddrFn& a : cells) c->captured.push_back(a(f));
    return Value::Ptr(c);
  });
}

// DotsArrayLen is the length of [...]T{elts}: the largest index + 1 (spec,
// Composite literals: "the length is the maximum element index plus one").
int64_t Compiler::DotsArrayLen(CompositeLit* c) {
  int64_t next = 0, n = 0;
  for (lang::Expr* e : c->elts) {
    if (e->kind == ExprKind::kKeyValue) {
      Operand k = ExprValue(static_cast<KeyValueExpr*>(e)->key);
      if (k.mode == M::kConst && k.value.IsIntegral()) next = static_cast<int64_t>(k.value.AsFloat());
    }
    n = std::max(n, ++next);
  }
  return n;
}

Operand Compiler::Composite(CompositeLit* c, const Type* hint) {
  const Type* t = nullptr;
  auto* at = c->type_expr != nullptr && c->type_expr->kind == ExprKind::kArrayType
                 ? static_cast<ArrayTypeExpr*>(c->type_expr)
                 : nullptr;
  if (at != nullptr && at->len != nullptr && at->len->kind == ExprKind::kEllipsis) {
    const Type* el = TypeOf(at->elem);
    if (el == nullptr) return Invalid();
    t = types_->Array(el, DotsArrayLen(c));
  } else {
    t = c->type_expr != nullptr ? TypeOf(c->type_expr) : hint;
  }
  if (t == nullptr) {
    if (c->type_expr == nullptr) Error(c->pos, "invalid composite literal type: missing type");
    return Invalid();
  }
  bool ptr_elided = c->type_expr == nullptr && t->UKind() == Kind::kPointer;
  const Type* lt = ptr_elided ? t->Underlying()->elem() : t;
  const Type* u = lt->Underlying();
  EvalFn build;
  if (u->kind() == Kind::kStruct) {
    build = StructLit(c, lt);
  } else if (u->kind() == Kind::kArray || u->kind() == Kind::kSlice) {
    build = ArrayLit(c, lt);
  } else if (u->kind() == Kind::kMap) {
    build = MapLit(c, lt);
  } else {
    Error(c->pos, fmt::format("invalid composite literal type {}", t->String()));
    return Invalid();
  }
  if (!build) return Invalid();
  if (ptr_elided) {
    return Val(t, [build](Frame& f) {
      Value* cell = exec::Run(f).heap.Cells(1);
      *cell = build(f);
      return Value::Ptr(cell);
    });
  }
  return Val(lt, build);
}

EvalFn Compiler::StructLit(CompositeLit* c, const Type* t) {
  const auto& fields = t->Underlying()->fields();
  std::vector<std::pair<int, EvalFn>> inits;
  bool keyed = !c->elts.empty() && c->elts[0]->kind == ExprKind::kKeyValue;
  for (size_t i = 0; i < c->elts.size(); ++i) {
    lang::Expr* e = c->elts[i];
    int idx = static_cast<int>(i);
    if (keyed) {
      if (e->kind != ExprKind::kKeyValue) {
        Error(e->pos, "mixture of field:value and value elements in struct literal");
        return nullptr;
      }
      auto* kv = static_cast<KeyValueExpr*>(e);
      if (kv->key->kind != ExprKind::kIdent) {
        Error(kv->key->pos, fmt::format("invalid field name {} in struct literal", ExprText(kv->key)));
        return nullptr;
      }
      const std::string& name = static_cast<Ident*>(kv->key)->name;
      idx = -1;
      for (size_t k = 0; k < fields.size(); ++k) if (fields[k].name == name) idx = static_cast<int>(k);
      if (idx < 0) {
        Error(kv->key->pos, fmt::format("unknown field {} in struct literal of type {}", name, t->String()));
        return nullptr;
      }
      e = kv->value;
    } else if (i >= fields.size()) {
      Error(e->pos, fmt::format("too many values in struct literal of type {}", t->String()));
      return nullptr;
    }
    Operand x = ExprValue(e, fields[idx].type);
    if (x.invalid() || !AssignTo(e, &x, fields[idx].type, "struct literal")) return nullptr;
    inits.push_back({idx, x.eval});
  }
  if (!keyed && !c->elts.empty() && c->elts.size() < fields.size()) {
    Error(c->rbrace, fmt::format("too few values in struct literal of type {}", t->String()));
    return nullptr;
  }
  return [t, inits](Frame& f) {
    Value v = exec::Zero(exec::Run(f), t);
    Value* cells = static_cast<Value*>(v.p);
    for (const auto& [idx, e] : inits) cells[idx] = e(f);
    return v;
  };
}

EvalFn Compiler::ArrayLit(CompositeLit* c, const Type* t) {
  const Type* u = t->Underlying();
  const Type* et = u->elem();
  std::vector<std::pair<int64_t, EvalFn>> inits;
  int64_t next = 0, max = 0;
  for (lang::Expr* e : c->elts) {
    if (e->kind == ExprKind::kKeyValue) {
      auto* kv = static_cast<KeyValueExpr*>(e);
      Operand k = ExprValue(kv->key);
      if (k.invalid() || k.mode != M::kConst || !k.value.IsIntegral()) {
        Error(kv->key->pos, "index must be non-negative integer constant");
        return nullptr;
      }
      next = static_cast<int64_t>(k.value.AsFloat());
      e = kv->value;
    }
    Operand x = ExprValue(e, et);
    if (x.invalid() || !AssignTo(e, &x, et, "array or slice literal")) return nullptr;
    if (u->kind() == Kind::kArray && u->len() >= 0 && next >= u->len()) {
      Error(e->pos, fmt::format("index {} out of bounds [0:{}]", next, u->len()));
      return nullptr;
    }
    inits.push_back({next, x.eval});
    max = std::max(max, ++next);
  }
  bool slice = u->kind() == Kind::kSlice;
  int64_t n = slice ? max : u->len();
  return [et, inits, n, slice](Frame& f) {
    exec::RunState& r = exec::Run(f);
    if (n > exec::kMaxBlockCells) exec::BlockTooLarge(n);
    exec::ChargeCells(r, static_cast<uint64_t>(n));
    Value* cells = r.heap.Cells(std::max<int64_t>(n, 1));
    for (int64_t i = 0; i < n; ++i) cells[i] = exec::Zero(r, et);
    for (const auto& [idx, e] : inits) cells[idx] = e(f);
    Value v = Value::Ptr(cells);
    if (slice) v.x = exec::SliceX(n, n);
    return v;
  };
}

EvalFn Compiler::MapLit(CompositeLit* c, const Type* t) {
  const Type* u = t->Underlying();
  if (!exec::MapKeySupported(u->key())) {
    Error(c->pos, fmt::format("gostep: map key type {} is not supported by gostep yet", u->key()->String()));
    return nullptr;
  }
  std::vector<std::pair<EvalFn, EvalFn>> inits;
  for (lang::Expr* e : c->elts) {
    if (e->kind != ExprKind::kKeyValue) {
      Error(e->pos, "missing key in map literal");
      return nullptr;
    }
    auto* kv = static_cast<KeyValueExpr*>(e);
    Operand k = ExprValue(kv->key, u->key());
    Operand v = ExprValue(kv->value, u->elem());
    if (k.invalid() || v.invalid() || !AssignTo(kv->key, &k, u->key(), "map literal") ||
        !AssignTo(kv->value, &v, u->elem(), "map literal")) return nullptr;
    inits.push_back({k.eval, v.eval});
  }
  int64_t hint = static_cast<int64_t>(inits.size());
  return [t, inits, hint](Frame& f) {
    Value m = exec::MakeMap(f, t, hint);
    for (const auto& [k, v] : inits) exec::MapSet(f, m, k(f), v(f));
    return m;
  };
}

// ---- Type expressions ---------------------------------------------------------

const Type* Compiler::TypeOf(lang::Expr* e) {
  switch (e->kind) {
    case ExprKind::kIdent: {
      auto* id = static_cast<Ident*>(e);
      Object* o = Lookup(id->name);
      if (o == nullptr) {
        Error(e->pos, fmt::format("undefined: {}", id->name));
        return nullptr;
      }
      if (o->k != Object::K::kType) {
        Error(e->pos, fmt::format("{} is not a type", id->name));
        return nullptr;
      }
      return o->type;
    }
    case ExprKind::kParen: return TypeOf(static_cast<ParenExpr*>(e)->x);
    case ExprKind::kSelector: {
      auto* s = static_cast<SelectorExpr*>(e);
      if (s->x->kind == ExprKind::kIdent) {
        Object* o = Lookup(static_cast<Ident*>(s->x)->name);
        if (o != nullptr && o->k == Object::K::kPackage) {
          o->used = true;
          if (const Type* t = std_pkg::Type(*types_, o->pkg, s->sel->name, minor())) return t;
          Error(s->sel->pos, fmt::format("undefined: {}.{}", static_cast<Ident*>(s->x)->name, s->sel->name));
          return nullptr;
        }
      }
      Error(e->pos, fmt::format("{} is not a type", ExprText(e)));
      return nullptr;
    }
    case ExprKind::kStar: {
      const Type* t = TypeOf(static_cast<StarExpr*>(e)->x);
      return t ? types_->Pointer(t) : nullptr;
    }
    case ExprKind::kArrayType: {
      auto* a = static_cast<ArrayTypeExpr*>(e);
      const Type* el = TypeOf(a->elem);
      if (el == nullptr) return nullptr;
      if (a->len == nullptr) return types_->Slice(el);
      if (a->len->kind == ExprKind::kEllipsis) {
        Error(a->len->pos, "invalid use of [...] array (outside a composite literal)");
        return nullptr;
      }
      Operand n = ExprValue(a->len);
      if (n.invalid()) return nullptr;  // reported (types2 arrayLength: no second message)
      if (n.mode != M::kConst || !n.value.IsIntegral() || n.value.AsFloat() < 0) {
        Error(a->len->pos, fmt::format("array length {} must be a non-negative integer constant", ExprText(a->len)));
        return nullptr;
      }
      return types_->Array(el, static_cast<int64_t>(n.value.AsFloat()));
    }
    case ExprKind::kMapType: {
      auto* m = static_cast<MapTypeExpr*>(e);
      const Type* k = TypeOf(m->key);
      const Type* v = TypeOf(m->value);
      if (k == nullptr || v == nullptr) return nullptr;
      if (!k->Comparable()) {
        Error(m->key->pos, fmt::format("invalid map key type {}", k->String()));
        return nullptr;
      }
      return types_->Map(k, v);
    }
    case ExprKind::kChanType: {
      auto* ch = static_cast<ChanTypeExpr*>(e);
      const Type* el = TypeOf(ch->value);
      if (el == nullptr) return nullptr;
      return types_->Chan(el, ch->dir == ChanDir::kSend ? types::ChanDirKind::kSend
                              : ch->dir == ChanDir::kRecv ? types::ChanDirKind::kRecv
                                                          : types::ChanDirKind::kBoth);
    }
    case ExprKind::kFuncType: return SigOf(static_cast<FuncTypeExpr*>(e));
    case ExprKind::kStructType: {
      std::vector<types::StructField> fields;
      for (Field& f : static_cast<StructTypeExpr*>(e)->fields) {
        const Type* t = TypeOf(f.type);
        if (t == nullptr) return nullptr;
        if (f.names.empty()) {
          const Type* base = t->kind() == Kind::kPointer ? t->elem() : t;
          fields.push_back({base->name(), t, true});
        }
        for (Ident* id : f.names) fields.push_back({id->name, t, false});
      }
      return types_->Struct(std::move(fields));
    }
    case ExprKind::kInterfaceType: {
      std::vector<types::Method> methods;
      for (Field& f : static_cast<InterfaceTypeExpr*>(e)->methods) {
        if (f.names.empty()) {
          const Type* t = TypeOf(f.type);
          if (t == nullptr) return nullptr;
          if (!t->IsInterface()) {
            Error(f.pos, "gostep: type sets in interfaces are not supported by gostep");
            return nullptr;
          }
          for (const types::Method& m : t->Underlying()->methods()) methods.push_back(m);
          continue;
        }
        const Type* sig = SigOf(static_cast<FuncTypeExpr*>(f.type));
        if (sig == nullptr) return nullptr;
        methods.push_back({f.names[0]->name, sig, false, -1});
      }
      return types_->Interface(std::move(methods));
    }
    case ExprKind::kIndex: case ExprKind::kIndexList:
      Error(e->pos, "gostep: generic types are not supported by gostep");
      return nullptr;
    default:
      Error(e->pos, fmt::format("{} is not a type", ExprText(e)));
      return nullptr;
  }
}

const Type* Compiler::SigOf(FuncTypeExpr* ft) {
  if (!ft->type_params.empty()) {
    Error(ft->type_params[0].pos, "gostep: generic functions are not supported by gostep");
    return nullptr;
  }
  std::vector<const Type*> params, results;
  bool variadic = false;
  for (Field& f : ft->params) {
    lang::Expr* te = f.type;
    if (te->kind == ExprKind::kEllipsis) {
      variadic = true;
      const Type* el = TypeOf(static_cast<EllipsisExpr*>(te)->elt);
      if (el == nullptr) return nullptr;
      for (size_t i = 0; i < std::max<size_t>(1, f.names.size()); ++i) params.push_back(types_->Slice(el));
      continue;
    }
    const Type* t = TypeOf(te);
    if (t == nullptr) return nullptr;
    for (size_t i = 0; i < std::max<size_t>(1, f.names.size()); ++i) params.push_back(t);
  }
  for (Field& f : ft->results) {
    const Type* t = TypeOf(f.type);
    if (t == nullptr) return nullptr;
    for (size_t i = 0; i < std::max<size_t>(1, f.names.size()); ++i) results.push_back(t);
  }
  return types_->Func(std::move(params), std::move(results), variadic);
}

}  // namespace gostep::lang::check
