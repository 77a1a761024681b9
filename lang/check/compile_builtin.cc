// lang/check/compile_builtin.cc — the predeclared functions (spec "Built-in
// functions"), with the version gates of go1.21 (clear, min, max).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "lang/check/builtins.h"
#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"
#include "lang/std/fmt.h"
#include "lang/syntax/ast_string.h"
#include "runtime/go.h"
#include "scheduler/chan.h"

namespace gostep::lang::check {

using exec::Frame;
using exec::Value;
using M = Operand::Mode;

const std::vector<BuiltinInfo>& Builtins() {
  static const std::vector<BuiltinInfo> kAll = {
      {"append", kAppend, 0}, {"cap", kCap, 0},       {"clear", kClear, 21}, {"close", kClose, 0},
      {"complex", kComplex, 0}, {"copy", kCopy, 0},   {"delete", kDelete, 0}, {"imag", kImag, 0},
      {"len", kLen, 0},       {"make", kMake, 0},     {"max", kMax, 21},     {"min", kMin, 21},
      {"new", kNew, 0},       {"panic", kPanic, 0},   {"print", kPrint, 0},  {"println", kPrintln, 0},
      {"real", kReal, 0},     {"recover", kRecover, 0},
  };
  return kAll;
}

namespace {
Operand Invalid() { return Operand{}; }
Operand Val(const Type* t, EvalFn e) {
  Operand x;
  x.mode = M::kValue;
  x.type = t;
  x.eval = std::move(e);
  return x;
}
Operand NoValue(EvalFn e) {
  Operand x;
  x.mode = M::kNoValue;
  x.eval = std::move(e);
  return x;
}
}  // namespace

Operand Compiler::Builtin(CallExpr* call, Object* b, bool stmt) {
  auto& args = call->args;
  // types2 builtin (builtins.go, go1.19): the argument count comes first.
  auto nargs = [&](size_t lo, size_t hi) {
    if (args.size() >= lo && args.size() <= hi) return true;
    bool few = args.size() < lo;
    Error(StartPos(call), fmt::format("invalid operation: {} arguments for {} (expected {}, found {})", few ? "not enough" : "too many",
                                      ExprString(call), few ? lo : hi, args.size()));
    return false;
  };
  const Type* int_t = types_->Int();
  switch (b->builtin) {
    case kLen: case kCap: {
      if (!nargs(1, 1)) return Invalid();
      int calls_before = calls_or_recvs_;
      Operand x = ExprValue(args[0]);
      if (x.invalid()) return x;
      const Type* u = x.type->Underlying();
      if (u->kind() == Kind::kPointer && u->elem()->UKind() == Kind::kArray) u = u->elem()->Underlying();
      bool len = b->builtin == kLen;
      if (x.mode == M::kConst && x.value.k == Const::K::kString && len) {
        Operand c;
        c.mode = M::kConst;
        c.type = int_t;
        c.value = Const::Int(static_cast<__int128>(x.value.s.size()));
        c.eval = ConstEval(c.value, int_t);
        return c;
      }
      if (u->kind() == Kind::kArray && calls_or_recvs_ != calls_before) {
        // The spec: len/cap of an array (or *array) expression with a
        // function call or receive is not constant, and the operand is
        // evaluated (go/types builtins.go: mode stays value).
        EvalFn e = x.eval;
        int64_t n = u->len();
        return Val(int_t, [e, n](Frame& f) {
          e(f);
          return Value::Int(n);
        });
      }
      if (u->kind() == Kind::kArray) {
        Operand c;
        c.mode = M::kConst;
        c.type = int_t;
        c.value = Const::Int(u->len());
        c.eval = ConstEval(c.value, int_t);
        return c;
      }
      EvalFn e = x.eval;
      switch (u->kind()) {
        case Kind::kString:
          if (len) return Val(int_t, [e](Frame& f) { return Value::Int(static_cast<int64_t>(exec::Str(e(f)).size())); });
          break;
        case Kind::kSlice:
          if (len) return Val(int_t, [e](Frame& f) { return Value::Int(exec::SliceLen(e(f))); });
          return Val(int_t, [e](Frame& f) { return Value::Int(exec::SliceCap(e(f))); });
        case Kind::kMap:
          if (len) return Val(int_t, [e](Frame& f) { return Value::Int(exec::MapLen(e(f))); });
          break;
        case Kind::kChan:
          if (len) return Val(int_t, [e](Frame& f) { return Value::Int(sched::ChanLen(S(), static_cast<sched::Hchan*>(e(f).p))); });
          return Val(int_t, [e](Frame& f) { return Value::Int(sched::ChanCap(S(), static_cast<sched::Hchan*>(e(f).p))); });
        default: break;
      }
      Error(args[0]->pos, fmt::format("invalid argument: {} for built-in {}", Describe2(args[0], x), b->name));
      return Invalid();
    }
    case kAppend: return Append(call);
    case kMake: return Make(call);
    case kNew: {
      if (!nargs(1, 1)) return Invalid();
      const Type* t = TypeOf(args[0]);
      if (t == nullptr) return Invalid();
      return Val(types_->Pointer(t), [t](Frame& f) {
        Value* cell = exec::Run(f).heap.Cells(1);
        *cell = exec::Zero(exec::Run(f), t);
        return Value::Ptr(cell);
      });
    }
    case kDelete: {
      if (!nargs(2, 2)) return Invalid();
      Operand m = ExprValue(args[0]);
      if (m.invalid()) return m;
      if (m.type->UKind() != Kind::kMap) {
        Error(args[0]->pos, fmt::format("invalid argument: {} is not a map", Describe2(args[0], m)));
        return Invalid();
      }
      Operand k = ExprValue(args[1], m.type->Underlying()->key());
      if (k.invalid() || !AssignTo(args[1], &k, m.type->Underlying()->key(), "argument to delete")) return Invalid();
      EvalFn me = m.eval, ke = k.eval;
      return NoValue([me, ke](Frame& f) {
        Value mv = me(f), kv = ke(f);
        exec::MapDelete(f, mv, kv);
        return Value();
      });
    }
    case kClear: {
      if (!nargs(1, 1)) return Invalid();
      Operand x = ExprValue(args[0]);
      if (x.invalid()) return x;
      EvalFn e = x.eval;
      if (x.type->UKind() == Kind::kMap) return NoValue([e](Frame& f) { exec::MapClear(f, e(f)); return Value(); });
      if (x.type->UKind() == Kind::kSlice) {
        const Type* et = x.type->Underlying()->elem();
        return NoValue([e, et](Frame& f) {
          Value s = e(f);
          for (int64_t i = 0; i < exec::SliceLen(s); ++i) static_cast<Value*>(s.p)[i] = exec::Zero(exec::Run(f), et);
          return Value();
        });
      }
      Error(args[0]->pos, fmt::format("invalid argument: {} must be a map or slice", Describe2(args[0], x)));
      return Invalid();
    }
    case kClose: {
      if (!nargs(1, 1)) return Invalid();
      Operand x = ExprValue(args[0]);
      if (x.invalid()) return x;
      if (x.type->UKind() != Kind::kChan) {
        Error(args[0]->pos, fmt::format("invalid operation: non-chan argument {}", Describe2(args[0], x)));
        return Invalid();
      }
      if (x.type->Underlying()->dir() == types::ChanDirKind::kRecv) {
        Error(args[0]->pos, fmt::format("invalid operation: cannot close receive-only channel {}", Describe2(args[0], x)));
        return Invalid();
      }
      EvalFn e = x.eval;
      const char* file = file_name();
      uint32_t line = call->pos.line;
      return NoValue([e, file, line](Frame& f) {
        auto* c = static_cast<sched::Hchan*>(e(f).p);
        exec::ChanOp(f, [&] { sched::CloseChan(S(), c, sched::At(file, line)); });
        return Value();
      });
    }
    case kCopy: {
      if (!nargs(2, 2)) return Invalid();
      Operand d = ExprValue(args[0]);
      Operand s = ExprValue(args[1]);
      if (d.invalid() || s.invalid()) return Invalid();
      if (d.type->UKind() != Kind::kSlice) {
        Error(call->pos, fmt::format("invalid argument: copy expects slice arguments; found {} and {}", Describe2(args[0], d), Describe2(args[1], s)));
        return Invalid();
      }
      EvalFn de = d.eval, se = s.eval;
      if (s.type->IsString()) {
        if (s.mode == M::kConst) AssignTo(args[1], &s, types_->String(), "argument");
        se = s.eval;
        return Val(int_t, [de, se](Frame& f) {
          Value dv = de(f);
          std::string_view sv = exec::Str(se(f));
          int64_t n = std::min<int64_t>(exec::SliceLen(dv), static_cast<int64_t>(sv.size()));
          for (int64_t i = 0; i < n; ++i) static_cast<Value*>(dv.p)[i] = Value::Int(static_cast<uint8_t>(sv[i]));
          return Value::Int(n);
        });
      }
      return Val(int_t, [de, se](Frame& f) {
        Value dv = de(f), sv = se(f);
        int64_t n = std::min(exec::SliceLen(dv), exec::SliceLen(sv));
        std::memmove(dv.p, sv.p, static_cast<size_t>(n) * sizeof(Value));
        return Value::Int(n);
      });
    }
    case kPanic: {
      if (!nargs(1, 1)) return Invalid();
      Operand x = ExprValue(args[0], types_->EmptyInterface());
      if (x.invalid() || !AssignTo(args[0], &x, types_->EmptyInterface(), "argument to panic")) return Invalid();
      EvalFn e = x.eval;
      return NoValue([e](Frame& f) -> Value { exec::PanicValue(f, e(f)); });
    }
    case kRecover: {
      if (!nargs(0, 0)) return Invalid();
      return Val(types_->EmptyInterface(), [](Frame& f) { return exec::Recover(f); });
    }
    case kPrint: case kPrintln: {
      std::vector<std::pair<const Type*, EvalFn>> parts;
      for (lang::Expr* a : args) {
        Operand x = ExprValue(a);
        if (x.invalid()) return x;
        if (x.type->kind() == Kind::kUntypedNil) {
          Error(a->pos, "use of untyped nil in argument to built-in print");
          return Invalid();
        }
        if (!DefaultTo(a, &x, b->builtin == kPrint ? "argument to print" : "argument to println")) return Invalid();
        parts.push_back({x.type, x.eval});
      }
      bool ln = b->builtin == kPrintln;
      return NoValue([parts, ln](Frame& f) {
        std::string s;
        for (size_t i = 0; i < parts.size(); ++i) {
          if (ln && i > 0) s += ' ';
          s += std_pkg::PrintBuiltin(exec::Run(f), parts[i].first, parts[i].second(f));
        }
        if (ln) s += '\n';
        S().stderr_text().append(s);  // print/println write to stderr
        return Value();
      });
    }
    case kMin: case kMax: return MinMax(call, b->builtin == kMin);
    case kSizeof: case kAlignof: {
      if (!nargs(1, 1)) return Invalid();
      Operand x = ExprValue(args[0]);
      if (x.invalid()) return x;
      Default(&x);
      Operand c;
      c.mode = M::kConst;
      c.type = types_->Basic(Kind::kUintptr);
      c.value = Const::Int(b->builtin == kSizeof ? x.type->Size() : x.type->Align());
      c.eval = ConstEval(c.value, c.type);
      return c;
    }
    case kComplex:
      if (!nargs(2, 2)) return Invalid();
      return ComplexBuiltin(call, b);
    case kReal: case kImag:
      if (!nargs(1, 1)) return Invalid();
      return ComplexBuiltin(call, b);
    default:
      Error(call->pos, fmt::format("gostep: {} is not supported by gostep", b->name));
      return Invalid();
  }
}

Operand Compiler::Append(CallExpr* call) {
  if (call->args.empty()) {
    Error(StartPos(call), "invalid operation: not enough arguments for append() (expected 1, found 0)");
    return Invalid();
  }
  Operand s = ExprValue(call->args[0]);
  if (s.invalid()) return s;
  if (s.type->kind() == Kind::kUntypedNil) {
    Error(call->args[0]->pos, "first argument to append must be a typed slice; have untyped nil");
    return Invalid();
  }
  if (s.type->UKind() != Kind::kSlice) {
    Error(call->args[0]->pos, fmt::format("invalid argument: {} is not a slice", Describe2(call->args[0], s)));
    return Invalid();
  }
  const Type* et = s.type->Underlying()->elem();
  std::vector<EvalFn> items;
  EvalFn spread;
  bool spread_string = false;
  if (call->has_ellipsis) {
    if (call->args.size() != 2) {
      Error(call->pos, "can only use ... with final argument in list");
      return Invalid();
    }
    Operand x = ExprValue(call->args[1]);
    if (x.invalid()) return x;
    if (x.type->IsString() && et->UKind() == Kind::kUint8) {
      if (x.mode == M::kConst) AssignTo(call->args[1], &x, types_->String(), "append");
      spread_string = true;
    } else if (!AssignTo(call->args[1], &x, s.type->Underlying(), "append")) {
      return Invalid();
    }
    spread = x.eval;
  } else {
    for (size_t i = 1; i < call->args.size(); ++i) {
      Operand x = ExprValue(call->args[i], et);
      if (x.invalid() || !AssignTo(call->args[i], &x, et, "argument to append")) return Invalid();
      items.push_back(x.eval);
    }
  }
  EvalFn se = s.eval;
  return Val(s.type, [se, items, spread, spread_string, et](Frame& f) {
    Value sv = se(f);
    std::vector<Value> add;
    if (spread) {
      Value x = spread(f);
      if (spread_string) {
        for (char c : exec::Str(x)) add.push_back(Value::Int(static_cast<uint8_t>(c)));
      } else {
        add.assign(static_cast<Value*>(x.p), static_cast<Value*>(x.p) + exec::SliceLen(x));
      }
    } else {
      for (const EvalFn& e : items) add.push_back(e(f));
    }
    return exec::Append(f, et, sv, add.data(), static_cast<int64_t>(add.size()));
  });
}

Operand Compiler::Make(CallExpr* call) {
  if (call->args.empty()) {
    Error(StartPos(call), "invalid operation: not enough arguments for make() (expected 1, found 0)");
    return Invalid();
  }
  const Type* t = TypeOf(call->args[0]);
  if (t == nullptr) return Invalid();
  std::vector<EvalFn> sizes;
  for (size_t i = 1; i < call->args.size(); ++i) {
    Operand x = ExprValue(call->args[i]);
    if (x.invalid()) return x;
    if (x.mode == M::kConst) {
      if (!x.value.IsIntegral()) {
        Error(call->args[i]->pos, fmt::format("{} (untyped float constant) truncated to int", ExprText(call->args[i])));
        return Invalid();
      }
      if (x.value.AsFloat() < 0) {
        Error(call->args[i]->pos, fmt::format("invalid argument: index {} (constant of type int) must not be negative", ExprText(call->args[i])));
        return Invalid();
      }
      AssignTo(call->args[i], &x, types_->Int(), "argument to make");
    } else if (!x.type->IsInteger()) {
      Error(call->args[i]->pos, fmt::format("cannot convert {} to type int", Describe2(call->args[i], x)));
      return Invalid();
    }
    sizes.push_back(x.eval);
  }
  const Type* u = t->Underlying();
  switch (u->kind()) {
    case Kind::kSlice: {
      if (sizes.empty()) {
        Error(call->pos, fmt::format("invalid operation: {} expects 2 or 3 arguments; found 1", ExprText(call)));
        return Invalid();
      }
      EvalFn le = sizes[0], ce = sizes.size() > 1 ? sizes[1] : nullptr;
      const Type* et = u->elem();
      uint64_t size = static_cast<uint64_t>(std::max<int64_t>(et->Size(), 1));
      return Val(t, [le, ce, et, size](Frame& f) {
        int64_t len = le(f).i, cap = ce ? ce(f).i : len;
        // Models runtime/slice.go:makeslice (go1.14–go1.23): mem = size*cap
        // checked against maxAlloc (1<<48 on linux/amd64), len first.
        constexpr uint64_t kMaxAlloc = uint64_t{1} << 48;
        auto too_big = [&](int64_t n) { return n < 0 || static_cast<uint64_t>(n) > kMaxAlloc / size; };
        if (too_big(cap) || len < 0 || len > cap) {
          if (too_big(len)) exec::RuntimePanic(f, "makeslice: len out of range");
          exec::RuntimePanic(f, "makeslice: cap out of range");
        }
        if (cap > exec::kMaxBlockCells) exec::BlockTooLarge(cap);  // legal, but not for gostep
        return exec::MakeSlice(f, et, len, cap);
      });
    }
    case Kind::kMap: {
      if (!exec::MapKeySupported(u->key())) {
        Error(call->args[0]->pos, fmt::format("gostep: map key type {} is not supported by gostep yet", u->key()->String()));
        return Invalid();
      }
      EvalFn he = sizes.empty() ? nullptr : sizes[0];
      return Val(t, [he, t](Frame& f) { return exec::MakeMap(f, t, he ? he(f).i : 0); });
    }
    case Kind::kChan: {
      EvalFn he = sizes.empty() ? nullptr : sizes[0];
      uint64_t size = static_cast<uint64_t>(std::max<int64_t>(u->elem()->Size(), 1));
      return Val(t, [he, size](Frame& f) {
        int64_t n = he ? he(f).i : 0;
        // Models runtime/chan.go:makechan (go1.14–go1.23): a negative size,
        // or elem.size*size over maxAlloc (1<<48), panics with a
        // plainError (a runtime.Error whose text has no "runtime error: ").
        constexpr uint64_t kMaxAlloc = uint64_t{1} << 48;
        if (n < 0 || static_cast<uint64_t>(n) > kMaxAlloc / size) exec::PlainRuntimePanic(f, "makechan: size out of range");
        if (n > exec::kMaxBlockCells) exec::BlockTooLarge(n);  // legal, but not for gostep
        return Value::Ptr(sched::MakeChan(S(), sizeof(Value), n));
      });
    }
    default:
      Error(call->args[0]->pos, fmt::format("invalid argument: cannot make {}; type must be slice, map, or channel", t->String()));
      return Invalid();
  }
}

Operand Compiler::MinMax(CallExpr* call, bool is_min) {
  if (call->args.empty()) {
    Error(call->rparen, fmt::format("not enough arguments for {}() (expected 1, found 0)", is_min ? "min" : "max"));
    return Invalid();
  }
  std::vector<Operand> xs;
  for (lang::Expr* a : call->args) {
    Operand x = ExprValue(a);
    if (x.invalid()) return x;
    xs.push_back(x);
  }
  const Type* t = nullptr;
  for (Operand& x : xs) if (!x.type->IsUntyped()) t = x.type;
  bool all_const = std::all_of(xs.begin(), xs.end(), [](const Operand& x) { return x.mode == M::kConst; });
  for (size_t i = 0; i < xs.size(); ++i) {
    if (xs[i].type->IsComplex()) {
      Error(call->args[i]->pos, fmt::format("invalid argument: {} cannot be ordered", Describe2(call->args[i], xs[i])));
      return Invalid();
    }
  }
  if (all_const && t == nullptr) {
    Const best = xs[0].value;
    const Type* bt = xs[0].type;
    for (Operand& x : xs) {
      bool less = x.value.k == Const::K::kString ? x.value.s < best.s : x.value.AsFloat() < best.AsFloat();
      bool greater = x.value.k == Const::K::kString ? x.value.s > best.s : x.value.AsFloat() > best.AsFloat();
      if (is_min ? less : greater) best = x.value;
      if (x.type->kind() > bt->kind()) bt = x.type;
    }
    Operand r;
    r.mode = M::kConst;
    r.type = bt;
    r.value = best;
    return r;
  }
  if (t == nullptr) t = types::Default(*types_, xs[0].type);
  if (!t->IsOrdered()) {
    Error(call->args[0]->pos, fmt::format("invalid argument: {} cannot be ordered", Describe2(call->args[0], xs[0])));
    return Invalid();
  }
  std::vector<EvalFn> evals;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!AssignTo(call->args[i], &xs[i], t, "argument")) return Invalid();
    if (!types::Identical(xs[i].type, t)) {
      Error(call->args[i]->pos, fmt::format("invalid argument: mismatched types {} (previous argument) and {} (type of {})",
                                            t->String(), xs[i].type->String(), ExprText(call->args[i])));
      return Invalid();
    }
    evals.push_back(xs[i].eval);
  }
  Kind k = t->IsFloat() ? Kind::kFloat64 : t->IsString() ? Kind::kString : t->IsUnsigned() ? Kind::kUint64 : Kind::kInt64;
  return Val(t, [evals, k, is_min](Frame& f) {
    Value best = evals[0](f);
    for (size_t i = 1; i < evals.size(); ++i) {
      Value v = evals[i](f);
      bool less;
      if (k == Kind::kFloat64) {
        if (std::isnan(v.f) || std::isnan(best.f)) {  // min/max propagate NaN (spec)
          best = Value::Float(NAN);
          continue;
        }
        less = v.f < best.f || (v.f == 0 && best.f == 0 && std::signbit(v.f) && !std::signbit(best.f));
        if (!is_min) less = v.f > best.f || (v.f == 0 && best.f == 0 && !std::signbit(v.f) && std::signbit(best.f));
        if (less) best = v;
        continue;
      }
      if (k == Kind::kString) less = is_min ? exec::Str(v) < exec::Str(best) : exec::Str(v) > exec::Str(best);
      else if (k == Kind::kUint64) less = is_min ? v.u < best.u : v.u > best.u;
      else less = is_min ? v.i < best.i : v.i > best.i;
      if (less) best = v;
    }
    return best;
  });
}

}  // namespace gostep::lang::check
