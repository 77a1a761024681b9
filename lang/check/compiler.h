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
// constants and variables, a forward reference compiling its target first;
// (4) check function bodies; (5) order the var initialisers by their
// dependencies (compile_init.cc, init_order.h).
//
// Locals live in frame slots. A local that a closure captures or whose
// address is taken lives in a box (a heap cell) held by its slot — decided
// per function by a pre-scan (Escapes): a function containing a func literal,
// an & or a method call boxes all its locals (a gostep simplification: Go's
// escape analysis is finer; the semantics are the same).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/version_profile.h"
#include "lang/check/constant.h"
#include "lang/check/init_order.h"
#include "lang/diag.h"
#include "lang/exec/frame.h"
#include "lang/syntax/ast.h"
#include "lang/std/packages.h"
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
  int init_node = -1;   // package var or const: its node in the init graph
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
  // A multi-value call: writes every result to the array.
  std::function<void(exec::Frame&, exec::Value*)> multi;
  // A std function (package member) or a method of a std type, not yet called.
  const std_pkg::StdFunc* std_func = nullptr;
  const std_pkg::NativeMethod* native = nullptr;
  AddrFn native_recv;
  bool invalid() const { return mode == Mode::kInvalid; }
};

// Describe renders an operand as gc does in messages ("x (variable of type
// int)", "1 + 2i (untyped complex constant (1 + 2i))"); compile_expr.cc.
std::string Describe(lang::Expr* e, const Operand& x);

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
  bool named_results = false;
  std::vector<Object*> captured;  // outer vars this closure uses
  bool box_all = false;
  int closures = 0;               // for funcN names
  int range_funcs = 0;            // for -rangeN names (range-over-func bodies)
  std::string name;
  int loops = 0;                  // enclosing for statements (continue is valid)
  int breakables = 0;             // enclosing for/switch/select (break is valid)
};

struct PendingFunc;
struct InitUnit;

class Compiler {
 public:
  Compiler(const base::VersionProfile& profile, File* file, DiagList* diags);
  ~Compiler();
  // Run checks and lowers the file; false if there were errors.
  bool Run();

  // The results, for Program.
  std::unique_ptr<types::TypeTable> TakeTypes() { return std::move(types_); }
  std::vector<std::unique_ptr<exec::FuncCode>>& funcs() { return funcs_; }
  int main_index() const { return main_index_; }
  int nglobals() const { return nglobals_; }
  const std::vector<StmtFn>& init_code() const { return init_code_; }
  int init_slots() const { return init_slots_; }

 private:
  // ---- Scopes and objects (compiler.cc) ----
  // Error reports msg at p. Types print package-qualified ("main.T", as the
  // runtime prints them); types2 omits the checked package's qualifier, so
  // Error drops "main." where it starts a name.
  void Error(Pos p, std::string msg);
  int minor() const { return profile_.minor; }
  const char* file_name() const { return file_->name.c_str(); }
  void Push();
  void Pop();
  Object* Declare(Ident* id, Object::K k, const Type* t);
  Object* DeclareVar(Ident* id, const Type* t);  // a local var: takes a slot
  Object* Lookup(const std::string& name);
  bool IsUniverse(const Object* o) const;  // predeclared (a package name may shadow it)
  Operand VarOperand(Object* o, Pos pos);
  exec::FuncCode* NewFunc(std::string name, Pos pos);
  const void* LabelKey(const std::string& name);
  void CheckUnused();

  // ---- Declarations (compile_decl.cc) ----
  void CollectDecls();
  // DeclareTypes resolves a group of type declarations (package level, or
  // one local `type` statement) and rejects recursive ones (compile_types.cc).
  void DeclareTypes(const std::vector<std::pair<TypeSpec*, types::Type*>>& named);
  void FuncBodies();

  // ---- Package var initialisation (compile_init.cc) ----
  // PackageVars compiles the package consts and vars, each unit once, a
  // unit's forward references first; OrderInits builds init_code_ in Go's
  // dependency order once every body has been seen.
  void PackageVars();
  void AddInitUnit(GenDecl* g, ValueSpec spec, std::vector<Ident*> names);
  void CompileUnit(int u);
  // PendingUnit is the unit declaring `name` if its object is not declared
  // yet (IdentExpr compiles it first), else -1.
  int PendingUnit(const std::string& name);
  Operand InProgressRef(Ident* id);
  void UseObject(const Object* o, const Ident* id);
  void UseFunc(int func_index);
  StmtFn PackageMultiVar(ValueSpec& vs, const Type* t);
  void OrderInits();
  void CompileBody(FuncCtx* ctx, Field* recv, FuncTypeExpr* ft, BlockStmt* body, const Type* sig);

