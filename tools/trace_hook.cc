// tools/trace_hook.cc — the Chrome trace converter behind `--trace`.
#include "tools/trace_hook.h"

#include "runtime/trace_export.h"

namespace gostep::tools {
namespace {

std::string Convert(const std::string& events) { return runtime::ChromeTraceFromEvents(events); }

}  // namespace

TraceConverter ChromeTraceConverter() { return &Convert; }

}  // namespace gostep::tools
