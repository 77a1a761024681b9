// lang/syntax/parser_stmt.cc — statements (parser.go's simpleStmt .. stmtList):
// simple statements, headers of if/for/switch (with gc's errors for a missing
// condition or a misplaced assignment), type switches, select, go/defer.
#include <fmt/format.h>

#include "lang/syntax/ast_string.h"
#include "lang/syntax/parser_impl.h"

namespace gostep::lang::internal {
namespace {

Expr* Unparen(Expr* x) {
  while (x != nullptr && x->kind == ExprKind::kParen) x = static_cast<ParenExpr*>(x)->x;
  return x;
}

// GcPos is the position gc gives a simple statement: an assignment's is its
// operator's.
Pos GcPos(const Stmt* s) {
  switch (s->kind) {
    case StmtKind::kAssign: return static_cast<const AssignStmt*>(s)->tok_pos;
    case StmtKind::kIncDec: return static_cast<const IncDecStmt*>(s)->tok_pos;
    case StmtKind::kSend: return static_cast<const SendStmt*>(s)->arrow;
    default: return s->pos;
  }
}

bool IsTypeSwitchGuard(const Expr* x) {
  return x != nullptr && x->kind == ExprKind::kTypeAssert &&
         static_cast<const TypeAssertExpr*>(x)->type_expr == nullptr;
}

// IsGuardStmt: "x := y.(type)" or "y.(type)".
bool IsGuardStmt(const Stmt* s) {
  if (s == nullptr) return false;
  if (s->kind == StmtKind::kExpr) return IsTypeSwitchGuard(static_cast<const ExprStmt*>(s)->x);
  if (s->kind != StmtKind::kAssign) return false;
  auto* a = static_cast<const AssignStmt*>(s);
  return a->tok == Tok::kDefine && a->lhs.size() == 1 && a->lhs[0]->kind == ExprKind::kIdent &&
         a->rhs.size() == 1 && IsTypeSwitchGuard(a->rhs[0]);
}

}  // namespace

Stmt* Parser::SimpleStmt(std::vector<Expr*> lhs, Tok keyword) {
  auto range = [&](std::vector<Expr*> vars, Tok op, Pos op_pos) {
    auto* r = New<RangeStmt>(pos());
    Next();  // range
    if (!vars.empty()) {
      r->key = vars[0];
      r->tok = op;
      r->tok_pos = op_pos;
    }
    if (vars.size() >= 2) r->value = vars[1];
    if (vars.size() >= 3) ErrorAt(StartPos(vars[2]), "range clause permits at most two iteration variables");
    r->x = ParseExpr();
    return r;
  };
  if (keyword == Tok::kFor && tok() == Tok::kRange) return range({}, Tok::kIllegal, Pos{});
  if (lhs.empty()) lhs = ExprList();
  Pos start = StartPos(lhs[0]);
  if (lhs.size() == 1 && tok() != Tok::kAssign && tok() != Tok::kDefine) {
    Pos p = pos();
    Tok t = tok();
    if (AssignOpBase(t) != Tok::kIllegal) {
      Next();
      auto* a = New<AssignStmt>(start, t);
      a->tok_pos = p;
      a->lhs = lhs;
      a->rhs.push_back(ParseExpr());
      return a;
    }
    if (t == Tok::kInc || t == Tok::kDec) {
      Next();
      auto* s = New<IncDecStmt>(start, t);
      s->tok_pos = p;
      s->x = lhs[0];
      return s;
    }
    if (t == Tok::kArrow) {
      Next();
      auto* s = New<SendStmt>(start);
      s->arrow = p;
      s->chan = lhs[0];
      s->value = ParseExpr();
      return s;
    }
    auto* s = New<ExprStmt>(start);
    s->x = lhs[0];
    return s;
  }
  if (tok() == Tok::kAssign || tok() == Tok::kDefine) {
    Pos p = pos();
    Tok op = tok();
    Next();
    if (keyword == Tok::kFor && tok() == Tok::kRange) return range(std::move(lhs), op, p);
    auto* a = New<AssignStmt>(start, op);
    a->tok_pos = p;
    a->lhs = std::move(lhs);
    a->rhs = ExprList();
    return a;
  }
  SyntaxError("expecting := or = or comma");
  Advance({Tok::kSemicolon, Tok::kRBrace});
  auto* s = New<ExprStmt>(start);
  s->x = lhs[0];
  return s;
}

Stmt* Parser::LabeledStmtOrNil(Ident* label) {
  auto* s = New<LabeledStmt>(label->pos);
  s->label = label;
  Pos colon = pos();
  Want(Tok::kColon);
  if (tok() == Tok::kRBrace) {
    auto* e = New<EmptyStmt>(pos());
    e->implicit = true;
    s->stmt = e;
    return s;
  }
  s->stmt = StmtOrNil();
  if (s->stmt != nullptr) return s;
  SyntaxErrorAt(colon, "missing statement after label");
  return nullptr;
}

BlockStmt* Parser::Block(const char* context) {
  auto* s = New<BlockStmt>(pos());
  if (!Enter()) return s;
  if (!Got(Tok::kLBrace)) {
    SyntaxError(fmt::format("expecting {{ after {}", context));
    Advance({Tok::kIdent, Tok::kRBrace});
    s->rbrace = pos();
    if (Got(Tok::kRBrace)) {
      Leave();
      return s;
    }
  }
  s->list = StmtList();
  s->rbrace = pos();
  Want(Tok::kRBrace);
  Leave();
  return s;
}

Stmt* Parser::DeclStmtP() {
  auto* s = New<DeclStmt>(pos());
  s->decl = New<GenDecl>(pos(), tok());
  Tok t = tok();
  Next();
  AppendGroup(s->decl, t == Tok::kConst ? &Parser::ConstSpecP : t == Tok::kType ? &Parser::TypeSpecP : &Parser::VarSpecP);
  return s;
}

Stmt* Parser::ForStmt() {
  Pos p = pos();
  Header h = ParseHeader(Tok::kFor);
  if (h.init != nullptr && h.init->kind == StmtKind::kRange) {
    auto* r = static_cast<RangeStmt*>(h.init);
    r->pos = p;
    r->body = Block("for clause");
    return r;
  }
  auto* s = New<lang::ForStmt>(p);
  s->init = h.init;
  if (h.cond != nullptr && h.cond->kind == StmtKind::kExpr) s->cond = static_cast<ExprStmt*>(h.cond)->x;
  s->post = h.post;
  s->body = Block("for clause");
  return s;
}

Parser::Header Parser::ParseHeader(Tok keyword) {
  Header h;
  Want(keyword);
  if (tok() == Tok::kLBrace) {
    if (keyword == Tok::kIf) {
      SyntaxError("missing condition in if statement");
      h.bad_cond = Bad();
    }
    return h;
  }
  int outer = xnest_;
  xnest_ = -1;
  if (tok() != Tok::kSemicolon) {
    if (Got(Tok::kVar)) {
      SyntaxError(fmt::format("var declaration not allowed in {} initializer", ExpectName(keyword)));
    }
    h.init = SimpleStmt({}, keyword);
    if (h.init->kind == StmtKind::kRange) {
      xnest_ = outer;
      return h;
    }
  }
  Stmt* cond = nullptr;
  Pos semi_pos;
  std::string semi_lit;
  if (tok() != Tok::kLBrace) {
    if (tok() == Tok::kSemicolon) {
      semi_pos = pos();
      semi_lit = lit();
      Next();
    } else {
      Want(Tok::kLBrace);
      if (tok() != Tok::kLBrace) Advance({Tok::kLBrace, Tok::kRBrace});
    }
    if (keyword == Tok::kFor) {
      if (tok() != Tok::kSemicolon) {
        if (tok() == Tok::kLBrace) {
          SyntaxError("expecting for loop condition");
          goto done;
        }
        cond = SimpleStmt({}, Tok::kIllegal);
      }
      Want(Tok::kSemicolon);
      if (tok() != Tok::kLBrace) {
        h.post = SimpleStmt({}, Tok::kIllegal);
        if (h.post->kind == StmtKind::kAssign && static_cast<AssignStmt*>(h.post)->tok == Tok::kDefine) {
          SyntaxErrorAt(GcPos(h.post), "cannot declare in post statement of for loop");
        }
      }
    } else if (tok() != Tok::kLBrace) {
      cond = SimpleStmt({}, keyword);
    }
  } else {
    cond = h.init;
    h.init = nullptr;
  }
done:
  if (cond == nullptr) {
    if (keyword == Tok::kIf && semi_pos.valid()) {
      if (semi_lit != "semicolon") {
        SyntaxErrorAt(semi_pos, fmt::format("unexpected {}, expecting {{ after if clause", semi_lit));
      } else {
        SyntaxErrorAt(semi_pos, "missing condition in if statement");
      }
      h.bad_cond = New<BadExpr>(semi_pos);
    }
  } else if (cond->kind == StmtKind::kExpr || (keyword == Tok::kSwitch && IsGuardStmt(cond))) {
    h.cond = cond;
  } else {
    std::string str = StmtString(cond);
    if (cond->kind == StmtKind::kAssign && static_cast<AssignStmt*>(cond)->tok == Tok::kAssign) {
      auto* a = static_cast<AssignStmt*>(cond);
      str = "assignment (" + ExprListString(a->lhs) + ") = (" + ExprListString(a->rhs) + ")";
    }
    SyntaxErrorAt(GcPos(cond), fmt::format("cannot use {} as value", str));
    h.bad_cond = New<BadExpr>(GcPos(cond));
  }
  xnest_ = outer;
  return h;
}

Stmt* Parser::IfStmt() {
  auto* s = New<lang::IfStmt>(pos());
  if (!Enter()) return s;
  Header h = ParseHeader(Tok::kIf);
  s->init = h.init;
  s->cond = h.cond != nullptr && h.cond->kind == StmtKind::kExpr ? static_cast<ExprStmt*>(h.cond)->x : h.bad_cond;
  if (s->cond == nullptr) s->cond = New<BadExpr>(s->pos);
  s->body = Block("if clause");
  if (Got(Tok::kElse)) {
    if (tok() == Tok::kIf) {
      s->else_stmt = IfStmt();
    } else if (tok() == Tok::kLBrace) {
      s->else_stmt = Block("");
    } else {
      SyntaxError("else must be followed by if or statement block");
      Advance({Tok::kIdent, Tok::kRBrace});
    }
  }
  Leave();
  return s;
}

Stmt* Parser::SwitchStmt() {
  Pos p = pos();
  Header h = ParseHeader(Tok::kSwitch);
  auto* body = New<BlockStmt>(pos());
  if (!Got(Tok::kLBrace)) {
    SyntaxError("missing { after switch clause");
    Advance({Tok::kCase, Tok::kDefault, Tok::kRBrace});
  }
  while (tok() != Tok::kEof && tok() != Tok::kRBrace) body->list.push_back(CaseClauseP());
  body->rbrace = pos();
  Want(Tok::kRBrace);
  if (IsGuardStmt(h.cond)) {
    auto* s = New<TypeSwitchStmt>(p);
    s->init = h.init;
    s->assign = h.cond;
    s->body = body;
    return s;
  }
  auto* s = New<lang::SwitchStmt>(p);
  s->init = h.init;
  if (h.cond != nullptr) s->tag = static_cast<ExprStmt*>(h.cond)->x;
  else if (h.bad_cond != nullptr) s->tag = h.bad_cond;
  s->body = body;
  return s;
}

Stmt* Parser::SelectStmt() {
  auto* s = New<lang::SelectStmt>(pos());
  Want(Tok::kSelect);
  s->body = New<BlockStmt>(pos());
  if (!Got(Tok::kLBrace)) {
    SyntaxError("missing { after select clause");
    Advance({Tok::kCase, Tok::kDefault, Tok::kRBrace});
  }
  while (tok() != Tok::kEof && tok() != Tok::kRBrace) s->body->list.push_back(CommClauseP());
  s->body->rbrace = pos();
  Want(Tok::kRBrace);
  return s;
}

CaseClause* Parser::CaseClauseP() {
  auto* c = New<CaseClause>(pos());
  if (tok() == Tok::kCase) {
    Next();
    c->list = ExprList();
  } else if (tok() == Tok::kDefault) {
    Next();
    c->is_default = true;
  } else {
    SyntaxError("expecting case or default or }");
    Advance({Tok::kColon, Tok::kCase, Tok::kDefault, Tok::kRBrace});
  }
  c->colon = pos();
  Want(Tok::kColon);
  c->body = StmtList();
  return c;
}

CommClause* Parser::CommClauseP() {
  auto* c = New<CommClause>(pos());
  if (tok() == Tok::kCase) {
    Next();
    c->comm = SimpleStmt({}, Tok::kIllegal);
  } else if (tok() == Tok::kDefault) {
    Next();
  } else {
    SyntaxError("expecting case or default or }");
    Advance({Tok::kColon, Tok::kCase, Tok::kDefault, Tok::kRBrace});
  }
  c->colon = pos();
  Want(Tok::kColon);
  c->body = StmtList();
  return c;
}

Stmt* Parser::CallStmt() {
  Pos p = pos();
  Tok t = tok();
  Next();
  Expr* x = PExpr(nullptr, tok() == Tok::kLParen);
  if (Expr* u = Unparen(x); u != x) {
    ErrorAt(x->pos, fmt::format("expression in {} must not be parenthesized", TokString(t)));
    x = u;
  }
  CallExpr* call;
  if (x->kind == ExprKind::kCall) {
    call = static_cast<CallExpr*>(x);
  } else {
    ErrorAt(StartPos(x), fmt::format("expression in {} must be function call", TokString(t)));
    call = New<CallExpr>(StartPos(x));
    call->fun = x;
  }
  if (t == Tok::kGo) {
    auto* s = New<GoStmt>(p);
    s->call = call;
    return s;
  }
  auto* s = New<DeferStmt>(p);
  s->call = call;
  return s;
}

Stmt* Parser::StmtOrNil() {
  if (!Enter()) return nullptr;
  struct Exit {
    Parser* p;
    ~Exit() { p->Leave(); }
  } exit{this};
  Pos p = pos();
  switch (tok()) {
    case Tok::kIdent: {
      std::vector<Expr*> lhs = ExprList();
      if (lhs.size() == 1 && lhs[0]->kind == ExprKind::kIdent && tok() == Tok::kColon) {
        return LabeledStmtOrNil(static_cast<Ident*>(lhs[0]));
      }
      return SimpleStmt(std::move(lhs), Tok::kIllegal);
    }
    case Tok::kVar: case Tok::kConst: case Tok::kType:
      return DeclStmtP();
    case Tok::kLBrace:
      return Block("");
    case Tok::kMul: case Tok::kAdd: case Tok::kSub: case Tok::kAnd: case Tok::kXor: case Tok::kNot:
    case Tok::kInt: case Tok::kFloat: case Tok::kImag: case Tok::kChar: case Tok::kString:
    case Tok::kFunc: case Tok::kLParen: case Tok::kLBrack: case Tok::kStruct: case Tok::kMap:
    case Tok::kChan: case Tok::kInterface: case Tok::kArrow:
      return SimpleStmt({}, Tok::kIllegal);
    case Tok::kFor: return ForStmt();
    case Tok::kSwitch: return SwitchStmt();
    case Tok::kSelect: return SelectStmt();
    case Tok::kIf: return IfStmt();
    case Tok::kFallthrough:
      Next();
      return New<BranchStmt>(p, Tok::kFallthrough);
    case Tok::kBreak: case Tok::kContinue: {
      auto* s = New<BranchStmt>(p, tok());
      Next();
      if (tok() == Tok::kIdent) s->label = Name();
      return s;
    }
    case Tok::kGo: case Tok::kDefer:
      return CallStmt();
    case Tok::kGoto: {
      auto* s = New<BranchStmt>(p, Tok::kGoto);
      Next();
      s->label = Name();
      return s;
    }
    case Tok::kReturn: {
      auto* s = New<ReturnStmt>(p);
      Next();
      if (tok() != Tok::kSemicolon && tok() != Tok::kRBrace) s->results = ExprList();
      return s;
    }
    case Tok::kSemicolon:
      return New<EmptyStmt>(p);
    default:
      return nullptr;
  }
}

std::vector<Stmt*> Parser::StmtList() {
  std::vector<Stmt*> list;
  while (tok() != Tok::kEof && tok() != Tok::kRBrace && tok() != Tok::kCase && tok() != Tok::kDefault) {
    Stmt* s = StmtOrNil();
    if (s == nullptr) break;
    list.push_back(s);
    if (!Got(Tok::kSemicolon) && tok() != Tok::kRBrace) {
      SyntaxError("at end of statement");
      Advance({Tok::kSemicolon, Tok::kRBrace, Tok::kCase, Tok::kDefault});
      Got(Tok::kSemicolon);
    }
  }
  return list;
}

}  // namespace gostep::lang::internal
