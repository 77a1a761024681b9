#include "lang/check/eval_order.h"

namespace gostep::lang::check {
namespace {

// Info is what a subtree contributes: a read evaluated outside every hoisted
// operation of the subtree (free), a hoisted operation (hoist), and whether
// the two orders already differ inside it.
struct Info {
  bool free = false;
  bool hoist = false;
  bool differs = false;
};

Info Scan(const lang::Expr* e);

// Seq combines operands evaluated in order: the orders differ when a free
// read comes before a hoisted operation.
struct Seq {
  Info acc;
  void Add(const Info& i) {
    acc.differs = acc.differs || i.differs || (acc.free && i.hoist);
    acc.free = acc.free || i.free;
    acc.hoist = acc.hoist || i.hoist;
  }
  void Add(const lang::Expr* e) {
    if (e != nullptr) Add(Scan(e));
  }
};

// Hoisted is a hoisted operation over its operands: their reads happen when
// it runs, so none is free outside it.
Info Hoisted(const Info& inner) { return Info{false, true, inner.differs}; }

Info Read(const Info& inner) {
  Info i = inner;
  i.free = true;
  return i;
}

Info Scan(const lang::Expr* e) {
  switch (e->kind) {
    case ExprKind::kIdent: return Info{true, false, false};
    case ExprKind::kBasicLit:
    case ExprKind::kFuncLit: return Info{};
    case ExprKind::kParen: return Scan(static_cast<const ParenExpr*>(e)->x);
    case ExprKind::kCompositeLit: {
      Seq s;
      for (const lang::Expr* el : static_cast<const CompositeLit*>(e)->elts) {
        if (el->kind == ExprKind::kKeyValue) {
          s.Add(static_cast<const KeyValueExpr*>(el)->key);
          s.Add(static_cast<const KeyValueExpr*>(el)->value);
        } else {
          s.Add(el);
        }
      }
      return s.acc;
    }
    case ExprKind::kSelector: return Read(Scan(static_cast<const SelectorExpr*>(e)->x));
    case ExprKind::kStar: return Read(Scan(static_cast<const StarExpr*>(e)->x));
    case ExprKind::kIndex: {
      Seq s;
      s.Add(static_cast<const IndexExpr*>(e)->x);
      s.Add(static_cast<const IndexExpr*>(e)->index);
      return Read(s.acc);
    }
    case ExprKind::kSlice: {
      auto* x = static_cast<const SliceExpr*>(e);
      Seq s;
      s.Add(x->x);
      s.Add(x->low);
      s.Add(x->high);
      s.Add(x->max);
      return Hoisted(s.acc);
    }
    case ExprKind::kTypeAssert: return Hoisted(Scan(static_cast<const TypeAssertExpr*>(e)->x));
    case ExprKind::kCall: {
      auto* c = static_cast<const CallExpr*>(e);
      Seq s;
      // A called name is not a read that can move (a func value held in a
      // variable is read with the call); other callees are scanned.
      if (c->fun->kind != ExprKind::kIdent && c->fun->kind != ExprKind::kSelector) s.Add(c->fun);
      if (c->fun->kind == ExprKind::kSelector) s.Add(static_cast<const SelectorExpr*>(c->fun)->x);
      for (const lang::Expr* a : c->args) s.Add(a);
      return Hoisted(s.acc);
    }
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      Info inner = Scan(u->x);
      return u->op == Tok::kArrow ? Hoisted(inner) : inner;
    }
    case ExprKind::kBinary: {
      auto* b = static_cast<const BinaryExpr*>(e);
      Seq s;
      s.Add(b->x);
      s.Add(b->y);
      return b->op == Tok::kLAnd || b->op == Tok::kLOr ? Hoisted(s.acc) : s.acc;
    }
    case ExprKind::kKeyValue: {
      Seq s;
      s.Add(static_cast<const KeyValueExpr*>(e)->key);
      s.Add(static_cast<const KeyValueExpr*>(e)->value);
      return s.acc;
    }
    default: return Info{};  // types
  }
}

// Target is an assignment target: a name is stored, not read; the operands
// of an index, a selector or a dereference are read.
Info Target(const lang::Expr* e, bool op_assign) {
  while (e->kind == ExprKind::kParen) e = static_cast<const ParenExpr*>(e)->x;
  if (op_assign) return Scan(e);
  switch (e->kind) {
    case ExprKind::kIdent: return Info{};
    case ExprKind::kIndex: {
      Seq s;
      s.Add(static_cast<const IndexExpr*>(e)->x);
      s.Add(static_cast<const IndexExpr*>(e)->index);
      return s.acc;
    }
    case ExprKind::kSelector: return Scan(static_cast<const SelectorExpr*>(e)->x);
    case ExprKind::kStar: return Scan(static_cast<const StarExpr*>(e)->x);
    default: return Scan(e);
  }
}

}  // namespace

bool GcOrderDiffers(const std::vector<lang::Expr*>& lhs_stores, bool op_assign, const std::vector<lang::Expr*>& operands) {
  Seq s;
  for (const lang::Expr* t : lhs_stores) s.Add(Target(t, op_assign));
  for (const lang::Expr* e : operands) s.Add(e);
  return s.acc.differs;
}

}  // namespace gostep::lang::check
