// lang/syntax/parser_type.cc — types, parameter lists and type declarations
// (parser.go's typeDecl, type_ .. paramList). Generic syntax (type parameter
// lists, instantiations, ~T | U terms) is parsed so the checker can reject it
// at the right position.
#include <fmt/format.h>

#include "lang/syntax/parser_impl.h"

namespace gostep::lang::internal {
namespace {

bool IsTypeElem(const Expr* x) {
  switch (x->kind) {
    case ExprKind::kArrayType: case ExprKind::kStructType: case ExprKind::kFuncType:
    case ExprKind::kInterfaceType: case ExprKind::kMapType: case ExprKind::kChanType:
      return true;
    case ExprKind::kBinary: {
      auto* b = static_cast<const BinaryExpr*>(x);
      return IsTypeElem(b->x) || IsTypeElem(b->y);
    }
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(x);
      return u->op == Tok::kTilde || IsTypeElem(u->x);
    }
    case ExprKind::kStar: return IsTypeElem(static_cast<const StarExpr*>(x)->x);
    case ExprKind::kParen: return IsTypeElem(static_cast<const ParenExpr*>(x)->x);
    default: return false;
  }
}

}  // namespace

// ExtractName splits x into (name, type) if x can be read as "name type"
// (parser.go's extractName): P *T, P []int, P(E), P *E | F.
static Ident* ExtractName(Parser* p, Expr* x, bool force, Expr** rest) {
  *rest = x;
  switch (x->kind) {
    case ExprKind::kIdent:
      *rest = nullptr;
      return static_cast<Ident*>(x);
    case ExprKind::kBinary: {
      auto* b = static_cast<BinaryExpr*>(x);
      if (b->op == Tok::kMul && b->x->kind == ExprKind::kIdent && (force || IsTypeElem(b->y))) {
        auto* star = p->New<StarExpr>(b->pos);
        star->x = b->y;
        *rest = star;
        return static_cast<Ident*>(b->x);
      }
      if (b->op == Tok::kOr) {
        Expr* lhs;
        Ident* name = ExtractName(p, b->x, force || IsTypeElem(b->y), &lhs);
        if (name != nullptr && lhs != nullptr) {
          b->x = lhs;
          *rest = b;
          return name;
        }
        *rest = x;
      }
      return nullptr;
    }
    case ExprKind::kCall: {
      auto* c = static_cast<CallExpr*>(x);
      if (c->fun->kind == ExprKind::kIdent && c->args.size() == 1 && !c->has_ellipsis &&
          (force || IsTypeElem(c->args[0]))) {
        *rest = c->args[0];
        return static_cast<Ident*>(c->fun);
      }
      return nullptr;
    }
    default:
      return nullptr;
  }
}

void Parser::TypeSpecP(GenDecl* d, int) {
  TypeSpec s;
  s.pos = pos();
  s.name = Name();
  if (tok() == Tok::kLBrack) {
    Pos lb = pos();
    Next();
    if (tok() == Tok::kIdent) {
      Expr* x = Name();
      if (tok() != Tok::kLBrack) {
        xnest_++;
        x = BinaryExpr(PExpr(x, false), 0);
        xnest_--;
      }
      Expr* ptype = nullptr;
      Ident* pname = ExtractName(this, x, tok() == Tok::kComma, &ptype);
      if (pname != nullptr && (ptype != nullptr || tok() != Tok::kRBrack)) {
        s.type_params = ParamList(pname, ptype, Tok::kRBrack, true);
        s.alias = GotAssign();
        s.type = TypeOrNil();
      } else {
        s.type = ArrayType(lb, x);
      }
    } else if (tok() == Tok::kRBrack) {
      Next();
      s.type = SliceType(lb);
    } else {
      s.type = ArrayType(lb, nullptr);
    }
  } else {
    s.alias = GotAssign();
    s.type = TypeOrNil();
  }
  if (s.type == nullptr) {
    s.type = Bad();
    SyntaxError("in type declaration");
    Advance({Tok::kSemicolon, Tok::kRParen});
  }
  d->types.push_back(std::move(s));
}

Expr* Parser::Type() {
  Expr* typ = TypeOrNil();
  if (typ == nullptr) {
    typ = Bad();
    SyntaxError("expecting type");
    Advance({Tok::kComma, Tok::kColon, Tok::kSemicolon, Tok::kRParen, Tok::kRBrack, Tok::kRBrace});
  }
  return typ;
}

