// base/go_output.h — Go's crash text: panic and fatal-error lines, goroutine dumps.
//
// Models runtime/panic.go (printpanics, fatal, throw, dopanic_m) and
// runtime/traceback.go (goroutineheader, traceback1, showfuncinfo,
// printcreatedby, tracebackothers) of go1.14–go1.23, with the per-release
// differences taken from the VersionProfile. go-gc-sched.md §8 has the facts.
//
// Which goroutines a crash prints, and with which frames (go1.19 gotraceback):
//   kind            goroutines printed                 frames
//   panic           the panicking one (all if          GOTRACEBACK level
//                   GOTRACEBACK=all)
//   user fatal      current first, then all user Gs    level (runtime frames hidden
//   (1.19+ fatal)                                      at the default level 1)
//   runtime throw   all, system Gs too (1.19+:         1.19+: every frame, fp/sp/pc;
//                   level 2)                           <1.19: the throwing G only
//   deadlock        all user Gs (checkdead runs on     level
//                   g0: no current goroutine)
// Before go1.19 the user-caused errors were runtime throws; the profile's
// user_fatal_style decides.
//
// What gostep cannot reproduce (documented in base/README.md): PC offsets
// ("+0x…" is printed as "+0x0"), argument words (printed as the frame's
// provider renders them), and fp/sp/pc values (printed as 0x0). Function
// names, files, lines, headers, wait reasons, ordering and blank lines follow Go.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/version_profile.h"

namespace gostep::base {

// GOTRACEBACK levels (runtime1.go: none=0, single=1, all=1+all, system=2, crash=2).
struct Traceback {
  int level = 1;
  bool all = false;
  bool crash = false;
};

// ParseGotraceback parses a GOTRACEBACK value ("", "none", "single", "all",
// "system", "crash", or a number) as runtime1.go:setTraceback does.
Traceback ParseGotraceback(std::string_view v);

struct GoFrame {
  std::string func;  // "main.main.func1", "sync.(*Mutex).lockSlow", "runtime.gopark"
  std::string args;  // rendered argument list without parentheses
  std::string file;  // absolute path, or "$GOROOT/src/…" for runtime files
  int line = 0;
  bool inlined = false;  // printed "name(...)" with no PC offset
};

struct GoroutineInfo {
  uint64_t goid = 0;
  std::string status;  // "running", "runnable", or the wait reason ("chan receive")
  int64_t wait_minutes = 0;  // > 0 prints ", N minutes"
  bool running_elsewhere = false;  // running on another M: stack unavailable
  bool system = false;             // runtime-internal goroutine (hidden below level 2)
  std::vector<GoFrame> frames;     // innermost first
  bool has_creator = false;
  GoFrame creator;  // func, file and line of the `go` statement
  uint64_t creator_goid = 0;
};

enum class CrashKind : uint8_t {
  kPanic,         // an unrecovered panic (fatalpanic)
  kUserFatal,     // runtime.fatal in 1.19+, runtime.throw before
  kRuntimeThrow,  // runtime.throw
  kDeadlock,      // checkdead: no current goroutine
};

// ShowFrame reports whether traceback prints a frame named `func` at `level`
// (traceback.go:showfuncinfo). first_frame is true for the innermost frame.
bool ShowFrame(std::string_view func, int level, bool first_frame);

// PanicLine renders one printpanics line: "panic: v [recovered]\n". Multi-line
// messages are indented in go1.23+ (printindented).
std::string PanicLine(const VersionProfile& p, std::string_view value, bool recovered);

// FatalLine renders "fatal error: msg\n".
std::string FatalLine(std::string_view msg);

// GoroutineHeader renders "goroutine N [status, M minutes]:\n".
std::string GoroutineHeader(const GoroutineInfo& g);

// FormatGoroutine renders the header, frames and created-by line of g.
// `throwing_frames` shows every frame with fp/sp/pc, as for the throwing
// goroutine of a runtime throw.
std::string FormatGoroutine(const VersionProfile& p, const GoroutineInfo& g, int level,
                            bool throwing_frames);

// FormatCrashDump renders everything after the panic/fatal line: for each
// goroutine to print, "\n" + FormatGoroutine. `current` is the goid of the
// goroutine that crashed (0 for none); `gs` are all goroutines in creation
// order. `system_stack` is the M's g0 stack for a crash without a current
// goroutine (checkdead), printed as "runtime stack:" from GOTRACEBACK=system
// (dopanic_m).
std::string FormatCrashDump(const VersionProfile& p, CrashKind kind, Traceback tb,
                            uint64_t current, const std::vector<GoroutineInfo>& gs,
                            const std::vector<GoFrame>& system_stack = {});

}  // namespace gostep::base
