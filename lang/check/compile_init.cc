// lang/check/compile_init.cc — package consts and vars: compiling them in any
// source order, and initialising the vars in Go's dependency order.
//
// Go lets a package-level declaration name one declared later (`var a = b + 1;
// var b = f()`), and initialises the vars in dependency order, not source
// order (spec, "Package initialization"; init_order.h has the rule). The
// checker is one pass that declares a name when it compiles its spec, so:
//
//   1. PackageVars cuts every package const and var spec into *units*: one
//      name with its own initialiser (`var a, b = 1, 2` is two units; a const
//      spec without values takes its group's previous values and iota), or
//      all the names of one `var a, b = f()` (initialised together), or a
//      malformed spec as it is (DeclCode reports it). Each name gets an
//      InitGraph node, in source order; each func and method got one in
//      CollectDecls.
//   2. Units are compiled in source order. An identifier that names a unit
//      not compiled yet compiles that unit first (IdentExpr -> CompileUnit,
//      as types2's objDecl checks an object on first use), with the
//      checker's per-expression state saved around it. A unit named while it
//      is being compiled is a cycle: the reference records its dep and is
//      invalid without a message (InProgressRef); step 4 reports the cycle.
//   3. While a unit or a function body is compiled, every package var, const,
//      func or method it names (IdentExpr, Selector: method values and
//      expressions) is recorded as a dep of the unit's nodes (cur_nodes_), as
//      types2's addDeclDep does. Func literals in an initialiser count for
//      the var; the declaring names of the unit itself do not.
//   4. After the bodies, OrderInits asks the graph for the order and builds
//      init_code_: first the zeroing of the vars without initialiser (Go's
//      zero values are static data), then each initialiser once, when the
//      first of its vars comes out, then the init() funcs in source order.
//      Each cycle found is reported in gc's words.
//
// Rejected: ordering the specs by a syntactic scan of their identifiers
// before compiling. It cannot see through method values (it needs types)
// nor tell a shadowing local from the package var, so it would still need
// the recorded deps for the real order; the lazy compile of step 2 needs
// only scopes, which the checker already keeps.
#include <algorithm>

#include "lang/check/compiler.h"

