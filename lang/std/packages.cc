// lang/std/packages.cc — the table of std packages, types, functions,
// constants and methods (see packages.h). The bodies live in std_*.cc.
#include "lang/std/packages.h"

#include <map>
#include <set>

#include "lang/std/std_impl.h"

namespace gostep::lang::std_pkg {

using types::Kind;
using types::TypeTable;

bool Known(const std::string& path, int minor) {
  static const std::set<std::string> kAll = {"fmt", "sync", "sync/atomic", "runtime", "time", "unsafe", "strconv",
                                             "sort", "errors", "math", "math/rand", "os", "strings",
                                             "context", "io", "unicode/utf8"};
  if (path == "maps" || path == "slices") return minor >= 21;  // new std packages in go1.21
  return kAll.count(path) > 0;
}

const types::Type* Type(TypeTable& t, const std::string& pkg, const std::string& name, int minor) {
  auto opaque = [&t]() { return t.Struct({types::StructField{"state", t.Basic(Kind::kUnsafePointer), false}}); };
  if (pkg == "sync") {
    if (name == "Mutex" || name == "RWMutex" || name == "WaitGroup" || name == "Once" || name == "Map") return t.Std(pkg, name, opaque);
    if (name == "Locker") return LockerType(t);
    if (name == "Cond") return CondType(t);
  }
  if (pkg == "sync/atomic") {
    if (name == "Value") return t.Std("atomic", name, opaque);
    if (minor >= 19 && (name == "Int64" || name == "Int32" || name == "Uint64" || name == "Uint32" || name == "Bool")) {
      return t.Std("atomic", name, [&t]() { return t.Struct({types::StructField{"v", t.Basic(Kind::kInt64), false}}); });
    }
  }
  if (pkg == "time") {
    if (name == "Duration") return DurationType(t);
    if (name == "Time") return TimeType(t);
    if (name == "Timer" || name == "Ticker") return t.Std(pkg, name, [&t]() { return TimerStruct(t); });
    if (name == "Month") return t.Std(pkg, name, [&t]() { return t.Int(); });
  }
  if (pkg == "unsafe" && name == "Pointer") return t.Basic(Kind::kUnsafePointer);
  if (pkg == "fmt" && name == "Stringer") {
    return t.Std("fmt", "Stringer", [&t]() { return t.Interface({types::Method{"String", t.Func({}, {t.String()}, false), false, -1}}); });
  }
  if (pkg == "runtime" && name == "MemStats") return MemStatsType(t);
  // runtime.Error (runtime/error.go): the interface of the run-time panics'
  // values; their dynamic type is runtime.errorString (program.cc).
  if (pkg == "runtime" && name == "Error") {
    return t.Std("runtime", "Error", [&t]() {
      return t.Interface({types::Method{"Error", t.Func({}, {t.String()}, false), false, -1},
                          types::Method{"RuntimeError", t.Func({}, {}, false), false, -1}});
    });
  }
  if (pkg == "strings" && name == "Builder") return t.Std(pkg, name, opaque);
  if (pkg == "context") return ContextPackageType(t, name);
  if (pkg == "io") return IoType(t, name);
  if (pkg == "math/rand") return RandType(t, name);
  if (pkg == "sort") return SortType(t, name);
  return nullptr;
}

namespace {

const std::vector<StdFunc>& Funcs() {
  static const std::vector<StdFunc> all = [] {
    std::vector<StdFunc> v;
    AddFmt(&v);
    AddSync(&v);
    AddCond(&v);
    AddErrors(&v);
    AddContext(&v);
    AddIo(&v);
    AddSort(&v);
    AddUtf8(&v);
    AddTime(&v);
    AddRuntime(&v);
    AddMisc(&v);
    AddStrings(&v);
    AddRand(&v);
    return v;
  }();
  return all;
}

const std::vector<NativeMethod>& Methods() {
  static const std::vector<NativeMethod> all = [] {
    std::vector<NativeMethod> v;
    AddSyncMethods(&v);
    AddCondMethods(&v);
    AddErrorsMethods(&v);
    AddContextMethods(&v);
    AddIoMethods(&v);
    AddSortMethods(&v);
    AddRandMethods(&v);
    AddTimeMethods(&v);
    AddMiscMethods(&v);
    return v;
  }();
  return all;
}

}  // namespace

const StdFunc* FindFunc(const std::string& pkg, const std::string& name, int minor) {
  for (const StdFunc& f : Funcs()) {
    if (f.pkg == pkg && f.name == name && minor >= f.since) return &f;
  }
  return nullptr;
}

const StdVar* FindVar(const std::string& pkg, const std::string& name) {
  for (const StdVar& v : Vars()) {
    if (v.pkg == pkg && v.name == name) return &v;
  }
  return nullptr;
}

exec::Value* VarCell(exec::Frame& f, const StdVar* v) {
  exec::RunState& r = exec::Run(f);
  auto [it, fresh] = r.std_vars.emplace(v, nullptr);
  if (fresh) {
    it->second = r.heap.Cells(1);
    *it->second = v->init(f);
  }
  return it->second;
}

const StdConst* FindConst(const std::string& pkg, const std::string& name) {
  for (const StdConst& c : Consts()) {
    if (c.pkg == pkg && c.name == name) return &c;
  }
  return nullptr;
}

const NativeMethod* FindMethod(const types::Type* t, const std::string& name) {
  if (t->kind() == Kind::kPointer) t = t->elem();
  if (t->kind() != Kind::kNamed || t->pkg() == "main" || t->pkg().empty()) return nullptr;
  std::string full = t->pkg() + "." + t->name();
  for (const NativeMethod& m : Methods()) {
    if (m.type == full && m.name == name) return &m;
  }
  return nullptr;
}

std::vector<const NativeMethod*> MethodsOf(const std::string& full, int minor) {
  std::vector<const NativeMethod*> out;
  for (const NativeMethod& m : Methods()) {
    if (m.type == full && minor >= m.since) out.push_back(&m);
  }
  return out;
}

bool PointerReceiver(const std::string& full) {
  return full != "time.Duration" && full != "time.Time" && full != "time.Month" && full != "context.deadlineExceededError";
}

}  // namespace gostep::lang::std_pkg
