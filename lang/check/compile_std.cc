// lang/check/compile_std.cc — references to std packages: constants,
// functions and methods of std types (lang/std/packages.h).
#include <fmt/format.h>

#include "lang/check/builtins.h"
#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"
#include "lang/std/packages.h"

namespace gostep::lang::check {

using exec::Frame;
using exec::Value;
using M = Operand::Mode;

namespace {
Operand Invalid() { return Operand{}; }

std::string PkgName(const std::string& path) { return path.substr(path.rfind('/') + 1); }
}  // namespace

Operand Compiler::PackageMember(const std::string& pkg, Ident* sel, Pos pos) {
  std::string name = PkgName(pkg);
  if (pkg == "unsafe" && (sel->name == "Sizeof" || sel->name == "Alignof")) {
    auto o = std::make_unique<Object>();
    o->k = Object::K::kBuiltin;
    o->name = "unsafe." + sel->name;
    o->builtin = sel->name == "Sizeof" ? kSizeof : kAlignof;
    Operand x;
    x.mode = M::kBuiltin;
    x.obj = o.get();
    objects_.push_back(std::move(o));
    return x;
  }
  if (const std_pkg::StdConst* c = std_pkg::FindConst(name, sel->name)) {
    Operand x;
    x.mode = M::kConst;
    x.type = c->type(*types_);
    x.value = c->s != nullptr ? Const::String(c->s) : c->is_int ? Const::Int(c->i) : Const::Float(c->f);
    if (!x.type->IsUntyped()) x.eval = ConstEval(x.value, x.type);
    return x;
  }
  if (const Type* t = std_pkg::Type(*types_, pkg, sel->name, minor())) {
    Operand x;
    x.mode = M::kType;
    x.type = t;
    return x;
  }
  if (const std_pkg::StdVar* v = std_pkg::FindVar(name, sel->name)) {
    Operand x;
    x.mode = M::kVar;
    x.type = v->type(*types_);
    x.addr = [v](Frame& fr) { return std_pkg::VarCell(fr, v); };
    x.eval = [v](Frame& fr) { return *std_pkg::VarCell(fr, v); };
    return x;
  }
  if (const std_pkg::StdFunc* f = std_pkg::FindFunc(name, sel->name, minor())) {
    Operand x;
    x.mode = M::kValue;
    x.type = f->sig ? f->sig(*types_) : types_->Invalid();
    x.std_func = f;
    x.eval = [](Frame& fr) -> Value { exec::RuntimePanic(fr, "gostep: std functions used as values are not supported yet"); };
    return x;
  }
  Error(sel->pos, fmt::format("undefined: {}.{}", name, sel->name));
  return Invalid();
}

// Invoke builds the operand for calling a native body with checked args.
Operand Compiler::NativeOperand(const Type* sig, std::vector<EvalFn> args, AddrFn recv,
                                std::function<void(Frame&, Value*, const Value*, Value*)> body, uint32_t line) {
  size_t nres = sig->results().size();
  auto invoke = [args, recv, body, line](Frame& f, Value* results) {
    Value argv[8];
    for (size_t i = 0; i < args.size(); ++i) argv[i] = args[i](f);
    Value* r = recv ? recv(f) : nullptr;
    f.line = line;
    Value scratch[4];
    body(f, r, argv, results != nullptr ? results : scratch);
  };
  Operand o;
  if (nres == 0) {
    o.mode = M::kNoValue;
    o.type = types_->Tuple({});
    o.eval = [invoke](Frame& f) {
      invoke(f, nullptr);
      return Value();
    };
    return o;
  }
  if (nres == 1) {
    o.mode = M::kValue;
    o.type = sig->results()[0];
    o.eval = [invoke](Frame& f) {
      Value out[4];
      invoke(f, out);
      return out[0];
    };
    return o;
  }
  o.mode = M::kValue;
  o.type = types_->Tuple(sig->results());
  o.multi = invoke;
  o.eval = [invoke](Frame& f) {
    Value out[4];
    invoke(f, out);
    return out[0];
  };
  return o;
}

Operand Compiler::StdCall(CallExpr* call, const Operand& fo) {
  const std_pkg::StdFunc* sf = fo.std_func;
  const Type* sig = fo.type;
  std_pkg::Impl impl = sf->impl;
  if (sf->generic) {
    std::vector<const Type*> argt;
    for (lang::Expr* a : call->args) {
      Operand x = ExprValue(a);
      if (x.invalid()) return x;
      argt.push_back(x.type);
    }
    sig = sf->generic(*types_, argt);
    if (sig == nullptr) {
      Error(call->pos, fmt::format("gostep: cannot use these arguments with {}.{} (instantiation not supported)", sf->pkg, sf->name));
      return Invalid();
    }
    if (sf->pkg == "slices" && sf->name == "Sort") {
      const Type* e = argt[0]->Underlying()->elem();
      bool str = e->IsString(), flt = e->IsFloat(), uns = e->IsUnsigned();
      impl = [str, flt, uns](Frame&, const Value* a, Value*) {
        Value* p = static_cast<Value*>(a[0].p);
        int64_t n = exec::SliceLen(a[0]);
        std::stable_sort(p, p + n, [&](const Value& x, const Value& y) {
          if (str) return exec::Str(x) < exec::Str(y);
          if (flt) return x.f < y.f || (std::isnan(x.f) && !std::isnan(y.f));
          return uns ? x.u < y.u : x.i < y.i;
        });
      };
    }
  }
  std::vector<EvalFn> args = Args(call, sig, sf->pkg + "." + sf->name);
  if (args.size() != sig->params().size()) return Invalid();
  return NativeOperand(sig, std::move(args), nullptr,
                       [impl](Frame& f, Value*, const Value* a, Value* r) { impl(f, a, r); }, call->pos.line);
}

Operand Compiler::NativeCall(CallExpr* call, const Operand& fo) {
  const std_pkg::NativeMethod* nm = fo.native;
  if (minor() < nm->since) {
    Error(call->fun->pos, fmt::format("{}.{} undefined (type {} has no field or method {})", ExprText(static_cast<SelectorExpr*>(call->fun)->x),
                                      nm->name, nm->type, nm->name));
    return Invalid();
  }
  const Type* sig = fo.type;
  std::vector<EvalFn> args = Args(call, sig, nm->type + "." + nm->name);
  if (args.size() != sig->params().size()) return Invalid();
  return NativeOperand(sig, std::move(args), fo.native_recv, nm->impl, call->pos.line);
}

}  // namespace gostep::lang::check