  // ---- Expressions (compile_expr.cc, compile_ops.cc, compile_access.cc) ----
  Operand Expr(lang::Expr* e, const Type* hint = nullptr);
  Operand ExprInner(lang::Expr* e, const Type* hint);
  Operand ExprValue(lang::Expr* e, const Type* hint = nullptr);  // a single value, not a type
  Operand AsValue(lang::Expr* e, Operand x);
  Operand IdentExpr(Ident* id);
  Operand Literal(BasicLit* lit);
  // Assignable implements the spec's assignability and converts x to t;
  // on failure last_error_ holds gc's message. AssignTo reports it at e.
  bool Assignable(Operand* x, const Type* t, const char* context);
  bool AssignTo(lang::Expr* e, Operand* x, const Type* t, const char* context);
  bool ConvertUntyped(lang::Expr* e, Operand* x, const Type* t);
  EvalFn ConstEval(const Const& c, const Type* t);
  const Type* DefaultType(const Type* untyped);  // rune → int32, else types::Default
  void Default(Operand* x);
  // DefaultTo gives an untyped constant its default type, reporting gc's
  // "cannot use … in <context> (overflows)" at e if it does not fit.
  bool DefaultTo(lang::Expr* e, Operand* x, const char* context);
  EvalFn ToIface(const Type* from, EvalFn eval);  // hoisted in gc's order when by address
  static EvalFn ToIfaceInner(const Type* from, EvalFn eval);
  Operand Binary(BinaryExpr* b, const Type* hint);
  Operand Shift(BinaryExpr* b, const Type* hint);
  Operand Comparison(BinaryExpr* b, Operand& x, Operand& y);
  Operand MismatchError(BinaryExpr* b, const Operand& x, const Operand& y);
  Operand TypedConst(lang::Expr* e, const Operand& z);
  Operand Unary(UnaryExpr* u, const Type* hint);
  Operand AddressOf(UnaryExpr* u);
  Operand Receive(UnaryExpr* u, bool comma_ok);
  Operand Selector(SelectorExpr* s);
  exec::FuncCode* MethodExprWrapper(const Type* t, const types::MethodLookup& ml, const Type* ft);
  Operand MethodValue(SelectorExpr* s, Operand& x, const types::MethodLookup& ml);
  Operand NativeMethodValue(SelectorExpr* s, Operand& x, const std_pkg::NativeMethod* nm);
  Operand Index(IndexExpr* ix);
  Operand SliceOf(SliceExpr* s);
  Operand Star(StarExpr* s);
  Operand TypeAssert(TypeAssertExpr* ta);
  std::string ExprText(lang::Expr* e);
  std::string Describe2(lang::Expr* e, const Operand& x);

  // ---- Calls, literals, types (compile_call.cc, compile_builtin.cc, compile_complex.cc, compile_std.cc) ----
  Operand Call(CallExpr* call, bool stmt);
  Operand CallInner(CallExpr* call, bool stmt);
  bool call_hoistable_ = false;  // set by CallInner: gc's order.go copies this call's result
  template <typename Inv>
  Operand CallOperand(const Type* sig, size_t nres, Inv invoke);
  std::vector<EvalFn> Args(CallExpr* call, const Type* sig, const std::string& fname);
  std::vector<EvalFn> MultiArgs(CallExpr* call, const Type* sig, const Operand& g, const std::string& fname);
  std::vector<EvalFn> PlainArgs(CallExpr* call, const Type* sig, const std::string& fname, Operand* first);
  static EvalFn PackVariadic(std::vector<EvalFn> rest);
  std::string ArgTypes(const std::vector<lang::Expr*>& args);
  Operand Conversion(const Type* t, lang::Expr* arg, Pos pos);
  Operand FuncLitExpr(FuncLit* f);
  Operand Composite(CompositeLit* c, const Type* hint);
  int64_t DotsArrayLen(CompositeLit* c);
  EvalFn StructLit(CompositeLit* c, const Type* t);
  EvalFn ArrayLit(CompositeLit* c, const Type* t);
  EvalFn MapLit(CompositeLit* c, const Type* t);
  const Type* TypeOf(lang::Expr* e);
  const Type* SigOf(FuncTypeExpr* ft);
  Operand Builtin(CallExpr* call, Object* b, bool stmt);
  Operand Append(CallExpr* call);
  Operand Make(CallExpr* call);
  Operand MinMax(CallExpr* call, bool is_min);
  Operand ComplexBuiltin(CallExpr* call, Object* b);  // complex, real, imag (compile_complex.cc)
  Operand PackageMember(const std::string& pkg, Ident* sel, Pos pos);
  Operand StdCall(CallExpr* call, const Operand& fo);
  Operand NativeCall(CallExpr* call, const Operand& fo);
  Operand NativeOperand(const Type* sig, std::vector<EvalFn> args, AddrFn recv,
                        std::function<void(exec::Frame&, exec::Value*, const exec::Value*, exec::Value*)> body, uint32_t line);

