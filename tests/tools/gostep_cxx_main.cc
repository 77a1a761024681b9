// tests/tools/gostep_cxx_main.cc — `gostep_cxx`: the gostep command whose
// front end compiles to the C++ programs of racy_program.h (CompileCxx), so
// the CLI tests run explore and replay end to end on a real racy program.
#include "tests/tools/racy_program.h"
#include "tools/cli_main.h"
#include "tools/compiler.h"

int main(int argc, char** argv) {
  gostep::tools::SetCompiler(gostep::testing::CompileCxx);
  return gostep::tools::GostepMain(argc, argv);
}
