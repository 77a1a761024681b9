// tools/scenario_header_parse.cc — the line grammar of the scenario header.
//
// The header is the run of blank and `//` lines before the first other line
// (the package clause). Each `//` line is classified by its first word after
// "//": `gostep:` (settings), `want:`/`want[` (an expectation), `out:`/`out[`
// (an expected stdout line); anything else is prose and is skipped.
#include <fmt/format.h>

#include <algorithm>

#include "tools/scenario_header.h"
#include "tools/scenario_header_internal.h"

namespace gostep::tools {
namespace {

using internal::HeaderError;
using internal::ParseNumber;
using internal::Trim;

// Off is the byte offset of `part` (a view into `line`) in `line`.
size_t Off(std::string_view line, std::string_view part) { return static_cast<size_t>(part.data() - line.data()); }

void ParseSettingsLine(std::string_view line, std::string_view body, ScenarioHeader* h) {
  size_t start = 0;
  while (start < body.size()) {
    while (start < body.size() && (body[start] == ' ' || body[start] == '\t')) ++start;
    size_t end = std::min(body.find_first_of(" \t", start), body.size());
    if (start == end) break;
    std::string_view pair = Trim(body.substr(start, end - start));
    start = end;
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      throw HeaderError{Off(line, pair), fmt::format("\"{}\" is not key=value", pair)};
    }
    std::string_view key = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (key == "versions") {
      h->versions = internal::ParseVersions(value, Off(line, value));
      continue;
    }
    std::string error;
    if (!ApplySetting(&h->settings, key, value, &error)) {
      throw HeaderError{Off(line, error.starts_with("unknown key") ? key : value), error};
    }
  }
}

// ParseSelector parses the inside of "[...]" (text starts at `line` offset).
Selector ParseSelector(std::string_view line, std::string_view text) {
  Selector sel;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    std::string_view item = Trim(text.substr(start, comma - start));
    start = comma + 1;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      VersionSet one = internal::ParseVersions(item, Off(line, item));
      sel.versions.items.insert(sel.versions.items.end(), one.items.begin(), one.items.end());
      continue;
    }
    std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    std::string error;
    Settings scratch;
    if (key == "versions") {
      throw HeaderError{Off(line, key), "versions cannot be overridden; put the range in the selector: want[1.21+]"};
    }
    if (!ApplySetting(&scratch, key, value, &error)) throw HeaderError{Off(line, item), error};
    for (const auto& [k, v] : sel.overrides) {
      if (k == key) throw HeaderError{Off(line, key), fmt::format("{} is overridden twice", key)};
    }
    sel.overrides.emplace_back(key, value);
  }
  std::sort(sel.overrides.begin(), sel.overrides.end());
  return sel;
}

// SplitTagged splits "want[SEL]: rest" (tag "want") into the selector and
// the text after the colon.
std::string_view SplitTagged(std::string_view line, std::string_view body, std::string_view tag, Selector* sel) {
  std::string_view rest = body.substr(tag.size());
  if (rest.starts_with("[")) {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) throw HeaderError{Off(line, rest), "unclosed [ in the selector"};
    *sel = ParseSelector(line, rest.substr(1, close - 1));
    rest = rest.substr(close + 1);
  }
  if (!rest.starts_with(":")) throw HeaderError{Off(line, rest), fmt::format("want \":\" after {}", tag)};
  return rest.substr(1);
}

uint64_t ParseRuns(std::string_view line, std::string_view n) {
  uint64_t runs = 0;
  if (!ParseNumber(n, &runs) || runs == 0) {
    throw HeaderError{Off(line, n), fmt::format("bad run count \"{}\": want a positive integer", n)};
  }
  return runs;
}

bool KnownOutcome(std::string_view o) {
  int code = 0;
  return o == "deadlock" || o.starts_with("panic: ") || o.starts_with("fatal error: ") ||
         (o.starts_with("exit ") && ParseNumber(o.substr(5), &code));
}

