// lang/syntax/parser_param.cc — parameter lists (parser.go's paramDeclOrNil
// and paramList): "a, b int", unnamed "int, string", variadic "...T", type
// parameter lists "[T any, U ~int | string]", and gc's errors for mixing
// named and unnamed parameters. Consecutive names sharing one type become one
// Field, as in go/ast.
#include "lang/syntax/parser_impl.h"

namespace gostep::lang::internal {

bool Parser::ParamDeclOrNil(Ident* name, Tok follow, Param* f) {
  bool type_sets_ok = follow == Tok::kRBrack;
  f->pos = name != nullptr ? name->pos : pos();
  if (name == nullptr && type_sets_ok && tok() == Tok::kTilde) {
    f->type = EmbeddedElem(nullptr);
    return true;
  }
  if (tok() == Tok::kIdent || name != nullptr) {
    if (name == nullptr) name = Name();
    if (tok() == Tok::kLBrack) {
      f->type = ArrayOrTArgs();
      if (f->type->kind == ExprKind::kIndex) {
        static_cast<IndexExpr*>(f->type)->x = name;
        f->type->pos = name->pos;
      } else if (f->type->kind == ExprKind::kIndexList) {
        static_cast<IndexListExpr*>(f->type)->x = name;
        f->type->pos = name->pos;
      } else {
        f->name = name;
      }
      if (type_sets_ok && tok() == Tok::kOr) f->type = EmbeddedElem(f->type);
      return true;
    }
    if (tok() == Tok::kPeriod) {
      f->type = QualifiedName(name);
      if (type_sets_ok && tok() == Tok::kOr) f->type = EmbeddedElem(f->type);
      return true;
    }
    if (type_sets_ok && tok() == Tok::kOr) {
      f->type = EmbeddedElem(name);
      return true;
    }
    f->name = name;
  }
  if (tok() == Tok::kEllipsis) {
    auto* e = New<EllipsisExpr>(pos());
    Next();
    e->elt = TypeOrNil();
    if (e->elt == nullptr) {
      e->elt = Bad();
      SyntaxError("... is missing type");
    }
    f->type = e;
    return true;
  }
  if (type_sets_ok && tok() == Tok::kTilde) {
    f->type = EmbeddedElem(nullptr);
    return true;
  }
  f->type = TypeOrNil();
  if (type_sets_ok && tok() == Tok::kOr && f->type != nullptr) f->type = EmbeddedElem(f->type);
  if (f->name != nullptr || f->type != nullptr) return true;
  SyntaxError("expecting " + ExpectName(follow));
  Advance({Tok::kComma, follow});
  return false;
}

std::vector<Field> Parser::ParamList(Ident* name, Expr* typ, Tok close, bool require_names) {
  std::vector<Field> out;
  if (name != nullptr && typ != nullptr && tok() == close) {
    Next();
    out.push_back(Field{name->pos, {name}, typ, nullptr});
    return out;
  }
  std::vector<Param> list;
  size_t named = 0, typed = 0;
  Pos end = List("parameter list", Tok::kComma, close, [&] {
    Param par;
    bool ok = true;
    if (typ != nullptr) {
      par = Param{name->pos, name, typ};
    } else {
      ok = ParamDeclOrNil(name, close, &par);
    }
    name = nullptr;
    typ = nullptr;
    if (ok) {
      if (par.name != nullptr && par.type != nullptr) named++;
      if (par.type != nullptr) typed++;
      list.push_back(par);
    }
    return false;
  });
  if (list.empty()) return out;

  if (named == 0 && !require_names) {
    for (Param& par : list) {
      if (par.name != nullptr) {
        par.type = par.name;
        par.name = nullptr;
      }
    }
  } else if (named != list.size()) {
    Pos err;
    Expr* t = nullptr;
    for (size_t i = list.size(); i-- > 0;) {
      Param& par = list[i];
      if (par.type != nullptr) {
        t = par.type;
        if (par.name == nullptr) {
          err = StartPos(t);
          par.name = New<Ident>(err, "_");
        }
      } else if (t != nullptr) {
        par.type = t;
      } else {
        err = par.name->pos;
        par.type = New<BadExpr>(err);
      }
    }
    if (err.valid()) {
      const char* msg = "mixed named and unnamed parameters";
      if (require_names) {
        if (named == typed) {
          err = end;
          msg = "missing type constraint";
        } else {
          msg = "type parameters must be named";
        }
      }
      SyntaxErrorAt(err, msg);
    }
  }
  // Group consecutive names sharing one type expression into one Field.
  for (const Param& par : list) {
    if (par.name != nullptr && !out.empty() && !out.back().names.empty() && out.back().type == par.type) {
      out.back().names.push_back(par.name);
      continue;
    }
    Field f;
    f.pos = par.pos;
    if (par.name != nullptr) f.names.push_back(par.name);
    f.type = par.type;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace gostep::lang::internal
