// lang/std/std_strings.cc — package strings (the functions scenarios and
// Go's test programs use) and os.Getenv/LookupEnv.
//
// Each function is the go1.19 strings function of the same name, on bytes
// (Go strings are byte strings; none of these decode UTF-8 except Fields,
// TrimSpace and the case mappings, which here handle ASCII only: a non-ASCII
// byte is kept as is, a documented difference).
#include <cstdlib>
#include <string>

#include "lang/std/std_impl.h"

namespace gostep::lang::std_pkg {
namespace {

std::string_view S(const Value& v) { return exec::Str(v); }

bool AsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

// Count is strings.Count: non-overlapping instances; "" counts runes + 1.
int64_t Count(std::string_view s, std::string_view sep) {
  if (sep.empty()) return static_cast<int64_t>(exec::RuneCount(s)) + 1;
  int64_t n = 0;
  for (size_t i = s.find(sep); i != std::string_view::npos; i = s.find(sep, i + sep.size())) ++n;
  return n;
}

// Split is strings.genSplit(s, sep, 0, n) for n < 0: "" splits into UTF-8
// sequences.
Value Split(Frame& f, std::string_view s, std::string_view sep) {
  std::vector<std::string> parts;
  if (sep.empty()) {
    for (size_t i = 0; i < s.size();) {
      int n = 0;
      exec::DecodeRune(s.substr(i), &n);
      parts.emplace_back(s.substr(i, n));
      i += n;
    }
  } else {
    size_t start = 0;
    for (size_t i = s.find(sep); i != std::string_view::npos; i = s.find(sep, start)) {
      parts.emplace_back(s.substr(start, i - start));
      start = i + sep.size();
    }
    parts.emplace_back(s.substr(start));
  }
  Value out = exec::MakeSlice(f, exec::Run(f).prog_types->String(), static_cast<int64_t>(parts.size()),
                              static_cast<int64_t>(parts.size()));
  for (size_t i = 0; i < parts.size(); ++i) static_cast<Value*>(out.p)[i] = NewString(f, parts[i]);
  return out;
}

Value Fields(Frame& f, std::string_view s) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && AsciiSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !AsciiSpace(s[i])) ++i;
    if (i > start) parts.emplace_back(s.substr(start, i - start));
  }
  Value out = exec::MakeSlice(f, exec::Run(f).prog_types->String(), static_cast<int64_t>(parts.size()),
                              static_cast<int64_t>(parts.size()));
  for (size_t k = 0; k < parts.size(); ++k) static_cast<Value*>(out.p)[k] = NewString(f, parts[k]);
  return out;
}

// Replace is strings.Replace with n < 0 (every instance); an empty old
// matches at the start and after each UTF-8 sequence.
std::string ReplaceAll(std::string_view s, std::string_view old, std::string_view nw) {
  std::string out;
  if (old.empty()) {
    out += nw;
    for (size_t i = 0; i < s.size();) {
      int n = 0;
      exec::DecodeRune(s.substr(i), &n);
      out += s.substr(i, n);
      out += nw;
      i += n;
    }
    return out;
  }
  size_t start = 0;
  for (size_t i = s.find(old); i != std::string_view::npos; i = s.find(old, start)) {
    out += s.substr(start, i - start);
    out += nw;
    start = i + old.size();
  }
  out += s.substr(start);
  return out;
}

