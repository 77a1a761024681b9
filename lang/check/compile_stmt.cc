// lang/check/compile_stmt.cc — statements: blocks, assignments, control
// flow, go/defer and return. Every statement is a yield point of the
// statement grain (a loop back-edge: async-preemptible only).
#include <fmt/format.h>

#include <algorithm>

#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"
#include "runtime/go.h"
#include "scheduler/chan.h"

namespace gostep::lang::check {

using exec::Ctl;
using exec::Frame;
using exec::Value;
using M = Operand::Mode;

// Block runs a statement list. A goto (Ctl::kGoto, f.label = the target)
// that names a label of this list continues at the labeled statement;
// otherwise it leaves the block, up to the enclosing block that has the
// label (the spec allows no jump into a block).
StmtFn Compiler::Block(const std::vector<Stmt*>& list) {
  std::vector<StmtFn> code;
  std::vector<uint32_t> lines;
  std::vector<std::pair<const void*, size_t>> labels;  // label -> index in code
  for (Stmt* s : list) {
    for (Stmt* l = s; l->kind == StmtKind::kLabeled; l = static_cast<LabeledStmt*>(l)->stmt) {
      labels.emplace_back(LabelKey(static_cast<LabeledStmt*>(l)->label->name), code.size());
    }
    StmtFn f = Statement(s);
    if (f) {
      code.push_back(std::move(f));
      lines.push_back(s->pos.line);
    }
  }
  if (code.empty() && labels.empty()) return [](Frame&) { return Ctl::kNext; };
  if (labels.empty()) {  // no goto target here: a kGoto goes on out
    struct Step {
      StmtFn fn;
      uint32_t line;
    };
    std::vector<Step> steps;
    for (size_t i = 0; i < code.size(); ++i) steps.push_back({code[i], lines[i]});
    return [steps](Frame& f) {
      for (const Step& s : steps) {
        f.line = s.line;
        gostep::Loop();
        Ctl c = s.fn(f);
        if (c != Ctl::kNext) return c;
      }
      return Ctl::kNext;
    };
  }
  return [code, lines, labels](Frame& f) {
    for (size_t i = 0; i < code.size();) {
      f.line = lines[i];
      gostep::Loop();
      Ctl c = code[i](f);
      if (c == Ctl::kNext) {
        ++i;
        continue;
      }
      if (c != Ctl::kGoto) return c;
      auto it = std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.first == f.label; });
      if (it == labels.end()) return c;
      f.label = nullptr;
      i = it->second;
    }
    return Ctl::kNext;
  };
}

StmtFn Compiler::StatementInner(Stmt* s) {
  switch (s->kind) {
    case StmtKind::kBad: case StmtKind::kEmpty: return nullptr;
    case StmtKind::kBlock: {
      Push();
      StmtFn b = Block(static_cast<BlockStmt*>(s)->list);
      CheckUnused();
      Pop();
      return b;
    }
    case StmtKind::kExpr: return ExprStmtCode(static_cast<ExprStmt*>(s));
    case StmtKind::kAssign: {
      auto* a = static_cast<AssignStmt*>(s);
      return a->tok == Tok::kDefine ? Define(a) : Assign(a);
    }
    case StmtKind::kIncDec: {
      auto* id = static_cast<IncDecStmt*>(s);
      BasicLit one(id->pos, Tok::kInt, "1");
      AssignStmt as(id->pos, id->tok == Tok::kInc ? Tok::kAddAssign : Tok::kSubAssign);
      as.lhs = {id->x};
      as.rhs = {&one};
      return Assign(&as);
    }
    case StmtKind::kDecl: return DeclCode(static_cast<DeclStmt*>(s)->decl);
    case StmtKind::kIf: return If(static_cast<IfStmt*>(s));
    case StmtKind::kFor:
    case StmtKind::kRange:
    case StmtKind::kSwitch:
    case StmtKind::kTypeSwitch:
    case StmtKind::kSelect: return Breakable(s, nullptr);
    case StmtKind::kReturn: return Return(static_cast<ReturnStmt*>(s));
    case StmtKind::kGo: return GoDefer(static_cast<GoStmt*>(s)->call, true, s->pos);
    case StmtKind::kDefer: return GoDefer(static_cast<DeferStmt*>(s)->call, false, s->pos);
    case StmtKind::kSend: return Send(static_cast<SendStmt*>(s));
    case StmtKind::kBranch: return Branch(static_cast<BranchStmt*>(s));
    case StmtKind::kLabeled: return Labeled(static_cast<LabeledStmt*>(s));
    default:
      Error(s->pos, "gostep: statement not supported by gostep");
      return nullptr;
  }
}

