// lang/syntax/parser_expr.cc — expressions (parser.go's expr .. qualifiedName):
// precedence climbing, unary and receive operators (with gc's re-association
// of <-chan types), primary expressions, composite literals and the
// composite-literal-vs-block rule (xnest < 0 in statement headers).
#include <fmt/format.h>

#include "lang/syntax/ast_string.h"
#include "lang/syntax/parser_impl.h"

namespace gostep::lang::internal {
namespace {

Expr* Unparen(Expr* x) {
  while (x != nullptr && x->kind == ExprKind::kParen) x = static_cast<ParenExpr*>(x)->x;
  return x;
}

bool IsLiteralTok(Tok t) {
  return t == Tok::kInt || t == Tok::kFloat || t == Tok::kImag || t == Tok::kChar || t == Tok::kString;
}

// IsValue reports whether x syntactically must be a value (not a type).
bool IsValue(const Expr* x) {
  switch (x->kind) {
    case ExprKind::kBasicLit: case ExprKind::kCompositeLit: case ExprKind::kFuncLit: case ExprKind::kSlice:
    case ExprKind::kTypeAssert: case ExprKind::kCall: case ExprKind::kUnary: case ExprKind::kBinary:
      return true;
    case ExprKind::kParen: return IsValue(static_cast<const ParenExpr*>(x)->x);
    case ExprKind::kIndex: {
      auto* ix = static_cast<const IndexExpr*>(x);
      return IsValue(ix->x) || IsValue(ix->index);
    }
    default: return false;
  }
}

}  // namespace

Expr* Parser::ParseExpr() { return BinaryExpr(nullptr, 0); }

Expr* Parser::BinaryExpr(Expr* x, int prec) {
  if (x == nullptr) x = UnaryExpr();
  while (Precedence(tok()) > prec) {
    auto* b = New<lang::BinaryExpr>(pos(), tok());
    int tprec = Precedence(tok());
    Next();
    b->x = x;
    b->y = BinaryExpr(nullptr, tprec);
    x = b;
  }
  return x;
}

Expr* Parser::UnaryExpr() {
  if (!Enter()) return Bad();
  Expr* result = nullptr;
  Pos p = pos();
  switch (tok()) {
    case Tok::kMul: {
      Next();
      auto* s = New<StarExpr>(p);
      s->x = UnaryExpr();
      result = s;
      break;
    }
    case Tok::kAdd: case Tok::kSub: case Tok::kNot: case Tok::kXor: case Tok::kTilde: case Tok::kAnd: {
      auto* u = New<lang::UnaryExpr>(p, tok());
      Next();
      u->x = UnaryExpr();
      if (u->op == Tok::kAnd) u->x = Unparen(u->x);  // &(T{}) is &T{}
      result = u;
      break;
    }
    case Tok::kArrow: {
      Next();
      Expr* x = UnaryExpr();
      if (x->kind == ExprKind::kChanType) {
        // <-chan E: re-associate the arrow with the channel type.
        ChanDir dir = ChanDir::kSend;
        Expr* t = x;
        while (dir == ChanDir::kSend) {
          if (t->kind != ExprKind::kChanType) break;
          auto* c = static_cast<ChanTypeExpr*>(t);
          dir = c->dir;
          if (dir == ChanDir::kRecv) SyntaxError("unexpected <-, expecting chan");
          c->dir = ChanDir::kRecv;
          t = c->value;
        }
        if (dir == ChanDir::kSend) SyntaxError(fmt::format("unexpected {}, expecting chan", ExprString(t)));
        x->pos = p;
        result = x;
      } else {
        auto* u = New<lang::UnaryExpr>(p, Tok::kArrow);
        u->x = x;
        result = u;
      }
      break;
    }
    default:
      result = PExpr(nullptr, true);
  }
  Leave();
  return result;
}

Expr* Parser::Operand(bool keep_parens) {
  Pos p = pos();
  switch (tok()) {
    case Tok::kIdent:
      return Name();
    case Tok::kInt: case Tok::kFloat: case Tok::kImag: case Tok::kChar: case Tok::kString:
      return OLiteral();
    case Tok::kLParen: {
      Next();
      xnest_++;
      auto* px = New<ParenExpr>(p);
      px->x = ParseExpr();
      xnest_--;
      Want(Tok::kRParen);
      return px;
    }
    case Tok::kFunc: {
      Next();
      FuncTypeExpr* ftyp = FuncType("function type", p);
      if (tok() == Tok::kLBrace) {
        xnest_++;
        auto* f = New<FuncLit>(p);
        f->sig = ftyp;
        f->body = FuncBody();
        xnest_--;
        return f;
      }
      return ftyp;
    }
    case Tok::kLBrack: case Tok::kChan: case Tok::kMap: case Tok::kStruct: case Tok::kInterface:
      return Type();
    default: {
      Expr* x = Bad();
      SyntaxError("expecting expression");
      Advance({Tok::kRParen, Tok::kRBrack, Tok::kRBrace});
      return x;
    }
  }
}

Expr* Parser::PExpr(Expr* x, bool keep_parens) {
  if (x == nullptr) x = Operand(keep_parens);
  for (;;) {
    Pos p = pos();
    switch (tok()) {
      case Tok::kPeriod: {
        Next();
        if (tok() == Tok::kIdent) {
          auto* s = New<SelectorExpr>(StartPos(x));
          s->x = x;
          s->sel = Name();
          x = s;
        } else if (tok() == Tok::kLParen) {
          Next();
          auto* t = New<TypeAssertExpr>(StartPos(x));
          t->x = x;
          t->lparen = p;
          if (!Got(Tok::kType)) t->type_expr = Type();
          x = t;
          Want(Tok::kRParen);
        } else {
          SyntaxError("expecting name or (");
          Advance({Tok::kSemicolon, Tok::kRParen});
        }
        break;
      }
      case Tok::kLBrack: {
        Next();
        if (tok() == Tok::kRBrack) {
          SyntaxError("expecting operand");
          Next();
          break;
        }
        Expr* i = nullptr;
        if (tok() != Tok::kColon) {
          bool comma = false;
          std::vector<Expr*> list = TypeList(&comma);
          if (comma || tok() == Tok::kRBrack) {
            Want(Tok::kRBrack);
            if (list.size() == 1) {
              auto* ix = New<IndexExpr>(StartPos(x));
              ix->x = x;
              ix->index = list[0];
              ix->lbrack = p;
              x = ix;
            } else {
              auto* ix = New<IndexListExpr>(StartPos(x));
              ix->x = x;
              ix->indices = std::move(list);
              ix->lbrack = p;
              x = ix;
            }
            break;
          }
          i = list[0];
        }
        if (!Got(Tok::kColon)) {
          SyntaxError("expecting comma, : or ]");
          Advance({Tok::kComma, Tok::kColon, Tok::kRBrack});
        }
        xnest_++;
        auto* s = New<SliceExpr>(StartPos(x));
        s->x = x;
        s->lbrack = p;
        s->low = i;
        if (tok() != Tok::kColon && tok() != Tok::kRBrack) s->high = ParseExpr();
        if (tok() == Tok::kColon) {
          s->slice3 = true;
          if (s->high == nullptr) {
            Error("middle index required in 3-index slice");
            s->high = Bad();
          }
          Next();
          if (tok() != Tok::kRBrack) {
            s->max = ParseExpr();
          } else {
            Error("final index required in 3-index slice");
            s->max = Bad();
          }
        }
        xnest_--;
        Want(Tok::kRBrack);
        x = s;
        break;
      }
      case Tok::kLParen: {
        auto* c = New<CallExpr>(StartPos(x));
        c->lparen = p;
        Next();
        c->fun = x;
        ArgList(c);
        x = c;
        break;
      }
      case Tok::kLBrace: {
        Expr* t = Unparen(x);
        bool complit_ok = false;
        switch (t->kind) {
          case ExprKind::kIdent: case ExprKind::kSelector:
            complit_ok = xnest_ >= 0;
            break;
          case ExprKind::kIndex: case ExprKind::kIndexList:
            complit_ok = xnest_ >= 0 && !IsValue(t);
            break;
          case ExprKind::kArrayType: case ExprKind::kStructType: case ExprKind::kMapType:
            complit_ok = true;
            break;
          default:
            break;
        }
        if (!complit_ok) return x;
        if (t != x) SyntaxError("cannot parenthesize type in composite literal");
        CompositeLit* n = ComplitExpr();
        n->type_expr = x;
        n->pos = StartPos(x);
        x = n;
        break;
      }
      default:
        return x;
    }
  }
}

Expr* Parser::BareComplitExpr() {
  if (tok() == Tok::kLBrace) return ComplitExpr();
  return ParseExpr();
}

CompositeLit* Parser::ComplitExpr() {
  auto* x = New<CompositeLit>(pos());
  x->lbrace = pos();
  if (!Enter()) return x;
  xnest_++;
  Want(Tok::kLBrace);
  x->rbrace = List("composite literal", Tok::kComma, Tok::kRBrace, [&] {
    Expr* e = BareComplitExpr();
    if (tok() == Tok::kColon) {
      auto* kv = New<KeyValueExpr>(StartPos(e));
      kv->colon = pos();
      Next();
      kv->key = e;
      kv->value = BareComplitExpr();
      e = kv;
    }
    x->elts.push_back(e);
    return false;
  });
  xnest_--;
  Leave();
  return x;
}

std::vector<Expr*> Parser::ExprList() {
  std::vector<Expr*> list{ParseExpr()};
  while (Got(Tok::kComma)) list.push_back(ParseExpr());
  return list;
}

std::vector<Expr*> Parser::TypeList(bool* comma) {
  xnest_++;
  std::vector<Expr*> list{ParseExpr()};
  if (Got(Tok::kComma)) {
    *comma = true;
    while (Expr* t = TypeOrNil()) {
      list.push_back(t);
      if (!Got(Tok::kComma)) break;
    }
  }
  xnest_--;
  return list;
}

void Parser::ArgList(CallExpr* call) {
  xnest_++;
  call->rparen = List("argument list", Tok::kComma, Tok::kRParen, [&] {
    call->args.push_back(ParseExpr());
    if (tok() == Tok::kEllipsis) {
      call->has_ellipsis = true;
      call->ellipsis = pos();
      Next();
    }
    return call->has_ellipsis;
  });
  xnest_--;
}

Ident* Parser::Name() {
  if (tok() == Tok::kIdent) {
    auto* n = New<Ident>(pos(), lit());
    Next();
    return n;
  }
  auto* n = New<Ident>(pos(), "_");
  SyntaxError("expecting name");
  Advance();
  return n;
}

std::vector<Ident*> Parser::NameList(Ident* first) {
  std::vector<Ident*> list{first};
  while (Got(Tok::kComma)) list.push_back(Name());
  return list;
}

Expr* Parser::QualifiedName(Ident* name) {
  Expr* x;
  if (name != nullptr) {
    x = name;
  } else if (tok() == Tok::kIdent) {
    x = Name();
  } else {
    x = New<Ident>(pos(), "_");
    SyntaxError("expecting name");
    Advance({Tok::kPeriod, Tok::kSemicolon, Tok::kRBrace});
  }
  if (tok() == Tok::kPeriod) {
    auto* s = New<SelectorExpr>(x->pos);
    Next();
    s->x = x;
    s->sel = Name();
    x = s;
  }
  if (tok() == Tok::kLBrack) x = TypeInstance(x);
  return x;
}

BasicLit* Parser::OLiteral() {
  if (!IsLiteralTok(tok())) return nullptr;
  auto* b = New<BasicLit>(pos(), tok(), lit());
  Next();
  return b;
}

}  // namespace gostep::lang::internal
