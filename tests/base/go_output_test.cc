// Go's crash text (runtime/panic.go, traceback.go), per release.
#include "base/go_output.h"

#include <doctest/doctest.h>

namespace gostep::base {
namespace {

const VersionProfile& P(const char* v) { return *FindProfile(v); }

GoroutineInfo Blocked(uint64_t goid, const char* status) {
  GoroutineInfo g;
  g.goid = goid;
  g.status = status;
  g.frames = {{.func = "runtime.gopark", .args = "0x0?", .file = "/go/src/runtime/proc.go", .line = 363},
              {.func = "main.worker", .args = "", .file = "/x/main.go", .line = 12}};
  g.has_creator = true;
  g.creator = {.func = "main.main", .file = "/x/main.go", .line = 30};
  g.creator_goid = 1;
  return g;
}

TEST_CASE("go output: goroutine header, frames and created-by") {
  GoroutineInfo g = Blocked(7, "chan receive");
  CHECK(FormatGoroutine(P("1.19"), g, 1, false) ==
        "goroutine 7 [chan receive]:\nmain.worker()\n\t/x/main.go:12 +0x0\ncreated by main.main\n\t/x/main.go:30 +0x0\n");
  // go1.21: "in goroutine N" (Go issue 38651); level 2 shows runtime frames with fp/sp/pc.
  CHECK(FormatGoroutine(P("1.21"), g, 2, false) ==
        "goroutine 7 [chan receive]:\nruntime.gopark(0x0?)\n\t/go/src/runtime/proc.go:363 +0x0 fp=0x0 sp=0x0 pc=0x0\n"
        "main.worker()\n\t/x/main.go:12 +0x0 fp=0x0 sp=0x0 pc=0x0\n"
        "created by main.main in goroutine 1\n\t/x/main.go:30 +0x0\n");
  g.wait_minutes = 3;
  CHECK(GoroutineHeader(g) == "goroutine 7 [chan receive, 3 minutes]:\n");
  GoroutineInfo main = Blocked(1, "running");
  CHECK(FormatGoroutine(P("1.19"), main, 1, false).find("created by") == std::string::npos);  // not for goroutine 1
}

TEST_CASE("go output: which frames traceback shows (showfuncinfo)") {
  CHECK(ShowFrame("main.main", 1, true));
  CHECK(ShowFrame("sync.(*Mutex).Lock", 1, false));
  CHECK(!ShowFrame("runtime.gopark", 1, false));
  CHECK(ShowFrame("runtime.Gosched", 1, false));  // exported runtime functions are shown
  CHECK(ShowFrame("runtime.gopanic", 1, false));  // mid-stack panic is shown
  CHECK(!ShowFrame("runtime.gopanic", 1, true));
  CHECK(!ShowFrame("nodot", 1, false));
  CHECK(ShowFrame("runtime.gopark", 2, false));
}

TEST_CASE("go output: deep stacks are elided per release") {
  GoroutineInfo g;
  g.goid = 1;
  g.status = "running";
  for (int i = 0; i < 120; ++i) g.frames.push_back({.func = "main.f", .file = "/x.go", .line = i});
  std::string old = FormatGoroutine(P("1.20"), g, 1, false);
  CHECK(old.find("...additional frames elided...\n") != std::string::npos);
  CHECK(old.find("/x.go:99 +0x0") != std::string::npos);
  CHECK(old.find("/x.go:100 +0x0") == std::string::npos);
  std::string neu = FormatGoroutine(P("1.21"), g, 1, false);
  CHECK(neu.find("...20 frames elided...\n") != std::string::npos);  // top 50, bottom 50 (Go issue 7181)
  CHECK(neu.find("/x.go:49 +0x0") != std::string::npos);
  CHECK(neu.find("/x.go:50 +0x0") == std::string::npos);
  CHECK(neu.find("/x.go:70 +0x0") != std::string::npos);
}

TEST_CASE("go output: panic lines") {
  CHECK(PanicLine(P("1.19"), "boom", false) == "panic: boom\n");
  CHECK(PanicLine(P("1.19"), "boom", true) == "panic: boom [recovered]\n");
  CHECK(PanicLine(P("1.22"), "a\nb", false) == "panic: a\nb\n");
  CHECK(PanicLine(P("1.23"), "a\nb", false) == "panic: a\n\tb\n");  // printindented (Go issue 64590)
  CHECK(FatalLine("concurrent map writes") == "fatal error: concurrent map writes\n");
}

TEST_CASE("go output: which goroutines a crash prints") {
  std::vector<GoroutineInfo> gs = {Blocked(1, "running"), Blocked(2, "force gc (idle)"), Blocked(5, "semacquire")};
  gs[1].system = true;
  // A panic prints only the panicking goroutine by default.
  std::string panic = FormatCrashDump(P("1.19"), CrashKind::kPanic, {.level = 1}, 5, gs);
  CHECK(panic.find("goroutine 5") != std::string::npos);
  CHECK(panic.find("goroutine 1") == std::string::npos);
  // GOTRACEBACK=all prints the others; system goroutines only from level 2.
  std::string all = FormatCrashDump(P("1.19"), CrashKind::kPanic, ParseGotraceback("all"), 5, gs);
  CHECK(all.find("goroutine 1 [") != std::string::npos);
  CHECK(all.find("goroutine 2 [") == std::string::npos);
  std::string sys = FormatCrashDump(P("1.19"), CrashKind::kPanic, ParseGotraceback("system"), 5, gs);
  CHECK(sys.find("goroutine 2 [") != std::string::npos);
  // A deadlock prints all user goroutines; no current one.
  std::string dl = FormatCrashDump(P("1.19"), CrashKind::kDeadlock, {.level = 1}, 0, gs);
  CHECK(dl.starts_with("\ngoroutine 1 [running]:"));
  CHECK(dl.find("goroutine 5 [semacquire]") != std::string::npos);
  // GOTRACEBACK=none prints nothing.
  CHECK(FormatCrashDump(P("1.19"), CrashKind::kPanic, ParseGotraceback("none"), 5, gs).empty());
}

}  // namespace
}  // namespace gostep::base
