// tools/cli_main.h — the gostep command's entry point, without CLI11: the
// mains (tools/gostep.cc, tests/tools/gostep_cxx_main.cc) include only this,
// so CLI11's header (whose validator objects every including file compiles
// again) is compiled only by the files that build subcommands.
#pragma once

namespace gostep::tools {

// GostepMain is the command's main (cli_main.cc).
int GostepMain(int argc, char** argv);

}  // namespace gostep::tools