std::string MapAscii(std::string_view s, bool upper) {
  std::string out(s);
  for (char& c : out) {
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Value Index(size_t i) { return Value::Int(i == std::string_view::npos ? -1 : static_cast<int64_t>(i)); }

}  // namespace

void AddStrings(std::vector<StdFunc>* v) {
  auto ss_b = Sig({ty::String, ty::String}, {ty::Bool});
  auto ss_i = Sig({ty::String, ty::String}, {ty::Int});
  auto s_s = Sig({ty::String}, {ty::String});
  v->push_back({"strings", "Index", 0, ss_i, [](Frame&, const Value* a, Value* r) { r[0] = Index(S(a[0]).find(S(a[1]))); }});
  v->push_back({"strings", "LastIndex", 0, ss_i, [](Frame&, const Value* a, Value* r) { r[0] = Index(S(a[0]).rfind(S(a[1]))); }});
  v->push_back({"strings", "IndexByte", 0, Sig({ty::String, [](TypeTable& t) { return t.Basic(Kind::kUint8); }}, {ty::Int}),
                [](Frame&, const Value* a, Value* r) { r[0] = Index(S(a[0]).find(static_cast<char>(a[1].i))); }});
  v->push_back({"strings", "HasPrefix", 0, ss_b, [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(S(a[0]).starts_with(S(a[1]))); }});
  v->push_back({"strings", "HasSuffix", 0, ss_b, [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(S(a[0]).ends_with(S(a[1]))); }});
  v->push_back({"strings", "Count", 0, ss_i, [](Frame&, const Value* a, Value* r) { r[0] = Value::Int(Count(S(a[0]), S(a[1]))); }});
  v->push_back({"strings", "Split", 0, Sig({ty::String, ty::String}, {ty::StringSlice}),
                [](Frame& f, const Value* a, Value* r) { r[0] = Split(f, S(a[0]), S(a[1])); }});
  v->push_back({"strings", "Fields", 0, Sig({ty::String}, {ty::StringSlice}),
                [](Frame& f, const Value* a, Value* r) { r[0] = Fields(f, S(a[0])); }});
  v->push_back({"strings", "ReplaceAll", 0, Sig({ty::String, ty::String, ty::String}, {ty::String}),
                [](Frame& f, const Value* a, Value* r) { r[0] = NewString(f, ReplaceAll(S(a[0]), S(a[1]), S(a[2]))); }});
  v->push_back({"strings", "TrimSpace", 0, s_s, [](Frame& f, const Value* a, Value* r) {
                  std::string_view s = S(a[0]);
                  while (!s.empty() && AsciiSpace(s.front())) s.remove_prefix(1);
                  while (!s.empty() && AsciiSpace(s.back())) s.remove_suffix(1);
                  r[0] = NewString(f, std::string(s));
                }});
  v->push_back({"strings", "TrimPrefix", 0, Sig({ty::String, ty::String}, {ty::String}), [](Frame& f, const Value* a, Value* r) {
                  std::string_view s = S(a[0]);
                  if (s.starts_with(S(a[1]))) s.remove_prefix(S(a[1]).size());
                  r[0] = NewString(f, std::string(s));
                }});
  v->push_back({"strings", "TrimSuffix", 0, Sig({ty::String, ty::String}, {ty::String}), [](Frame& f, const Value* a, Value* r) {
                  std::string_view s = S(a[0]);
                  if (s.ends_with(S(a[1]))) s.remove_suffix(S(a[1]).size());
                  r[0] = NewString(f, std::string(s));
                }});
  v->push_back({"strings", "ToUpper", 0, s_s, [](Frame& f, const Value* a, Value* r) { r[0] = NewString(f, MapAscii(S(a[0]), true)); }});
  v->push_back({"strings", "ToLower", 0, s_s, [](Frame& f, const Value* a, Value* r) { r[0] = NewString(f, MapAscii(S(a[0]), false)); }});
  v->push_back({"strings", "EqualFold", 0, ss_b, [](Frame&, const Value* a, Value* r) {
                  r[0] = Value::Int(MapAscii(S(a[0]), false) == MapAscii(S(a[1]), false));
                }});
  // os.Getenv / os.LookupEnv read the gostep process's environment, as a Go
  // program reads its own (the environment is an input of the run, like the
  // scenario file).
  v->push_back({"os", "Getenv", 0, s_s, [](Frame& f, const Value* a, Value* r) {
                  const char* e = std::getenv(std::string(S(a[0])).c_str());
                  r[0] = NewString(f, e != nullptr ? e : "");
                }});
  v->push_back({"os", "LookupEnv", 0, Sig({ty::String}, {ty::String, ty::Bool}), [](Frame& f, const Value* a, Value* r) {
                  const char* e = std::getenv(std::string(S(a[0])).c_str());
                  r[0] = NewString(f, e != nullptr ? e : "");
                  r[1] = Value::Int(e != nullptr);
                }});
}

}  // namespace gostep::lang::std_pkg
