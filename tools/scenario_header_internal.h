// tools/scenario_header_internal.h — shared by the two halves of the header
// parser (scenario_header.cc: values; scenario_header_parse.cc: lines).
#pragma once

#include <charconv>
#include <string>
#include <string_view>

#include "tools/scenario_header.h"

namespace gostep::tools::internal {

// HeaderError: a malformed piece of one header line.
struct HeaderError {
  size_t offset;  // byte offset in the line
  std::string message;
};

std::string_view Trim(std::string_view s);

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// ParseVersions parses a comma-separated version list that starts at byte
// `offset` of its line; it throws HeaderError at the bad item.
VersionSet ParseVersions(std::string_view text, size_t offset);

}  // namespace gostep::tools::internal
