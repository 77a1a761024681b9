// lang/syntax/parse_stub.cc — TEMPORARY: lets the CLI branch link before
// lang/syntax/parser.cc lands. Drop this file at merge.
#include "lang/syntax/parser.h"

namespace gostep::lang {

std::unique_ptr<File> Parse(std::string name, std::string_view src, DiagList* diags) {
  auto file = std::make_unique<File>();
  file->name = std::move(name);
  return file;
}

}  // namespace gostep::lang
