// lang/program.h — a compiled scenario, ready to run many times.
//
// The gostep command (tools/) sees the front end only through this header:
//   1. Compile(file, source, version) parses and checks a scenario once for
//      one version profile. Errors come back as gc-style diagnostics
//      ("file.go:3:2: undefined: clear"), never as exceptions.
//   2. Program::Run(options) runs main.main once on a fresh Runtime
//      (runtime/runtime.h) and returns its Result: output, outcome, schedule.
// A Program is immutable after Compile; Run is const and may be called from
// several threads at once (exploration runs seeds in parallel), each run
// owning its own Runtime.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lang/diag.h"
#include "runtime/runtime.h"

namespace gostep::lang {

class Program {
 public:
  virtual ~Program() = default;
  // name is the scenario's file name as given ("traces/article/x.go").
  virtual const std::string& name() const = 0;
  // version is the profile the program was checked for ("go1.19").
  virtual const std::string& version() const = 0;
  // Run runs the program once. options.version must name the same profile.
  virtual runtime::Result Run(runtime::Options options) const = 0;
};

// Compile parses and checks `source` for the profile `version` ("1.19").
// It returns nullptr when there are errors, with them in *diags.
std::unique_ptr<Program> Compile(std::string name, std::string_view source, std::string_view version,
                                 DiagList* diags);

}  // namespace gostep::lang
