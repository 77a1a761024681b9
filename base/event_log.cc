// base/event_log.cc — recording (binary) and formatting (JSON lines).
//
// Record layout, in buf_ (native byte order; read back only by Format):
//   event  kBegin ev:ptr ev_len:u32 step:u64 t:i64  field* kEnd
//   field  kInt|kUint|kBool key:ptr key_len:u32 value:u64
//        | kStr key:ptr key_len:u32 len:u32 bytes[len]
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

// Grow makes room for n more bytes and returns where they go (len_ is
// advanced by the caller, Reserve).
char* EventLog::Grow(size_t n) {
  size_t cap = std::max<size_t>({cap_ * 2, len_ + n, 4096});
  auto buf = std::make_unique<char[]>(cap);
  if (len_ > 0) std::memcpy(buf.get(), buf_.get(), len_);
  buf_ = std::move(buf);
  cap_ = cap;
  return buf_.get() + len_;
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

// Reader walks buf_ in record order.
struct Reader {
  const char* p;
  template <typename T>
  T Get() {
    T v;
    std::memcpy(&v, p, sizeof(T));
    p += sizeof(T);
    return v;
  }
  std::string_view Name() {
    auto s = Get<const char*>();
    return {s, Get<uint32_t>()};
  }
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

// Format turns every record in buf_ into its JSON line.
void EventLog::Format() {
  Reader r{buf_.get()};
  const char* end = buf_.get() + len_;
  text_.reserve(text_.size() + len_ + len_ / 2);
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
  len_ = 0;
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
