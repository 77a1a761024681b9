// lang/check/compiler.cc — scopes, the universe, package-level declarations
// and function bodies (see compiler.h for the order of checking).
#include "lang/check/compiler.h"

#include <cctype>

#include <fmt/format.h>

#include "lang/check/builtins.h"
#include "lang/check/escapes.h"
#include "lang/check/fast_eval.h"
#include "lang/check/std_methods.h"
#include "lang/exec/run_state.h"
#include "lang/std/packages.h"

namespace gostep::lang::check {

using exec::Ctl;
using exec::Frame;
using exec::Value;

Compiler::Compiler(const base::VersionProfile& profile, File* file, DiagList* diags)
    : profile_(profile), file_(file), diags_(diags), types_(std::make_unique<types::TypeTable>()) {
  types_->SetStdMethods(StdMethodTable(minor(), [this](std::string name) { return NewFunc(std::move(name), Pos{}); }));
  scopes_.push_back(std::make_unique<Scope>());
  universe_ = scopes_.back().get();
  scope_ = universe_;
  auto type = [&](const char* n, const Type* t) {
    auto o = std::make_unique<Object>();
    o->k = Object::K::kType;
    o->name = n;
    o->type = t;
    universe_->names[n] = o.get();
    objects_.push_back(std::move(o));
  };
  // bool … complex128, string: the predeclared basic types, named as the table names them.
  for (int k = static_cast<int>(Kind::kBool); k <= static_cast<int>(Kind::kString); ++k) {
    const Type* t = types_->Basic(static_cast<Kind>(k));
    type(t->name().c_str(), t);
  }
  type("byte", types_->Basic(Kind::kUint8));
  type("rune", types_->Basic(Kind::kInt32));
  type("error", types_->Error());
  if (minor() >= 18) type("any", types_->EmptyInterface());  // go1.18: predeclared any
  auto cnst = [&](const char* n, Const c, Kind k) {
    auto o = std::make_unique<Object>();
    o->k = Object::K::kConst;
    o->name = n;
    o->value = std::move(c);
    o->type = types_->Basic(k);
    universe_->names[n] = o.get();
    objects_.push_back(std::move(o));
  };
  cnst("true", Const::Bool(true), Kind::kUntypedBool);
  cnst("false", Const::Bool(false), Kind::kUntypedBool);
  auto nil = std::make_unique<Object>();
  nil->k = Object::K::kNil;
  nil->name = "nil";
  nil->type = types_->Basic(Kind::kUntypedNil);
  universe_->names["nil"] = nil.get();
  objects_.push_back(std::move(nil));
  for (const BuiltinInfo& b : Builtins()) {
    if (minor() < b.since) continue;  // clear/min/max: go1.21 (undefined before)
    auto o = std::make_unique<Object>();
    o->k = Object::K::kBuiltin;
    o->name = b.name;
    o->builtin = b.id;
    universe_->names[b.name] = o.get();
    objects_.push_back(std::move(o));
  }
  Push();
  package_ = scope_;
}

Compiler::~Compiler() = default;

void Compiler::Error(Pos p, std::string msg) {
  std::string out;
  out.reserve(msg.size());
  for (size_t i = 0; i < msg.size(); ++i) {
    char prev = i == 0 ? ' ' : msg[i - 1];
    bool starts_name = !(std::isalnum(static_cast<unsigned char>(prev)) || prev == '_' || prev == '.' || prev == '"');
    if (starts_name && msg.compare(i, 5, "main.") == 0 && i + 5 < msg.size() &&
        (std::isalpha(static_cast<unsigned char>(msg[i + 5])) || msg[i + 5] == '_')) {
      i += 4;
      continue;
    }
    out += msg[i];
  }
  diags_->Error(p, std::move(out));
}

void Compiler::Push() {
  scopes_.push_back(std::make_unique<Scope>());
  scopes_.back()->parent = scope_;
  scopes_.back()->depth = fn_ != nullptr ? fn_->depth : 0;
  scope_ = scopes_.back().get();
}

void Compiler::Pop() { scope_ = scope_->parent; }

Object* Compiler::Lookup(const std::string& name) {
  for (Scope* s = scope_; s != nullptr; s = s->parent) {
    if (auto it = s->names.find(name); it != s->names.end()) return it->second;
  }
  return nullptr;
}

bool Compiler::IsUniverse(const Object* o) const {
  auto it = universe_->names.find(o->name);
  return it != universe_->names.end() && it->second == o;
}

Object* Compiler::Declare(Ident* id, Object::K k, const Type* t) {
  auto o = std::make_unique<Object>();
  o->k = k;
  o->name = id->name;
  o->pos = id->pos;
  o->type = t;
  o->depth = fn_ != nullptr ? fn_->depth : 0;
  if (auto node = node_of_ident_.find(id); node != node_of_ident_.end()) o->init_node = node->second;
  Object* raw = o.get();
  objects_.push_back(std::move(o));
  if (id->name == "_") return raw;
  if (auto it = scope_->names.find(id->name); it != scope_->names.end()) {
    // types2 appends the other declaration's position on a second line.
    Object* other = it->second;
    if (other->pos.valid()) {
      Error(id->pos, fmt::format("{} redeclared in this block\n\t{}:{}:{}: other declaration of {}", id->name,
                                 file_name(), other->pos.line, other->pos.col, id->name));
    } else {
      Error(id->pos, fmt::format("{} redeclared in this block", id->name));
    }
    return raw;
  }
  scope_->names[id->name] = raw;
  return raw;
}

Object* Compiler::DeclareVar(Ident* id, const Type* t) {
  Object* o = Declare(id, Object::K::kVar, t);
  o->slot = fn_->code->nslots++;
  o->boxed = fn_->box_all;
  if (id->name == "_") o->used = true;
  return o;
}

exec::FuncCode* Compiler::NewFunc(std::string name, Pos pos) {
  funcs_.push_back(std::make_unique<exec::FuncCode>());
  exec::FuncCode* f = funcs_.back().get();
  f->name = std::move(name);
  f->file = file_->name.c_str();
  f->line = pos.line;
  return f;
}

const void* Compiler::LabelKey(const std::string& name) {
  auto [it, fresh] = label_keys_.emplace(name, static_cast<int>(label_names_.size()));
  if (fresh) label_names_.push_back(name);
  return &label_names_[it->second];
}

// VarOperand gives the location of a variable as seen from the current
// function: a global, a local slot (or its box), or a captured cell.
Operand Compiler::VarOperand(Object* o, Pos pos) {
  if (o->type != nullptr && o->type->kind() == Kind::kInvalid) {
    o->used = true;
    return Operand{};  // its declaration failed (reported): no follow-on errors
  }
  if (o->depth > 0 && o->depth != fn_->depth) o->used = true;  // captured: gc counts a closure's use
  Operand x;
  x.mode = Operand::Mode::kVar;
  x.type = o->type;
  x.obj = o;
  o->used = true;
  int slot = o->slot;
  // The reads are direct (fast_eval.h), not *addr(f): one closure call.
  if (o->depth == 0) {
    x.addr = [slot](Frame& f) { return &exec::Globals(f)[slot]; };
    x.eval = GlobalLoad{slot};
    return x;
  } else if (o->depth == fn_->depth) {
    if (o->boxed) {
      x.addr = [slot](Frame& f) { return static_cast<Value*>(f.slots[slot].p); };
      x.eval = [slot](Frame& f) { return *static_cast<Value*>(f.slots[slot].p); };
    } else {
      x.addr = [slot](Frame& f) { return &f.slots[slot]; };
      x.eval = SlotLoad{slot};
    }
    return x;
  } else {
    // Captured: ensure every function between here and o's owner captures it.
    std::vector<FuncCtx*> chain;
    for (FuncCtx* c = fn_; c != nullptr && c->depth > o->depth; c = c->parent) chain.push_back(c);
    int idx = -1;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      FuncCtx* c = *it;
      auto found = std::find(c->captured.begin(), c->captured.end(), o);
      idx = static_cast<int>(found - c->captured.begin());
      if (found == c->captured.end()) c->captured.push_back(o);
    }
    x.addr = [idx](Frame& f) { return f.closure->captured[idx]; };
    x.eval = [idx](Frame& f) { return *f.closure->captured[idx]; };
  }
  return x;
}

