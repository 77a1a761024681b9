// lang/check/escapes.cc — syntactic pre-scans (see escapes.h).
#include "lang/check/escapes.h"

namespace gostep::lang::check {
namespace {

bool ExprNeeds(const Expr* e);

bool StmtNeeds(const Stmt* s);

bool ListNeeds(const std::vector<Stmt*>& l) {
  for (const Stmt* s : l) if (StmtNeeds(s)) return true;
  return false;
}

bool ExprsNeed(const std::vector<Expr*>& l) {
  for (const Expr* e : l) if (ExprNeeds(e)) return true;
  return false;
}

bool ExprNeeds(const Expr* e) {
  if (e == nullptr) return false;
  switch (e->kind) {
    case ExprKind::kFuncLit: return true;
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      return u->op == Tok::kAnd || ExprNeeds(u->x);
    }
    case ExprKind::kCall: {
      auto* c = static_cast<const CallExpr*>(e);
      if (c->fun->kind == ExprKind::kSelector) return true;
      return ExprNeeds(c->fun) || ExprsNeed(c->args);
    }
    case ExprKind::kSelector: return true;  // a method value may bind &x
    case ExprKind::kParen: return ExprNeeds(static_cast<const ParenExpr*>(e)->x);
    case ExprKind::kIndex: {
      auto* i = static_cast<const IndexExpr*>(e);
      return ExprNeeds(i->x) || ExprNeeds(i->index);
    }
    case ExprKind::kSlice: {
      auto* s = static_cast<const SliceExpr*>(e);
      // Slicing an array variable takes its address.
      return true || ExprNeeds(s->x);
    }
    case ExprKind::kStar: return ExprNeeds(static_cast<const StarExpr*>(e)->x);
    case ExprKind::kBinary: {
      auto* b = static_cast<const BinaryExpr*>(e);
      return ExprNeeds(b->x) || ExprNeeds(b->y);
    }
    case ExprKind::kCompositeLit: return ExprsNeed(static_cast<const CompositeLit*>(e)->elts);
    case ExprKind::kKeyValue: {
      auto* kv = static_cast<const KeyValueExpr*>(e);
      return ExprNeeds(kv->key) || ExprNeeds(kv->value);
    }
    case ExprKind::kTypeAssert: return ExprNeeds(static_cast<const TypeAssertExpr*>(e)->x);
    default: return false;
  }
}

bool StmtNeeds(const Stmt* s) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case StmtKind::kDecl: {
      auto* g = static_cast<const DeclStmt*>(s)->decl;
      for (const ValueSpec& v : g->values) if (ExprsNeed(v.values)) return true;
      return false;
    }
    case StmtKind::kLabeled: return StmtNeeds(static_cast<const LabeledStmt*>(s)->stmt);
    case StmtKind::kExpr: return ExprNeeds(static_cast<const ExprStmt*>(s)->x);
    case StmtKind::kSend: {
      auto* x = static_cast<const SendStmt*>(s);
      return ExprNeeds(x->chan) || ExprNeeds(x->value);
    }
    case StmtKind::kIncDec: return ExprNeeds(static_cast<const IncDecStmt*>(s)->x);
    case StmtKind::kAssign: {
      auto* a = static_cast<const AssignStmt*>(s);
      return ExprsNeed(a->lhs) || ExprsNeed(a->rhs);
    }
    case StmtKind::kGo: case StmtKind::kDefer: return true;
    case StmtKind::kReturn: return ExprsNeed(static_cast<const ReturnStmt*>(s)->results);
    case StmtKind::kBlock: return ListNeeds(static_cast<const BlockStmt*>(s)->list);
    case StmtKind::kIf: {
      auto* i = static_cast<const IfStmt*>(s);
      return StmtNeeds(i->init) || ExprNeeds(i->cond) || StmtNeeds(i->body) || StmtNeeds(i->else_stmt);
    }
    case StmtKind::kCaseClause: {
      auto* c = static_cast<const CaseClause*>(s);
      return ExprsNeed(c->list) || ListNeeds(c->body);
    }
    case StmtKind::kSwitch: {
      auto* w = static_cast<const SwitchStmt*>(s);
      return StmtNeeds(w->init) || ExprNeeds(w->tag) || StmtNeeds(w->body);
    }
    case StmtKind::kTypeSwitch: {
      auto* w = static_cast<const TypeSwitchStmt*>(s);
      return StmtNeeds(w->init) || StmtNeeds(w->assign) || StmtNeeds(w->body);
    }
    case StmtKind::kCommClause: {
      auto* c = static_cast<const CommClause*>(s);
      return StmtNeeds(c->comm) || ListNeeds(c->body);
    }
    case StmtKind::kSelect: return StmtNeeds(static_cast<const SelectStmt*>(s)->body);
    case StmtKind::kFor: {
      auto* f = static_cast<const ForStmt*>(s);
      return StmtNeeds(f->init) || ExprNeeds(f->cond) || StmtNeeds(f->post) || StmtNeeds(f->body);
    }
    case StmtKind::kRange: {
      auto* r = static_cast<const RangeStmt*>(s);
      return ExprNeeds(r->x) || StmtNeeds(r->body);
    }
    default: return false;
  }
}

