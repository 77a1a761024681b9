#include "base/go_output.h"

#include <charconv>

#include <fmt/format.h>

namespace gostep::base {
namespace {

bool IsExportedRuntime(std::string_view name) {
  return name.size() > 8 && name.starts_with("runtime.") && name[8] >= 'A' && name[8] <= 'Z';
}

// Models traceback.go's frame line: "name(args)\n\tfile:line +0xOFF[ fp= sp= pc=]\n".
void AppendFrame(std::string* out, const GoFrame& f, bool first, bool fpsp) {
  // traceback.go prints runtime.gopanic as "panic".
  std::string_view name = f.func;
  if (f.func == "runtime.gopanic") name = "panic";
  if (f.inlined) {
    fmt::format_to(std::back_inserter(*out), "{}(...)\n\t{}:{}\n", name, f.file, f.line);
    return;
  }
  fmt::format_to(std::back_inserter(*out), "{}({})\n\t{}:{} +0x0", name, f.args, f.file, f.line);
  if (fpsp) out->append(" fp=0x0 sp=0x0 pc=0x0");
  out->push_back('\n');
}

// AppendFrames prints the visible frames of g with go1.14–1.20 or go1.21+ elision.
void AppendFrames(std::string* out, const VersionProfile& p, const GoroutineInfo& g, int level,
                  bool throwing) {
  std::vector<const GoFrame*> shown;
  for (size_t i = 0; i < g.frames.size(); ++i) {
    if (throwing || ShowFrame(g.frames[i].func, level, i == 0)) shown.push_back(&g.frames[i]);
  }
  const bool fpsp = throwing || level >= 2;
  constexpr size_t kMaxFrames = 100;  // traceback.go: _TracebackMaxFrames (<=1.20)
  constexpr size_t kInner = 50, kOuter = 50;  // go1.21 traceback.InnerFrames/OuterFrames
  if (!p.traceback_elide_middle) {
    for (size_t i = 0; i < shown.size() && i < kMaxFrames; ++i) AppendFrame(out, *shown[i], i == 0, fpsp);
    if (shown.size() > kMaxFrames) out->append("...additional frames elided...\n");
    return;
  }
  for (size_t i = 0; i < shown.size(); ++i) {
    if (shown.size() > kInner + kOuter && i >= kInner && i < shown.size() - kOuter) {
      if (i == kInner) {
        fmt::format_to(std::back_inserter(*out), "...{} frames elided...\n", shown.size() - kInner - kOuter);
      }
      continue;
    }
    AppendFrame(out, *shown[i], i == 0, fpsp);
  }
}

// Models traceback.go:printcreatedby (and printcreatedby1 in go1.21+).
void AppendCreatedBy(std::string* out, const VersionProfile& p, const GoroutineInfo& g, int level) {
  if (!g.has_creator || g.goid == 1 || !ShowFrame(g.creator.func, level, false)) return;
  out->append("created by " + g.creator.func);
  if (p.created_by_goroutine_id) fmt::format_to(std::back_inserter(*out), " in goroutine {}", g.creator_goid);
  fmt::format_to(std::back_inserter(*out), "\n\t{}:{} +0x0\n", g.creator.file, g.creator.line);
}

}  // namespace

Traceback ParseGotraceback(std::string_view v) {
  // runtime1.go:setTraceback
  if (v == "none") return {.level = 0};
  if (v == "single" || v.empty()) return {.level = 1};
  if (v == "all") return {.level = 1, .all = true};
  if (v == "system") return {.level = 2, .all = true};
  if (v == "crash") return {.level = 2, .all = true, .crash = true};
  int n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec == std::errc() && ptr == v.data() + v.size()) return {.level = n, .all = true};
  return {.level = 1};
}

bool ShowFrame(std::string_view func, int level, bool first_frame) {
  if (level > 1) return true;
  if (func == "runtime.gopanic" && !first_frame) return true;
  if (func.find('.') == std::string_view::npos) return false;
  return !func.starts_with("runtime.") || IsExportedRuntime(func);
}

std::string PanicLine(const VersionProfile& p, std::string_view value, bool recovered) {
  std::string v(value);
  if (p.panic_message_indented) {
    // panic.go:printindented replaces each "\n" with "\n\t".
    std::string ind;
    for (char c : v) {
      ind.push_back(c);
      if (c == '\n') ind.push_back('\t');
    }
    v = std::move(ind);
  }
  return "panic: " + v + (recovered ? " [recovered]\n" : "\n");
}

std::string FatalLine(std::string_view msg) { return fmt::format("fatal error: {}\n", msg); }

std::string GoroutineHeader(const GoroutineInfo& g) {
  std::string out = fmt::format("goroutine {} [{}", g.goid, g.status);
  if (g.wait_minutes >= 1) out += fmt::format(", {} minutes", g.wait_minutes);
  out += "]:\n";
  return out;
}

std::string FormatGoroutine(const VersionProfile& p, const GoroutineInfo& g, int level,
                            bool throwing_frames) {
  std::string out = GoroutineHeader(g);
  if (g.running_elsewhere) {
    out += "\tgoroutine running on other thread; stack unavailable\n";
  } else {
    AppendFrames(&out, p, g, level, throwing_frames);
  }
  AppendCreatedBy(&out, p, g, level);
  return out;
}

std::string FormatCrashDump(const VersionProfile& p, CrashKind kind, Traceback tb, uint64_t current,
                            const std::vector<GoroutineInfo>& gs, const std::vector<GoFrame>& system_stack) {
  // gotraceback(): which level and whether all goroutines are printed.
  bool runtime_throw = kind == CrashKind::kRuntimeThrow || (kind == CrashKind::kUserFatal && !p.user_fatal_style);
  int level = tb.level;
  bool all = tb.all || kind != CrashKind::kPanic;
  if (runtime_throw && p.user_fatal_style) level = 2;  // 1.19+: runtime throws show runtime frames
  if (kind == CrashKind::kDeadlock) current = 0;         // checkdead runs on g0
  if (tb.level == 0) return "";
  std::string out;
  const GoroutineInfo* cur = nullptr;
  for (const GoroutineInfo& g : gs) {
    if (g.goid == current) cur = &g;
  }
  if (cur != nullptr) {
    out += "\n" + FormatGoroutine(p, *cur, level, runtime_throw);
  } else if (level >= 2 && !system_stack.empty()) {
    out += "\nruntime stack:\n";
    for (const GoFrame& f : system_stack) AppendFrame(&out, f, false, true);
  }
  if (!all) return out;
  for (const GoroutineInfo& g : gs) {
    if (&g == cur || (g.system && level < 2)) continue;
    out += "\n" + FormatGoroutine(p, g, level, false);
  }
  return out;
}

}  // namespace gostep::base
