// tests/lang/syntax/sexpr.h — a test-only printer of expressions and
// statements as S-expressions, e.g. (+ a (* b c)).
#pragma once

#include <string>

#include "lang/syntax/ast.h"
#include "lang/syntax/ast_string.h"

namespace gostep::lang::test {

inline std::string S(const Expr* x);

inline std::string SList(const std::vector<Expr*>& list) {
  std::string out;
  for (const Expr* e : list) out += " " + S(e);
  return out;
}

inline std::string S(const Expr* x) {
  if (x == nullptr) return "nil";
  switch (x->kind) {
    case ExprKind::kIdent: return static_cast<const Ident*>(x)->name;
    case ExprKind::kBasicLit: return static_cast<const BasicLit*>(x)->value;
    case ExprKind::kBinary: {
      auto* b = static_cast<const BinaryExpr*>(x);
      return "(" + std::string(TokString(b->op)) + " " + S(b->x) + " " + S(b->y) + ")";
    }
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(x);
      return "(" + std::string(TokString(u->op)) + " " + S(u->x) + ")";
    }
    case ExprKind::kStar: return "(star " + S(static_cast<const StarExpr*>(x)->x) + ")";
    case ExprKind::kParen: return "(paren " + S(static_cast<const ParenExpr*>(x)->x) + ")";
    case ExprKind::kCall: {
      auto* c = static_cast<const CallExpr*>(x);
      return "(call " + S(c->fun) + SList(c->args) + (c->has_ellipsis ? " ..." : "") + ")";
    }
    case ExprKind::kSelector: {
      auto* s = static_cast<const SelectorExpr*>(x);
      return "(sel " + S(s->x) + " " + s->sel->name + ")";
    }
    case ExprKind::kIndex: {
      auto* s = static_cast<const IndexExpr*>(x);
      return "(index " + S(s->x) + " " + S(s->index) + ")";
    }
    case ExprKind::kIndexList: {
      auto* s = static_cast<const IndexListExpr*>(x);
      return "(indexlist " + S(s->x) + SList(s->indices) + ")";
    }
    case ExprKind::kSlice: {
      auto* s = static_cast<const SliceExpr*>(x);
      return "(slice " + S(s->x) + " " + S(s->low) + " " + S(s->high) + (s->slice3 ? " " + S(s->max) : "") + ")";
    }
    case ExprKind::kTypeAssert: {
      auto* s = static_cast<const TypeAssertExpr*>(x);
      return "(assert " + S(s->x) + " " + (s->type_expr ? S(s->type_expr) : "type") + ")";
    }
    case ExprKind::kCompositeLit: {
      auto* c = static_cast<const CompositeLit*>(x);
      return "(lit " + S(c->type_expr) + SList(c->elts) + ")";
    }
    case ExprKind::kKeyValue: {
      auto* k = static_cast<const KeyValueExpr*>(x);
      return "(kv " + S(k->key) + " " + S(k->value) + ")";
    }
    case ExprKind::kFuncLit: return "(funclit)";
    case ExprKind::kBad: return "(bad)";
    default: return "(type " + ExprString(x) + ")";
  }
}

}  // namespace gostep::lang::test
