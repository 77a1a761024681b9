#include "tools/trace_hook.h"

#if __has_include("runtime/trace_export.h")
#include "runtime/trace_export.h"
#define GOSTEP_HAVE_TRACE_EXPORT 1
#endif

namespace gostep::tools {

TraceConverter ChromeTraceConverter() {
#ifdef GOSTEP_HAVE_TRACE_EXPORT
  return &runtime::ChromeTraceFromEvents;
#else
  return nullptr;  // TODO(lead): runtime/trace_export.h is not in this tree yet
#endif
}

}  // namespace gostep::tools