namespace gostep::lang::check {

// ---- Units (steps 1 and 2) ----------------------------------------------------

void Compiler::AddInitUnit(GenDecl* g, ValueSpec spec, std::vector<Ident*> names) {
  auto unit = std::make_unique<InitUnit>();
  unit->decl = std::make_unique<GenDecl>(g->pos, g->tok);
  unit->var = g->tok == Tok::kVar;
  unit->has_init = unit->var && !spec.values.empty();
  unit->decl->values.push_back(std::move(spec));
  int u = static_cast<int>(units_.size());
  InitGraph::Kind kind = unit->var ? InitGraph::Kind::kVar : InitGraph::Kind::kConst;
  for (Ident* id : names) {
    int node = init_graph_.AddNode(kind, id->name, id->pos);
    unit->nodes.push_back(node);
    node_of_ident_[id] = node;
    if (id->name != "_") unit_of_name_.emplace(id->name, std::make_pair(u, node));  // a redeclaration keeps the first
  }
  units_.push_back(std::move(unit));
}

namespace {

// OneName is spec reduced to its i-th name and value (if it has values).
ValueSpec OneName(const ValueSpec& spec, size_t i) {
  ValueSpec one = spec;
  one.names = {spec.names[i]};
  if (!spec.values.empty()) one.values = {spec.values[i]};
  return one;
}

}  // namespace

// PackageVars makes the units (step 1) and compiles them (step 2) in the
// init pseudo-function's context.
void Compiler::PackageVars() {
  auto ctx = std::make_unique<FuncCtx>();
  ctx->depth = 1;
  ctx->code = NewFunc("main.init", Pos{});
  ctx->name = "main.init";
  ctx->sig = types_->Func({}, {}, false);
  ctx->box_all = true;
  init_ctx_ = ctx.get();
  ctxs_.push_back(std::move(ctx));
  for (Decl* d : file_->decls) {
    if (d->kind != DeclKind::kGen) continue;
    auto* g = static_cast<GenDecl*>(d);
    if (g->tok != Tok::kConst && g->tok != Tok::kVar) continue;
    const ValueSpec* last = nullptr;  // const: the spec whose values repeat
    for (ValueSpec& vs : g->values) {
      ValueSpec spec = vs;
      if (g->tok == Tok::kConst && vs.values.empty() && last != nullptr) {
        spec.values = last->values;
        spec.type = last->type;
      }
      if (g->tok == Tok::kConst && !vs.values.empty()) last = &vs;
      bool one_each = spec.values.size() == spec.names.size() || (g->tok == Tok::kVar && spec.values.empty());
      if (!one_each) {
        AddInitUnit(g, spec, spec.names);
        continue;
      }
      for (size_t i = 0; i < spec.names.size(); ++i) AddInitUnit(g, OneName(spec, i), {spec.names[i]});
    }
  }
  for (size_t u = 0; u < units_.size(); ++u) CompileUnit(static_cast<int>(u));
  init_slots_ = init_ctx_->code->nslots;
}

// CompileUnit compiles unit u if it is pending, at package scope in the init
// pseudo-function, saving the state of the expression that named it.
void Compiler::CompileUnit(int u) {
  InitUnit& unit = *units_[u];
  if (unit.state != InitUnit::State::kPending) return;
  unit.state = InitUnit::State::kCompiling;
  Scope* scope = scope_;
  FuncCtx* fn = fn_;
  int iota = iota_;
  int calls = calls_or_recvs_;  // len/cap constness of the naming expression
  lang::Expr* x_expr = x_expr_;
  std::vector<int> nodes = std::move(cur_nodes_);
  const std::vector<Ident*>* names = cur_names_;
  scope_ = package_;
  fn_ = init_ctx_;
  iota_ = -1;
  cur_nodes_ = unit.nodes;
  cur_names_ = &unit.decl->values[0].names;
  unit.code = DeclCode(unit.decl.get());
  scope_ = scope;
  fn_ = fn;
  iota_ = iota;
  calls_or_recvs_ = calls;
  x_expr_ = x_expr;
  cur_nodes_ = std::move(nodes);
  cur_names_ = names;
  unit.state = InitUnit::State::kDone;
}

int Compiler::PendingUnit(const std::string& name) {
  auto it = unit_of_name_.find(name);
  if (it == unit_of_name_.end()) return -1;
  return units_[it->second.first]->state == InitUnit::State::kDone ? -1 : it->second.first;
}

// InProgressRef is a reference to a unit being compiled: a cycle (types2
// gives the object no type yet and reports the cycle from the graph).
Operand Compiler::InProgressRef(Ident* id) {
  int node = unit_of_name_.at(id->name).second;
  for (int from : cur_nodes_) init_graph_.AddDep(from, node);
  silent_cycle_ = true;
  return Operand{};
}

// PackageMultiVar compiles `var a, b [T] = f()` at package level: the
// globals, then one assignment of the results (AssignMulti).
StmtFn Compiler::PackageMultiVar(ValueSpec& vs, const Type* t) {
  std::vector<Object*> defs;
  std::vector<lang::Expr*> lhs;
  for (Ident* id : vs.names) {
    Object* o = Declare(id, Object::K::kVar, t != nullptr ? t : types_->Invalid());
    o->depth = 0;  // a global (Declare took the init pseudo-function's depth)
    o->slot = nglobals_++;
    o->used = true;
    defs.push_back(t != nullptr ? nullptr : o);  // typed: assigned (and converted) as a variable
    lhs.push_back(id);
  }
  StmtFn s = AssignMulti(lhs, vs.values[0], &defs, vs.pos);
  for (Object* o : defs) {
    if (o != nullptr) o->used = true;  // AssignMulti unmarks a defined var
  }
  return s;
}

// ---- Deps (step 3) ------------------------------------------------------------

void Compiler::UseObject(const Object* o, const Ident* id) {
  if (cur_nodes_.empty() || o == nullptr) return;
  if (cur_names_ != nullptr && std::find(cur_names_->begin(), cur_names_->end(), id) != cur_names_->end()) return;
  if (o->k == Object::K::kFunc) {
    UseFunc(o->func_index);
    return;
  }
  if (o->init_node < 0) return;
  for (int from : cur_nodes_) init_graph_.AddDep(from, o->init_node);
}

void Compiler::UseFunc(int func_index) {
  if (cur_nodes_.empty()) return;
  auto it = func_node_.find(func_index);
  if (it == func_node_.end()) return;
  for (int from : cur_nodes_) init_graph_.AddDep(from, it->second);
}

// ---- The order (step 4) -------------------------------------------------------

void Compiler::OrderInits() {
  InitGraph::Result r = init_graph_.Solve();
  std::vector<int> unit_of_node(init_graph_.size(), -1);
  for (size_t u = 0; u < units_.size(); ++u) {
    for (int n : units_[u]->nodes) unit_of_node[n] = static_cast<int>(u);
  }
  init_code_.clear();
  for (const auto& unit : units_) {
    if (unit->var && !unit->has_init && unit->code) init_code_.push_back(unit->code);
  }
  std::vector<bool> emitted(units_.size(), false);
  for (int n : r.order) {
    int u = unit_of_node[n];
    if (u < 0 || emitted[u] || !units_[u]->has_init) continue;
    emitted[u] = true;
    if (units_[u]->code) init_code_.push_back(units_[u]->code);
  }
  for (const StmtFn& f : init_funcs_) init_code_.push_back(f);
  for (const std::vector<int>& cycle : r.cycles) {
    Error(init_graph_.node(cycle[0]).pos, CycleMessage(init_graph_, cycle, file_name()));
  }
  if (silent_cycle_ && diags_->empty()) Error(Pos{}, "gostep: an initialization cycle was not reported");
}

}  // namespace gostep::lang::check
