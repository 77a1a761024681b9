// lang/check/compile_access.cc — selectors, index and slice expressions,
// dereference, address-of, receive and type assertions.
#include <fmt/format.h>

#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"
#include "lang/std/packages.h"
#include "lang/syntax/ast_string.h"
#include "runtime/go.h"
#include "scheduler/chan.h"

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
Operand Var(const Type* t, AddrFn a) {
  Operand x;
  x.mode = M::kVar;
  x.type = t;
  x.addr = a;
  x.eval = [a](Frame& f) { return *a(f); };
  return x;
}
}  // namespace

// ExprText is an expression's text as gc's messages print it (syntax.String).
std::string Compiler::ExprText(lang::Expr* e) { return ExprString(e); }

std::string Compiler::Describe2(lang::Expr* e, const Operand& x) {
  // Operands without a value type (never a crash on a describing path).
  if (x.mode == M::kBuiltin) return fmt::format("{} (built-in)", ExprText(e));
  if (x.mode == M::kType) return fmt::format("{} (type)", ExprText(e));
  if (x.type == nullptr) return ExprText(e);
  if (x.mode == M::kConst) return Describe(e, x);
  if (x.mode == M::kVar && e->kind == ExprKind::kIdent) return fmt::format("{} (variable of type {})", ExprText(e), x.type->String());
  return fmt::format("{} (value of type {})", ExprText(e), x.type->String());
}

// FieldAddr walks a field path from the address of a struct value.
static AddrFn FieldPath(AddrFn base, const Type* t, const std::vector<int>& path) {
  AddrFn a = base;
  const Type* cur = t;
  for (int idx : path) {
    bool ptr = cur->UKind() == Kind::kPointer;
    if (ptr) {
      a = [a](Frame& f) {
        Value* p = static_cast<Value*>(a(f)->p);
        if (p == nullptr) exec::NilDeref(f);
        return p;
      };
      cur = cur->Underlying()->elem();
    }
    a = [a, idx](Frame& f) { return &static_cast<Value*>(a(f)->p)[idx]; };
    cur = cur->Underlying()->fields()[idx].type;
  }
  return a;
}

Operand Compiler::Selector(SelectorExpr* s) {
  if (s->x->kind == ExprKind::kIdent) {
    Object* o = Lookup(static_cast<Ident*>(s->x)->name);
    if (o != nullptr && o->k == Object::K::kPackage) {
      o->used = true;
      return PackageMember(o->pkg, s->sel, s->pos);
    }
  }
  Operand x = Expr(s->x);
  if (x.invalid()) return x;
  const std::string& name = s->sel->name;
  if (x.mode == M::kType) {
    // Method expression T.M / (*T).M.
    types::MethodLookup ml = types::LookupMethod(x.type, name);
    if (ml.method == nullptr) {
      Error(s->sel->pos, fmt::format("{} undefined (type {} has no method {})", ExprText(s), x.type->String(), name));
      return Invalid();
    }
    UseFunc(ml.method->func_index);  // a method expression depends on the method (types2 addDeclDep)
    std::vector<const Type*> params{x.type};
    for (const Type* p : ml.method->sig->params()) params.push_back(p);
    const Type* ft = types_->Func(params, ml.method->sig->results(), ml.method->sig->variadic());
    auto closure = std::make_shared<exec::Closure>();
    bool is_ptr = x.type->UKind() == Kind::kPointer;
    if (ml.method->func_index >= 0 && ml.path.empty() && ml.method->pointer_recv == is_ptr) {
      closure->code = funcs_[ml.method->func_index].get();  // the method itself takes this receiver
    } else {
      closure->code = MethodExprWrapper(x.type, ml, ft);
    }
    return Val(ft, [closure](Frame&) { return Value::Ptr(closure.get()); });
  }
  // Field?
  std::vector<int> path;
  const Type* ft = nullptr;
  if (types::LookupField(x.type, name, &path, &ft)) {
    if (x.mode == M::kVar || x.type->UKind() == Kind::kPointer) {
      AddrFn base = x.mode == M::kVar ? x.addr : AddrFn();
      if (x.type->UKind() == Kind::kPointer) {
        EvalFn pe = x.eval;
        auto cell = [pe](Frame& f) {
          thread_local Value tmp;
          tmp = pe(f);
          return &tmp;
        };
        base = cell;
      }
      return Var(ft, FieldPath(base, x.type, path));
    }
    // A field of a non-addressable struct value.
    EvalFn e = x.eval;
    AddrFn base = [e](Frame& f) {
      thread_local Value tmp;
      tmp = e(f);
      return &tmp;
    };
    AddrFn a = FieldPath(base, x.type, path);
    return Val(ft, [a](Frame& f) { return *a(f); });
  }
  // Method value.
  types::MethodLookup ml = types::LookupMethod(x.type, name);
  if (ml.method == nullptr) {
    if (const std_pkg::NativeMethod* nm = std_pkg::FindMethod(x.type, name)) return NativeMethodValue(s, x, nm);
    Error(s->sel->pos, fmt::format("{} undefined (type {} has no field or method {})", ExprText(s), x.type->String(), name));
    return Invalid();
  }
  if (ml.method->native != nullptr && ml.path.empty()) {
    return NativeMethodValue(s, x, std_pkg::FindMethod(x.type, name));  // a std type's own method: a direct call
  }
  UseFunc(ml.method->func_index);  // a method value or call depends on the method
  return MethodValue(s, x, ml);
}

