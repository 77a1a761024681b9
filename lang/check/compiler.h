// lang/check/compiler.h — the checker and the lowering, in one pass.
//
// Compiler walks a parsed File once. For every expression it computes what
// go/types would (an Operand: mode, type, constant value) and, in the same
// step, the closure that evaluates it (exec/frame.h). Errors are reported in
// gc's words at gc's positions and checking goes on; a Program is built only
// when there are none.
//
// Order, as gc's type checker: (1) collect package-level objects (types,
// funcs, vars, consts) so that declarations may refer to each other in any
// order; (2) resolve type declarations, then method signatures; (3) check
// constants and variables; (4) check function bodies.
//
// Locals live in frame slots. A local that a closure captures or whose
// address is taken lives in a box (a heap cell) held by its slot — decided
// per function by a pre-scan (Escapes): a function containing a func literal,
// an & or a method call boxes all its locals (a gostep simplification: Go's
// escape analysis is finer; the semantics are the same).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/version_profile.h"
#include "lang/check/constant.h"
#include "lang/diag.h"
#include "lang/exec/frame.h"
#include "lang/syntax/ast.h"
#include "lang/types/type.h"

namespace gostep::lang::check {

using exec::AddrFn;
using exec::EvalFn;
using exec::StmtFn;
using types::Kind;
using types::Type;

// Object is what an identifier denotes (go/types.Object).
struct Object {
  enum class K : uint8_t { kVar, kConst, kType, kFunc, kBuiltin, kPackage, kNil };
  K k = K::kVar;
  std::string name;
  Pos pos;
  const Type* type = nullptr;
  Const value;          // kConst
  int depth = 0;        // function nesting level that declares it (0: package)
  int slot = -1;        // kVar local: frame slot; package var: global index
  bool boxed = false;   // kVar local: the slot holds a pointer to a cell
  bool used = false;
  int func_index = -1;  // kFunc: index in Compiler::funcs_
  int builtin = -1;     // kBuiltin: which
  std::string pkg;      // kPackage: import path
};

// Operand is the result of checking an expression.
struct Operand {
  enum class Mode : uint8_t { kInvalid, kNoValue, kValue, kVar, kConst, kType, kBuiltin, kPackage, kMapIndex, kCommaOk };
  Mode mode = Mode::kInvalid;
  const Type* type = nullptr;
  Const value;               // kConst
  EvalFn eval;               // kValue, kVar, kMapIndex, kCommaOk
  AddrFn addr;               // kVar: the location
  Object* obj = nullptr;     // kBuiltin/kPackage/kType/kVar(named)
  // kCommaOk: a second evaluator giving both results in a 2-cell array.
  std::function<void(exec::Frame&, exec::Value*)> eval2;
  // kMapIndex: the map and key operands, for assignment.
  EvalFn map_eval, key_eval;
  bool invalid() const { return mode == Mode::kInvalid; }
};

// Scope is a lexical block.
struct Scope {
  Scope* parent = nullptr;
  std::map<std::string, Object*> names;
  int depth = 0;
};

// FuncCtx is the function being compiled.
struct FuncCtx {
  FuncCtx* parent = nullptr;
  int depth = 0;
  exec::FuncCode* code = nullptr;
  const Type* sig = nullptr;
  std::vector<Object*> results;   // named or unnamed result vars
  std::vector<Object*> captured;  // outer vars this closure uses
  bool box_all = false;
  int closures = 0;               // for funcN names
  std::string name;
};

class Compiler {
 public:
  Compiler(const base::VersionProfile& profile, File* file, DiagList* diags);
  ~Compiler();
  // Run checks and lowers the file; false if there were errors.
  bool Run();

  // The results, for Program.
  types::TypeTable& types() { return *types_; }
  std::vector<std::unique_ptr<exec::FuncCode>>& funcs() { return funcs_; }
  int main_index() const { return main_index_; }
  int nglobals() const { return nglobals_; }
  const std::vector<StmtFn>& init_code() const { return init_code_; }
  std::unique_ptr<types::TypeTable> TakeTypes() { return std::move(types_); }

