// base/event_log.h — structured events, one JSON object per line.
//
// Every event starts with the same three fields:
//   {"step":N,"t":NS,"ev":"name", …event fields…}
// where step is the scheduler step counter and t the virtual time in
// nanoseconds. The event names and their fields are listed in docs/EVENTS.md.
//
// Cost when off: callers test on() first (one predictable branch), so no
// argument is evaluated and nothing is formatted:
//   if (log.on()) log.Begin(step, now, "go").Int("g", goid).Str("fn", name);
// The log lives in memory (text()); the runtime writes it to a file at the end.
// Output is a pure function of the calls made, so equal runs give equal bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gostep::base {

class EventLog {
 public:
  // Line appends fields to the current event and closes it when destroyed.
  class Line {
   public:
    explicit Line(std::string* out) : out_(out) {}
    Line(const Line&) = delete;
    Line& operator=(const Line&) = delete;
    ~Line() { out_->append("}\n"); }

    Line& Int(std::string_view key, int64_t v);
    Line& Uint(std::string_view key, uint64_t v);
    Line& Str(std::string_view key, std::string_view v);
    Line& Bool(std::string_view key, bool v);

   private:
    void Key(std::string_view key);
    std::string* out_;
  };

  bool on() const { return on_; }
  void set_on(bool on) { on_ = on; }

  // Begin starts an event. Only call it when on().
  Line Begin(uint64_t step, int64_t t, std::string_view ev);

  const std::string& text() const { return text_; }
  std::string Take() { return std::move(text_); }

 private:
  bool on_ = false;
  std::string text_;
};

// AppendJsonString appends s to out as a JSON string literal.
void AppendJsonString(std::string* out, std::string_view s);

}  // namespace gostep::base