// MethodExprWrapper is the func a method expression T.M denotes when M's
// receiver is not T itself ((*T).M of a value method, a method promoted
// through embedded fields, an interface's I.M): the compiler's generated
// wrapper, which binds its first argument as x.M would and calls it.
exec::FuncCode* Compiler::MethodExprWrapper(const Type* t, const types::MethodLookup& ml, const Type* ft) {
  exec::FuncCode* w = NewFunc(fmt::format("{}.{}", t->String(), ml.method->name), Pos{});
  int nargs = static_cast<int>(ft->params().size());
  int nres = static_cast<int>(ft->results().size());
  exec::SetFrameShape(w, nargs, ft->results());
  w->args_shape = nargs <= 1 ? "w" : "w,...";
  w->body = [t, ml, nargs, nres](Frame& f) {
    exec::Closure* bound = exec::BindMethod(f, t, f.slots[0], ml);
    exec::Call(f, bound, f.slots + 1, nargs - 1, nres > 0 ? f.slots + nargs : nullptr);
    return exec::Ctl::kReturn;
  };
  return w;
}

// MethodValue binds x.M: the receiver is evaluated (and for a pointer
// receiver, addressed) now, as the spec says.
Operand Compiler::MethodValue(SelectorExpr* s, Operand& x, const types::MethodLookup& ml) {
  const types::Method* m = ml.method;
  if (m->native != nullptr) {
    // A std method promoted through embedded fields (struct{ sync.Mutex }):
    // bound as the compiler's promoted-method wrapper binds it.
    EvalFn e = x.eval;
    const Type* t = x.type;
    return Val(m->sig, [e, t, ml](Frame& f) { return Value::Ptr(exec::BindMethod(f, t, e(f), ml)); });
  }
  if (m->func_index < 0) {
    // Interface method: dispatch on the dynamic type at call time (of the
    // embedded interface field, for a promoted one).
    EvalFn e = x.eval;
    if (!ml.path.empty()) {
      AddrFn base = x.mode == M::kVar ? x.addr : AddrFn([e](Frame& f) {
        Value* cell = exec::Run(f).heap.Cells(1);
        *cell = e(f);
        return cell;
      });
      AddrFn field = FieldPath(base, x.type, ml.path);
      e = [field](Frame& f) { return *field(f); };
    }
    std::string name = m->name;
    const Type* sig = m->sig;
    return Val(sig, [e, name](Frame& f) {
      Value iv = e(f);
      if (iv.x == 0) exec::NilDeref(f);
      const Type* dt = exec::DynType(iv);
      types::MethodLookup dl = types::LookupMethod(dt, name);
      Value payload = exec::Unbox(dt, iv);
      exec::Closure* c = exec::BindMethod(f, dt, payload, dl);
      return Value::Ptr(c);
    });
  }
  // Concrete receiver: walk embedded fields, then take & or * as needed.
  AddrFn base;
  const Type* cur = x.type;
  if (x.mode == M::kVar) {
    base = x.addr;
  } else {
    EvalFn e = x.eval;
    base = [e](Frame& f) {
      Value* cell = exec::Run(f).heap.Cells(1);
      *cell = e(f);
      return cell;
    };
  }
  AddrFn recv_addr = ml.path.empty() ? base : FieldPath(base, x.type, ml.path);
  for (int idx : ml.path) {
    if (cur->UKind() == Kind::kPointer) cur = cur->Underlying()->elem();
    cur = cur->Underlying()->fields()[idx].type;
  }
  bool have_ptr = cur->UKind() == Kind::kPointer;
  if (m->pointer_recv && !have_ptr && x.mode != M::kVar && ml.path.empty()) {
    Error(s->pos, fmt::format("cannot call pointer method {} on {}", m->name, x.type->String()));
    return Invalid();
  }
  exec::FuncCode* code = funcs_[m->func_index].get();
  bool want_ptr = m->pointer_recv;
  const Type* rt = cur;
  return Val(m->sig, [recv_addr, code, want_ptr, have_ptr, rt](Frame& f) {
    Value* a = recv_addr(f);
    exec::Closure* c = exec::Run(f).heap.NewClosure();
    c->code = code;
    c->bound = true;
    if (want_ptr) {
      c->recv = have_ptr ? *a : Value::Ptr(a);
    } else if (have_ptr) {
      if (a->p == nullptr) exec::NilDeref(f);
      c->recv = exec::Copy(exec::Run(f), rt->elem(), *static_cast<Value*>(a->p));
    } else {
      c->recv = exec::Copy(exec::Run(f), rt, *a);
    }
    return Value::Ptr(c);
  });
}

