// runtime/trace_export.h — the event log as a Perfetto-loadable trace.
//
// ChromeTraceFromEvents turns a run's event log (Result::events, JSON lines,
// docs/EVENTS.md) into Chrome Trace Event Format JSON (the "JSON Object
// Format"), which https://ui.perfetto.dev and chrome://tracing open:
//
//   runtime::Options o;  o.events = true;
//   runtime::Result r = runtime::Runtime(o).Run(main);
//   std::string json = runtime::ChromeTraceFromEvents(r.events);
//
// The tracks, event names and time base are described in docs/TRACE.md. The
// output is a pure function of the input text (same log, same bytes).
#pragma once

#include <string>

namespace gostep::runtime {

struct TraceOptions {
  std::string process_name = "gostep";  // the one process of the trace
  bool flows = true;     // arrows: wake-ups (ready) and go statements
  bool counters = true;  // heap and goroutine counters
};

// ChromeTraceFromEvents converts an event log. It throws std::invalid_argument
// naming the line when a line is not a JSON object with `t` and `ev`.
std::string ChromeTraceFromEvents(const std::string& events_jsonl, const TraceOptions& options = {});

}  // namespace gostep::runtime
