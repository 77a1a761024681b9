// base/event_log.cc — recording (binary) and formatting (JSON lines).
//
// Record layout, in the chunks (native byte order; read back only by Format):
//   event  kBegin ev:ptr step:u64 t:i64  field* kEnd
//   field  kInt|kUint|kBool key:ptr value:u64
//        | kStr key:ptr len:u32 bytes[len]
// (ev and key point to string literals: Lit.)
#include "base/event_log.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "base/check.h"

namespace gostep::base {

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t run = 0;  // start of the bytes not yet appended
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\t': out->append("\\t"); break;
      case '\r': out->append("\\r"); break;
      default: fmt::format_to(std::back_inserter(*out), "\\u{:04x}", static_cast<unsigned>(c));
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

// NewChunk closes the current chunk and starts one of kChunkBytes (or n, if
// larger), uninitialized: records are written before they are read.
char* EventLog::NewChunk(size_t n) {
  if (!chunks_.empty()) chunks_.back().len = len_;
  if (!spare_.empty() && spare_.back().cap >= n) {
    chunks_.push_back(std::move(spare_.back()));
    spare_.pop_back();
  } else {
    size_t cap = std::max(n, kChunkBytes);
    chunks_.push_back(Chunk{std::make_unique_for_overwrite<char[]>(cap), 0, cap});
  }
  cur_ = chunks_.back().data.get();
  len_ = 0;
  cap_ = chunks_.back().cap;
  return cur_;
}

EventLog::Line EventLog::Begin(uint64_t step, int64_t t, Lit ev) {
  GOSTEP_CHECK(on_) << "EventLog::Begin while off";
  char* p = PutName(Reserve(kNameBytes + 16), kBegin, ev);
  std::memcpy(p, &step, 8);
  std::memcpy(p + 8, &t, 8);
  return Line(this);
}

EventLog::Line& EventLog::Line::Num(uint8_t tag, Lit key, uint64_t v) {
  std::memcpy(PutName(log_->Reserve(kNameBytes + 8), tag, key), &v, 8);
  return *this;
}

EventLog::Line& EventLog::Line::Str(Lit key, std::string_view v) {
  auto n = static_cast<uint32_t>(v.size());
  char* p = PutName(log_->Reserve(kNameBytes + 4 + n), kStr, key);
  std::memcpy(p, &n, 4);
  if (n > 0) std::memcpy(p + 4, v.data(), n);
  return *this;
}

namespace {

// Reader walks a chunk in record order.
struct Reader {
  const char* p;
  template <typename T>
  T Get() {
    T v;
    std::memcpy(&v, p, sizeof(T));
    p += sizeof(T);
    return v;
  }
  std::string_view Name() { return Get<const char*>(); }
};

template <typename T>
void AppendNumber(std::string* out, T v) {
  char digits[24];
  auto res = std::to_chars(digits, digits + sizeof(digits), v);
  out->append(digits, res.ptr);
}

void AppendKey(std::string* out, std::string_view key) {
  out->push_back(',');
  AppendJsonString(out, key);
  out->push_back(':');
}

}  // namespace

// Format turns every record into its JSON line; the chunks are kept for the
// records to come (a log read in rounds reuses its memory).
void EventLog::Format() {
  if (chunks_.empty()) return;
  chunks_.back().len = len_;
  size_t total = 0;
  for (const Chunk& c : chunks_) total += c.len;
  text_.reserve(text_.size() + total);
  for (Chunk& c : chunks_) {
    FormatChunk(c.data.get(), c.data.get() + c.len);
    c.len = 0;
    spare_.push_back(std::move(c));
  }
  chunks_.clear();
  cur_ = nullptr;
  len_ = cap_ = 0;
}

void EventLog::FormatChunk(const char* p, const char* end) {
  Reader r{p};
  while (r.p < end) {
    uint8_t tag = r.Get<uint8_t>();
    switch (tag) {
      case kBegin: {
        std::string_view ev = r.Name();
        text_.append("{\"step\":");
        AppendNumber(&text_, r.Get<uint64_t>());
        text_.append(",\"t\":");
        AppendNumber(&text_, r.Get<int64_t>());
        text_.append(",\"ev\":");
        AppendJsonString(&text_, ev);
        break;
      }
      case kInt: AppendKey(&text_, r.Name()), AppendNumber(&text_, static_cast<int64_t>(r.Get<uint64_t>())); break;
      case kUint: AppendKey(&text_, r.Name()), AppendNumber(&text_, r.Get<uint64_t>()); break;
      case kBool: AppendKey(&text_, r.Name()), text_.append(r.Get<uint64_t>() ? "true" : "false"); break;
      case kStr: {
        AppendKey(&text_, r.Name());
        auto n = r.Get<uint32_t>();
        AppendJsonString(&text_, std::string_view(r.p, n));
        r.p += n;
        break;
      }
      case kEnd: text_.append("}\n"); break;
      default: GOSTEP_CHECK(false) << "event log: bad record tag " << int{tag};
    }
  }
}

const std::string& EventLog::text() {
  Format();
  return text_;
}

std::string EventLog::Take() {
  Format();
  std::string out = std::move(text_);
  text_.clear();
  return out;
}

}  // namespace gostep::base