Operand Compiler::NativeMethodValue(SelectorExpr* s, Operand& x, const std_pkg::NativeMethod* nm) {
  AddrFn recv;
  if (x.mode == M::kVar && x.type->UKind() != Kind::kPointer) {
    recv = x.addr;
  } else if (x.type->UKind() == Kind::kPointer) {
    EvalFn e = x.eval;
    recv = [e](Frame& f) {
      Value v = e(f);
      if (v.p == nullptr) exec::NilDeref(f);
      return static_cast<Value*>(v.p);
    };
  } else {
    EvalFn e = x.eval;
    recv = [e](Frame& f) {
      Value* cell = exec::Run(f).heap.Cells(1);
      *cell = e(f);
      return cell;
    };
  }
  Operand o;
  o.mode = M::kValue;
  o.type = nm->sig(*types_);
  o.native_recv = recv;
  o.native = nm;
  // As a method value (once.Do as a func), x.M binds the receiver now: the
  // address of its cell for a pointer method, a copy for a value method.
  types::MethodLookup ml = types::LookupMethod(x.type, nm->name);
  if (ml.method == nullptr || ml.method->native == nullptr) {
    o.eval = [](Frame& f) -> Value { exec::RuntimePanic(f, "gostep: this std method is not in its type's method set for this Go version"); };
    return o;
  }
  const exec::FuncCode* code = ml.method->native;
  bool ptr = ml.method->pointer_recv;
  o.eval = [recv, code, ptr](Frame& f) {
    Value* cell = recv(f);
    exec::Closure* c = exec::Run(f).heap.NewClosure();
    c->code = code;
    c->bound = true;
    c->recv = ptr ? Value::Ptr(cell) : *cell;
    return Value::Ptr(c);
  };
  return o;
}

