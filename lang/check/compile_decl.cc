// lang/check/compile_decl.cc — package-level declarations, signatures and
// function bodies (package consts and vars: compile_init.cc).
#include <fmt/format.h>

#include "lang/check/compiler.h"
#include "lang/check/escapes.h"
#include "lang/exec/run_state.h"

namespace gostep::lang::check {

using exec::Ctl;
using exec::Frame;
using exec::Value;


void Compiler::CollectDecls() {
  std::vector<std::pair<TypeSpec*, types::Type*>> named;
  // 1. Declare type names first, so types may refer to each other.
  for (Decl* d : file_->decls) {
    if (d->kind != DeclKind::kGen) continue;
    auto* g = static_cast<GenDecl*>(d);
    if (g->tok != Tok::kType) continue;
    for (TypeSpec& ts : g->types) {
      if (!ts.type_params.empty()) {
        Error(ts.type_params[0].pos, "gostep: generic types are not supported by gostep");
        continue;
      }
      types::Type* t = types_->NewNamed("main", ts.name->name);
      Object* o = Declare(ts.name, Object::K::kType, t);
      o->used = true;
      named.push_back({&ts, t});
    }
  }
  DeclareTypes(named);
  // 2. Function and method signatures.
  pending_.clear();
  for (Decl* d : file_->decls) {
    if (d->kind != DeclKind::kFunc) continue;
    auto* fd = static_cast<FuncDecl*>(d);
    if (!fd->sig->type_params.empty()) {
      Error(fd->sig->type_params[0].pos, "gostep: generic functions are not supported by gostep");
      continue;
    }
    PendingFunc pf{fd, nullptr};
    pf.sig = TypeOf(fd->sig);
    std::string name = "main." + fd->name->name;
    if (fd->recv != nullptr) {
      lang::Expr* rt = fd->recv->type;
      if (rt->kind == ExprKind::kStar) {
        pf.pointer_recv = true;
        rt = static_cast<StarExpr*>(rt)->x;
      }
      Object* ro = rt->kind == ExprKind::kIdent ? Lookup(static_cast<Ident*>(rt)->name) : nullptr;
      if (ro == nullptr || ro->k != Object::K::kType || ro->type->kind() != Kind::kNamed) {
        Error(rt->pos, "gostep: invalid receiver type");
        continue;
      }
      pf.recv_named = const_cast<types::Type*>(ro->type);
      name = pf.pointer_recv ? fmt::format("main.(*{}).{}", ro->name, fd->name->name)
                             : fmt::format("main.{}.{}", ro->name, fd->name->name);
    }
    exec::FuncCode* code = NewFunc(name, fd->pos);
    pf.index = static_cast<int>(funcs_.size() - 1);
    (void)code;
    if (pf.recv_named != nullptr) {
      types::TypeTable::AddMethod(pf.recv_named, types::Method{fd->name->name, pf.sig, pf.pointer_recv, pf.index});
      func_node_[pf.index] = init_graph_.AddNode(InitGraph::Kind::kFunc, fd->name->name, fd->name->pos);
    } else if (fd->name->name == "init") {
      // init functions run before main, in order.
    } else {
      pf.obj = Declare(fd->name, Object::K::kFunc, pf.sig);
      func_node_[pf.index] = init_graph_.AddNode(InitGraph::Kind::kFunc, fd->name->name, fd->name->pos);
      pf.obj->func_index = pf.index;
      if (fd->name->name == "main") main_index_ = pf.index;
    }
    pending_.push_back(pf);
  }
  PackageVars();
}

void Compiler::FuncBodies() {
  std::vector<PendingFunc> pending = pending_;
  for (PendingFunc& pf : pending) {
    FuncDecl* fd = pf.decl;
    if (fd->body == nullptr) {
      Error(fd->pos, "missing function body");
      continue;
    }
    auto ctx = std::make_unique<FuncCtx>();
    ctx->depth = 1;
    ctx->code = funcs_[pf.index].get();
    ctx->name = ctx->code->name;
    ctx->sig = pf.sig;
    ctx->box_all = NeedsBoxes(fd->body);
    FuncCtx* raw = ctx.get();
    ctxs_.push_back(std::move(ctx));
    // The body's references are the func's deps (compile_init.cc, step 3).
    auto node = func_node_.find(pf.index);
    cur_nodes_.clear();
    if (node != func_node_.end()) cur_nodes_.push_back(node->second);
    CompileBody(raw, fd->recv, fd->sig, fd->body, pf.sig);
    cur_nodes_.clear();
    if (fd->recv == nullptr && fd->name->name == "init") {
      exec::FuncCode* code = raw->code;
      init_funcs_.push_back([code](Frame& f) {
        exec::Closure c;
        c.code = code;
        exec::Call(f, &c, nullptr, 0, nullptr);
        return Ctl::kNext;
      });
    }
  }
}

// CompileBody declares the receiver, parameters and results in a new scope
// and lowers the body.
namespace {

// Shape is a value's words as a traceback prints them: a scalar is one word,
// a string, interface or complex number two in braces, a slice three, a
// struct or array its parts in braces (runtime/traceback.go:printArgs;
// cmd/compile ssagen emitArgInfo's isAggregate, go1.19).
std::string Shape(const Type* t) {
  const Type* u = t->Underlying();
  switch (u->kind()) {
    case Kind::kString: case Kind::kInterface: case Kind::kComplex64: case Kind::kComplex128: return "{w,w}";
    case Kind::kSlice: return "{w,w,w}";
    case Kind::kStruct: {
      std::string s = "{";
      for (size_t i = 0; i < u->fields().size(); ++i) s += (i ? "," : "") + Shape(u->fields()[i].type);
      return s + "}";
    }
    case Kind::kArray: {
      std::string s = "{";
      for (int64_t i = 0; i < u->len() && i < 10; ++i) s += (i ? "," : "") + Shape(u->elem());
      return s + "}";
    }
    default: return "w";
  }
}

}  // namespace

void Compiler::CompileBody(FuncCtx* ctx, Field* recv, FuncTypeExpr* ft, BlockStmt* body, const Type* sig) {
  FuncCtx* saved = fn_;
  {
    std::vector<std::string> parts;
    if (recv != nullptr) {
      if (const Type* rt = TypeOf(recv->type)) parts.push_back(Shape(rt));
    }
    for (const Type* p : sig->params()) parts.push_back(Shape(p));
    std::string shape;
    for (size_t i = 0; i < parts.size(); ++i) shape += (i ? "," : "") + parts[i];
    ctx->code->args_shape = shape;
  }
  fn_ = ctx;
  Push();
  auto param = [&](Ident* id, const Type* t, Pos pos) {
    Ident blank(pos, "_");
    Object* o = DeclareVar(id != nullptr ? id : &blank, t);
    o->used = true;
    if (o->boxed) ctx->code->boxed_params.push_back(o->slot);
  };
  if (recv != nullptr) {
    const Type* rt = TypeOf(recv->type);
    param(recv->names.empty() ? nullptr : recv->names[0], rt, recv->pos);
  }
  size_t pi = 0;
  for (Field& f : ft->params) {
    if (f.names.empty()) {
      param(nullptr, sig->params()[pi++], f.pos);
      continue;
    }
    for (Ident* id : f.names) param(id, sig->params()[pi++], id->pos);
  }
  ctx->code->nparams = ctx->code->nslots;
  size_t ri = 0;
  for (Field& f : ft->results) {
    size_t n = f.names.empty() ? 1 : f.names.size();
    for (size_t k = 0; k < n; ++k) {
      const Type* t = sig->results()[ri++];
      Ident blank(f.pos, "_");
      if (!f.names.empty()) ctx->named_results = true;
      Object* o = DeclareVar(f.names.empty() ? &blank : f.names[k], t);
      o->used = true;
      ctx->results.push_back(o);
      ctx->code->result_slots.push_back(o->slot);
      ctx->code->result_types.push_back(t);
      if (t->UKind() == Kind::kStruct || t->UKind() == Kind::kArray) ctx->code->zero_struct_result = true;
    }
  }
  ctx->code->boxed_results = ctx->box_all;
  StmtFn b = Block(body->list);
  CheckUnused();
  Pop();
  fn_ = saved;
  if (!sig->results().empty() && !Terminates(body)) Error(body->rbrace, "missing return");
  ctx->code->body = std::move(b);
}

}  // namespace gostep::lang::check