// CheckUnused reports the unused variables of the closing scope: "x
// declared but not used" through go1.19 (checked against the go1.19
// compiler), "declared and not used: x" from go1.20 (types2's wording change;
// only the go1.19 side is checked against a real compiler).
void Compiler::CheckUnused() {
  for (auto& [name, o] : scope_->names) {
    if (o->k != Object::K::kVar || o->used || o->depth == 0) continue;
    Error(o->pos, minor() >= 20 ? fmt::format("declared and not used: {}", name) : fmt::format("{} declared but not used", name));
  }
}

// NotAUse evaluates an assignment's left side without counting it as a use
// of the variable (spec: a variable that is only assigned is unused).
Operand Compiler::LhsOperand(lang::Expr* lhs) {
  Object* o = nullptr;
  bool was = false;
  if (lhs->kind == ExprKind::kIdent) {
    o = Lookup(static_cast<Ident*>(lhs)->name);
    if (o != nullptr) was = o->used;
  }
  Operand l = Expr(lhs);
  if (o != nullptr && o->k == Object::K::kVar && (o->depth == 0 || o->depth == fn_->depth)) o->used = was;
  return l;
}

StmtFn Compiler::ExprStmtCode(ExprStmt* s) {
  lang::Expr* e = s->x;
  while (e->kind == ExprKind::kParen) e = static_cast<ParenExpr*>(e)->x;
  if (e->kind == ExprKind::kCall) {
    Operand x = Call(static_cast<CallExpr*>(e), true);
    if (x.invalid()) return nullptr;
    EvalFn ev = x.eval;
    if (x.multi) {
      auto m = x.multi;
      return [m](Frame& f) {
        Value out[16];
        m(f, out);
        return Ctl::kNext;
      };
    }
    return [ev](Frame& f) {
      ev(f);
      return Ctl::kNext;
    };
  }
  if (e->kind == ExprKind::kUnary && static_cast<UnaryExpr*>(e)->op == Tok::kArrow) {
    Operand x = Expr(e);
    if (x.invalid()) return nullptr;
    EvalFn ev = x.eval;
    return [ev](Frame& f) {
      ev(f);
      return Ctl::kNext;
    };
  }
  Operand x = Expr(e);
  if (x.mode == M::kBuiltin) {
    Error(s->pos, ExprText(e) + " (built-in) must be called");
  } else if (x.mode == M::kType) {
    Error(s->pos, ExprText(e) + " (type) is not an expression");
  } else if (!x.invalid() && x.type != nullptr) {
    Error(s->pos, fmt::format("{} ({}) is not used", ExprText(e), x.mode == M::kConst ? "untyped constant" : "value of type " + x.type->String()));
  }
  return nullptr;
}

// Store lowers `lhs = value` for one already-converted value.
// StoreTwoPhase: "First, the operands of index expressions and pointer
// indirections on the left and the expressions on the right are all
// evaluated in the usual order. Second, the assignments are carried out in
// left-to-right order." The first phase keeps the location (or the map and
// key) in frame temporaries; a tuple assignment runs all first phases
// before any second phase.
std::pair<StmtFn, StmtFn> Compiler::StoreTwoPhase(lang::Expr* lhs, EvalFn value) {
  auto next = [](Frame&) { return Ctl::kNext; };
  if (lhs->kind == ExprKind::kIdent && static_cast<Ident*>(lhs)->name == "_") return {next, StoreTo(lhs, value)};
  Operand l = LhsOperand(lhs);
  if (l.invalid()) return {};
  int tmp = fn_->code->nslots;
  fn_->code->nslots += 2;
  if (l.mode == M::kMapIndex) {
    EvalFn m = l.map_eval, k = l.key_eval;
    return {[m, k, tmp](Frame& f) {
              f.slots[tmp] = m(f);
              f.slots[tmp + 1] = k(f);
              return Ctl::kNext;
            },
            [value, tmp](Frame& f) {
              Value v = value(f);
              exec::MapSet(f, f.slots[tmp], f.slots[tmp + 1], v);
              return Ctl::kNext;
            }};
  }
  if (l.mode != M::kVar) return {next, StoreTo(lhs, value)};  // reports the error
  AddrFn a = l.addr;
  const Type* t = l.type;
  bool copy = t->UKind() == Kind::kStruct || t->UKind() == Kind::kArray;
  return {[a, tmp](Frame& f) {
            f.slots[tmp] = Value::Ptr(a(f));
            return Ctl::kNext;
          },
          [value, tmp, t, copy](Frame& f) {
            Value v = value(f);
            if (copy) v = exec::Copy(exec::Run(f), t, v);
            *static_cast<Value*>(f.slots[tmp].p) = v;
            return Ctl::kNext;
          }};
}