Operand Compiler::Index(IndexExpr* ix) {
  Operand x = Expr(ix->x);
  if (x.invalid()) return x;
  if (x.mode == M::kType) {
    Error(ix->pos, "gostep: generic instantiation is not supported by gostep");
    return Invalid();
  }
  const Type* u = x.type->Underlying();
  if (u->kind() == Kind::kMap) {
    Operand k = ExprValue(ix->index, u->key());
    if (k.invalid() || !AssignTo(ix->index, &k, u->key(), "map index")) return Invalid();
    Operand r;
    r.mode = M::kMapIndex;
    r.type = u->elem();
    r.map_eval = x.eval;
    r.key_eval = k.eval;
    EvalFn me = x.eval, ke = k.eval;
    const Type* et = u->elem();
    r.eval = [me, ke, et](Frame& f) {
      Value out;
      if (!exec::MapGet(f, me(f), ke(f), &out)) return exec::Zero(exec::Run(f), et);
      return out;
    };
    r.eval2 = [me, ke, et](Frame& f, Value* out) {
      bool ok = exec::MapGet(f, me(f), ke(f), &out[0]);
      if (!ok) out[0] = exec::Zero(exec::Run(f), et);
      out[1] = Value::Int(ok);
    };
    return r;
  }
  Operand i = ExprValue(ix->index);
  if (i.invalid()) return i;
  if (i.mode == M::kConst) {
    if (!i.value.IsIntegral()) {
      Error(ix->index->pos, fmt::format("invalid argument: index {} must be integer", ExprText(ix->index)));
      return Invalid();
    }
    if (i.value.AsFloat() < 0) {
      Error(ix->index->pos, fmt::format("invalid argument: index {} (constant of type int) must not be negative", ExprText(ix->index)));
      return Invalid();
    }
    AssignTo(ix->index, &i, types_->Int(), "index");
  } else if (!i.type->IsInteger()) {
    Error(ix->index->pos, fmt::format("invalid argument: index {} must be integer", Describe2(ix->index, i)));
    return Invalid();
  }
  EvalFn ie = i.eval;
  if (u->kind() == Kind::kString || u->kind() == Kind::kUntypedString) {  // a constant string indexes too
    EvalFn se = x.eval;
    if (x.mode == M::kConst) {
      Operand tmp = x;
      AssignTo(ix->x, &tmp, types_->String(), "index");
      se = tmp.eval;
    }
    return Val(types_->Basic(Kind::kUint8), [se, ie](Frame& f) {
      std::string_view s = exec::Str(se(f));
      int64_t i = ie(f).i;
      if (i < 0 || static_cast<uint64_t>(i) >= s.size())
        exec::RuntimePanic(f, fmt::format("index out of range [{}] with length {}", i, s.size()));
      return Value::Int(static_cast<uint8_t>(s[i]));
    });
  }
  bool ptr_array = u->kind() == Kind::kPointer && u->elem()->UKind() == Kind::kArray;
  if (u->kind() == Kind::kArray || ptr_array) {
    const Type* at = ptr_array ? u->elem()->Underlying() : u;
    int64_t n = at->len();
    if (i.mode == M::kConst && i.value.i >= n) {
      Error(ix->index->pos, fmt::format("invalid argument: index {} out of bounds [0:{}]", i.value.Text(), n));
      return Invalid();
    }
    EvalFn base;
    if (ptr_array) {
      EvalFn pe = x.eval;
      base = [pe](Frame& f) {
        Value p = pe(f);
        if (p.p == nullptr) exec::NilDeref(f);
        return *static_cast<Value*>(p.p);
      };
    } else {
      base = x.eval;
    }
    AddrFn a = [base, ie, n](Frame& f) {
      Value arr = base(f);
      int64_t i = ie(f).i;
      if (i < 0 || i >= n) exec::RuntimePanic(f, fmt::format("index out of range [{}] with length {}", i, n));
      return &static_cast<Value*>(arr.p)[i];
    };
    if (x.mode == M::kVar || ptr_array) return Var(at->elem(), a);
    return Val(at->elem(), [a](Frame& f) { return *a(f); });
  }
  if (u->kind() == Kind::kSlice) {
    EvalFn se = x.eval;
    return Var(u->elem(), [se, ie](Frame& f) {
      Value s = se(f);
      int64_t i = ie(f).i;
      if (i < 0 || i >= exec::SliceLen(s))
        exec::RuntimePanic(f, fmt::format("index out of range [{}] with length {}", i, exec::SliceLen(s)));
      return &static_cast<Value*>(s.p)[i];
    });
  }
  Error(ix->pos, fmt::format("invalid operation: cannot index {}", Describe2(ix->x, x)));
  return Invalid();
}