// ---- Package level ------------------------------------------------------------

bool Compiler::Run() {
  if (file_->package_name == nullptr) return false;
  if (file_->package_name->name != "main") {
    Error(file_->package_name->pos, "gostep: scenarios are package main");
    return false;
  }
  std::vector<std::pair<ImportSpec*, Object*>> imports;
  for (GenDecl* g : file_->imports) {
    for (ImportSpec& is : g->imports) {
      if (!std_pkg::Known(is.path, minor())) {
        Error(is.path_pos, fmt::format("package {} is not in std", is.path));
        continue;
      }
      std::string local = is.name != nullptr ? is.name->name : is.path.substr(is.path.rfind('/') + 1);
      if (local == "_") continue;
      Ident id(is.pos, local);
      Object* o = Declare(&id, Object::K::kPackage, nullptr);
      o->pkg = is.path;
      imports.emplace_back(&is, o);
    }
  }
  CollectDecls();
  if (!diags_->empty()) return false;
  FuncBodies();
  OrderInits();
  // Unused imports, after every use has been seen. go1.19 (checked against
  // its compiler): `imported and not used: "os"` (`... "strings" as str` when
  // renamed); from go1.20 types2 says `"os" imported and not used` (`"strings"
  // imported as str and not used`).
  for (auto& [is, o] : imports) {
    if (o->used) continue;
    std::string elem = is->path.substr(is->path.rfind('/') + 1);
    bool renamed = is->name != nullptr && is->name->name != elem;
    if (minor() >= 20) {
      Error(is->pos, renamed ? fmt::format("\"{}\" imported as {} and not used", is->path, o->name)
                             : fmt::format("\"{}\" imported and not used", is->path));
    } else {
      Error(is->pos, renamed ? fmt::format("imported and not used: \"{}\" as {}", is->path, o->name)
                             : fmt::format("imported and not used: \"{}\"", is->path));
    }
  }
  if (main_index_ < 0 && diags_->empty()) Error(Pos{}, "function main is undeclared in the main package");
  return diags_->empty();
}

}  // namespace gostep::lang::check
