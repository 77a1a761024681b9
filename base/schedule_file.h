// base/schedule_file.h — the schedule file: a decision path on disk.
//
// A schedule file replays a run exactly. It is text, one item per line:
//
//   gostep-schedule 1              magic and format version
//   gostep 0.1.0                   header: `key value…` lines, in order; the
//   profile go1.21                 runtime layer writes and reads the keys
//   policy random                  (profile, policy, seed, gomaxprocs,
//   seed 7                         granularity, godebug, program, …)
//   decisions                      end of header
//   12 g1 P 1                      <step> g<goid> <kind> <args>, see below
//   15 g5 G 7
//   15 g5 X chan.send
//   20 g5 R 3 2
//   end 1234 exit 0                <final step> <outcome…>
//
// Decision lines, by kind letter (base/decision.h):
//   P <p id>            G <goid, 0 (none) or "wait">
//   X <yield point>     R <bound> <value>   (bound 0: a raw 64-bit draw)
// Blank lines and lines starting with '#' are ignored. Errors are reported as
// "file:line:col: message".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/decision.h"

namespace gostep::base {

struct ScheduleFile {
  std::vector<std::pair<std::string, std::string>> header;  // in file order
  std::vector<Decision> decisions;
  uint64_t end_step = 0;
  std::string end_outcome;  // e.g. "exit 0", "fatal all goroutines are asleep - deadlock!"

  // Get returns the header value of key, or "" if absent.
  std::string Get(std::string_view key) const;
  void Set(std::string key, std::string value);
};

// FormatSchedule renders f as schedule-file text.
std::string FormatSchedule(const ScheduleFile& f);
// FormatSchedule renders f's header and end with the decisions of `path`
// (f.decisions is ignored), without building a Decision vector.
std::string FormatSchedule(const ScheduleFile& f, const DecisionPath& path);

// ParseSchedule parses schedule-file text. On error it returns a
// "file:line:col: message" string instead.
std::variant<ScheduleFile, std::string> ParseSchedule(std::string_view text, std::string_view filename);

}  // namespace gostep::base