Expr* Parser::TypeOrNil() {
  if (!Enter()) return Bad();
  Expr* result = nullptr;
  Pos p = pos();
  switch (tok()) {
    case Tok::kMul: {
      Next();
      auto* s = New<StarExpr>(p);
      s->x = Type();
      result = s;
      break;
    }
    case Tok::kArrow: {
      Next();
      Want(Tok::kChan);
      auto* c = New<ChanTypeExpr>(p);
      c->dir = ChanDir::kRecv;
      c->value = ChanElem();
      result = c;
      break;
    }
    case Tok::kFunc:
      Next();
      result = FuncType("function type", p);
      break;
    case Tok::kLBrack:
      Next();
      result = Got(Tok::kRBrack) ? SliceType(p) : ArrayType(p, nullptr);
      break;
    case Tok::kChan: {
      Next();
      auto* c = New<ChanTypeExpr>(p);
      if (Got(Tok::kArrow)) c->dir = ChanDir::kSend;
      c->value = ChanElem();
      result = c;
      break;
    }
    case Tok::kMap: {
      Next();
      Want(Tok::kLBrack);
      auto* m = New<MapTypeExpr>(p);
      m->key = Type();
      Want(Tok::kRBrack);
      m->value = Type();
      result = m;
      break;
    }
    case Tok::kStruct: result = StructType(); break;
    case Tok::kInterface: result = InterfaceType(); break;
    case Tok::kIdent: result = QualifiedName(nullptr); break;
    case Tok::kLParen: {
      Next();
      auto* px = New<ParenExpr>(p);
      px->x = Type();
      Want(Tok::kRParen);
      result = px;
      break;
    }
    default:
      break;
  }
  Leave();
  return result;
}

Expr* Parser::TypeInstance(Expr* typ) {
  Pos p = pos();
  Want(Tok::kLBrack);
  std::vector<Expr*> list;
  if (tok() == Tok::kRBrack) {
    SyntaxError("expecting type");
    list.push_back(Bad());
  } else {
    bool comma = false;
    list = TypeList(&comma);
  }
  Want(Tok::kRBrack);
  if (list.size() == 1) {
    auto* ix = New<IndexExpr>(typ->pos);
    ix->x = typ;
    ix->index = list[0];
    ix->lbrack = p;
    return ix;
  }
  auto* ix = New<IndexListExpr>(typ->pos);
  ix->x = typ;
  ix->indices = std::move(list);
  ix->lbrack = p;
  return ix;
}

FuncTypeExpr* Parser::FuncType(const char* context, Pos func_pos) {
  auto* typ = New<FuncTypeExpr>(func_pos);
  Pos p = pos();
  if (Got(Tok::kLBrack)) {
    if (context[0] != '\0') SyntaxErrorAt(p, fmt::format("{} must have no type parameters", context));
    if (tok() == Tok::kRBrack) {
      SyntaxError("empty type parameter list");
      Next();
    } else {
      typ->type_params = ParamList(nullptr, nullptr, Tok::kRBrack, true);
    }
  }
  Want(Tok::kLParen);
  typ->params = ParamList(nullptr, nullptr, Tok::kRParen, false);
  typ->results = FuncResult();
  return typ;
}

Expr* Parser::ArrayType(Pos p, Expr* len) {
  if (len == nullptr) {
    Pos e = pos();
    if (Got(Tok::kEllipsis)) {
      len = New<EllipsisExpr>(e);
    } else {
      xnest_++;
      len = ParseExpr();
      xnest_--;
    }
  }
  if (tok() == Tok::kComma) {
    SyntaxError("unexpected comma; expecting ]");
    Next();
  }
  Want(Tok::kRBrack);
  auto* t = New<ArrayTypeExpr>(p);
  t->len = len;
  t->elem = Type();
  return t;
}

Expr* Parser::SliceType(Pos p) {
  auto* t = New<ArrayTypeExpr>(p);
  t->elem = Type();
  return t;
}

Expr* Parser::ChanElem() {
  Expr* typ = TypeOrNil();
  if (typ == nullptr) {
    typ = Bad();
    SyntaxError("missing channel element type");
  }
  return typ;
}

StructTypeExpr* Parser::StructType() {
  auto* typ = New<StructTypeExpr>(pos());
  Want(Tok::kStruct);
  Want(Tok::kLBrace);
  List("struct type", Tok::kSemicolon, Tok::kRBrace, [&] {
    FieldDecl(typ);
    return false;
  });
  return typ;
}

InterfaceTypeExpr* Parser::InterfaceType() {
  auto* typ = New<InterfaceTypeExpr>(pos());
  Want(Tok::kInterface);
  Want(Tok::kLBrace);
  List("interface type", Tok::kSemicolon, Tok::kRBrace, [&] {
    Field f;
    f.pos = pos();
    if (tok() == Tok::kIdent) {
      Ident* name = Name();
      if (tok() == Tok::kLParen) {
        f.names.push_back(name);
        f.type = FuncType("interface method", pos());
      } else {
        f.type = QualifiedName(name);
      }
    }
    if (f.names.empty()) f.type = EmbeddedElem(f.type);
    typ->methods.push_back(std::move(f));
    return false;
  });
  return typ;
}