StmtFn Compiler::StoreTo(lang::Expr* lhs, EvalFn value) {
  if (lhs->kind == ExprKind::kIdent && static_cast<Ident*>(lhs)->name == "_") {
    return [value](Frame& f) {
      value(f);
      return Ctl::kNext;
    };
  }
  Operand l = LhsOperand(lhs);
  if (l.invalid()) return nullptr;
  if (l.mode == M::kType || l.mode == M::kBuiltin) {  // `int = 1`, `new = 1` (varerr.go)
    Error(lhs->pos, ExprText(lhs) + (l.mode == M::kType ? " (type) is not an expression" : " (built-in) must be called"));
    return nullptr;
  }
  if (l.mode == M::kMapIndex) {
    EvalFn m = l.map_eval, k = l.key_eval;
    return [m, k, value](Frame& f) {
      Value mv = m(f), kv = k(f), vv = value(f);
      exec::MapSet(f, mv, kv, vv);
      return Ctl::kNext;
    };
  }
  if (l.mode != M::kVar) {
    // go1.19 (checked against its compiler) describes the operand; go1.20's
    // types2 says why instead.
    Error(lhs->pos, minor() >= 20 ? fmt::format("cannot assign to {} (neither addressable nor a map index expression)", ExprText(lhs))
                                  : fmt::format("cannot assign to {}", Describe2(lhs, l)));
    return nullptr;
  }
  AddrFn a = l.addr;
  const Type* t = l.type;
  bool copy = t->UKind() == Kind::kStruct || t->UKind() == Kind::kArray;
  if (copy) {
    return [a, value, t](Frame& f) {
      Value v = exec::Copy(exec::Run(f), t, value(f));
      *a(f) = v;
      return Ctl::kNext;
    };
  }
  return [a, value](Frame& f) {
    Value v = value(f);
    *a(f) = v;
    return Ctl::kNext;
  };
}

const Type* Compiler::LhsType(lang::Expr* lhs) {
  if (lhs->kind == ExprKind::kIdent && static_cast<Ident*>(lhs)->name == "_") return nullptr;
  Operand l = LhsOperand(lhs);
  return l.invalid() ? nullptr : l.type;
}

static bool IsBlank(lang::Expr* e) { return e->kind == ExprKind::kIdent && static_cast<Ident*>(e)->name == "_"; }

StmtFn Compiler::Assign(AssignStmt* a) {
  if (a->tok != Tok::kAssign) {
    // x op= y
    Tok op = AssignOpBase(a->tok);
    BinaryExpr bin(a->tok_pos, op);
    bin.x = a->lhs[0];
    bin.y = a->rhs[0];
    Operand l = Expr(a->lhs[0]);
    if (l.invalid()) return nullptr;
    Operand r = Binary(&bin, l.type);
    if (r.invalid() || !AssignTo(a->rhs[0], &r, l.type, "assignment")) return nullptr;
    if (l.mode == M::kMapIndex) return StoreTo(a->lhs[0], r.eval);
    if (l.mode != M::kVar) {
      Error(a->lhs[0]->pos, fmt::format("cannot assign to {}", ExprText(a->lhs[0])));
      return nullptr;
    }
    AddrFn addr = l.addr;
    EvalFn v = r.eval;
    return [addr, v](Frame& f) {
      Value x = v(f);
      *addr(f) = x;
      return Ctl::kNext;
    };
  }
  if (a->lhs.size() == a->rhs.size()) {
    if (a->lhs.size() == 1) {
      const Type* t = LhsType(a->lhs[0]);
      Operand r = ExprValue(a->rhs[0], t);
      if (r.invalid()) return nullptr;
      if (t == nullptr) {
        if (IsBlank(a->lhs[0]) && !DefaultTo(a->rhs[0], &r, "assignment to _ identifier")) return nullptr;
        Default(&r);
      } else if (!AssignTo(a->rhs[0], &r, t, "assignment")) {
        return nullptr;
      }
      return StoreTo(a->lhs[0], r.eval);
    }
    // Parallel assignment: evaluate every right side first.
    size_t n = a->lhs.size();
    std::vector<EvalFn> rhs;
    std::vector<StmtFn> preps, stores;
    int base = fn_->code->nslots;
    fn_->code->nslots += static_cast<int>(n);
    for (size_t i = 0; i < n; ++i) {
      const Type* t = LhsType(a->lhs[i]);
      Operand r = ExprValue(a->rhs[i], t);
      if (r.invalid()) return nullptr;
      if (t == nullptr) {
        if (IsBlank(a->lhs[i]) && !DefaultTo(a->rhs[i], &r, "assignment to _ identifier")) return nullptr;
        Default(&r);
      } else if (!AssignTo(a->rhs[i], &r, t, "assignment")) {
        return nullptr;
      }
      rhs.push_back(r.eval);
      int slot = base + static_cast<int>(i);
      auto [prep, store] = StoreTwoPhase(a->lhs[i], [slot](Frame& f) { return f.slots[slot]; });
      if (!store) return nullptr;
      preps.push_back(prep);
      stores.push_back(store);
    }
    return [preps, rhs, stores, base](Frame& f) {
      for (const StmtFn& p : preps) p(f);
      for (size_t i = 0; i < rhs.size(); ++i) f.slots[base + i] = rhs[i](f);
      for (const StmtFn& s : stores) s(f);
      return Ctl::kNext;
    };
  }
  if (a->rhs.size() == 1) return AssignMulti(a->lhs, a->rhs[0], nullptr, a->pos);
  Error(StartPos(a->rhs[0]), fmt::format("assignment mismatch: {} variable{} but {} value{}", a->lhs.size(),
                                         a->lhs.size() > 1 ? "s" : "", a->rhs.size(), a->rhs.size() > 1 ? "s" : ""));
  return nullptr;
}

