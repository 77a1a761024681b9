// lang/std/std_io.cc — writers: io.Writer, os.Stdout/os.Stderr, fmt.Fprint*
// and strings.Builder.
//
// io.Writer is Go's interface{ Write(p []byte) (n int, err error) }.
// fmt.Fprint, Fprintln and Fprintf format as Print* do and hand the bytes to
// the writer: *os.File and *strings.Builder directly (their Write never
// fails), any other writer through its Write method, whose results they
// return (fmt/print.go: Fprintf returns w.Write's n and err).
// os.Stdout and os.Stderr are *os.File values (fd 1 and 2) whose bytes are
// the program's stdout and stderr, as gostep reports them. strings.Builder
// holds its bytes in a host string (the zero Builder is ready to use);
// Go's copy check ("illegal use of non-zero Builder copied by value") is
// not modelled.
#include "lang/exec/run_state.h"
#include "lang/std/fmt.h"
#include "lang/std/std_impl.h"
#include "runtime/go.h"

namespace gostep::lang::std_pkg {
namespace {

const types::Type* OpaqueStruct(TypeTable& t) {
  return t.Struct({types::StructField{"state", t.Basic(Kind::kUnsafePointer), false}});
}
const types::Type* ByteSlice(TypeTable& t) { return t.Slice(t.Basic(Kind::kUint8)); }
const types::Type* FilePtr(TypeTable& t) { return t.Pointer(t.Std("os", "File", [&t] { return OpaqueStruct(t); })); }
const types::Type* BuilderPtr(TypeTable& t) { return t.Pointer(Type(t, "strings", "Builder", 23)); }

// WriterType is io.Writer; making it makes *os.File and *strings.Builder
// too (at compile time: a run only reads the type table).
const types::Type* WriterType(TypeTable& t) {
  const types::Type* w = t.Std("io", "Writer", [&t] {
    return t.Interface({types::Method{"Write", t.Func({ByteSlice(t)}, {t.Int(), t.Error()}, false), false, -1}});
  });
  FilePtr(t);
  BuilderPtr(t);
  return w;
}

std::string Bytes(const Value& s) {
  std::string out;
  for (const Value& b : SliceElems(s)) out += static_cast<char>(b.i);
  return out;
}

std::string* BuilderText(Frame& f, Value* recv) { return HostObject<std::string>(f, recv); }

void WriteFile(int64_t fd, std::string_view s) {
  if (fd == 2) {
    S().stderr_text().append(s);
  } else {
    gostep::Print(s);
  }
}

// Write writes s to the writer w (an io.Writer interface value); r gets
// (n, err).
void Write(Frame& f, const Value& w, const std::string& s, Value* r) {
  if (w.x == 0) exec::NilDeref(f);
  TypeTable& t = *exec::Run(f).prog_types;
  const types::Type* dt = exec::DynType(w);
  Value n = Value::Int(static_cast<int64_t>(s.size())), err;
  if (dt == FilePtr(t) || dt == BuilderPtr(t)) {
    Value* cell = static_cast<Value*>(w.p);
    if (cell == nullptr) exec::NilDeref(f);
    if (dt == FilePtr(t)) {
      WriteFile(static_cast<Value*>(cell->p)[0].i, s);
    } else {
      BuilderText(f, cell)->append(s);
    }
  } else {
    Value b = exec::MakeSlice(f, t.Basic(Kind::kUint8), static_cast<int64_t>(s.size()), static_cast<int64_t>(s.size()));
    for (size_t i = 0; i < s.size(); ++i) static_cast<Value*>(b.p)[i] = Value::Int(static_cast<uint8_t>(s[i]));
    exec::Closure* c = exec::BindMethod(f, dt, exec::Unbox(dt, w), types::LookupMethod(dt, "Write"));
    Value out[2];
    exec::Call(f, c, &b, 1, out);
    n = out[0];
    err = out[1];
  }
  if (r != nullptr) {
    r[0] = n;
    r[1] = err;
  }
}

}  // namespace

Value NewFile(Frame& f, int64_t fd) { return NewStructPtr(f, {Value::Int(fd)}); }

TypeFn FileT() { return [](TypeTable& t) { return FilePtr(t); }; }

const types::Type* IoType(TypeTable& t, const std::string& name) { return name == "Writer" ? WriterType(t) : nullptr; }

void AddIo(std::vector<StdFunc>* v) {
  TypeFn writer = [](TypeTable& t) { return WriterType(t); };
  v->push_back({"fmt", "Fprintf", 0, Sig({writer, ty::String, ty::AnySlice}, {ty::Int, ty::Error}, true),
                [](Frame& f, const Value* a, Value* r) { Write(f, a[0], Sprintf(f, exec::Str(a[1]), SliceElems(a[2])), r); }});
  v->push_back({"fmt", "Fprintln", 0, Sig({writer, ty::AnySlice}, {ty::Int, ty::Error}, true),
                [](Frame& f, const Value* a, Value* r) { Write(f, a[0], Sprintln(f, SliceElems(a[1])), r); }});
  v->push_back({"fmt", "Fprint", 0, Sig({writer, ty::AnySlice}, {ty::Int, ty::Error}, true),
                [](Frame& f, const Value* a, Value* r) { Write(f, a[0], Sprint(f, SliceElems(a[1])), r); }});
}

void AddIoMethods(std::vector<NativeMethod>* v) {
  TypeFn bytes = [](TypeTable& t) { return ByteSlice(t); };
  auto file_fd = [](Value* recv) { return static_cast<Value*>(recv->p)[0].i; };
  v->push_back({"os.File", "Write", 0, Sig({bytes}, {ty::Int, ty::Error}), [file_fd](Frame&, Value* fl, const Value* a, Value* r) {
                  std::string s = Bytes(a[0]);
                  WriteFile(file_fd(fl), s);
                  r[0] = Value::Int(static_cast<int64_t>(s.size()));
                  r[1] = Value();
                }});
  v->push_back({"os.File", "WriteString", 0, Sig({ty::String}, {ty::Int, ty::Error}), [file_fd](Frame&, Value* fl, const Value* a, Value* r) {
                  WriteFile(file_fd(fl), exec::Str(a[0]));
                  r[0] = Value::Int(static_cast<int64_t>(exec::Str(a[0]).size()));
                  r[1] = Value();
                }});
  // strings.Builder (strings/builder.go).
  v->push_back({"strings.Builder", "String", 0, Sig({}, {ty::String}),
                [](Frame& f, Value* b, const Value*, Value* r) { r[0] = NewString(f, *BuilderText(f, b)); }});
  v->push_back({"strings.Builder", "Len", 0, Sig({}, {ty::Int}),
                [](Frame& f, Value* b, const Value*, Value* r) { r[0] = Value::Int(static_cast<int64_t>(BuilderText(f, b)->size())); }});
  v->push_back({"strings.Builder", "Reset", 0, Sig({}, {}), [](Frame& f, Value* b, const Value*, Value*) {
                  static_cast<Value*>(b->p)[0].p = nullptr;  // b.addr = nil; b.buf = nil
                }});
  v->push_back({"strings.Builder", "Grow", 0, Sig({ty::Int}, {}), [](Frame& f, Value* b, const Value* a, Value*) {
                  if (a[0].i < 0) PanicString(f, "strings.Builder.Grow: negative count");
                  std::string* s = BuilderText(f, b);
                  s->reserve(s->size() + static_cast<size_t>(a[0].i));
                }});
  v->push_back({"strings.Builder", "WriteString", 0, Sig({ty::String}, {ty::Int, ty::Error}), [](Frame& f, Value* b, const Value* a, Value* r) {
                  BuilderText(f, b)->append(exec::Str(a[0]));
                  r[0] = Value::Int(static_cast<int64_t>(exec::Str(a[0]).size()));
                  r[1] = Value();
                }});
  v->push_back({"strings.Builder", "Write", 0, Sig({bytes}, {ty::Int, ty::Error}), [](Frame& f, Value* b, const Value* a, Value* r) {
                  std::string s = Bytes(a[0]);
                  BuilderText(f, b)->append(s);
                  r[0] = Value::Int(static_cast<int64_t>(s.size()));
                  r[1] = Value();
                }});
  v->push_back({"strings.Builder", "WriteByte", 0, Sig({[](TypeTable& t) { return t.Basic(Kind::kUint8); }}, {ty::Error}),
                [](Frame& f, Value* b, const Value* a, Value* r) {
                  BuilderText(f, b)->push_back(static_cast<char>(a[0].i));
                  r[0] = Value();
                }});
  v->push_back({"strings.Builder", "WriteRune", 0, Sig({ty::Int32}, {ty::Int, ty::Error}), [](Frame& f, Value* b, const Value* a, Value* r) {
                  std::string s = exec::EncodeRune(static_cast<int32_t>(a[0].i));
                  BuilderText(f, b)->append(s);
                  r[0] = Value::Int(static_cast<int64_t>(s.size()));
                  r[1] = Value();
                }});
}

}  // namespace gostep::lang::std_pkg
