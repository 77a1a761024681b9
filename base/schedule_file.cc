#include "base/schedule_file.h"

#include <charconv>

#include <fmt/format.h>

namespace gostep::base {
namespace {

constexpr std::string_view kMagic = "gostep-schedule 1";

// LineReader hands out whitespace-separated fields of one line with columns.
class LineReader {
 public:
  LineReader(std::string_view line, std::string_view file, int lineno)
      : line_(line), file_(file), lineno_(lineno) {}

  // Next returns the next field, or "" at end of line.
  std::string_view Next() {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t')) ++pos_;
    col_ = static_cast<int>(pos_) + 1;
    size_t start = pos_;
    while (pos_ < line_.size() && line_[pos_] != ' ' && line_[pos_] != '\t') ++pos_;
    return line_.substr(start, pos_ - start);
  }
  // Rest returns the remainder of the line after leading blanks.
  std::string_view Rest() {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t')) ++pos_;
    col_ = static_cast<int>(pos_) + 1;
    std::string_view r = line_.substr(pos_);
    pos_ = line_.size();
    return r;
  }
  std::string Error(std::string_view msg) const {
    return fmt::format("{}:{}:{}: {}", file_, lineno_, col_, msg);
  }
  bool Number(uint64_t* out) {
    std::string_view f = Next();
    if (f.empty()) return false;
    auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), *out);
    return ec == std::errc() && p == f.data() + f.size();
  }

 private:
  std::string_view line_, file_;
  int lineno_;
  size_t pos_ = 0;
  int col_ = 1;
};

// ParseDecision parses one decision line into d, or returns an error message.
std::string ParseDecision(LineReader& r, Decision* d) {
  if (!r.Number(&d->step)) return r.Error("expected a step number");
  std::string_view g = r.Next();
  if (g.size() < 2 || g[0] != 'g') return r.Error("expected g<goid>");
  auto [p, ec] = std::from_chars(g.data() + 1, g.data() + g.size(), d->goid);
  if (ec != std::errc() || p != g.data() + g.size()) return r.Error("expected g<goid>");
  std::string_view kind = r.Next();
  if (kind == "P" || kind == "G") {
    d->kind = kind == "P" ? DecisionKind::kPickP : DecisionKind::kPickG;
    std::string_view v = r.Next();
    if (kind == "G" && v == "wait") {
      d->value = kPickWait;
    } else {
      auto [p2, ec2] = std::from_chars(v.data(), v.data() + v.size(), d->value);
      if (v.empty() || ec2 != std::errc() || p2 != v.data() + v.size())
        return r.Error(kind == "P" ? "expected a P id" : "expected a goid or \"wait\"");
    }
  } else if (kind == "X") {
    d->kind = DecisionKind::kPreempt;
    std::string_view point = r.Next();
    if (point.empty()) return r.Error("expected a yield point name");
    d->point = std::string(point);
  } else if (kind == "R") {
    d->kind = DecisionKind::kRand;
    if (!r.Number(&d->bound)) return r.Error("expected a bound");
    if (!r.Number(&d->value)) return r.Error("expected a value");
    if (d->bound != 0 && d->value >= d->bound) return r.Error("value out of [0, bound)");
  } else {
    return r.Error(fmt::format("unknown decision kind '{}' (want P, G, X or R)", kind));
  }
  if (!r.Next().empty()) return r.Error("unexpected text after the decision");
  return "";
}

}  // namespace

std::string ScheduleFile::Get(std::string_view key) const {
  for (const auto& [k, v] : header) {
    if (k == key) return v;
  }
  return "";
}

void ScheduleFile::Set(std::string key, std::string value) {
  for (auto& [k, v] : header) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  header.emplace_back(std::move(key), std::move(value));
}

namespace {

void AppendNumber(std::string* out, uint64_t v) {
  fmt::format_int s(v);
  out->append(s.data(), s.size());
}

// AppendDecision writes one decision line: "<step> g<goid> <kind> <args>".
void AppendDecision(std::string* out, const Decision& d) {
  AppendNumber(out, d.step);
  out->append(" g");
  AppendNumber(out, d.goid);
  out->push_back(' ');
  out->push_back(KindLetter(d.kind));
  out->push_back(' ');
  switch (d.kind) {
    case DecisionKind::kPickP: AppendNumber(out, d.value); break;
    case DecisionKind::kPickG:
      if (d.value == kPickWait) {
        out->append("wait");
      } else {
        AppendNumber(out, d.value);
      }
      break;
    case DecisionKind::kPreempt: out->append(d.point); break;
    case DecisionKind::kRand:
      AppendNumber(out, d.bound);
      out->push_back(' ');
      AppendNumber(out, d.value);
      break;
  }
  out->push_back('\n');
}

std::string FormatHeader(const ScheduleFile& f) {
  std::string out(kMagic);
  out += '\n';
  for (const auto& [k, v] : f.header) out += fmt::format("{} {}\n", k, v);
  out += "decisions\n";
  return out;
}

}  // namespace

std::string FormatSchedule(const ScheduleFile& f) {
  std::string out = FormatHeader(f);
  out.reserve(out.size() + f.decisions.size() * 16);
  for (const Decision& d : f.decisions) AppendDecision(&out, d);
  out += fmt::format("end {} {}\n", f.end_step, f.end_outcome);
  return out;
}

std::string FormatSchedule(const ScheduleFile& f, const DecisionPath& path) {
  std::string out = FormatHeader(f);
  out.reserve(out.size() + path.size_bytes() * 3);
  path.ForEach([&out](const Decision& d) { AppendDecision(&out, d); });
  out += fmt::format("end {} {}\n", f.end_step, f.end_outcome);
  return out;
}

std::variant<ScheduleFile, std::string> ParseSchedule(std::string_view text, std::string_view filename) {
  ScheduleFile f;
  enum { kWantMagic, kHeader, kDecisions, kDone } state = kWantMagic;
  int lineno = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    LineReader r(line, filename, lineno);
    if (line.empty() || line[0] == '#') continue;
    switch (state) {
      case kWantMagic:
        if (line != kMagic) return r.Error(fmt::format("not a gostep schedule file (want first line \"{}\")", kMagic));
        state = kHeader;
        break;
      case kHeader: {
        std::string_view key = r.Next();
        if (key == "decisions") {
          state = kDecisions;
          break;
        }
        f.header.emplace_back(std::string(key), std::string(r.Rest()));
        break;
      }
      case kDecisions: {
        if (line.starts_with("end")) {
          r.Next();
          if (!r.Number(&f.end_step)) return r.Error("expected the final step after 'end'");
          f.end_outcome = std::string(r.Rest());
          state = kDone;
          break;
        }
        Decision d;
        if (std::string err = ParseDecision(r, &d); !err.empty()) return err;
        if (!f.decisions.empty() && d.step < f.decisions.back().step) {
          return LineReader(line, filename, lineno).Error(
              fmt::format("decision steps must not decrease ({} after {})", d.step, f.decisions.back().step));
        }
        f.decisions.push_back(std::move(d));
        break;
      }
      case kDone:
        return r.Error("text after the 'end' line");
    }
  }
  if (state != kDone) {
    return fmt::format("{}:{}:1: unexpected end of file (missing {})", filename, lineno + 1,
                       state == kWantMagic ? "the gostep-schedule line"
                       : state == kHeader  ? "the 'decisions' line"
                                           : "the 'end' line");
  }
  return f;
}

}  // namespace gostep::base