// AssignMulti lowers `a, b = f()` / `v, ok = m[k]` (and :=, with `defs`
// saying which left sides are new variables).
StmtFn Compiler::AssignMulti(const std::vector<lang::Expr*>& lhs, lang::Expr* rhs, std::vector<Object*>* defs, Pos pos) {
  Operand r = Expr(rhs);
  if (r.invalid()) return nullptr;
  size_t n = lhs.size();
  std::vector<const Type*> types;
  std::function<void(Frame&, Value*)> produce;
  if ((r.mode == M::kCommaOk || r.mode == M::kMapIndex) && n == 2) {
    types = {r.type, types_->Bool()};
    produce = r.eval2;
  } else if (r.type != nullptr && r.type->kind() == Kind::kTuple && r.type->params().size() == n) {
    types = r.type->params();
    produce = r.multi;
  } else {
    // types2 assignError: at the value; "f returns" only for a call.
    size_t have = r.type != nullptr && r.type->kind() == Kind::kTuple ? r.type->params().size() : 1;
    lang::Expr* v = rhs;
    while (v->kind == ExprKind::kParen) v = static_cast<ParenExpr*>(v)->x;
    std::string vals = fmt::format("{} value{}", have, have == 1 ? "" : "s");
    Error(StartPos(rhs), v->kind == ExprKind::kCall
                             ? fmt::format("assignment mismatch: {} variable{} but {} returns {}", n, n > 1 ? "s" : "",
                                           ExprText(static_cast<CallExpr*>(v)->fun), vals)
                             : fmt::format("assignment mismatch: {} variable{} but {}", n, n > 1 ? "s" : "", vals));
    return nullptr;
  }
  int base = fn_->code->nslots;
  fn_->code->nslots += 16;
  std::vector<StmtFn> preps, stores;
  for (size_t i = 0; i < n; ++i) {
    int slot = base + static_cast<int>(i);
    EvalFn v = [slot](Frame& f) { return f.slots[slot]; };
    if (defs != nullptr && (*defs)[i] != nullptr) {
      Object* o = (*defs)[i];
      o->type = types[i];
      Operand var = VarOperand(o, pos);
      o->used = false;
      AddrFn ad = var.addr;
      int s = o->slot;
      bool boxed = o->boxed;
      stores.push_back([ad, v, s, boxed](Frame& f) {
        if (boxed) f.slots[s] = Value::Ptr(exec::Run(f).heap.Cells(1));
        *ad(f) = v(f);
        return Ctl::kNext;
      });
      continue;
    }
    const Type* t = LhsType(lhs[i]);
    if (t != nullptr && !types::Identical(t, types[i])) {
      Operand tmp;
      tmp.mode = M::kValue;
      tmp.type = types[i];
      tmp.eval = v;
      if (!AssignTo(lhs[i], &tmp, t, "assignment")) return nullptr;
      v = tmp.eval;
    }
    auto [prep, st] = StoreTwoPhase(lhs[i], v);
    if (!st) return nullptr;
    preps.push_back(prep);
    stores.push_back(st);
  }
  return [produce, preps, stores, base](Frame& f) {
    for (const StmtFn& p : preps) p(f);
    produce(f, &f.slots[base]);
    for (const StmtFn& s : stores) s(f);
    return Ctl::kNext;
  };
}