// ParseExplore reads "finds OUTCOME within N runs" (after "explore ").
void ParseExplore(std::string_view line, std::string_view e, Expectation* x) {
  constexpr std::string_view kFinds = "explore finds ", kRuns = " runs";
  size_t within = e.rfind(" within ");
  if (!e.starts_with(kFinds) || within == std::string_view::npos || within < kFinds.size() || !e.ends_with(kRuns)) {
    throw HeaderError{Off(line, e), "want \"explore finds OUTCOME within N runs\""};
  }
  x->kind = ExpectKind::kExploreFinds;
  std::string_view outcome = e.substr(kFinds.size(), within - kFinds.size());
  if (!KnownOutcome(outcome)) {
    throw HeaderError{Off(line, outcome), fmt::format("unknown outcome \"{}\" (want fatal error: …, panic: …, "
                                                      "deadlock or exit N)", outcome)};
  }
  x->text = outcome;
  size_t n_at = within + 8;
  x->runs = ParseRuns(line, e.substr(n_at, e.size() - kRuns.size() - n_at));
}

void ParseExpectation(std::string_view line, std::string_view e, Expectation* x) {
  x->source = e;
  if (e.starts_with("exit ")) {
    x->kind = ExpectKind::kExit;
    if (!ParseNumber(e.substr(5), &x->code) || x->code < 0 || x->code > 255) {
      throw HeaderError{Off(line, e.substr(5)), "bad exit status: want an integer in [0, 255]"};
    }
  } else if (e.starts_with("panic: ") || e.starts_with("fatal error: ")) {
    x->kind = e.starts_with("panic") ? ExpectKind::kPanic : ExpectKind::kFatal;
    x->text = e;
  } else if (e.starts_with("compile error: ")) {
    x->kind = ExpectKind::kCompileError;
    x->text = e.substr(15);
  } else if (e.starts_with("stderr contains ")) {
    x->kind = ExpectKind::kStderrContains;
    x->text = e.substr(16);
  } else if (e.starts_with("explore ")) {
    ParseExplore(line, e, x);
  } else if (e.starts_with("never fails in ") && e.ends_with(" runs")) {
    x->kind = ExpectKind::kNeverFails;
    x->runs = ParseRuns(line, e.substr(15, e.size() - 15 - 5));
  } else {
    throw HeaderError{Off(line, e), fmt::format("unknown expectation \"{}\" (want exit N, panic: …, fatal error: …, "
                                                "compile error: …, stderr contains …, explore finds … within N "
                                                "runs or never fails in N runs)", e)};
  }
}

// ParseLine handles one header comment line (body: the text after "//").
void ParseLine(std::string_view line, std::string_view body, int lineno, ScenarioHeader* h) {
  body = body.starts_with(" ") ? body.substr(1) : body;
  if (body.starts_with("gostep:")) {
    ParseSettingsLine(line, body.substr(7), h);
  } else if (body.starts_with("want:") || body.starts_with("want[")) {
    Expectation x;
    x.line = lineno;
    std::string_view e = Trim(SplitTagged(line, body, "want", &x.selector));
    if (e.empty()) throw HeaderError{line.size(), "empty expectation"};
    ParseExpectation(line, e, &x);
    h->wants.push_back(std::move(x));
  } else if (body.starts_with("out:") || body.starts_with("out[")) {
    OutLine o;
    o.line = lineno;
    std::string_view text = SplitTagged(line, body, "out", &o.selector);
    if (text.starts_with(" ")) text.remove_prefix(1);
    if (text.ends_with("\r")) text.remove_suffix(1);
    o.text = text;
    h->outs.push_back(std::move(o));
  }
}

}  // namespace

std::variant<ScenarioHeader, std::string> ParseScenarioHeader(std::string_view source, std::string_view file) {
  ScenarioHeader h;
  h.versions.items.push_back(VersionItem{.point = "", .lo = 14, .hi = 23});
  int lineno = 0;
  size_t start = 0;
  while (start < source.size()) {
    size_t nl = std::min(source.find('\n', start), source.size());
    std::string_view line = source.substr(start, nl - start);
    start = nl + 1;
    ++lineno;
    std::string_view t = Trim(line);
    if (t.empty()) continue;
    if (!t.starts_with("//")) break;
    try {
      ParseLine(line, t.substr(2), lineno, &h);
    } catch (const HeaderError& e) {
      return fmt::format("{}:{}:{}: {}", file, lineno, e.offset + 1, e.message);
    }
  }
  return h;
}

}  // namespace gostep::tools
