// lang/program.cc — Compile (parse, check, lower) and Program::Run.
//
// A run: (1) a fresh Runtime for the options; (2) goroutine 1 is main.main:
// it initialises the package variables, runs the init functions, then main;
// (3) the result of the Runtime (output, outcome, schedule) is returned. The
// compiled code is shared by every run; each run owns its values (RunState).
#include "lang/program.h"

#include <fmt/format.h>

#include "base/version_profile.h"
#include "lang/check/compiler.h"
#include "lang/exec/run_state.h"
#include "lang/syntax/parser.h"

namespace gostep::lang {
namespace {

// A goroutine's host stack: 256 MiB reserved (MAP_NORESERVE: pages are
// committed only as deep recursion touches them), so Go programs recurse
// about a million calls deep (Go's own limit is a 1 GB Go stack). Under
// AddressSanitizer 4 MiB: ASan keeps shadow memory for every fiber stack and
// refuses to clean up after a throw on a stack over 64 MiB
// (__asan_handle_no_return), so sanitizer builds recurse only thousands deep.
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kInterpreterStackBytes = size_t{4} << 20;
#else
constexpr size_t kInterpreterStackBytes = size_t{256} << 20;
#endif

class CompiledProgram : public Program {
 public:
  const std::string& name() const override { return name_; }
  const std::string& version() const override { return version_; }
  runtime::Result Run(runtime::Options options) const override;

  std::string name_, version_;
  std::unique_ptr<File> file;
  std::unique_ptr<types::TypeTable> types;
  std::vector<std::unique_ptr<exec::FuncCode>> funcs;
  std::vector<exec::StmtFn> init_code;
  int init_slots = 0;
  int main_index = -1;
  int nglobals = 0;
  bool imports_os = false;  // fmt and os create the finalizer goroutine (goroutine 5)
  const types::Type* runtime_error = nullptr;
  const types::Type* error_string = nullptr;
};

runtime::Result CompiledProgram::Run(runtime::Options options) const {
  options.program = name_;
  // Interpreter frames live on the goroutine's host stack: give goroutines
  // kInterpreterStackBytes unless the caller chose a size.
  if (options.stack_bytes == runtime::Options().stack_bytes) options.stack_bytes = kInterpreterStackBytes;
  // os's init sets finalizers on Stdin/Stdout/Stderr, which starts runfinq as
  // goroutine 5 (mfinal.go:createfing); fmt imports os.
  if (imports_os) options.finalizer_goroutine = true;
  runtime::Runtime rt(std::move(options));
  exec::RunState run;
  run.funcs = &funcs;
  run.prog_types = types.get();
  run.globals.resize(static_cast<size_t>(nglobals));
  run.runtime_error = runtime_error;
  run.error_string = error_string;
  const exec::FuncCode* main_code = funcs[main_index].get();
  return rt.Run([&] {
    exec::RunGoroutine(&run, [&](exec::Frame& top) {
      // Package initialisation, in a frame of its own (main.init).
      std::vector<exec::Value> slots(static_cast<size_t>(std::max(init_slots, 1)));
      exec::Frame init = top;
      init.slots = slots.data();
      for (const exec::StmtFn& s : init_code) s(init);
      exec::Closure c;
      c.code = main_code;
      exec::Call(top, &c, nullptr, 0, nullptr);
    });
  });
}

}  // namespace

std::unique_ptr<Program> Compile(std::string name, std::string_view source, std::string_view version,
                                 DiagList* diags) {
  const base::VersionProfile* profile = base::FindProfile(version);
  if (profile == nullptr) {
    diags->Error(Pos{}, fmt::format("gostep: unknown Go version {}", version));
    return nullptr;
  }
  auto prog = std::make_unique<CompiledProgram>();
  prog->name_ = name;
  prog->version_ = std::string(profile->name);
  prog->file = Parse(name, source, diags);
  if (!diags->empty()) return nullptr;
  for (GenDecl* g : prog->file->imports) {
    for (const ImportSpec& is : g->imports) prog->imports_os |= is.path == "fmt" || is.path == "os";
  }
  check::Compiler c(*profile, prog->file.get(), diags);
  if (!c.Run()) return nullptr;
  prog->types = c.TakeTypes();
  prog->funcs = std::move(c.funcs());
  prog->init_code = c.init_code();
  prog->init_slots = c.init_slots();
  prog->main_index = c.main_index();
  prog->nglobals = c.nglobals();
  types::TypeTable& t = *prog->types;
  // The dynamic type of run-time panics' values: runtime.errorString for
  // all of them (Go has errorString, plainError, boundsError, …; each
  // implements runtime.Error).
  prog->runtime_error = t.Std("runtime", "errorString", [&t]() { return t.String(); });
  const types::Type* es = t.Std("errors", "errorString", [&t]() { return t.String(); });
  prog->error_string = t.Pointer(es);
  // Both have an Error method returning their string (a string value and an
  // *errorString are both held as the StrObj pointer).
  auto error_method = std::make_unique<exec::FuncCode>();
  error_method->name = "runtime.(*errorString).Error";
  error_method->nslots = 2;
  error_method->nparams = 1;
  error_method->result_slots = {1};
  error_method->result_types = {t.String()};
  error_method->body = [](exec::Frame& f) {
    f.slots[1] = f.slots[0];
    return exec::Ctl::kReturn;
  };
  int idx = static_cast<int>(prog->funcs.size());
  prog->funcs.push_back(std::move(error_method));
  const types::Type* sig = t.Func({}, {t.String()}, false);
  types::TypeTable::AddMethod(const_cast<types::Type*>(prog->runtime_error), types::Method{"Error", sig, false, idx});
  // RuntimeError() is the marker method of runtime.Error (it does nothing).
  auto marker = std::make_unique<exec::FuncCode>();
  marker->name = "runtime.errorString.RuntimeError";
  marker->nslots = 1;
  marker->nparams = 1;
  marker->body = [](exec::Frame&) { return exec::Ctl::kReturn; };
  int marker_idx = static_cast<int>(prog->funcs.size());
  prog->funcs.push_back(std::move(marker));
  types::TypeTable::AddMethod(const_cast<types::Type*>(prog->runtime_error),
                              types::Method{"RuntimeError", t.Func({}, {}, false), false, marker_idx});
  types::TypeTable::AddMethod(const_cast<types::Type*>(es), types::Method{"Error", sig, true, idx});
  return prog;
}

}  // namespace gostep::lang