  // ---- Statements (compile_stmt.cc, compile_flow.cc, compile_go.cc) ----
  StmtFn Block(const std::vector<Stmt*>& list);
  StmtFn Breakable(Stmt* s, const void* key);
  StmtFn Statement(Stmt* s);
  StmtFn StatementInner(Stmt* s);
  // gc's evaluation order (eval_order.h): while hoist_ is set, Hoist moves
  // a call, receive, slice expression, type assertion, && or || into a
  // frame temporary computed before the statement runs, in lexical order.
  Operand Hoist(Operand x);
  bool NeedsGcOrder(Stmt* s);
  StmtFn ExprStmtCode(ExprStmt* s);
  StmtFn StoreTo(lang::Expr* lhs, EvalFn value);
  // StoreTwoPhase splits a store into the spec's two phases (Assignments):
  // {evaluate lhs's index/indirection operands, assign}; null on error.
  std::pair<StmtFn, StmtFn> StoreTwoPhase(lang::Expr* lhs, EvalFn value);
  Operand LhsOperand(lang::Expr* lhs);
  const Type* LhsType(lang::Expr* lhs);
  StmtFn Assign(AssignStmt* a);
  StmtFn AssignMulti(const std::vector<lang::Expr*>& lhs, lang::Expr* rhs, std::vector<Object*>* defs, Pos pos);
  StmtFn Define(AssignStmt* a);
  StmtFn DeclCode(GenDecl* g);
  StmtFn If(IfStmt* s);
  StmtFn Send(SendStmt* s);
  StmtFn Return(ReturnStmt* r);
  StmtFn Branch(BranchStmt* b);
  StmtFn Labeled(LabeledStmt* l);
  StmtFn For(ForStmt* f, const void* label);
  StmtFn Range(RangeStmt* r, const void* label);
  // RangeFunc lowers a range over an iterator function (compile_rangefunc.cc).
  StmtFn RangeFunc(EvalFn seq, exec::FuncCode* yield, int nparams, std::function<bool(exec::Frame&, exec::Ctl*)> step,
                   int tk, int tv);
  StmtFn Switch(SwitchStmt* s, const void* label);
  StmtFn TypeSwitch(TypeSwitchStmt* s, const void* label);
  StmtFn Select(SelectStmt* s, const void* label);
  StmtFn GoDefer(CallExpr* call, bool is_go, Pos pos);

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
  FuncCtx* init_ctx_ = nullptr;  // package var initialisers run in this pseudo-function
  std::vector<std::unique_ptr<FuncCtx>> ctxs_;
  std::vector<std::unique_ptr<exec::FuncCode>> funcs_;
  // go/defer of a builtin or std call: its arguments' operands while the
  // call is compiled (they read values taken at the go/defer statement).
  std::map<const lang::Expr*, Operand> pre_evaluated_;
  std::vector<PendingFunc> pending_;
  std::vector<StmtFn> init_code_;
  std::vector<StmtFn> init_funcs_;  // calls of the init() funcs, in source order
  // The init graph (init_order.h) and the units it orders: a unit is one
  // package const or var with its own initialiser, or the names of one
  // `var a, b = f()`; unit_of_name_ maps a name to its unit and node.
  InitGraph init_graph_;
  std::vector<std::unique_ptr<InitUnit>> units_;
  std::unordered_map<std::string, std::pair<int, int>> unit_of_name_;
  std::unordered_map<const Ident*, int> node_of_ident_;
  std::unordered_map<int, int> func_node_;   // func index -> node
  std::vector<int> cur_nodes_;               // the nodes whose deps are being recorded
  const std::vector<Ident*>* cur_names_ = nullptr;  // the unit's own names (not deps)
  bool silent_cycle_ = false;  // a unit named itself while compiling (InProgressRef)
  int init_slots_ = 0;
  int main_index_ = -1;
  int nglobals_ = 0;
  int iota_ = -1;
  // Counts the function calls and receives compiled (go/types' hasCallOrRecv):
  // len/cap of an array expression containing one is not constant.
  int calls_or_recvs_ = 0;
  int expr_depth_ = 0;  // nesting of Expr calls (see Expr)
  std::vector<StmtFn>* hoist_ = nullptr;  // the current statement's hoisted operations (eval_order.h)
  std::string last_error_;
  lang::Expr* x_expr_ = nullptr;
  std::map<std::string, int> label_keys_;
  std::deque<std::string> label_names_;
};

// InitUnit is one package-level initialisation (see units_).
struct InitUnit {
  enum class State : uint8_t {
    kPending,    // not compiled: its names are not declared
    kCompiling,  // being compiled: a reference to it is a cycle
    kDone,       // compiled: names declared, code set
  };
  std::unique_ptr<GenDecl> decl;  // a copy of the spec, alone in its decl
  std::vector<int> nodes;         // one per name (types2: one object each)
  State state = State::kPending;
  bool var = false;               // a var (else a const: no code)
  bool has_init = false;          // a var with an initialiser
  StmtFn code;                    // the initialisation (zeroing if !has_init)
};

struct PendingFunc {
  FuncDecl* decl = nullptr;
  Object* obj = nullptr;  // package func, or nullptr for a method
  types::Type* recv_named = nullptr;
  bool pointer_recv = false;
  const Type* sig = nullptr;
  int index = -1;
};

}  // namespace gostep::lang::check