bool HasBreak(const Stmt* s, bool nested) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case StmtKind::kBranch: return !nested && static_cast<const BranchStmt*>(s)->tok == Tok::kBreak;
    case StmtKind::kBlock:
      for (const Stmt* x : static_cast<const BlockStmt*>(s)->list) if (HasBreak(x, nested)) return true;
      return false;
    case StmtKind::kIf: {
      auto* i = static_cast<const IfStmt*>(s);
      return HasBreak(i->body, nested) || HasBreak(i->else_stmt, nested);
    }
    case StmtKind::kLabeled: return HasBreak(static_cast<const LabeledStmt*>(s)->stmt, nested);
    default: return false;  // a nested for/switch/select owns its breaks
  }
}

}  // namespace

bool NeedsBoxes(const BlockStmt* body) { return StmtNeeds(body); }

bool Terminates(const Stmt* s) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case StmtKind::kReturn: case StmtKind::kGo: return s->kind == StmtKind::kReturn;
    case StmtKind::kBranch: {
      Tok t = static_cast<const BranchStmt*>(s)->tok;
      return t == Tok::kGoto || t == Tok::kFallthrough;
    }
    case StmtKind::kExpr: {
      auto* e = static_cast<const ExprStmt*>(s)->x;
      if (e->kind != ExprKind::kCall) return false;
      auto* f = static_cast<const CallExpr*>(e)->fun;
      if (f->kind == ExprKind::kIdent && static_cast<const Ident*>(f)->name == "panic") return true;
      if (f->kind == ExprKind::kSelector) {
        auto* sel = static_cast<const SelectorExpr*>(f);
        if (sel->x->kind == ExprKind::kIdent && static_cast<const Ident*>(sel->x)->name == "os" && sel->sel->name == "Exit") return false;
      }
      return false;
    }
    case StmtKind::kBlock: {
      auto& l = static_cast<const BlockStmt*>(s)->list;
      for (auto it = l.rbegin(); it != l.rend(); ++it) {
        if ((*it)->kind == StmtKind::kEmpty) continue;
        return Terminates(*it);
      }
      return false;
    }
    case StmtKind::kIf: {
      auto* i = static_cast<const IfStmt*>(s);
      return i->else_stmt != nullptr && Terminates(i->body) && Terminates(i->else_stmt);
    }
    case StmtKind::kLabeled: return Terminates(static_cast<const LabeledStmt*>(s)->stmt);
    case StmtKind::kFor: {
      auto* f = static_cast<const ForStmt*>(s);
      return f->cond == nullptr && !HasBreak(f->body, false);
    }
    case StmtKind::kSwitch: case StmtKind::kTypeSwitch: case StmtKind::kSelect: {
      const BlockStmt* b = s->kind == StmtKind::kSwitch ? static_cast<const SwitchStmt*>(s)->body
                           : s->kind == StmtKind::kTypeSwitch ? static_cast<const TypeSwitchStmt*>(s)->body
                                                              : static_cast<const SelectStmt*>(s)->body;
      bool has_default = s->kind == StmtKind::kSelect;
      for (const Stmt* c : b->list) {
        const std::vector<Stmt*>& body = c->kind == StmtKind::kCommClause ? static_cast<const CommClause*>(c)->body
                                                                          : static_cast<const CaseClause*>(c)->body;
        if (c->kind == StmtKind::kCaseClause && static_cast<const CaseClause*>(c)->is_default) has_default = true;
        for (const Stmt* x : body) if (HasBreak(x, false)) return false;
        const Stmt* last = nullptr;
        for (const Stmt* x : body) if (x->kind != StmtKind::kEmpty) last = x;
        if (!Terminates(last)) return false;
      }
      return has_default;
    }
    default: return false;
  }
}

}  // namespace gostep::lang::check
