// tools/trace_hook.h — the Chrome trace converter behind `--trace FILE`.
//
// The converter is runtime/trace_export.h's ChromeTraceFromEvents (docs/TRACE.md),
// behind a function pointer so that tests can run the command without it.
#pragma once

#include <string>

namespace gostep::tools {

using TraceConverter = std::string (*)(const std::string& events_jsonl);

// ChromeTraceConverter returns the converter.
TraceConverter ChromeTraceConverter();

}  // namespace gostep::tools
