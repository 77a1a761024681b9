// tools/compiler.h — which front end the gostep command compiles with.
//
// lang::Compile by default. A test build of the command (tests/tools/
// gostep_cxx_main.cc) installs C++ programs instead, so the CLI can be
// tested end to end on real racy programs before the Go front end lands.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "lang/program.h"

namespace gostep::tools {

using CompileFn = std::function<std::unique_ptr<lang::Program>(std::string name, std::string_view source,
                                                               std::string_view version, lang::DiagList* diags)>;

// Compiler returns the installed front end (lang::Compile unless replaced).
const CompileFn& Compiler();
// SetCompiler replaces it; call it before anything compiles (main's first line).
void SetCompiler(CompileFn fn);

}  // namespace gostep::tools
