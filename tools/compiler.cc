#include "tools/compiler.h"

namespace gostep::tools {
namespace {

CompileFn& Installed() {
  static CompileFn fn = lang::Compile;  // written only by SetCompiler, before any thread starts
  return fn;
}

}  // namespace

const CompileFn& Compiler() { return Installed(); }

void SetCompiler(CompileFn fn) { Installed() = std::move(fn); }

}  // namespace gostep::tools
