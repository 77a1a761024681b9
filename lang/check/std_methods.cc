#include "lang/check/std_methods.h"

#include <fmt/format.h>

#include <string_view>

#include "lang/exec/run_state.h"
#include "lang/std/packages.h"

namespace gostep::lang::check {
namespace {

// Wrapper builds the FuncCode of one native method: Go's name for it
// ("sync.(*Mutex).Lock", "time.Duration.String") and a body that hands the
// native body the address of the receiver's cell, as a direct call does.
exec::FuncCode* Wrapper(types::TypeTable& t, const std_pkg::NativeMethod* nm, bool ptr,
                        const std::function<exec::FuncCode*(std::string)>& new_func) {
  const types::Type* sig = nm->sig(t);
  std::string_view full = nm->type;  // "sync.Mutex": every std type is package-qualified
  std::string_view pkg = full.substr(0, full.find('.')), tname = full.substr(pkg.size() + 1);
  exec::FuncCode* w = new_func(ptr ? fmt::format("{}.(*{}).{}", pkg, tname, nm->name)
                                   : fmt::format("{}.{}.{}", pkg, tname, nm->name));
  int nargs = 1 + static_cast<int>(sig->params().size());
  exec::SetFrameShape(w, nargs, sig->results());
  w->hidden = true;
  w->body = [nm, ptr, nargs](exec::Frame& f) {
    exec::Value* recv = &f.slots[0];
    if (ptr) {
      recv = static_cast<exec::Value*>(f.slots[0].p);
      if (recv == nullptr) exec::NilDeref(f);
    }
    nm->impl(f, recv, f.slots + 1, f.slots + nargs);
    return exec::Ctl::kReturn;
  };
  return w;
}

}  // namespace

types::TypeTable::StdMethods StdMethodTable(int minor, std::function<exec::FuncCode*(std::string name)> new_func) {
  return [minor, new_func = std::move(new_func)](types::TypeTable& t, const std::string& pkg, const std::string& name) {
    std::vector<types::Method> out;
    std::string full = pkg + "." + name;
    bool ptr = std_pkg::PointerReceiver(full);
    for (const std_pkg::NativeMethod* nm : std_pkg::MethodsOf(full, minor)) {
      types::Method m{nm->name, nm->sig(t), ptr, -1};
      m.native = Wrapper(t, nm, ptr, new_func);
      out.push_back(std::move(m));
    }
    return out;
  };
}

}  // namespace gostep::lang::check
