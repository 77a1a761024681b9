// tools/faults.h — the named faults a user may inject (Options::map_faults).
//
// The runtime validates them too; the command checks them first so that an
// unknown name is a usage error with the list of valid names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gostep::tools {

// SplitFaults appends the comma-separated names of `text` to *out (no
// duplicates); false with *unknown set at the first name that is not a fault.
bool SplitFaults(std::string_view text, std::vector<std::string>* out, std::string* unknown);

// FaultNames returns "untraced-iterator, no-misuse-detection, …".
std::string FaultNames();

// JoinFaults returns the names comma-joined, as Options::map_faults wants.
std::string JoinFaults(const std::vector<std::string>& names);

}  // namespace gostep::tools