StmtFn Compiler::Define(AssignStmt* a) {
  std::vector<Object*> defs;
  bool any_new = false;
  std::vector<Ident*> ids;
  for (lang::Expr* l : a->lhs) {
    if (l->kind != ExprKind::kIdent) {
      Error(l->pos, fmt::format("non-name {} on left side of :=", ExprText(l)));
      return nullptr;
    }
    ids.push_back(static_cast<Ident*>(l));
  }
  if (a->rhs.size() == 1 && a->lhs.size() > 1) {
    for (Ident* id : ids) {
      auto it = scope_->names.find(id->name);
      if (id->name != "_" && it != scope_->names.end()) {
        defs.push_back(nullptr);
        continue;
      }
      any_new |= id->name != "_";
      defs.push_back(nullptr);
    }
    if (!any_new) {
      Error(a->tok_pos, "no new variables on left side of :=");
      return nullptr;
    }
    // Check the right side before declaring (x := x is the outer x).
    std::vector<Ident*> fresh;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i]->name == "_" || scope_->names.count(ids[i]->name)) continue;
      fresh.push_back(ids[i]);
    }
    StmtFn code;
    {
      // Declare after analysing the right side: AssignMulti declares through defs.
      std::vector<Object*> tmpdefs(ids.size(), nullptr);
      for (size_t i = 0; i < ids.size(); ++i) {
        if (ids[i]->name == "_" || scope_->names.count(ids[i]->name)) continue;
        tmpdefs[i] = DeclareVar(ids[i], types_->Invalid());
      }
      code = AssignMulti(a->lhs, a->rhs[0], &tmpdefs, a->pos);
      // A failed := still declares its variables, used (types2 useLHS).
      if (!code) {
        for (Object* o : tmpdefs) if (o != nullptr) o->used = true;
      }
    }
    return code;
  }
  if (a->lhs.size() != a->rhs.size()) {
    Error(StartPos(a->rhs[0]), fmt::format("assignment mismatch: {} variable{} but {} value{}", a->lhs.size(), a->lhs.size() > 1 ? "s" : "",
                              a->rhs.size(), a->rhs.size() > 1 ? "s" : ""));
    return nullptr;
  }
  // A failed right side still declares the new names (types2 useLHS), with
  // an invalid type that silences follow-on errors.
  auto declare_invalid = [&] {
    for (Ident* id : ids) {
      if (id->name == "_" || scope_->names.count(id->name)) continue;
      DeclareVar(id, types_->Invalid())->used = true;
    }
    return nullptr;
  };
  std::vector<Operand> rs;
  for (lang::Expr* r : a->rhs) {
    Operand x = ExprValue(r);
    if (x.invalid()) return declare_invalid();
    if (x.type->kind() == Kind::kTuple) {
      Error(r->pos, fmt::format("assignment mismatch: 1 variable but {} returns {} values", ExprText(r), x.type->params().size()));
      return nullptr;
    }
    if (x.type->kind() == Kind::kUntypedNil) {
      Error(r->pos, "use of untyped nil in assignment");
      return nullptr;
    }
    DefaultTo(r, &x, "assignment");
    rs.push_back(x);
  }
  std::vector<StmtFn> parts;
  int base = fn_->code->nslots;
  fn_->code->nslots += static_cast<int>(ids.size());
  std::vector<EvalFn> evals;
  for (Operand& x : rs) evals.push_back(x.eval);
  for (size_t i = 0; i < ids.size(); ++i) {
    int tmp = base + static_cast<int>(i);
    EvalFn v = [tmp](Frame& f) { return f.slots[tmp]; };
    if (ids[i]->name != "_" && !scope_->names.count(ids[i]->name)) {
      any_new = true;
      Object* o = DeclareVar(ids[i], rs[i].type);
      int s = o->slot;
      bool boxed = o->boxed;
      bool copy = rs[i].type->UKind() == Kind::kStruct || rs[i].type->UKind() == Kind::kArray;
      const Type* t = rs[i].type;
      parts.push_back([s, boxed, v, copy, t](Frame& f) {
        Value x = v(f);
        if (copy) x = exec::Copy(exec::Run(f), t, x);
        if (boxed) {
          Value* cell = exec::Run(f).heap.Cells(1);
          *cell = x;
          f.slots[s] = Value::Ptr(cell);
        } else {
          f.slots[s] = x;
        }
        return Ctl::kNext;
      });
    } else {
      if (ids[i]->name != "_") {
        Operand tmpx = rs[i];
        Operand l = Expr(ids[i]);
        if (!l.invalid() && !types::Identical(l.type, rs[i].type)) {
          tmpx.eval = v;
          if (!AssignTo(a->rhs[i], &tmpx, l.type, "assignment")) return nullptr;
        }
      }
      StmtFn st = StoreTo(ids[i], v);
      if (st) parts.push_back(st);
    }
  }
  if (!any_new) {
    Error(a->tok_pos, "no new variables on left side of :=");
    return nullptr;
  }
  return [evals, parts, base](Frame& f) {
    for (size_t i = 0; i < evals.size(); ++i) f.slots[base + i] = evals[i](f);
    for (const StmtFn& p : parts) p(f);
    return Ctl::kNext;
  };
}

