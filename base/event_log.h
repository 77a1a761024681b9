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
//
// Cost when on: recording appends a compact binary record (event names and
// keys are string literals, kept as pointers; numbers as 8 raw bytes; string
// values copied). text() and Take() format the records not yet formatted as
// JSON lines. The text is the same as formatting at record time: formatting
// is deferred, never changed, so output stays a pure function of the calls
// made and equal runs give equal bytes. (Go's runtime/trace works the same
// way: a cheap binary record while running, text when read.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gostep::base {

// Lit names an event or a field: a string literal, so the log can keep the
// pointer instead of copying the bytes.
struct Lit {
  template <size_t N>
  consteval Lit(const char (&s)[N]) : p(s) {}  // NOLINT: implicit by design
  const char* p;  // NUL-terminated
};

class EventLog {
 public:
  // Line appends fields to the current event and closes it when destroyed.
  class Line {
   public:
    explicit Line(EventLog* log) : log_(log) {}
    Line(const Line&) = delete;
    Line& operator=(const Line&) = delete;
    ~Line() { log_->Put<uint8_t>(kEnd); }

    Line& Int(Lit key, int64_t v) { return Num(kInt, key, static_cast<uint64_t>(v)); }
    Line& Uint(Lit key, uint64_t v) { return Num(kUint, key, v); }
    Line& Bool(Lit key, bool v) { return Num(kBool, key, v ? 1 : 0); }
    Line& Str(Lit key, std::string_view v);

   private:
    Line& Num(uint8_t tag, Lit key, uint64_t v);
    EventLog* log_;
  };

  EventLog() = default;
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  bool on() const { return on_; }
  void set_on(bool on) { on_ = on; }

  // Begin starts an event. Only call it when on().
  Line Begin(uint64_t step, int64_t t, Lit ev);

  // The log as JSON lines (formats what was recorded since the last call).
  const std::string& text();
  // Take returns text() and empties the log.
  std::string Take();

 private:
  enum : uint8_t { kBegin, kInt, kUint, kBool, kStr, kEnd };

  // NewChunk starts a chunk with room for at least n bytes.
  char* NewChunk(size_t n);
  // Reserve returns room for n bytes at the end of the records (a record
  // never straddles two chunks).
  char* Reserve(size_t n) {
    char* p = len_ + n <= cap_ ? cur_ + len_ : NewChunk(n);
    len_ += n;
    return p;
  }
  template <typename T>
  void Put(T v) {
    std::memcpy(Reserve(sizeof(T)), &v, sizeof(T));
  }
  // PutName writes a tag and a literal name (the head of every record; the
  // literal's length is found again when formatting).
  static char* PutName(char* p, uint8_t tag, Lit name) {
    *p = static_cast<char>(tag);
    std::memcpy(p + 1, &name.p, sizeof(name.p));
    return p + kNameBytes;
  }
  static constexpr size_t kNameBytes = 1 + sizeof(const char*);
  void Format();
  void FormatChunk(const char* p, const char* end);

  // Binary records not yet formatted: full chunks, then the current one
  // (cur_, len_ bytes used of cap_). Growing never copies a record.
  struct Chunk {
    std::unique_ptr<char[]> data;
    size_t len = 0;
    size_t cap = 0;
  };
  static constexpr size_t kChunkBytes = size_t{1} << 20;
  bool on_ = false;
  std::vector<Chunk> chunks_;
  std::vector<Chunk> spare_;  // formatted chunks, reused before new memory
  char* cur_ = nullptr;
  size_t len_ = 0;
  size_t cap_ = 0;
  std::string text_;  // the records formatted so far
};

// AppendJsonString appends s to out as a JSON string literal.
void AppendJsonString(std::string* out, std::string_view s);

}  // namespace gostep::base
