// tools/trace_hook.h — the Chrome trace converter behind `--trace FILE`.
//
// TODO(lead, at merge): runtime/trace_export.h (another engineer's work)
// declares `std::string ChromeTraceFromEvents(const std::string& events_jsonl)`.
// trace_hook.cc picks it up with __has_include when the header is in the tree;
// its .cc must then be in gostep_runtime's source list. Until then the
// converter is null and `--trace` is refused with a message.
#pragma once

#include <string>

namespace gostep::tools {

using TraceConverter = std::string (*)(const std::string& events_jsonl);

// ChromeTraceConverter returns the converter, or nullptr if not built in.
TraceConverter ChromeTraceConverter();

}  // namespace gostep::tools