  // ---- shared with the other compile_*.cc files ----
  void Error(Pos p, std::string msg) { diags_->Error(p, std::move(msg)); }
  const base::VersionProfile& profile() const { return profile_; }
  int minor() const { return profile_.minor; }
  const char* file_name() const { return file_->name.c_str(); }

  // Expressions (compile_expr.cc).
  Operand Expr(lang::Expr* e, const Type* hint = nullptr);
  Operand ExprValue(lang::Expr* e, const Type* hint = nullptr);  // single value, not a type
  // Assign converts x for assignment to type t ("cannot use … as … value in
  // context"); on success x.eval yields a t value.
  bool Assignable(Operand* x, const Type* t, const char* context);
  EvalFn ConstEval(const Const& c, const Type* t);
  void Default(Operand* x);
  const Type* TypeOf(lang::Expr* e);  // a type expression
  Operand Call(CallExpr* call, bool stmt);
  Operand Builtin(CallExpr* call, Object* b, bool stmt);
  Operand Selector(SelectorExpr* s);
  Operand Binary(BinaryExpr* b, const Type* hint);
  Operand Unary(UnaryExpr* u, const Type* hint);
  Operand Index(IndexExpr* ix);
  Operand Composite(CompositeLit* c, const Type* hint);
  Operand FuncLitExpr(FuncLit* f);
  Operand Conversion(const Type* t, lang::Expr* arg, Pos pos);
  Operand PackageMember(const std::string& pkg, Ident* sel, Pos pos);
  // Boxes an interface value from a concrete one.
  static EvalFn ToIface(const Type* from, EvalFn eval);

  // Statements (compile_stmt.cc).
  StmtFn Block(const std::vector<Stmt*>& list);
  StmtFn Statement(Stmt* s);
  StmtFn Assign(AssignStmt* a);
  StmtFn Define(AssignStmt* a);
  StmtFn Store(lang::Expr* lhs, Operand rhs_typed);
  StmtFn For(ForStmt* f, const void* label);
  StmtFn Range(RangeStmt* r, const void* label);
  StmtFn Switch(SwitchStmt* s, const void* label);
  StmtFn TypeSwitch(TypeSwitchStmt* s, const void* label);
  StmtFn Select(SelectStmt* s, const void* label);
  StmtFn Return(ReturnStmt* r);
  StmtFn GoDefer(CallExpr* call, bool is_go, Pos pos);

  // Scopes and objects (compiler.cc).
  void Push();
  void Pop();
  Object* Declare(Ident* id, Object::K k, const Type* t);
  Object* DeclareVar(Ident* id, const Type* t);  // a local var: takes a slot
  Object* Lookup(const std::string& name);
  Operand VarOperand(Object* o, Pos pos);
  exec::FuncCode* NewFunc(std::string name, Pos pos);
  // CompileBody lowers a function body for signature sig with params.
  void CompileBody(FuncCtx* ctx, Field* recv, FuncTypeExpr* ft, BlockStmt* body, const Type* sig);
  FuncCtx* fn() { return fn_; }

  const void* LabelKey(const std::string& name);

 private:
  void CollectDecls();
  void ResolveTypeDecl(TypeSpec& ts);
  void FuncSignatures();
  void PackageVars();
  void FuncBodies();

  const base::VersionProfile& profile_;
  File* file_;
  DiagList* diags_;
  std::unique_ptr<types::TypeTable> types_;
  std::vector<std::unique_ptr<Object>> objects_;
  std::vector<std::unique_ptr<Scope>> scopes_;
  Scope* universe_ = nullptr;
  Scope* package_ = nullptr;
  Scope* scope_ = nullptr;
  FuncCtx* fn_ = nullptr;
  std::vector<std::unique_ptr<FuncCtx>> ctxs_;
  std::vector<std::unique_ptr<exec::FuncCode>> funcs_;
  std::vector<StmtFn> init_code_;
  std::map<std::string, std::string> imports_;  // local name -> path
  int main_index_ = -1;
  int nglobals_ = 0;
  std::map<std::string, int> label_keys_;
  std::deque<std::string> label_names_;

  friend class DeclCompiler;
};

}  // namespace gostep::lang::check
