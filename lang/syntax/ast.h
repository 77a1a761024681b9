// lang/syntax/ast.h — the syntax tree of a scenario file.
//
// It follows go/ast closely (the same node set and field names, in Google
// C++ style), so that the next engineer can read it beside the Go docs. What
// differs:
//   * Each node carries its kind as an enum (ExprKind, StmtKind, DeclKind):
//     the checker and the lowering switch on it instead of using RTTI.
//   * Nodes are owned by the File's Arena and never freed one by one; every
//     pointer between nodes is a plain non-owning pointer. A nullptr child
//     means "absent" exactly where go/ast uses nil.
//   * Generic syntax (type parameters, instantiation with [T]) is parsed
//     only far enough to report "not supported by gostep" at its position.
//   * Each Expr has a slot for the checker's result (`type`, `info`): the
//     tree is checked in place, once, and then lowered.
//
// Positions are those of go/ast's Pos() for the node: the first token of
// the node, except a binary expression (its operator, as gc reports), a
// call (its '(' is `lparen`; `pos` is the start of Fun), a selector (`pos`
// is X's, `sel_pos` the selector's).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lang/diag.h"
#include "lang/syntax/token.h"

namespace gostep::lang {

namespace types {
class Type;
}  // namespace types

// ---- Expressions -------------------------------------------------------------

enum class ExprKind : uint8_t {
  kBad,           // a syntax error was reported here
  kIdent,         // x
  kBasicLit,      // 42, 1.5, 'a', "s", `raw`  (imaginary literals are rejected)
  kCompositeLit,  // T{a, k: v}
  kFuncLit,       // func(x int) int { ... }
  kParen,         // (x)
  kSelector,      // x.Sel
  kIndex,         // x[i]
  kIndexList,     // x[A, B] — generic instantiation: rejected by the checker
  kSlice,         // x[lo:hi:max]
  kTypeAssert,    // x.(T), and x.(type) in a type switch (type == nullptr)
  kCall,          // f(args), f(args...)
  kStar,          // *x (dereference or pointer type)
  kUnary,         // +x -x !x ^x &x <-x
  kBinary,        // x op y
  kKeyValue,      // k: v inside a composite literal
  // Type expressions.
  kArrayType,      // [N]T, [...]T (len == Ellipsis), []T (len == nullptr)
  kStructType,     // struct { ... }
  kFuncType,       // func(params) results
  kInterfaceType,  // interface { ... }
  kMapType,        // map[K]V
  kChanType,       // chan T, chan<- T, <-chan T
  kEllipsis,       // ...T in a parameter list, or [...] in an array type
};

struct Expr {
  ExprKind kind;
  Pos pos;
  // Filled by the checker: the expression's type (nullptr before checking or
  // for a type expression's own node), and an index into the checker's side
  // table of constant values, objects and conversions (0: none).
  const types::Type* type = nullptr;
  uint32_t info = 0;

