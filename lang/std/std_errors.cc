// lang/std/std_errors.cc — package errors, and fmt.Errorf's wrapping errors.
//
// Models errors/wrap.go and errors/join.go, and fmt/errors.go's wrapError
// and wrapErrors, per release:
//   go1.13–1.19  Errorf wraps the operand of its one %w (*fmt.wrapError);
//                Is, As and Unwrap follow Unwrap() error chains.
//   go1.20+      Errorf records every %w: one gives *fmt.wrapError, more
//                give *fmt.wrapErrors (Unwrap() []error, its error operands
//                in argument order); errors.Join (*errors.joinError); Is and
//                As also walk Unwrap() []error trees, depth first
//                (go1.20 release notes, "Wrapping multiple errors").
// The wrapping types are std types with native methods (std_methods.h), so
// user code sees Go's dynamic types and method sets. Their pointer types are
// made when the program is compiled (the signatures of Errorf and Join), so
// a run only reads the type table.
#include <fmt/format.h>

#include "lang/exec/run_state.h"
#include "lang/std/fmt.h"
#include "lang/std/std_impl.h"
#include "runtime/go.h"

namespace gostep::lang::std_pkg {
namespace {

int Minor() { return S().profile().minor; }

const types::Type* WrapErrorType(TypeTable& t) {
  return t.Pointer(t.Std("fmt", "wrapError", [&t] {
    return t.Struct({types::StructField{"msg", t.String(), false}, types::StructField{"err", t.Error(), false}});
  }));
}
const types::Type* WrapErrorsType(TypeTable& t) {
  return t.Pointer(t.Std("fmt", "wrapErrors", [&t] {
    return t.Struct({types::StructField{"msg", t.String(), false}, types::StructField{"errs", t.Slice(t.Error()), false}});
  }));
}
const types::Type* JoinErrorType(TypeTable& t) {
  return t.Pointer(t.Std("errors", "joinError", [&t] { return t.Struct({types::StructField{"errs", t.Slice(t.Error()), false}}); }));
}

Value ErrSlice(Frame& f, const std::vector<Value>& errs) {
  if (errs.empty()) return Value();
  Value s = exec::MakeSlice(f, exec::Run(f).prog_types->Error(), static_cast<int64_t>(errs.size()), static_cast<int64_t>(errs.size()));
  for (size_t i = 0; i < errs.size(); ++i) static_cast<Value*>(s.p)[i] = errs[i];
  return s;
}

Value* Fields(Value* recv) { return static_cast<Value*>(recv->p); }

// Method finds `name` in the method set of err's dynamic type when its
// signature is params → one result accepted by `result` (the interface
// assertion err.(interface{ name(...) R })).
types::MethodLookup Method(const Value& err, const char* name, size_t nparams,
                           const std::function<bool(const types::Type*)>& result) {
  const types::Type* dt = exec::DynType(err);
  types::MethodLookup ml = types::LookupMethod(dt, name);
  if (ml.method == nullptr || (ml.method->pointer_recv && dt->UKind() != Kind::kPointer && !ml.indirect)) return {};
  const types::Type* sig = ml.method->sig;
  if (sig->params().size() != nparams || sig->results().size() != 1 || !result(sig->results()[0])) return {};
  return ml;
}

bool IsError(const types::Type* t) { return t->IsInterface() && t->Underlying()->methods().size() == 1 && t->Underlying()->methods()[0].name == "Error"; }
bool IsErrorSlice(const types::Type* t) { return t->UKind() == Kind::kSlice && IsError(t->Underlying()->elem()); }
bool IsBool(const types::Type* t) { return t->UKind() == Kind::kBool; }

Value Call(Frame& f, const Value& err, const types::MethodLookup& ml, const Value* args, int nargs) {
  const types::Type* dt = exec::DynType(err);
  exec::Closure* c = exec::BindMethod(f, dt, exec::Unbox(dt, err), ml);
  Value out[2];
  exec::Call(f, c, args, nargs, out);
  return out[0];
}

// Unwrap is errors.Unwrap: err.(interface{ Unwrap() error }).Unwrap().
Value Unwrap(Frame& f, const Value& err) {
  if (err.x == 0) return Value();
  types::MethodLookup ml = Method(err, "Unwrap", 0, IsError);
  return ml.method == nullptr ? Value() : Call(f, err, ml, nullptr, 0);
}

// Children is go1.20's err.(interface{ Unwrap() []error }).Unwrap(); false
// when err has no such method (or the profile predates it).
bool Children(Frame& f, const Value& err, std::vector<Value>* out) {
  if (Minor() < 20 || err.x == 0) return false;
  types::MethodLookup ml = Method(err, "Unwrap", 0, IsErrorSlice);
  if (ml.method == nullptr) return false;
  *out = SliceElems(Call(f, err, ml, nullptr, 0));
  return true;
}

// Is models errors.Is (wrap.go): == when target's type is comparable, the
// Is method, then the Unwrap chain (and, from go1.20, Unwrap() []error).
bool Is(Frame& f, Value err, const Value& target, bool comparable) {
  const types::Type* error_t = exec::Run(f).prog_types->Error();
  for (;;) {
    if (comparable && exec::Equal(f, error_t, err, target)) return true;
    if (err.x != 0) {
      types::MethodLookup is = Method(err, "Is", 1, IsBool);
      if (is.method != nullptr && IsError(is.method->sig->params()[0]) && Call(f, err, is, &target, 1).i != 0) return true;
    }
    std::vector<Value> kids;
    if (Children(f, err, &kids)) {
      for (const Value& k : kids) {
        if (Is(f, k, target, comparable)) return true;
      }
      return false;
    }
    err = Unwrap(f, err);
    if (err.x == 0) return false;
  }
}

// AssignableTo is reflect's Type.AssignableTo for a dynamic type v.
bool AssignableTo(const types::Type* v, const types::Type* t) {
  if (types::Identical(v, t)) return true;
  if (t->IsInterface()) {
    std::string missing;
    bool ptr = false;
    return types::Implements(v, t, &missing, &ptr);
  }
  bool named = v->kind() == Kind::kNamed && t->kind() == Kind::kNamed;
  return !named && v->UKind() == t->UKind() && types::Identical(v->Underlying(), t->Underlying());
}

// As models errors.As's loop (wrap.go); target is a non-nil *T, checked.
bool As(Frame& f, Value err, const Value& target, const types::Type* tt) {
  for (; err.x != 0; err = Unwrap(f, err)) {
    const types::Type* dt = exec::DynType(err);
    if (AssignableTo(dt, tt)) {
      Value* dst = static_cast<Value*>(target.p);
      *dst = tt->IsInterface() ? err : exec::Copy(exec::Run(f), dt, exec::Unbox(dt, err));
      return true;
    }
    types::MethodLookup as = Method(err, "As", 1, IsBool);
    if (as.method != nullptr && as.method->sig->params()[0]->IsInterface() &&
        as.method->sig->params()[0]->Underlying()->methods().empty()) {
      if (Call(f, err, as, &target, 1).i != 0) return true;
    }
    std::vector<Value> kids;
    if (Children(f, err, &kids)) {
      for (const Value& k : kids) {
        if (As(f, k, target, tt)) return true;
      }
      return false;
    }
  }
  return false;
}

// ErrorText is e.Error() (errors.New's and runtime errors' text directly).
std::string ErrorText(Frame& f, const Value& e) {
  exec::RunState& run = exec::Run(f);
  const types::Type* dt = exec::DynType(e);
  if (dt == run.error_string || dt == run.runtime_error) return std::string(exec::Str(e));
  return std::string(exec::Str(exec::CallMethod(f, dt, exec::Unbox(dt, e), types::LookupMethod(dt, "Error"))));
}

TypeFn ErrorOf(const types::Type* (*make)(TypeTable&)) {
  return [make](TypeTable& t) {
    make(t);  // made at compile time: runs only read the table
    return t.Error();
  };
}

}  // namespace

Value Errorf(Frame& f, const std::string& msg, const std::vector<size_t>& wrapped, const std::vector<Value>& args) {
  TypeTable& t = *exec::Run(f).prog_types;
  if (wrapped.empty()) return MakeError(f, msg);
  if (wrapped.size() == 1) {
    Value e = args[wrapped[0]];
    if (e.x != 0 && !AssignableTo(exec::DynType(e), t.Error())) e = Value();  // w.err, _ = a[i].(error)
    return NewStructPtr(f, {NewString(f, msg), e}, WrapErrorType(t));
  }
  std::vector<Value> errs;
  for (size_t i = 0; i < wrapped.size(); ++i) {
    if (i > 0 && wrapped[i - 1] == wrapped[i]) continue;
    const Value& e = args[wrapped[i]];
    if (e.x != 0 && AssignableTo(exec::DynType(e), t.Error())) errs.push_back(e);
  }
  return NewStructPtr(f, {NewString(f, msg), ErrSlice(f, errs)}, WrapErrorsType(t));
}

TypeFn ErrorfResult() { return ErrorOf(+[](TypeTable& t) { WrapErrorsType(t); return WrapErrorType(t); }); }

void AddErrors(std::vector<StdFunc>* v) {
  v->push_back({"errors", "New", 0, Sig({ty::String}, {ty::Error}),
                [](Frame& f, const Value* a, Value* r) { r[0] = MakeError(f, std::string(exec::Str(a[0]))); }});
  v->push_back({"errors", "Unwrap", 13, Sig({ty::Error}, {ty::Error}),
                [](Frame& f, const Value* a, Value* r) { r[0] = Unwrap(f, a[0]); }});
  v->push_back({"errors", "Is", 13, Sig({ty::Error, ty::Error}, {ty::Bool}), [](Frame& f, const Value* a, Value* r) {
                  if (a[1].x == 0) {
                    r[0] = Value::Int(a[0].x == 0);
                    return;
                  }
                  r[0] = Value::Int(Is(f, a[0], a[1], exec::DynType(a[1])->Comparable()));
                }});
  v->push_back({"errors", "As", 13, Sig({ty::Error, ty::Any}, {ty::Bool}), [](Frame& f, const Value* a, Value* r) {
                  if (a[1].x == 0) PanicString(f, "errors: target cannot be nil");
                  const types::Type* pt = exec::DynType(a[1]);
                  if (pt->UKind() != Kind::kPointer || a[1].p == nullptr) PanicString(f, "errors: target must be a non-nil pointer");
                  const types::Type* tt = pt->Underlying()->elem();
                  if (!tt->IsInterface() && !AssignableTo(tt, exec::Run(f).prog_types->Error())) {
                    PanicString(f, "errors: *target must be interface or implement error");
                  }
                  r[0] = Value::Int(As(f, a[0], exec::Unbox(pt, a[1]), tt));
                }});
  // go1.20 (errors/join.go): nil when every operand is nil.
  v->push_back({"errors", "Join", 20, Sig({[](TypeTable& t) { return t.Slice(t.Error()); }}, {ErrorOf(JoinErrorType)}, true),
                [](Frame& f, const Value* a, Value* r) {
                  std::vector<Value> errs;
                  for (const Value& e : SliceElems(a[0])) {
                    if (e.x != 0) errs.push_back(e);
                  }
                  r[0] = errs.empty() ? Value() : NewStructPtr(f, {ErrSlice(f, errs)}, JoinErrorType(*exec::Run(f).prog_types));
                }});
}

void AddErrorsMethods(std::vector<NativeMethod>* v) {
  auto str = Sig({}, {ty::String});
  auto err_slice = Sig({}, {[](TypeTable& t) { return t.Slice(t.Error()); }});
  v->push_back({"fmt.wrapError", "Error", 0, str, [](Frame&, Value* w, const Value*, Value* r) { r[0] = Fields(w)[0]; }});
  v->push_back({"fmt.wrapError", "Unwrap", 0, Sig({}, {ty::Error}), [](Frame&, Value* w, const Value*, Value* r) { r[0] = Fields(w)[1]; }});
  v->push_back({"fmt.wrapErrors", "Error", 20, str, [](Frame&, Value* w, const Value*, Value* r) { r[0] = Fields(w)[0]; }});
  v->push_back({"fmt.wrapErrors", "Unwrap", 20, err_slice, [](Frame&, Value* w, const Value*, Value* r) { r[0] = Fields(w)[1]; }});
  // join.go: the messages joined by newlines.
  v->push_back({"errors.joinError", "Error", 20, str, [](Frame& f, Value* j, const Value*, Value* r) {
                  std::string s;
                  bool first = true;
                  for (const Value& e : SliceElems(Fields(j)[0])) {
                    if (!first) s += '\n';
                    first = false;
                    s += ErrorText(f, e);
                  }
                  r[0] = NewString(f, s);
                }});
  v->push_back({"errors.joinError", "Unwrap", 20, err_slice, [](Frame&, Value* j, const Value*, Value* r) { r[0] = Fields(j)[0]; }});
}

}  // namespace gostep::lang::std_pkg
