// lang/syntax/ast_string.cc — ExprString and StmtString (see ast_string.h).
#include "lang/syntax/ast_string.h"

namespace gostep::lang {
namespace {

void Write(std::string* out, const Expr* x);

void WriteList(std::string* out, const std::vector<Expr*>& list) {
  for (size_t i = 0; i < list.size(); i++) {
    if (i > 0) *out += ", ";
    Write(out, list[i]);
  }
}

void WriteFields(std::string* out, const std::vector<Field>& fields, const char* sep) {
  for (size_t i = 0; i < fields.size(); i++) {
    if (i > 0) *out += sep;
    const Field& f = fields[i];
    for (size_t j = 0; j < f.names.size(); j++) {
      if (j > 0) *out += ", ";
      *out += f.names[j]->name;
    }
    if (!f.names.empty()) *out += " ";
    Write(out, f.type);
  }
}

void WriteSig(std::string* out, const FuncTypeExpr* f) {
  *out += "(";
  WriteFields(out, f->params, ", ");
  *out += ")";
  if (f->results.empty()) return;
  *out += " ";
  if (f->results.size() == 1 && f->results[0].names.empty()) {
    Write(out, f->results[0].type);
  } else {
    *out += "(";
    WriteFields(out, f->results, ", ");
    *out += ")";
  }
}

void Write(std::string* out, const Expr* x) {
  if (x == nullptr) return;
  switch (x->kind) {
    case ExprKind::kBad: *out += "BadExpr"; break;
    case ExprKind::kIdent: *out += static_cast<const Ident*>(x)->name; break;
    case ExprKind::kBasicLit: *out += static_cast<const BasicLit*>(x)->value; break;
    case ExprKind::kCompositeLit:
      Write(out, static_cast<const CompositeLit*>(x)->type_expr);
      *out += "{…}";
      break;
    case ExprKind::kFuncLit:
      *out += "func";
      WriteSig(out, static_cast<const FuncLit*>(x)->sig);
      *out += " {…}";
      break;
    case ExprKind::kParen:
      *out += "(";
      Write(out, static_cast<const ParenExpr*>(x)->x);
      *out += ")";
      break;
    case ExprKind::kSelector: {
      auto* s = static_cast<const SelectorExpr*>(x);
      Write(out, s->x);
      *out += "." + s->sel->name;
      break;
    }
    case ExprKind::kIndex: {
      auto* s = static_cast<const IndexExpr*>(x);
      Write(out, s->x);
      *out += "[";
      Write(out, s->index);
      *out += "]";
      break;
    }
    case ExprKind::kIndexList: {
      auto* s = static_cast<const IndexListExpr*>(x);
      Write(out, s->x);
      *out += "[";
      WriteList(out, s->indices);
      *out += "]";
      break;
    }
    case ExprKind::kSlice: {
      auto* s = static_cast<const SliceExpr*>(x);
      Write(out, s->x);
      *out += "[";
      Write(out, s->low);
      *out += ":";
      Write(out, s->high);
      if (s->slice3) {
        *out += ":";
        Write(out, s->max);
      }
      *out += "]";
      break;
    }
    case ExprKind::kTypeAssert: {
      auto* s = static_cast<const TypeAssertExpr*>(x);
      Write(out, s->x);
      *out += ".(";
      if (s->type_expr == nullptr) *out += "type";
      Write(out, s->type_expr);
      *out += ")";
      break;
    }
    case ExprKind::kCall: {
      auto* s = static_cast<const CallExpr*>(x);
      Write(out, s->fun);
      *out += "(";
      WriteList(out, s->args);
      if (s->has_ellipsis) *out += "...";
      *out += ")";
      break;
    }
    case ExprKind::kStar:
      *out += "*";
      Write(out, static_cast<const StarExpr*>(x)->x);
      break;
    case ExprKind::kUnary: {
      auto* s = static_cast<const UnaryExpr*>(x);
      *out += TokString(s->op);
      Write(out, s->x);
      break;
    }
    case ExprKind::kBinary: {
      auto* s = static_cast<const BinaryExpr*>(x);
      Write(out, s->x);
      *out += " ";
      *out += TokString(s->op);
      *out += " ";
      Write(out, s->y);
      break;
    }
    case ExprKind::kKeyValue: {
      auto* s = static_cast<const KeyValueExpr*>(x);
      Write(out, s->key);
      *out += ": ";
      Write(out, s->value);
      break;
    }
    case ExprKind::kArrayType: {
      auto* s = static_cast<const ArrayTypeExpr*>(x);
      *out += "[";
      Write(out, s->len);
      *out += "]";
      Write(out, s->elem);
      break;
    }
    case ExprKind::kStructType: *out += "struct{…}"; break;
    case ExprKind::kFuncType:
      *out += "func";
      WriteSig(out, static_cast<const FuncTypeExpr*>(x));
      break;
    case ExprKind::kInterfaceType:
      *out += static_cast<const InterfaceTypeExpr*>(x)->methods.empty() ? "interface{}" : "interface{…}";
      break;
    case ExprKind::kMapType: {
      auto* s = static_cast<const MapTypeExpr*>(x);
      *out += "map[";
      Write(out, s->key);
      *out += "]";
      Write(out, s->value);
      break;
    }
    case ExprKind::kChanType: {
      auto* s = static_cast<const ChanTypeExpr*>(x);
      *out += s->dir == ChanDir::kRecv ? "<-chan " : s->dir == ChanDir::kSend ? "chan<- " : "chan ";
      Write(out, s->value);
      break;
    }
    case ExprKind::kEllipsis:
      *out += "...";
      Write(out, static_cast<const EllipsisExpr*>(x)->elt);
      break;
  }
}

}  // namespace

std::string ExprString(const Expr* x) {
  std::string out;
  Write(&out, x);
  return out;
}

std::string ExprListString(const std::vector<Expr*>& list) {
  std::string out;
  WriteList(&out, list);
  return out;
}

std::string StmtString(const Stmt* s) {
  std::string out;
  switch (s->kind) {
    case StmtKind::kExpr: Write(&out, static_cast<const ExprStmt*>(s)->x); break;
    case StmtKind::kAssign: {
      auto* a = static_cast<const AssignStmt*>(s);
      WriteList(&out, a->lhs);
      out += " ";
      out += TokString(a->tok);
      out += " ";
      WriteList(&out, a->rhs);
      break;
    }
    case StmtKind::kIncDec: {
      auto* a = static_cast<const IncDecStmt*>(s);
      Write(&out, a->x);
      out += TokString(a->tok);
      break;
    }
    case StmtKind::kSend: {
      auto* a = static_cast<const SendStmt*>(s);
      Write(&out, a->chan);
      out += " <- ";
      Write(&out, a->value);
      break;
    }
    default: out += "statement"; break;
  }
  return out;
}

}  // namespace gostep::lang
