// tests/lang/fuzz/parse_fuzz.cc — libFuzzer target: Parse must neither crash
// nor hang on any bytes (make fuzz; seeds in tests/lang/fuzz/corpus/).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lang/syntax/ast_string.h"
#include "lang/syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  gostep::lang::DiagList diags("fuzz.go");
  auto file = gostep::lang::Parse("fuzz.go", src, &diags);
  (void)diags.Text();
  return 0;
}