StmtFn Compiler::DeclCode(GenDecl* g) {
  if (g->tok == Tok::kType) {
    for (TypeSpec& ts : g->types) {
      types::Type* t = types_->NewNamed("main", ts.name->name);
      Object* o = Declare(ts.name, Object::K::kType, t);
      o->used = true;
      DeclareTypes({{&ts, t}});
    }
    return nullptr;
  }
  std::vector<StmtFn> parts;
  Const::K dummy{};
  (void)dummy;
  std::vector<lang::Expr*>* last_values = nullptr;
  lang::Expr* last_type = nullptr;
  for (ValueSpec& vs : g->values) {
    if (g->tok == Tok::kConst) {
      std::vector<lang::Expr*>& values = vs.values.empty() && last_values ? *last_values : vs.values;
      lang::Expr* te = vs.values.empty() && last_values ? last_type : vs.type;
      if (!vs.values.empty()) {
        last_values = &vs.values;
        last_type = vs.type;
      }
      iota_ = vs.iota;
      const Type* t = te ? TypeOf(te) : nullptr;
      for (size_t i = 0; i < vs.names.size(); ++i) {
        if (i >= values.size()) {
          Error(vs.names[i]->pos, "missing init expr for const declaration");
          break;
        }
        Operand x = ExprValue(values[i], t);
        // A failed constant is still declared, invalid (types2: no
        // follow-on "undefined"; IdentExpr makes its uses invalid).
        auto failed = [&] { Declare(vs.names[i], Object::K::kConst, types_->Invalid())->used = true; };
        if (x.invalid()) {
          failed();
          continue;
        }
        if (x.mode != M::kConst) {
          Error(values[i]->pos, fmt::format("{} (value of type {}) is not constant", ExprText(values[i]), x.type->String()));
          failed();
          continue;
        }
        if (t != nullptr && !AssignTo(values[i], &x, t, "constant declaration")) continue;
        Object* o = Declare(vs.names[i], Object::K::kConst, x.type);
        o->value = x.value;
        o->used = true;
      }
      iota_ = -1;
      continue;
    }
    const Type* t = vs.type ? TypeOf(vs.type) : nullptr;
    if (vs.type && t == nullptr) continue;
    if (!vs.values.empty() && vs.values.size() != vs.names.size()) {
      if (vs.values.size() == 1 && scope_ == package_) {
        StmtFn s = PackageMultiVar(vs, t);
        if (s) parts.push_back(s);
        continue;
      }
      if (vs.values.size() == 1) {
        std::vector<Object*> defs;
        std::vector<lang::Expr*> lhs;
        for (Ident* id : vs.names) {
          defs.push_back(DeclareVar(id, t ? t : types_->Invalid()));
          lhs.push_back(id);
        }
        StmtFn s = AssignMulti(lhs, vs.values[0], &defs, vs.pos);
        if (s) parts.push_back(s);
        continue;
      }
      Error(StartPos(vs.values[0]), fmt::format("assignment mismatch: {} variable{} but {} value{}", vs.names.size(),
                                                vs.names.size() > 1 ? "s" : "", vs.values.size(), vs.values.size() > 1 ? "s" : ""));
      continue;
    }
    for (size_t i = 0; i < vs.names.size(); ++i) {
      EvalFn init;
      const Type* vt = t;
      // A failed initialization still declares the variable, used (types2
      // initVars: no follow-on "undefined" or "declared but not used").
      auto failed = [&] {
        Object* o = scope_ == package_ ? Declare(vs.names[i], Object::K::kVar, t ? t : types_->Invalid())
                                       : DeclareVar(vs.names[i], t ? t : types_->Invalid());
        o->used = true;
      };
      if (!vs.values.empty()) {
        Operand x = ExprValue(vs.values[i], t);
        if (x.invalid()) {
          failed();
          continue;
        }
        if (t != nullptr) {
          if (!AssignTo(vs.values[i], &x, t, "variable declaration")) {
            failed();
            continue;
          }
        } else {
          if (x.type->kind() == Kind::kUntypedNil) {
            Error(vs.values[i]->pos, "use of untyped nil in variable declaration");
            failed();
            continue;
          }
          if (!DefaultTo(vs.values[i], &x, "variable declaration")) {
            failed();
            continue;
          }
          vt = x.type;
        }
        init = x.eval;
      } else {
        init = [vt](Frame& f) { return exec::Zero(exec::Run(f), vt); };
      }
      bool copy = vt->UKind() == Kind::kStruct || vt->UKind() == Kind::kArray;
      if (scope_ == package_) {
        Object* o = Declare(vs.names[i], Object::K::kVar, vt);
        o->depth = 0;
        o->slot = nglobals_++;
        o->used = true;
        int s = o->slot;
        parts.push_back([s, init, copy, vt](Frame& f) {
          Value v = init(f);
          exec::Globals(f)[s] = copy ? exec::Copy(exec::Run(f), vt, v) : v;
          return Ctl::kNext;
        });
        continue;
      }
      Object* o = DeclareVar(vs.names[i], vt);
      int s = o->slot;
      bool boxed = o->boxed;
      parts.push_back([s, init, boxed, copy, vt](Frame& f) {
        Value v = init(f);
        if (copy) v = exec::Copy(exec::Run(f), vt, v);
        if (boxed) {
          Value* cell = exec::Run(f).heap.Cells(1);
          *cell = v;
          f.slots[s] = Value::Ptr(cell);
        } else {
          f.slots[s] = v;
        }
        return Ctl::kNext;
      });
    }
  }
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return parts[0];
  return [parts](Frame& f) {
    for (const StmtFn& p : parts) p(f);
    return Ctl::kNext;
  };
}

