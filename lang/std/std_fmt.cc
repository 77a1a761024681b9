// lang/std/std_fmt.cc — package fmt (package errors: std_errors.cc).
#include <fmt/format.h>

#include "lang/std/fmt.h"
#include "lang/std/std_impl.h"
#include "runtime/go.h"

namespace gostep::lang::std_pkg {

SigFn Sig(std::vector<TypeFn> params, std::vector<TypeFn> results, bool variadic) {
  return [params, results, variadic](TypeTable& t) {
    std::vector<const types::Type*> p, r;
    for (const TypeFn& f : params) p.push_back(f(t));
    for (const TypeFn& f : results) r.push_back(f(t));
    return t.Func(p, r, variadic);
  };
}

Value NewString(Frame& f, std::string s) {
  if (s.empty()) return Value();
  return Value::Ptr(const_cast<exec::StrObj*>(exec::Run(f).heap.NewStr(std::move(s))));
}

Value NewStructPtr(Frame& f, std::initializer_list<Value> fields, const types::Type* dyn) {
  exec::RunState& run = exec::Run(f);
  Value* cells = run.heap.Cells(fields.size());
  size_t i = 0;
  for (const Value& v : fields) cells[i++] = v;
  Value* holder = run.heap.Cells(1);
  *holder = Value::Ptr(cells);
  Value out = Value::Ptr(holder);
  out.x = reinterpret_cast<uint64_t>(dyn);
  return out;
}

void PanicString(Frame& f, const char* msg) {
  Value v = NewString(f, msg);
  v.x = reinterpret_cast<uint64_t>(exec::Run(f).prog_types->String());
  exec::PanicValue(f, v);
}

Value MakeError(Frame& f, std::string msg) {
  Value v = Value::Ptr(const_cast<exec::StrObj*>(exec::Run(f).heap.NewStr(std::move(msg))));
  v.x = reinterpret_cast<uint64_t>(exec::Run(f).error_string);
  return v;
}

std::vector<Value> SliceElems(const Value& s) {
  if (s.p == nullptr) return {};
  const Value* p = static_cast<const Value*>(s.p);
  return std::vector<Value>(p, p + exec::SliceLen(s));
}


void AddFmt(std::vector<StdFunc>* v) {
  auto out = [](Frame& f, const std::string& s) { gostep::Print(s); };
  v->push_back({"fmt", "Println", 0, Sig({ty::AnySlice}, {ty::Int, ty::Error}, true),
                [out](Frame& f, const Value* a, Value* r) {
                  std::string s = Sprintln(f, SliceElems(a[0]));
                  out(f, s);
                  if (r) r[0] = Value::Int(static_cast<int64_t>(s.size()));
                }});
  v->push_back({"fmt", "Print", 0, Sig({ty::AnySlice}, {ty::Int, ty::Error}, true),
                [out](Frame& f, const Value* a, Value* r) {
                  std::string s = Sprint(f, SliceElems(a[0]));
                  out(f, s);
                  if (r) r[0] = Value::Int(static_cast<int64_t>(s.size()));
                }});
  v->push_back({"fmt", "Printf", 0, Sig({ty::String, ty::AnySlice}, {ty::Int, ty::Error}, true),
                [out](Frame& f, const Value* a, Value* r) {
                  std::string s = Sprintf(f, exec::Str(a[0]), SliceElems(a[1]));
                  out(f, s);
                  if (r) r[0] = Value::Int(static_cast<int64_t>(s.size()));
                }});
  v->push_back({"fmt", "Sprintf", 0, Sig({ty::String, ty::AnySlice}, {ty::String}, true),
                [](Frame& f, const Value* a, Value* r) { r[0] = NewString(f, Sprintf(f, exec::Str(a[0]), SliceElems(a[1]))); }});
  v->push_back({"fmt", "Sprint", 0, Sig({ty::AnySlice}, {ty::String}, true),
                [](Frame& f, const Value* a, Value* r) { r[0] = NewString(f, Sprint(f, SliceElems(a[0]))); }});
  v->push_back({"fmt", "Sprintln", 0, Sig({ty::AnySlice}, {ty::String}, true),
                [](Frame& f, const Value* a, Value* r) { r[0] = NewString(f, Sprintln(f, SliceElems(a[0]))); }});
  v->push_back({"fmt", "Errorf", 0, Sig({ty::String, ty::AnySlice}, {ErrorfResult()}, true),
                [](Frame& f, const Value* a, Value* r) {
                  std::vector<size_t> wrapped;
                  std::vector<Value> args = SliceElems(a[1]);
                  std::string msg = Sprintf(f, exec::Str(a[0]), args, &wrapped);
                  r[0] = Errorf(f, msg, wrapped, args);  // std_errors.cc
                }});
}

}  // namespace gostep::lang::std_pkg
