// lang/syntax/parser.h — the parser of scenario files (go/parser's subset).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lang/diag.h"
#include "lang/syntax/ast.h"

namespace gostep::lang {

// Parse parses one Go source file. It always returns a File; syntax errors
// go to *diags in gc's wording ("syntax error: unexpected newline, expected
// comma or )"), and the tree then holds Bad nodes where parsing recovered.
// It never throws and never crashes, whatever the bytes (fuzzed: make fuzz).
std::unique_ptr<File> Parse(std::string name, std::string_view src, DiagList* diags);

}  // namespace gostep::lang