StmtFn Compiler::If(IfStmt* s) {
  Push();
  StmtFn init = s->init ? Statement(s->init) : nullptr;
  Operand c = ExprValue(s->cond);
  if (!c.invalid() && !c.type->IsBoolean()) Error(s->cond->pos, fmt::format("non-boolean condition in if statement"));
  if (c.mode == M::kConst) Default(&c);
  Push();
  StmtFn body = Block(s->body->list);
  CheckUnused();
  Pop();
  StmtFn els = s->else_stmt ? Statement(s->else_stmt) : nullptr;
  CheckUnused();
  Pop();
  if (c.invalid()) return nullptr;
  EvalFn cond = c.eval;
  if (!init && !els) {  // the common shape: `if cond { … }`
    return [cond, body](Frame& f) { return cond(f).i != 0 ? body(f) : Ctl::kNext; };
  }
  return [init, cond, body, els](Frame& f) {
    if (init) init(f);
    if (cond(f).i != 0) return body(f);
    if (els) return els(f);
    return Ctl::kNext;
  };
}

StmtFn Compiler::Send(SendStmt* s) {
  Operand ch = ExprValue(s->chan);
  if (ch.invalid()) return nullptr;
  if (ch.type->UKind() != Kind::kChan) {
    Error(StartPos(s->chan), fmt::format("invalid operation: cannot send to non-channel {}", Describe2(s->chan, ch)));
    return nullptr;
  }
  if (ch.type->Underlying()->dir() == types::ChanDirKind::kRecv) {
    Error(StartPos(s->chan), fmt::format("invalid operation: cannot send to receive-only channel {}", Describe2(s->chan, ch)));
    return nullptr;
  }
  const Type* et = ch.type->Underlying()->elem();
  Operand v = ExprValue(s->value, et);
  if (v.invalid() || !AssignTo(s->value, &v, et, "send")) return nullptr;
  EvalFn ce = ch.eval, ve = v.eval;
  const char* file = file_name();
  uint32_t line = s->pos.line;
  bool copy = et->UKind() == Kind::kStruct || et->UKind() == Kind::kArray;
  return [ce, ve, file, line, copy, et](Frame& f) {
    auto* c = static_cast<sched::Hchan*>(ce(f).p);
    Value x = ve(f);
    if (copy) x = exec::Copy(exec::Run(f), et, x);
    exec::ChanOp(f, [&] { return sched::ChanSend(S(), c, &x, true, sched::At(file, line)); });
    return Ctl::kNext;
  };
}

