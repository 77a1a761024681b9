#include "tools/faults.h"

#include <algorithm>
#include <array>

namespace gostep::tools {
namespace {

// runtime/map_binding.cc (ParseMapFaults) accepts exactly these.
constexpr std::array<std::string_view, 3> kFaults = {"untraced-iterator", "no-misuse-detection",
                                                     "no-write-barrier-on-map-store"};

}  // namespace

bool SplitFaults(std::string_view text, std::vector<std::string>* out, std::string* unknown) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    std::string_view name = text.substr(start, comma - start);
    start = comma + 1;
    if (name.empty()) continue;
    if (std::find(kFaults.begin(), kFaults.end(), name) == kFaults.end()) {
      *unknown = std::string(name);
      return false;
    }
    if (std::find(out->begin(), out->end(), name) == out->end()) out->emplace_back(name);
  }
  return true;
}

std::string FaultNames() {
  std::string out;
  for (std::string_view f : kFaults) out += (out.empty() ? "" : ", ") + std::string(f);
  return out;
}

std::string JoinFaults(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

}  // namespace gostep::tools
