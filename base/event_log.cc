#include "base/event_log.h"

#include <fmt/format.h>

#include "base/check.h"

namespace gostep::base {

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\t': out->append("\\t"); break;
      case '\r': out->append("\\r"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          fmt::format_to(std::back_inserter(*out), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

EventLog::Line EventLog::Begin(uint64_t step, int64_t t, std::string_view ev) {
  GOSTEP_CHECK(on_) << "EventLog::Begin while off";
  fmt::format_to(std::back_inserter(text_), "{{\"step\":{},\"t\":{},\"ev\":", step, t);
  AppendJsonString(&text_, ev);
  return Line(&text_);
}

void EventLog::Line::Key(std::string_view key) {
  out_->push_back(',');
  AppendJsonString(out_, key);
  out_->push_back(':');
}

EventLog::Line& EventLog::Line::Int(std::string_view key, int64_t v) {
  Key(key);
  fmt::format_to(std::back_inserter(*out_), "{}", v);
  return *this;
}

EventLog::Line& EventLog::Line::Uint(std::string_view key, uint64_t v) {
  Key(key);
  fmt::format_to(std::back_inserter(*out_), "{}", v);
  return *this;
}

EventLog::Line& EventLog::Line::Str(std::string_view key, std::string_view v) {
  Key(key);
  AppendJsonString(out_, v);
  return *this;
}

EventLog::Line& EventLog::Line::Bool(std::string_view key, bool v) {
  Key(key);
  out_->append(v ? "true" : "false");
  return *this;
}

}  // namespace gostep::base
