// tests/lang/fuzz_corpus_test.cc — every input of the checked-in fuzz corpus
// (tests/lang/fuzz/corpus/, crashers included once fixed) goes through the
// front end as compile_fuzz feeds it: lang::Compile for the profile picked by
// the first byte. A crash, hang or sanitizer report here is a regression.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/version_profile.h"
#include "lang/program.h"

namespace gostep::lang {
namespace {

namespace fs = std::filesystem;

TEST_CASE("fuzz corpus: lang::Compile survives every input") {
  // The seeds: the corpus proper, and the two folders `make fuzz` also
  // seeds from (the malformed scenarios and the article's scenarios).
  std::vector<fs::directory_entry> entries;
  for (const char* d : {"tests/lang/fuzz/corpus", "tests/lang/errors", "traces/article"}) {
    for (const auto& e : fs::directory_iterator(fs::path(GOSTEP_SOURCE_DIR) / d)) {
      if (e.path().extension() == ".go" || std::string(d) == "tests/lang/fuzz/corpus") entries.push_back(e);
    }
  }
  int n = 0, compiled = 0;
  for (const auto& entry : entries) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string data = ss.str();
    if (data.empty()) continue;
    CAPTURE(entry.path().filename().string());
    // compile_fuzz.cc: the first byte picks the profile; a control byte is
    // only a selector.
    auto profiles = base::AllProfiles();
    const base::VersionProfile& profile = profiles[static_cast<uint8_t>(data[0]) % profiles.size()];
    std::string_view src = data;
    uint8_t b = static_cast<uint8_t>(data[0]);
    if (b < 0x09 || (b >= 0x0e && b < 0x20)) src.remove_prefix(1);
    DiagList diags("fuzz.go");
    auto prog = Compile("fuzz.go", src, profile.name, &diags);
    CHECK((prog != nullptr) == diags.empty());
    (void)diags.Text();
    ++n;
    compiled += prog != nullptr;
  }
  MESSAGE(n << " corpus inputs, " << compiled << " compile");
  CHECK(n >= 20);
}

}  // namespace
}  // namespace gostep::lang