Operand Compiler::SliceOf(SliceExpr* s) {
  Operand x = ExprValue(s->x);
  if (x.invalid()) return x;
  auto idx = [&](lang::Expr* e) -> EvalFn {
    if (e == nullptr) return nullptr;
    Operand i = ExprValue(e);
    if (i.invalid()) return nullptr;
    if (i.mode == M::kConst) AssignTo(e, &i, types_->Int(), "slice index");
    else if (!i.type->IsInteger()) Error(e->pos, fmt::format("invalid argument: index {} must be integer", Describe2(e, i)));
    return i.eval;
  };
  EvalFn lo = idx(s->low), hi = idx(s->high), mx = idx(s->max);
  const Type* u = x.type->Underlying();
  if (x.type->IsString()) {
    EvalFn se = x.eval;
    if (x.mode == M::kConst) {
      Operand tmp = x;
      AssignTo(s->x, &tmp, types_->String(), "slice");
      se = tmp.eval;
    }
    const Type* rt = x.type->IsUntyped() ? types_->String() : x.type;
    return Val(rt, [se, lo, hi](Frame& f) {
      Value sv = se(f);
      std::string_view str = exec::Str(sv);
      int64_t l = lo ? lo(f).i : 0, h = hi ? hi(f).i : static_cast<int64_t>(str.size());
      if (h < 0 || h > static_cast<int64_t>(str.size())) exec::RuntimePanic(f, fmt::format("slice bounds out of range [:{}] with length {}", h, str.size()));
      if (l < 0 || l > h) exec::RuntimePanic(f, fmt::format("slice bounds out of range [{}:{}]", l, h));
      if (l == h) return Value();
      return Value::Ptr(const_cast<exec::StrObj*>(exec::Run(f).heap.NewStr(std::string(str.substr(l, h - l)))));
    });
  }
  const Type* elem;
  EvalFn base;  // yields {p = first cell, x = len | cap<<32}
  if (u->kind() == Kind::kSlice) {
    elem = u->elem();
    base = x.eval;
  } else if (u->kind() == Kind::kArray || (u->kind() == Kind::kPointer && u->elem()->UKind() == Kind::kArray)) {
    bool ptr = u->kind() == Kind::kPointer;
    const Type* at = ptr ? u->elem()->Underlying() : u;
    elem = at->elem();
    int64_t n = at->len();
    if (!ptr && x.mode != M::kVar) {
      Error(s->pos, fmt::format("invalid operation: {} (slice of unaddressable value)", ExprText(s->x)));
      return Invalid();
    }
    EvalFn e = x.eval;
    base = [e, n, ptr](Frame& f) {
      Value a = e(f);
      if (ptr) {
        if (a.p == nullptr) exec::NilDeref(f);
        a = *static_cast<Value*>(a.p);
      }
      Value r = Value::Ptr(a.p);
      r.x = exec::SliceX(n, n);
      return r;
    };
  } else {
    Error(s->pos, fmt::format("cannot slice {}", Describe2(s->x, x)));
    return Invalid();
  }
  const Type* rt = u->kind() == Kind::kSlice ? x.type : types_->Slice(elem);
  return Val(rt, [base, lo, hi, mx](Frame& f) {
    Value b = base(f);
    int64_t cap = exec::SliceCap(b);
    int64_t l = lo ? lo(f).i : 0, h = hi ? hi(f).i : exec::SliceLen(b), m = mx ? mx(f).i : cap;
    if (m < 0 || m > cap) exec::RuntimePanic(f, fmt::format("slice bounds out of range [::{}] with capacity {}", m, cap));
    if (h < 0 || h > m) exec::RuntimePanic(f, mx ? fmt::format("slice bounds out of range [:{}:{}]", h, m)
                                                 : fmt::format("slice bounds out of range [:{}] with capacity {}", h, cap));
    if (l < 0 || l > h) exec::RuntimePanic(f, fmt::format("slice bounds out of range [{}:{}]", l, h));
    Value r = Value::Ptr(b.p == nullptr ? nullptr : static_cast<Value*>(b.p) + l);
    r.x = exec::SliceX(h - l, m - l);
    return r;
  });
}