StmtFn Compiler::Return(ReturnStmt* r) {
  const auto& want = fn_->sig->results();
  std::vector<int> slots;
  for (Object* o : fn_->results) slots.push_back(o->slot);
  bool boxed = fn_->box_all;
  if (r->results.empty()) {
    if (!want.empty() && !fn_->named_results) {
      Error(r->pos, fmt::format("not enough return values\n\thave ()\n\twant {}", types_->Tuple(want)->String()));
      return nullptr;
    }
    return [](Frame&) { return Ctl::kReturn; };
  }
  if (r->results.size() == 1 && want.size() > 1) {
    Operand x = Expr(r->results[0]);
    if (x.invalid()) return nullptr;
    if (x.type->kind() != Kind::kTuple || x.type->params().size() != want.size()) {
      Error(StartPos(r->results[0]), fmt::format("not enough return values\n\thave ({})\n\twant {}", x.type->String(), types_->Tuple(want)->String()));
      return nullptr;
    }
    auto m = x.multi;
    return [m, slots, boxed](Frame& f) {
      Value out[16];
      m(f, out);
      for (size_t i = 0; i < slots.size(); ++i) {
        if (boxed) *static_cast<Value*>(f.slots[slots[i]].p) = out[i];
        else f.slots[slots[i]] = out[i];
      }
      return Ctl::kReturn;
    };
  }
  if (r->results.size() != want.size()) {
    // types2 returnError: at the first extra value, else the last one.
    Pos at = r->results.size() > want.size() ? StartPos(r->results[want.size()]) : StartPos(r->results.back());
    Error(at, fmt::format("{} return values\n\thave ({})\n\twant {}", r->results.size() > want.size() ? "too many" : "not enough",
                                          ArgTypes(r->results), types_->Tuple(want)->String()));
    return nullptr;
  }
  std::vector<EvalFn> evals;
  for (size_t i = 0; i < want.size(); ++i) {
    Operand x = ExprValue(r->results[i], want[i]);
    if (x.invalid() || !AssignTo(r->results[i], &x, want[i], "return statement")) return nullptr;
    evals.push_back(x.eval);
  }
  if (evals.size() == 1) {  // the common case: straight into the result slot
    EvalFn e = evals[0];
    int slot = slots[0];
    if (boxed) {
      return [e, slot](Frame& f) {
        Value v = e(f);
        *static_cast<Value*>(f.slots[slot].p) = v;
        return Ctl::kReturn;
      };
    }
    return [e, slot](Frame& f) {
      f.slots[slot] = e(f);
      return Ctl::kReturn;
    };
  }
  return [evals, slots, boxed](Frame& f) {
    exec::ValueBuf<16> buf;
    Value* tmp = buf.v;
    for (size_t i = 0; i < evals.size(); ++i) tmp[i] = evals[i](f);
    for (size_t i = 0; i < evals.size(); ++i) {
      if (boxed) *static_cast<Value*>(f.slots[slots[i]].p) = tmp[i];
      else f.slots[slots[i]] = tmp[i];
    }
    return Ctl::kReturn;
  };
}

StmtFn Compiler::Branch(BranchStmt* b) {
  const void* label = b->label ? LabelKey(b->label->name) : nullptr;
  if (b->label == nullptr && b->tok == Tok::kBreak && fn_->breakables == 0) {
    Error(b->pos, "break is not in a loop, switch, or select");
  } else if (b->label == nullptr && b->tok == Tok::kContinue && fn_->loops == 0) {
    Error(b->pos, "continue is not in a loop");
  }
  switch (b->tok) {
    case Tok::kBreak: return [label](Frame& f) { f.label = label; return Ctl::kBreak; };
    case Tok::kContinue: return [label](Frame& f) { f.label = label; return Ctl::kContinue; };
    case Tok::kFallthrough: return [](Frame&) { return Ctl::kFallthrough; };
    default: return [label](Frame& f) { f.label = label; return Ctl::kGoto; };
  }
}

StmtFn Compiler::Labeled(LabeledStmt* l) {
  const void* key = LabelKey(l->label->name);
  switch (l->stmt->kind) {
    case StmtKind::kFor:
    case StmtKind::kRange:
    case StmtKind::kSwitch:
    case StmtKind::kTypeSwitch:
    case StmtKind::kSelect: return Breakable(l->stmt, key);
    default: return Statement(l->stmt);
  }
}

// Breakable compiles a for, range, switch or select statement, counting it
// for Branch: gc (syntax/branches.go) rejects a break outside the three and
// a continue outside a loop.
StmtFn Compiler::Breakable(Stmt* s, const void* key) {
  bool loop = s->kind == StmtKind::kFor || s->kind == StmtKind::kRange;
  fn_->loops += loop;
  fn_->breakables++;
  StmtFn code;
  switch (s->kind) {
    case StmtKind::kFor: code = For(static_cast<ForStmt*>(s), key); break;
    case StmtKind::kRange: code = Range(static_cast<RangeStmt*>(s), key); break;
    case StmtKind::kSwitch: code = Switch(static_cast<SwitchStmt*>(s), key); break;
    case StmtKind::kTypeSwitch: code = TypeSwitch(static_cast<TypeSwitchStmt*>(s), key); break;
    default: code = Select(static_cast<SelectStmt*>(s), key); break;
  }
  fn_->loops -= loop;
  fn_->breakables--;
  return code;
}

// LoopCtl decides what a loop does with a body's Ctl: true to leave the loop
// (with *out the loop statement's own result).
bool LoopExit(Frame& f, Ctl c, const void* label, Ctl* out) {
  switch (c) {
    case Ctl::kNext: return false;
    case Ctl::kBreak:
      if (f.label == nullptr || f.label == label) {
        f.label = nullptr;
        *out = Ctl::kNext;
      } else {
        *out = c;
      }
      return true;
    case Ctl::kContinue:
      if (f.label == nullptr || f.label == label) {
        f.label = nullptr;
        return false;
      }
      *out = c;
      return true;
    default:
      *out = c;
      return true;
  }
}

}  // namespace gostep::lang::check