  explicit Expr(ExprKind k, Pos p) : kind(k), pos(p) {}
  virtual ~Expr() = default;
};

struct BadExpr : Expr {
  explicit BadExpr(Pos p) : Expr(ExprKind::kBad, p) {}
};

struct Ident : Expr {
  std::string name;  // "_" is the blank identifier
  Ident(Pos p, std::string n) : Expr(ExprKind::kIdent, p), name(std::move(n)) {}
};

struct BasicLit : Expr {
  Tok lit_kind;       // kInt, kFloat, kImag, kChar, kString
  std::string value;  // the literal's source text, e.g. "0x1F", "'\\n'", "`raw`"
  BasicLit(Pos p, Tok k, std::string v) : Expr(ExprKind::kBasicLit, p), lit_kind(k), value(std::move(v)) {}
};

struct CompositeLit : Expr {
  Expr* type_expr = nullptr;  // nullptr when elided inside an outer literal
  std::vector<Expr*> elts;    // elements; KeyValueExpr for keyed ones
  Pos lbrace, rbrace;
  explicit CompositeLit(Pos p) : Expr(ExprKind::kCompositeLit, p) {}
};

struct FuncTypeExpr;
struct BlockStmt;

struct FuncLit : Expr {
  FuncTypeExpr* sig = nullptr;
  BlockStmt* body = nullptr;
  explicit FuncLit(Pos p) : Expr(ExprKind::kFuncLit, p) {}
};

struct ParenExpr : Expr {
  Expr* x = nullptr;
  explicit ParenExpr(Pos p) : Expr(ExprKind::kParen, p) {}
};

struct SelectorExpr : Expr {
  Expr* x = nullptr;
  Ident* sel = nullptr;
  explicit SelectorExpr(Pos p) : Expr(ExprKind::kSelector, p) {}
};

struct IndexExpr : Expr {
  Expr* x = nullptr;
  Expr* index = nullptr;
  Pos lbrack;
  explicit IndexExpr(Pos p) : Expr(ExprKind::kIndex, p) {}
};

struct IndexListExpr : Expr {
  Expr* x = nullptr;
  std::vector<Expr*> indices;
  Pos lbrack;
  explicit IndexListExpr(Pos p) : Expr(ExprKind::kIndexList, p) {}
};

struct SliceExpr : Expr {
  Expr* x = nullptr;
  Expr* low = nullptr;
  Expr* high = nullptr;
  Expr* max = nullptr;
  bool slice3 = false;  // x[lo:hi:max]
  Pos lbrack;
  explicit SliceExpr(Pos p) : Expr(ExprKind::kSlice, p) {}
};

struct TypeAssertExpr : Expr {
  Expr* x = nullptr;
  Expr* type_expr = nullptr;  // nullptr for x.(type)
  Pos lparen;
  explicit TypeAssertExpr(Pos p) : Expr(ExprKind::kTypeAssert, p) {}
};

struct CallExpr : Expr {
  Expr* fun = nullptr;
  std::vector<Expr*> args;
  bool has_ellipsis = false;  // f(xs...)
  Pos lparen, ellipsis, rparen;
  explicit CallExpr(Pos p) : Expr(ExprKind::kCall, p) {}
};

struct StarExpr : Expr {
  Expr* x = nullptr;
  explicit StarExpr(Pos p) : Expr(ExprKind::kStar, p) {}
};

struct UnaryExpr : Expr {
  Tok op;  // kAdd kSub kNot kXor kAnd kArrow
  Expr* x = nullptr;
  UnaryExpr(Pos p, Tok o) : Expr(ExprKind::kUnary, p), op(o) {}
};

struct BinaryExpr : Expr {
  Tok op;  // the operator; pos is the operator's position
  Expr* x = nullptr;
  Expr* y = nullptr;
  BinaryExpr(Pos p, Tok o) : Expr(ExprKind::kBinary, p), op(o) {}
};

struct KeyValueExpr : Expr {
  Expr* key = nullptr;
  Expr* value = nullptr;
  Pos colon;
  explicit KeyValueExpr(Pos p) : Expr(ExprKind::kKeyValue, p) {}
};

// ---- Type expressions ----------------------------------------------------------

struct ArrayTypeExpr : Expr {
  Expr* len = nullptr;  // nullptr: slice type; EllipsisExpr: [...]T
  Expr* elem = nullptr;
  explicit ArrayTypeExpr(Pos p) : Expr(ExprKind::kArrayType, p) {}
};

// Field is a struct field, a parameter, a result, or an interface element
// (a method: names = {m}, type = FuncTypeExpr; an embedded interface or a
// type-set term: names empty).
struct Field {
  Pos pos;
  std::vector<Ident*> names;   // empty: embedded field / unnamed parameter
  Expr* type = nullptr;
  BasicLit* tag = nullptr;     // struct tags are parsed and ignored
};

struct StructTypeExpr : Expr {
  std::vector<Field> fields;
  explicit StructTypeExpr(Pos p) : Expr(ExprKind::kStructType, p) {}
};

struct FuncTypeExpr : Expr {
  std::vector<Field> type_params;  // non-empty: generic (rejected)
  std::vector<Field> params;
  std::vector<Field> results;
  explicit FuncTypeExpr(Pos p) : Expr(ExprKind::kFuncType, p) {}
};

struct InterfaceTypeExpr : Expr {
  std::vector<Field> methods;  // methods and embedded elements, in order
  explicit InterfaceTypeExpr(Pos p) : Expr(ExprKind::kInterfaceType, p) {}
};

struct MapTypeExpr : Expr {
  Expr* key = nullptr;
  Expr* value = nullptr;
  explicit MapTypeExpr(Pos p) : Expr(ExprKind::kMapType, p) {}
};

enum class ChanDir : uint8_t { kBoth, kSend, kRecv };

struct ChanTypeExpr : Expr {
  ChanDir dir = ChanDir::kBoth;
  Expr* value = nullptr;
  explicit ChanTypeExpr(Pos p) : Expr(ExprKind::kChanType, p) {}
};

struct EllipsisExpr : Expr {
  Expr* elt = nullptr;  // ...T in a parameter list; nullptr in [...]T
  explicit EllipsisExpr(Pos p) : Expr(ExprKind::kEllipsis, p) {}
};

// ---- Statements ------------------------------------------------------------------

enum class StmtKind : uint8_t {
  kBad, kDecl, kEmpty, kLabeled, kExpr, kSend, kIncDec, kAssign, kGo, kDefer,
  kReturn, kBranch, kBlock, kIf, kCaseClause, kSwitch, kTypeSwitch,
  kCommClause, kSelect, kFor, kRange,
};

struct Stmt {
  StmtKind kind;
  Pos pos;
  explicit Stmt(StmtKind k, Pos p) : kind(k), pos(p) {}
  virtual ~Stmt() = default;
};

struct GenDecl;

struct BadStmt : Stmt {
  explicit BadStmt(Pos p) : Stmt(StmtKind::kBad, p) {}
};

struct DeclStmt : Stmt {
  GenDecl* decl = nullptr;  // const, type or var
  explicit DeclStmt(Pos p) : Stmt(StmtKind::kDecl, p) {}
};

struct EmptyStmt : Stmt {
  bool implicit = false;  // a ";" inserted before a closing ")" or "}"
  explicit EmptyStmt(Pos p) : Stmt(StmtKind::kEmpty, p) {}
};

struct LabeledStmt : Stmt {
  Ident* label = nullptr;
  Stmt* stmt = nullptr;
  explicit LabeledStmt(Pos p) : Stmt(StmtKind::kLabeled, p) {}
};

struct ExprStmt : Stmt {
  Expr* x = nullptr;
  explicit ExprStmt(Pos p) : Stmt(StmtKind::kExpr, p) {}
};

struct SendStmt : Stmt {
  Expr* chan = nullptr;
  Expr* value = nullptr;
  Pos arrow;
  explicit SendStmt(Pos p) : Stmt(StmtKind::kSend, p) {}
};

struct IncDecStmt : Stmt {
  Expr* x = nullptr;
  Tok tok;  // kInc or kDec
  Pos tok_pos;  // of the "++" or "--" (gc reports errors about the statement there)
  IncDecStmt(Pos p, Tok t) : Stmt(StmtKind::kIncDec, p), tok(t) {}
};

struct AssignStmt : Stmt {
  std::vector<Expr*> lhs;
  Tok tok;  // kAssign, kDefine, or an op-assign (kAddAssign, ...)
  Pos tok_pos;
  std::vector<Expr*> rhs;
  AssignStmt(Pos p, Tok t) : Stmt(StmtKind::kAssign, p), tok(t) {}
};

struct GoStmt : Stmt {
  CallExpr* call = nullptr;
  explicit GoStmt(Pos p) : Stmt(StmtKind::kGo, p) {}
};

struct DeferStmt : Stmt {
  CallExpr* call = nullptr;
  explicit DeferStmt(Pos p) : Stmt(StmtKind::kDefer, p) {}
};

struct ReturnStmt : Stmt {
  std::vector<Expr*> results;
  explicit ReturnStmt(Pos p) : Stmt(StmtKind::kReturn, p) {}
};

struct BranchStmt : Stmt {
  Tok tok;  // kBreak kContinue kGoto kFallthrough
  Ident* label = nullptr;
  BranchStmt(Pos p, Tok t) : Stmt(StmtKind::kBranch, p), tok(t) {}
};

struct BlockStmt : Stmt {
  std::vector<Stmt*> list;
  Pos rbrace;
  explicit BlockStmt(Pos p) : Stmt(StmtKind::kBlock, p) {}
};

struct IfStmt : Stmt {
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* body = nullptr;
  Stmt* else_stmt = nullptr;  // BlockStmt or IfStmt
  explicit IfStmt(Pos p) : Stmt(StmtKind::kIf, p) {}
};

struct CaseClause : Stmt {
  std::vector<Expr*> list;  // empty: default
  bool is_default = false;
  Pos colon;
  std::vector<Stmt*> body;
  explicit CaseClause(Pos p) : Stmt(StmtKind::kCaseClause, p) {}
};

struct SwitchStmt : Stmt {
  Stmt* init = nullptr;
  Expr* tag = nullptr;     // nullptr: switch { ... } (tag true)
  BlockStmt* body = nullptr;  // of CaseClauses
  explicit SwitchStmt(Pos p) : Stmt(StmtKind::kSwitch, p) {}
};

struct TypeSwitchStmt : Stmt {
  Stmt* init = nullptr;
  Stmt* assign = nullptr;  // x := y.(type) (AssignStmt) or y.(type) (ExprStmt)
  BlockStmt* body = nullptr;  // of CaseClauses (list holds types; nil is an Ident)
  explicit TypeSwitchStmt(Pos p) : Stmt(StmtKind::kTypeSwitch, p) {}
};

struct CommClause : Stmt {
  Stmt* comm = nullptr;  // SendStmt, ExprStmt(<-c), AssignStmt(v[, ok] = / := <-c); nullptr: default
  Pos colon;
  std::vector<Stmt*> body;
  explicit CommClause(Pos p) : Stmt(StmtKind::kCommClause, p) {}
};

struct SelectStmt : Stmt {
  BlockStmt* body = nullptr;  // of CommClauses
  explicit SelectStmt(Pos p) : Stmt(StmtKind::kSelect, p) {}
};

struct ForStmt : Stmt {
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
  explicit ForStmt(Pos p) : Stmt(StmtKind::kFor, p) {}
};

struct RangeStmt : Stmt {
  Expr* key = nullptr;    // nullptr: for range x
  Expr* value = nullptr;
  Tok tok = Tok::kIllegal;  // kAssign or kDefine when key != nullptr
  Pos tok_pos;
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
  explicit RangeStmt(Pos p) : Stmt(StmtKind::kRange, p) {}
};

// ---- Declarations ------------------------------------------------------------------

struct ImportSpec {
  Pos pos;
  Ident* name = nullptr;  // nullptr, "_", "." or a rename
  std::string path;       // unquoted: "sync/atomic"
  Pos path_pos;
};

struct ValueSpec {
  Pos pos;
  std::vector<Ident*> names;
  Expr* type = nullptr;
  std::vector<Expr*> values;  // const: empty means "repeat the previous spec's"
  int iota = 0;               // const: the spec's index in its group
};

struct TypeSpec {
  Pos pos;
  Ident* name = nullptr;
  std::vector<Field> type_params;  // non-empty: generic (rejected)
  bool alias = false;              // type A = B
  Expr* type = nullptr;
};

enum class DeclKind : uint8_t { kBad, kGen, kFunc };

struct Decl {
  DeclKind kind;
  Pos pos;
  explicit Decl(DeclKind k, Pos p) : kind(k), pos(p) {}
  virtual ~Decl() = default;
};

struct BadDecl : Decl {
  explicit BadDecl(Pos p) : Decl(DeclKind::kBad, p) {}
};

struct GenDecl : Decl {
  Tok tok;  // kImport kConst kType kVar
  std::vector<ImportSpec> imports;
  std::vector<ValueSpec> values;  // const and var
  std::vector<TypeSpec> types;
  GenDecl(Pos p, Tok t) : Decl(DeclKind::kGen, p), tok(t) {}
};

struct FuncDecl : Decl {
  Field* recv = nullptr;  // method receiver, or nullptr
  Ident* name = nullptr;
  FuncTypeExpr* sig = nullptr;
  BlockStmt* body = nullptr;  // nullptr: no body (rejected: no assembly)
  explicit FuncDecl(Pos p) : Decl(DeclKind::kFunc, p) {}
};

// ---- Files -------------------------------------------------------------------------

// Arena owns every node of one file.
class Arena {
 public:
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    auto owned = std::make_unique<T>(std::forward<Args>(args)...);
    T* raw = owned.get();
    Keep(std::move(owned));
    return raw;
  }

 private:
  void Keep(std::unique_ptr<Expr> e) { exprs_.push_back(std::move(e)); }
  void Keep(std::unique_ptr<Stmt> s) { stmts_.push_back(std::move(s)); }
  void Keep(std::unique_ptr<Decl> d) { decls_.push_back(std::move(d)); }
  void Keep(std::unique_ptr<Field> f) { fields_.push_back(std::move(f)); }
  std::vector<std::unique_ptr<Expr>> exprs_;
  std::vector<std::unique_ptr<Stmt>> stmts_;
  std::vector<std::unique_ptr<Decl>> decls_;
  std::vector<std::unique_ptr<Field>> fields_;
};

struct File {
  std::string name;  // as given on the command line, used in diagnostics
  Pos package_pos;
  Ident* package_name = nullptr;
  std::vector<GenDecl*> imports;  // the import declarations, also in decls
  std::vector<Decl*> decls;       // in source order
  std::vector<std::string> comments_before_package;  // the header comment lines, "//" stripped
  Arena arena;
};

// StartPos is where an expression starts: the leftmost operand of a binary
// expression (types2 reports errors there: syntax.StartPos). parser.cc.
Pos StartPos(const Expr* x);

}  // namespace gostep::lang