std::vector<Field> Parser::FuncResult() {
  if (Got(Tok::kLParen)) return ParamList(nullptr, nullptr, Tok::kRParen, false);
  Pos p = pos();
  std::vector<Field> out;
  if (Expr* typ = TypeOrNil()) {
    Field f;
    f.pos = p;
    f.type = typ;
    out.push_back(std::move(f));
  }
  return out;
}

void Parser::FieldDecl(StructTypeExpr* st) {
  Field f;
  f.pos = pos();
  switch (tok()) {
    case Tok::kIdent: {
      Ident* name = Name();
      if (tok() == Tok::kPeriod || tok() == Tok::kString || tok() == Tok::kInt || tok() == Tok::kSemicolon ||
          tok() == Tok::kRBrace || tok() == Tok::kFloat || tok() == Tok::kImag || tok() == Tok::kChar) {
        f.type = QualifiedName(name);  // embedded T or pkg.T
        f.tag = OLiteral();
        break;
      }
      f.names = NameList(name);
      if (f.names.size() == 1 && tok() == Tok::kLBrack) {
        Expr* typ = ArrayOrTArgs();
        if (typ->kind == ExprKind::kIndex) {  // embedded generic instance T[A]
          static_cast<IndexExpr*>(typ)->x = name;
          typ->pos = name->pos;
          f.names.clear();
        }
        f.type = typ;
      } else {
        f.type = Type();
      }
      f.tag = OLiteral();
      break;
    }
    case Tok::kMul: {
      Pos p = pos();
      Next();
      auto* star = New<StarExpr>(p);
      if (tok() == Tok::kLParen) {
        SyntaxError("cannot parenthesize embedded type");
        Next();
        star->x = QualifiedName(nullptr);
        Got(Tok::kRParen);
      } else {
        star->x = QualifiedName(nullptr);
      }
      f.type = star;
      f.tag = OLiteral();
      break;
    }
    case Tok::kLParen: {
      SyntaxError("cannot parenthesize embedded type");
      Next();
      if (tok() == Tok::kMul) {
        auto* star = New<StarExpr>(pos());
        Next();
        star->x = QualifiedName(nullptr);
        f.type = star;
      } else {
        f.type = QualifiedName(nullptr);
      }
      Got(Tok::kRParen);
      f.tag = OLiteral();
      break;
    }
    default:
      SyntaxError("expecting field name or embedded type");
      Advance({Tok::kSemicolon, Tok::kRBrace});
      return;
  }
  st->fields.push_back(std::move(f));
}

Expr* Parser::ArrayOrTArgs() {
  Pos p = pos();
  Want(Tok::kLBrack);
  if (Got(Tok::kRBrack)) return SliceType(p);
  bool comma = false;
  std::vector<Expr*> list = TypeList(&comma);
  Want(Tok::kRBrack);
  if (!comma) {
    if (Expr* elem = TypeOrNil()) {
      auto* t = New<ArrayTypeExpr>(p);
      t->len = list[0];
      t->elem = elem;
      return t;
    }
  }
  if (list.size() == 1) {
    auto* ix = New<IndexExpr>(p);
    ix->index = list[0];
    ix->lbrack = p;
    return ix;
  }
  auto* ix = New<IndexListExpr>(p);
  ix->indices = std::move(list);
  ix->lbrack = p;
  return ix;
}

Expr* Parser::EmbeddedElem(Expr* typ) {
  if (typ == nullptr) typ = EmbeddedTerm();
  while (tok() == Tok::kOr) {
    auto* b = New<lang::BinaryExpr>(pos(), Tok::kOr);
    Next();
    b->x = typ;
    b->y = EmbeddedTerm();
    typ = b;
  }
  return typ;
}

Expr* Parser::EmbeddedTerm() {
  if (tok() == Tok::kTilde) {
    auto* u = New<lang::UnaryExpr>(pos(), Tok::kTilde);
    Next();
    u->x = Type();
    return u;
  }
  Expr* t = TypeOrNil();
  if (t == nullptr) {
    t = Bad();
    SyntaxError("expecting ~ term or type");
    Advance({Tok::kOr, Tok::kSemicolon, Tok::kRParen, Tok::kRBrack, Tok::kRBrace});
  }
  return t;
}

}  // namespace gostep::lang::internal
