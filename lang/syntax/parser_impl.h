// lang/syntax/parser_impl.h — the Parser class shared by parser*.cc (internal).
//
// The parser is a port of cmd/compile/internal/syntax's parser.go (Go 1.19):
// the same productions, the same error recovery (advance to a follow set,
// stopping at statement keywords inside functions) and the same messages,
// so that a scenario's syntax error reads as `go run` prints it. It builds
// the go/ast-shaped tree of ast.h instead of gc's syntax tree.
//
// Files: parser.cc (tokens, errors, the file and declarations),
// parser_expr.cc (expressions), parser_type.cc (types, parameters),
// parser_stmt.cc (statements).
#pragma once

#include <functional>
#include <string_view>
#include <initializer_list>
#include <string>
#include <vector>

#include "lang/diag.h"
#include "lang/syntax/ast.h"
#include "lang/syntax/lexer.h"

namespace gostep::lang::internal {

constexpr int kMaxNesting = 1000;

// StartPos (ast.h) is the position of x's first token (a binary
// expression's own pos is its operator's).
using lang::StartPos;
// ExpectName is gc's tokstring: how a wanted token is named in "expecting X".
std::string ExpectName(Tok t);

// Param is one parameter while a list is parsed (gc's Field: one name).
struct Param {
  Pos pos;
  Ident* name = nullptr;
  Expr* type = nullptr;
};

class Parser {
 public:
  Parser(std::string_view src, DiagList* diags, File* file);
  void ParseFile();

  // ---- parser.cc: tokens and errors.
  void Next() { lex_.Next(); }
  Tok tok() const { return lex_.tok; }
  Pos pos() const { return lex_.pos; }
  const std::string& lit() const { return lex_.lit; }
  bool Got(Tok t);
  void Want(Tok t);
  bool GotAssign();
  void ErrorAt(Pos p, std::string msg);
  void Error(std::string msg) { ErrorAt(pos(), std::move(msg)); }
  void SyntaxErrorAt(Pos p, std::string msg);
  void SyntaxError(std::string msg) { SyntaxErrorAt(pos(), std::move(msg)); }
  void Advance(std::initializer_list<Tok> follow = {});
  // List parses [ f { sep f } [sep] ] close; f returns true to stop early.
  Pos List(const char* context, Tok sep, Tok close, const std::function<bool()>& f);
  bool HadErrors() const { return diags_->list().size() > errors_before_; }
  // Enter counts one level of nesting; false (and the parse stops) past kMaxNesting.
  bool Enter();
  void Leave() { depth_--; }
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    return file_->arena.New<T>(std::forward<Args>(args)...);
  }
  BadExpr* Bad() { return New<BadExpr>(pos()); }

  // ---- parser.cc: declarations.
  void TypeSpecP(GenDecl* d, int index);  // parser_type.cc
  void AppendGroup(GenDecl* d, void (Parser::*spec)(GenDecl*, int));
  void ImportSpecP(GenDecl* d, int index);
  void ConstSpecP(GenDecl* d, int index);
  void VarSpecP(GenDecl* d, int index);
  FuncDecl* FuncDeclOrNil(Pos func_pos);
  BlockStmt* FuncBody();

  // ---- parser_expr.cc.
  Expr* ParseExpr();
  Expr* BinaryExpr(Expr* x, int prec);
  Expr* UnaryExpr();
  Expr* Operand(bool keep_parens);
  Expr* PExpr(Expr* x, bool keep_parens);
  Expr* BareComplitExpr();
  CompositeLit* ComplitExpr();
  std::vector<Expr*> ExprList();
  // TypeList parses a comma-separated list of types/exprs; *comma: one was seen.
  std::vector<Expr*> TypeList(bool* comma);
  void ArgList(CallExpr* call);
  Ident* Name();
  std::vector<Ident*> NameList(Ident* first);
  Expr* QualifiedName(Ident* name);
  BasicLit* OLiteral();

  // ---- parser_type.cc.
  Expr* Type();
  Expr* TypeOrNil();
  Expr* TypeInstance(Expr* typ);
  FuncTypeExpr* FuncType(const char* context, Pos func_pos);  // after "func"; type params into the result
  Expr* ArrayType(Pos p, Expr* len);
  Expr* SliceType(Pos p);
  Expr* ChanElem();
  StructTypeExpr* StructType();
  InterfaceTypeExpr* InterfaceType();
  std::vector<Field> FuncResult();
  void FieldDecl(StructTypeExpr* st);
  Expr* ArrayOrTArgs();
  Expr* EmbeddedElem(Expr* typ);  // typ { "|" term }; typ == nullptr: parse the first term
  Expr* EmbeddedTerm();
  bool ParamDeclOrNil(Ident* name, Tok follow, Param* f);
  std::vector<Field> ParamList(Ident* name, Expr* typ, Tok close, bool require_names);

  // ---- parser_stmt.cc.
  Stmt* SimpleStmt(std::vector<Expr*> lhs, Tok keyword);
  Stmt* LabeledStmtOrNil(Ident* label);
  BlockStmt* Block(const char* context);
  Stmt* DeclStmtP();
  Stmt* ForStmt();
  struct Header {
    Stmt* init = nullptr;
    Stmt* cond = nullptr;  // the condition statement (ExprStmt, or a type switch guard)
    Stmt* post = nullptr;
    Expr* bad_cond = nullptr;  // set when the condition is missing (if)
  };
  Header ParseHeader(Tok keyword);
  Stmt* IfStmt();
  Stmt* SwitchStmt();
  Stmt* SelectStmt();
  CaseClause* CaseClauseP();
  CommClause* CommClauseP();
  Stmt* CallStmt();
  Stmt* StmtOrNil();
  std::vector<Stmt*> StmtList();

  Lexer lex_;
  DiagList* diags_;
  File* file_;
  size_t errors_before_;
  int fnest_ = 0;  // function nesting: > 0 inside a body
  int xnest_ = 0;  // expression nesting: < 0 in if/for/switch headers
  int depth_ = 0;
  bool too_deep_ = false;
};

}  // namespace gostep::lang::internal
