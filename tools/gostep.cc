// tools/gostep.cc — the gostep command (tools/cli_main.cc, tools/README.md).
#include "tools/cli_main.h"

int main(int argc, char** argv) { return gostep::tools::GostepMain(argc, argv); }