Operand Compiler::Star(StarExpr* s) {
  Operand x = Expr(s->x);
  if (x.invalid()) return x;
  if (x.mode == M::kType) {
    Operand t;
    t.mode = M::kType;
    t.type = types_->Pointer(x.type);
    return t;
  }
  if (x.type->UKind() != Kind::kPointer) {
    Error(s->pos, fmt::format("invalid operation: cannot indirect {}", Describe2(s->x, x)));
    return Invalid();
  }
  EvalFn e = x.eval;
  return Var(x.type->Underlying()->elem(), [e](Frame& f) {
    Value p = e(f);
    if (p.p == nullptr) exec::NilDeref(f);
    return static_cast<Value*>(p.p);
  });
}

Operand Compiler::AddressOf(UnaryExpr* u) {
  lang::Expr* inner = u->x;
  while (inner->kind == ExprKind::kParen) inner = static_cast<ParenExpr*>(inner)->x;
  if (inner->kind == ExprKind::kCompositeLit) {
    Operand x = ExprValue(inner);
    if (x.invalid()) return x;
    EvalFn e = x.eval;
    return Val(types_->Pointer(x.type), [e](Frame& f) {
      Value* cell = exec::Run(f).heap.Cells(1);
      *cell = e(f);
      return Value::Ptr(cell);
    });
  }
  Operand x = Expr(inner);
  if (x.invalid()) return x;
  if (x.mode != M::kVar) {
    Error(u->pos, fmt::format("invalid operation: cannot take address of {}", Describe2(inner, x)));
    return Invalid();
  }
  AddrFn a = x.addr;
  return Val(types_->Pointer(x.type), [a](Frame& f) { return Value::Ptr(a(f)); });
}

Operand Compiler::Receive(UnaryExpr* u, bool comma_ok) {
  ++calls_or_recvs_;
  Operand x = ExprValue(u->x);
  if (x.invalid()) return x;
  if (x.type->UKind() != Kind::kChan) {
    Error(u->pos, fmt::format("invalid operation: cannot receive from non-channel {}", Describe2(u->x, x)));
    return Invalid();
  }
  if (x.type->Underlying()->dir() == types::ChanDirKind::kSend) {
    Error(u->pos, fmt::format("invalid operation: cannot receive from send-only channel {}", Describe2(u->x, x)));
    return Invalid();
  }
  EvalFn e = x.eval;
  const char* file = file_name();
  uint32_t line = u->pos.line;
  Operand r;
  r.mode = M::kCommaOk;
  r.type = x.type->Underlying()->elem();
  r.eval = [e, file, line](Frame& f) {
    Value v;
    sched::ChanRecv(S(), static_cast<sched::Hchan*>(e(f).p), &v, true, sched::At(file, line));
    return v;
  };
  r.eval2 = [e, file, line](Frame& f, Value* out) {
    sched::RecvResult res = sched::ChanRecv(S(), static_cast<sched::Hchan*>(e(f).p), &out[0], true, sched::At(file, line), true);
    out[1] = Value::Int(res.received);
  };
  return r;
}

Operand Compiler::TypeAssert(TypeAssertExpr* ta) {
  Operand x = ExprValue(ta->x);
  if (x.invalid()) return x;
  if (!x.type->IsInterface()) {
    Error(ta->x->pos, fmt::format("invalid operation: {} is not an interface", Describe2(ta->x, x)));
    return Invalid();
  }
  if (ta->type_expr == nullptr) {
    Error(ta->pos, "invalid syntax tree: use of .(type) outside type switch");
    return Invalid();
  }
  const Type* t = TypeOf(ta->type_expr);
  if (t == nullptr) return Invalid();
  EvalFn e = x.eval;
  const Type* it = x.type;
  auto test = exec::TypeTest(t);
  Operand r;
  r.mode = M::kCommaOk;
  r.type = t;
  r.eval = [e, t, it, test](Frame& f) {
    Value v = e(f);
    if (!test(v)) exec::TypeAssertPanic(f, it, v, t);
    return exec::Unbox(t, v);
  };
  r.eval2 = [e, t, test](Frame& f, Value* out) {
    Value v = e(f);
    bool ok = test(v);
    out[0] = ok ? exec::Unbox(t, v) : exec::Zero(exec::Run(f), t);
    out[1] = Value::Int(ok);
  };
  return r;
}

}  // namespace gostep::lang::check
