// tests/lang/fuzz/compile_fuzz.cc — libFuzzer target over the whole front end:
// lang::Compile (parse, check, lower) must neither crash nor hang on any input,
// for any version profile (make fuzz; seeds in tests/lang/fuzz/corpus/).
//
// The first byte picks the profile: AllProfiles()[byte % count]. A control
// byte (0x00-0x08, 0x0e-0x1f: never the start of a Go file) is a pure
// selector and is dropped from the source; any other first byte stays part
// of it, so a plain Go program (the seeds in corpus/) is a valid input, and
// the fuzzer still reaches every profile by prepending a selector.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/version_profile.h"
#include "lang/program.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::span<const gostep::base::VersionProfile> profiles = gostep::base::AllProfiles();
  const gostep::base::VersionProfile& profile = profiles[data[0] % profiles.size()];
  std::string_view src(reinterpret_cast<const char*>(data), size);
  if (data[0] < 0x09 || (data[0] >= 0x0e && data[0] < 0x20)) src.remove_prefix(1);
  gostep::lang::DiagList diags("fuzz.go");
  auto prog = gostep::lang::Compile("fuzz.go", src, profile.name, &diags);
  (void)diags.Text();
  return 0;
}
