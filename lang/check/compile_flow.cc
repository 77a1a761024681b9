// lang/check/compile_flow.cc — loops, switches, select, go and defer.
#include <fmt/format.h>

#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"
#include "runtime/chan.h"
#include "runtime/go.h"

namespace gostep::lang::check {

using exec::Ctl;
using exec::Frame;
using exec::Value;
using M = Operand::Mode;

bool LoopExit(Frame& f, Ctl c, const void* label, Ctl* out);
std::string RangeFuncCause(const Type* u, const Type** key, const Type** val);  // compile_rangefunc.cc

// PerIterationCopy gives each iteration its own box for the loop variables
// (go1.22, the loopvar change: Go issue 60078); before go1.22 they are shared.
static std::function<void(Frame&)> FreshBoxes(const std::vector<Object*>& vars, bool per_iteration) {
  std::vector<int> slots;
  for (Object* o : vars) if (o->boxed) slots.push_back(o->slot);
  if (!per_iteration || slots.empty()) return nullptr;
  return [slots](Frame& f) {
    for (int s : slots) {
      Value* cell = exec::Run(f).heap.Cells(1);
      *cell = *static_cast<Value*>(f.slots[s].p);
      f.slots[s] = Value::Ptr(cell);
    }
  };
}

StmtFn Compiler::For(ForStmt* s, const void* label) {
  Push();
  size_t before = scope_->names.size();
  StmtFn init = s->init ? Statement(s->init) : nullptr;
  std::vector<Object*> loopvars;
  for (auto& [n, o] : scope_->names) if (o->k == Object::K::kVar) loopvars.push_back(o);
  (void)before;
  EvalFn cond;
  if (s->cond) {
    Operand c = ExprValue(s->cond);
    if (!c.invalid() && !c.type->IsBoolean()) Error(s->cond->pos, "non-boolean condition in for statement");
    if (c.mode == M::kConst) Default(&c);
    cond = c.eval;
  }
  StmtFn post = s->post ? Statement(s->post) : nullptr;
  Push();
  StmtFn body = Block(s->body->list);
  CheckUnused();
  Pop();
  CheckUnused();
  Pop();
  auto fresh = FreshBoxes(loopvars, minor() >= 22);
  return [init, cond, post, body, label, fresh](Frame& f) {
    if (init) init(f);
    for (;;) {
      if (cond && cond(f).i == 0) break;
      Ctl out;
      if (LoopExit(f, body(f), label, &out)) return out;
      if (fresh) fresh(f);
      if (post) post(f);
      gostep::Loop();
    }
    return Ctl::kNext;
  };
}

StmtFn Compiler::Range(RangeStmt* r, const void* label) {
  Operand x = ExprValue(r->x);
  if (x.invalid()) return nullptr;
  Operand x0 = x;  // as written, for messages
  if (x.mode == M::kConst) Default(&x);
  const Type* u = x.type->Underlying();
  const Type* kt = nullptr;
  const Type* vt = nullptr;
  // After an error the body is still checked (its uses count), with
  // invalid-typed loop variables, and nothing is returned.
  bool bad = false;
  auto fail = [&](std::string msg) {
    Error(r->x->pos, std::move(msg));
    bad = true;
    kt = vt = types_->Invalid();
  };
  switch (u->kind()) {
    case Kind::kSlice: case Kind::kArray: kt = types_->Int(); vt = u->elem(); break;
    case Kind::kString: kt = types_->Int(); vt = types_->Basic(Kind::kInt32); break;
    case Kind::kMap: kt = u->key(); vt = u->elem(); break;
    case Kind::kChan: kt = u->elem(); break;
    case Kind::kPointer:
      if (u->elem()->UKind() == Kind::kArray) { kt = types_->Int(); vt = u->elem()->Underlying()->elem(); break; }
      [[fallthrough]];
    default:
      if (x.type->IsInteger() && minor() >= 22) { kt = x.type; break; }  // go1.22: range over int
      if (u->kind() == Kind::kFunc && minor() >= 23) {
        std::string cause = RangeFuncCause(u, &kt, &vt);
        if (!cause.empty()) fail(fmt::format("cannot range over {}: {}", Describe2(r->x, x0), cause));
        break;
      }
      fail(fmt::format("cannot range over {}", Describe2(r->x, x0)));
      break;
  }
  Push();
  // Loop variables: declared (:=) or assigned (=).
  std::vector<Object*> vars;
  StmtFn set_k, set_v;
  std::vector<StmtFn> preps;  // the first phase of an assignment (= not :=)
  int tk = fn_->code->nslots, tv = tk + 1;
  fn_->code->nslots += 2;
  auto bind = [&](lang::Expr* e, const Type* t, int tmp) -> StmtFn {
    if (e == nullptr) return nullptr;
    if (r->tok == Tok::kDefine) {
      if (e->kind != ExprKind::kIdent) {
        Error(e->pos, fmt::format("non-name {} on left side of :=", ExprText(e)));
        return nullptr;
      }
      auto* id = static_cast<Ident*>(e);
      if (id->name == "_") return nullptr;
      Object* o = DeclareVar(id, t);
      vars.push_back(o);
      int s = o->slot;
      bool boxed = o->boxed;
      return [s, tmp, boxed](Frame& f) {
        if (boxed) *static_cast<Value*>(f.slots[s].p) = f.slots[tmp];
        else f.slots[s] = f.slots[tmp];
        return Ctl::kNext;
      };
    }
    // As an assignment statement: both locations first, then the stores.
    auto [prep, store] = StoreTwoPhase(e, [tmp](Frame& f) { return f.slots[tmp]; });
    if (prep) preps.push_back(prep);
    return store;
  };
  if (u->kind() == Kind::kChan && r->value != nullptr) {
    Error(r->value->pos, fmt::format("range over {} permits only one iteration variable", Describe2(r->x, x)));
  }
  if (u->kind() == Kind::kFunc && !bad) {
    if (kt == nullptr && r->key != nullptr) {
      Error(r->key->pos, fmt::format("range over {} permits no iteration variables", Describe2(r->x, x0)));
      bad = true;
      kt = vt = types_->Invalid();
    } else if (vt == nullptr && r->value != nullptr) {
      Error(r->value->pos, fmt::format("range over {} permits only one iteration variable", Describe2(r->x, x0)));
      bad = true;
      kt = vt = types_->Invalid();
    }
  }
  set_k = bind(r->key, kt, tk);
  set_v = vt ? bind(r->value, vt, tv) : nullptr;
  if (!preps.empty()) {
    StmtFn k = set_k, v = set_v;
    set_k = [preps, k, v](Frame& f) {
      for (const StmtFn& p : preps) p(f);
      if (k) k(f);
      if (v) v(f);
      return Ctl::kNext;
    };
    set_v = nullptr;
  }
  std::vector<int> boxed_slots;
  for (Object* o : vars) if (o->boxed) boxed_slots.push_back(o->slot);
  bool per_iter = minor() >= 22;
  Push();
  StmtFn body = Block(r->body->list);
  CheckUnused();
  Pop();
  CheckUnused();
  Pop();
  if (bad) return nullptr;
  // prologue: allocate boxes once (old semantics) or per iteration (1.22+).
  auto boxes = [boxed_slots](Frame& f) {
    for (int s : boxed_slots) f.slots[s] = Value::Ptr(exec::Run(f).heap.Cells(1));
  };
  auto step = [set_k, set_v, body, boxes, per_iter, label](Frame& f, Ctl* out) {
    if (per_iter) boxes(f);
    if (set_k) set_k(f);
    if (set_v) set_v(f);
    bool leave = LoopExit(f, body(f), label, out);
    gostep::Loop();
    return leave;
  };
  EvalFn xe = x.eval;
  Kind k = u->kind();
  if (k == Kind::kFunc) {
    int nparams = static_cast<int>(u->params()[0]->Underlying()->params().size());
    exec::FuncCode* yield = NewFunc(fmt::format("{}-range{}", fn_->name, ++fn_->range_funcs), r->pos);
    return RangeFunc(xe, yield, nparams, step, tk, tv);
  }
  if (k == Kind::kMap) {
    return [xe, step, boxes, per_iter, tk, tv](Frame& f) {
      Value m = xe(f);
      if (!per_iter) boxes(f);
      Ctl out = Ctl::kNext;
      exec::MapRange(f, m, [&](const Value& key, const Value& val) {
        f.slots[tk] = key;
        f.slots[tv] = val;
        return !step(f, &out);
      });
      return out;
    };
  }
  if (k == Kind::kChan) {
    const char* file = file_name();
    uint32_t line = r->pos.line;
    return [xe, step, boxes, per_iter, tk, file, line](Frame& f) {
      auto* c = static_cast<sched::Hchan*>(xe(f).p);
      if (!per_iter) boxes(f);
      for (;;) {
        Value v;
        sched::RecvResult res = sched::ChanRecv(S(), c, &v, true, sched::At(file, line), true);
        if (!res.received) return Ctl::kNext;
        f.slots[tk] = v;
        Ctl out;
        if (step(f, &out)) return out;
      }
    };
  }
  if (k == Kind::kString) {
    return [xe, step, boxes, per_iter, tk, tv](Frame& f) {
      Value sv = xe(f);
      if (!per_iter) boxes(f);
      std::string_view s = exec::Str(sv);
      for (size_t i = 0; i < s.size();) {
        int n = 0;
        int32_t rune = exec::DecodeRune(s.substr(i), &n);
        f.slots[tk] = Value::Int(static_cast<int64_t>(i));
        f.slots[tv] = Value::Int(rune);
        Ctl out;
        if (step(f, &out)) return out;
        i += n;
      }
      return Ctl::kNext;
    };
  }
  if (kt->IsInteger() && vt == nullptr) {  // range over int
    return [xe, step, boxes, per_iter, tk](Frame& f) {
      int64_t n = xe(f).i;
      if (!per_iter) boxes(f);
      for (int64_t i = 0; i < n; ++i) {
        f.slots[tk] = Value::Int(i);
        Ctl out;
        if (step(f, &out)) return out;
      }
      return Ctl::kNext;
    };
  }
  bool ptr = k == Kind::kPointer;
  bool array = k == Kind::kArray || ptr;
  int64_t alen = array ? (ptr ? u->elem()->Underlying()->len() : u->len()) : 0;
  // Over a nil *[N]T, `for i := range p` only counts (len(p) is N, spec
  // "For statements with range clause"); reading the elements dereferences.
  bool values = r->value != nullptr;
  return [xe, step, boxes, per_iter, tk, tv, array, ptr, alen, values](Frame& f) {
    Value s = xe(f);  // evaluated once (a copy of the slice header)
    if (ptr && s.p != nullptr) s = *static_cast<Value*>(s.p);
    else if (ptr && values) exec::NilDeref(f);
    if (!per_iter) boxes(f);
    int64_t n = array ? alen : exec::SliceLen(s);
    for (int64_t i = 0; i < n; ++i) {
      f.slots[tk] = Value::Int(i);
      if (s.p != nullptr) f.slots[tv] = static_cast<Value*>(s.p)[i];
      Ctl out;
      if (step(f, &out)) return out;
    }
    return Ctl::kNext;
  };
}

StmtFn Compiler::Switch(SwitchStmt* s, const void* label) {
  Push();
  StmtFn init = s->init ? Statement(s->init) : nullptr;
  Operand tag;
  if (s->tag) {
    tag = ExprValue(s->tag);
    if (tag.invalid()) {
      Pop();
      return nullptr;
    }
    Default(&tag);
  }
  int tslot = fn_->code->nslots++;
  struct Clause {
    std::vector<EvalFn> tests;
    StmtFn body;
    bool is_default;
  };
  std::vector<Clause> clauses;
  for (Stmt* cs : s->body->list) {
    auto* cc = static_cast<CaseClause*>(cs);
    Clause cl;
    cl.is_default = cc->is_default;
    for (lang::Expr* e : cc->list) {
      if (s->tag) {
        BinaryExpr eq(e->pos, Tok::kEql);
        Ident tmp_id(s->tag->pos, "");
        Operand v = ExprValue(e, tag.type);
        if (v.invalid()) continue;
        if (!AssignTo(e, &v, tag.type, "switch case")) continue;
        EvalFn ve = v.eval;
        const Type* t = tag.type;
        cl.tests.push_back([ve, t, tslot](Frame& f) { return Value::Int(exec::Equal(f, t, f.slots[tslot], ve(f))); });
      } else {
        Operand c = ExprValue(e);
        if (c.invalid()) continue;
        std::string missing;
        bool ptr = false;
        if (c.type->IsInterface() && types::Implements(types_->Bool(), c.type, &missing, &ptr)) {
          // A tagless switch compares each case with true: an interface
          // case holds true when its dynamic value is the bool true.
          const Type* it = c.type;
          EvalFn ce = c.eval, t = ToIface(types_->Bool(), [](Frame&) { return Value::Int(1); });
          cl.tests.push_back([ce, t, it](Frame& f) { return Value::Int(exec::Equal(f, it, ce(f), t(f))); });
          continue;
        }
        if (!c.type->IsBoolean()) Error(e->pos, fmt::format("invalid case {} in switch (mismatched types {} and bool)", ExprText(e), c.type->String()));
        if (c.mode == M::kConst) Default(&c);
        cl.tests.push_back(c.eval);
      }
    }
    Push();
    cl.body = Block(cc->body);
    CheckUnused();
    Pop();
    clauses.push_back(std::move(cl));
  }
  Pop();
  EvalFn te = s->tag ? tag.eval : nullptr;
  return [init, te, tslot, clauses, label](Frame& f) {
    if (init) init(f);
    if (te) f.slots[tslot] = te(f);
    int chosen = -1;
    for (size_t i = 0; i < clauses.size() && chosen < 0; ++i) {
      for (const EvalFn& t : clauses[i].tests) {
        if (t(f).i != 0) {
          chosen = static_cast<int>(i);
          break;
        }
      }
    }
    if (chosen < 0) {
      for (size_t i = 0; i < clauses.size(); ++i) if (clauses[i].is_default) chosen = static_cast<int>(i);
    }
    if (chosen < 0) return Ctl::kNext;
    for (size_t i = chosen; i < clauses.size(); ++i) {
      Ctl c = clauses[i].body(f);
      if (c == Ctl::kFallthrough) continue;
      if (c == Ctl::kBreak && (f.label == nullptr || f.label == label)) {
        f.label = nullptr;
        return Ctl::kNext;
      }
      return c;
    }
    return Ctl::kNext;
  };
}

StmtFn Compiler::TypeSwitch(TypeSwitchStmt* s, const void* label) {
  Push();
  StmtFn init = s->init ? Statement(s->init) : nullptr;
  Ident* bind = nullptr;
  lang::Expr* xe = nullptr;
  if (s->assign->kind == StmtKind::kAssign) {
    auto* a = static_cast<AssignStmt*>(s->assign);
    bind = static_cast<Ident*>(a->lhs[0]);
    xe = static_cast<TypeAssertExpr*>(a->rhs[0])->x;
  } else {
    xe = static_cast<TypeAssertExpr*>(static_cast<ExprStmt*>(s->assign)->x)->x;
  }
  Operand x = ExprValue(xe);
  if (x.invalid()) {
    Pop();
    return nullptr;
  }
  if (!x.type->IsInterface()) {
    Error(xe->pos, fmt::format("{} is not an interface", Describe2(xe, x)));
    Pop();
    return nullptr;
  }
  int xslot = fn_->code->nslots++;
  struct Clause {
    std::vector<std::function<bool(const Value&)>> tests;
    StmtFn bind;
    StmtFn body;
    bool is_default;
  };
  std::vector<Clause> clauses;
  bool bind_used = false;
  std::vector<Object*> binds;
  for (Stmt* cs : s->body->list) {
    auto* cc = static_cast<CaseClause*>(cs);
    Clause cl;
    cl.is_default = cc->is_default;
    const Type* single = nullptr;
    for (lang::Expr* e : cc->list) {
      if (e->kind == ExprKind::kIdent && static_cast<Ident*>(e)->name == "nil") {
        cl.tests.push_back([](const Value& v) { return v.x == 0; });
        continue;
      }
      const Type* t = TypeOf(e);
      if (t == nullptr) continue;
      single = cc->list.size() == 1 ? t : nullptr;
      cl.tests.push_back(exec::TypeTest(t));
    }
    Push();
    if (bind != nullptr) {
      const Type* bt = single != nullptr ? single : x.type;
      Object* o = DeclareVar(bind, bt);
      binds.push_back(o);
      int slot = o->slot;
      bool boxed = o->boxed;
      bool unbox = single != nullptr && !single->IsInterface();
      const Type* st = single;
      cl.bind = [slot, boxed, unbox, st, xslot](Frame& f) {
        Value v = f.slots[xslot];
        if (unbox) v = exec::Unbox(st, v);
        if (boxed) {
          Value* cell = exec::Run(f).heap.Cells(1);
          *cell = v;
          f.slots[slot] = Value::Ptr(cell);
        } else {
          f.slots[slot] = v;
        }
        return Ctl::kNext;
      };
    }
    cl.body = Block(cc->body);
    for (Object* o : binds) bind_used |= o->used;
    if (bind != nullptr) binds.back()->used = true;
    CheckUnused();
    Pop();
    clauses.push_back(std::move(cl));
  }
  if (bind != nullptr && !bind_used) Error(bind->pos, fmt::format("{} declared but not used", bind->name));
  Pop();
  EvalFn xv = x.eval;
  return [init, xv, xslot, clauses, label](Frame& f) {
    if (init) init(f);
    f.slots[xslot] = xv(f);
    const Value& v = f.slots[xslot];
    int chosen = -1;
    for (size_t i = 0; i < clauses.size() && chosen < 0; ++i) {
      for (const auto& t : clauses[i].tests) {
        if (t(v)) {
          chosen = static_cast<int>(i);
          break;
        }
      }
    }
    if (chosen < 0) {
      for (size_t i = 0; i < clauses.size(); ++i) if (clauses[i].is_default) chosen = static_cast<int>(i);
    }
    if (chosen < 0) return Ctl::kNext;
    if (clauses[chosen].bind) clauses[chosen].bind(f);
    Ctl c = clauses[chosen].body(f);
    if (c == Ctl::kBreak && (f.label == nullptr || f.label == label)) {
      f.label = nullptr;
      return Ctl::kNext;
    }
    return c;
  };
}

}  // namespace gostep::lang::check
