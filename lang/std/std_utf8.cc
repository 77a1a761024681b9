// lang/std/std_utf8.cc — package unicode/utf8 (unicode/utf8/utf8.go): the
// constants, and decoding, encoding, counting and validating runes in
// strings and byte slices with Go's rules (an invalid or short encoding
// decodes as (RuneError, 1); surrogates and values past MaxRune are not
// valid), over exec's decoder (the one `for range` over a string uses).
#include <fmt/format.h>

#include "lang/exec/run_state.h"
#include "lang/std/std_impl.h"

namespace gostep::lang::std_pkg {
namespace {

constexpr int32_t kRuneError = 0xFFFD;

std::string Bytes(const Value& s) {
  std::string out;
  for (const Value& b : SliceElems(s)) out += static_cast<char>(b.i);
  return out;
}

bool ValidRune(int64_t r) { return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= 0x10FFFF); }

bool Valid(std::string_view s) {
  while (!s.empty()) {
    int n;
    int32_t r = exec::DecodeRune(s, &n);
    if (r == kRuneError && n == 1) return false;
    s.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// DecodeLast models DecodeLastRuneInString: back up over at most UTFMax
// continuation bytes to a start byte, and accept it only if it decodes to
// exactly the rest of the string.
int32_t DecodeLast(std::string_view s, int* size) {
  *size = s.empty() ? 0 : 1;
  if (s.empty()) return kRuneError;
  size_t end = s.size();
  unsigned char last = static_cast<unsigned char>(s[end - 1]);
  if (last < 0x80) return last;
  size_t lim = end >= 4 ? end - 4 : 0;
  size_t start = end - 1;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  int n;
  int32_t r = exec::DecodeRune(s.substr(start, end - start), &n);
  if (start + static_cast<size_t>(n) != end) return kRuneError;
  *size = n;
  return r;
}

Value RuneSize(int32_t r, int n, Value* out) {
  out[0] = Value::Int(r);
  out[1] = Value::Int(n);
  return out[0];
}

TypeFn ByteSlice() { return [](TypeTable& t) { return t.Slice(t.Basic(Kind::kUint8)); }; }

}  // namespace

void AddUtf8(std::vector<StdFunc>* v) {
  const char* p = "utf8";  // std funcs are keyed by the path's last element
  v->push_back({p, "RuneLen", 0, Sig({ty::Int32}, {ty::Int}), [](Frame&, const Value* a, Value* r) {
                  int64_t x = a[0].i;
                  r[0] = Value::Int(!ValidRune(x) ? -1 : x < 0x80 ? 1 : x < 0x800 ? 2 : x < 0x10000 ? 3 : 4);
                }});
  v->push_back({p, "ValidRune", 0, Sig({ty::Int32}, {ty::Bool}), [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(ValidRune(a[0].i)); }});
  v->push_back({p, "ValidString", 0, Sig({ty::String}, {ty::Bool}), [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(Valid(exec::Str(a[0]))); }});
  v->push_back({p, "Valid", 0, Sig({ByteSlice()}, {ty::Bool}), [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(Valid(Bytes(a[0]))); }});
  v->push_back({p, "RuneCountInString", 0, Sig({ty::String}, {ty::Int}),
                [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(static_cast<int64_t>(exec::RuneCount(exec::Str(a[0])))); }});
  v->push_back({p, "RuneCount", 0, Sig({ByteSlice()}, {ty::Int}),
                [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(static_cast<int64_t>(exec::RuneCount(Bytes(a[0])))); }});
  v->push_back({p, "DecodeRuneInString", 0, Sig({ty::String}, {ty::Int32, ty::Int}), [](Frame&, const Value* a, Value* r) {
                  std::string_view s = exec::Str(a[0]);
                  int n = 0;
                  int32_t rr = s.empty() ? kRuneError : exec::DecodeRune(s, &n);
                  RuneSize(rr, s.empty() ? 0 : n, r);
                }});
  v->push_back({p, "DecodeRune", 0, Sig({ByteSlice()}, {ty::Int32, ty::Int}), [](Frame&, const Value* a, Value* r) {
                  std::string s = Bytes(a[0]);
                  int n = 0;
                  int32_t rr = s.empty() ? kRuneError : exec::DecodeRune(s, &n);
                  RuneSize(rr, s.empty() ? 0 : n, r);
                }});
  v->push_back({p, "DecodeLastRuneInString", 0, Sig({ty::String}, {ty::Int32, ty::Int}), [](Frame&, const Value* a, Value* r) {
                  int n;
                  int32_t rr = DecodeLast(exec::Str(a[0]), &n);
                  RuneSize(rr, n, r);
                }});
  v->push_back({p, "DecodeLastRune", 0, Sig({ByteSlice()}, {ty::Int32, ty::Int}), [](Frame&, const Value* a, Value* r) {
                  int n;
                  int32_t rr = DecodeLast(Bytes(a[0]), &n);
                  RuneSize(rr, n, r);
                }});
  // EncodeRune writes into p (panicking as an index out of range when p is
  // too short, as utf8.go's p[k] stores do) and returns the byte count.
  v->push_back({p, "EncodeRune", 0, Sig({ByteSlice(), ty::Int32}, {ty::Int}), [](Frame& f, const Value* a, Value* r) {
                  std::string s = exec::EncodeRune(static_cast<int32_t>(a[1].i));
                  int64_t len = exec::SliceLen(a[0]);
                  auto* cells = static_cast<Value*>(a[0].p);
                  if (static_cast<int64_t>(s.size()) > len) {
                    // utf8.go stores p[k] from the last byte down (its bounds-check hint)
                    exec::RuntimePanic(f, fmt::format("index out of range [{}] with length {}", s.size() - 1, len));
                  }
                  for (size_t i = 0; i < s.size(); ++i) cells[i] = Value::Int(static_cast<uint8_t>(s[i]));
                  r[0] = Value::Int(static_cast<int64_t>(s.size()));
                }});
}

void AddUtf8Consts(std::vector<StdConst>* c) {
  TypeFn ur = [](TypeTable& t) { return t.Basic(Kind::kUntypedRune); };
  TypeFn ui = [](TypeTable& t) { return t.Basic(Kind::kUntypedInt); };
  c->push_back({"utf8", "RuneError", ur, 0, kRuneError, true});
  c->push_back({"utf8", "RuneSelf", ui, 0, 0x80, true});
  c->push_back({"utf8", "MaxRune", ur, 0, 0x10FFFF, true});
  c->push_back({"utf8", "UTFMax", ui, 0, 4, true});
}

}  // namespace gostep::lang::std_pkg
