// lang/syntax/utf8.h — UTF-8 decoding and encoding (Go's unicode/utf8 rules:
// no overlongs, no surrogates, at most U+10FFFF).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gostep::lang::utf8 {

constexpr int32_t kRuneError = 0xFFFD;
constexpr int32_t kRuneSelf = 0x80;

// Decode decodes the rune at s[0...]; *size is its byte length (1 for an
// invalid byte, whose rune is kRuneError). s must not be empty.
inline int32_t Decode(std::string_view s, int* size) {
  auto b = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  uint8_t c = b(0);
  *size = 1;
  if (c < 0x80) return c;
  int n;
  int32_t r, min;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; r = c & 0x1F; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; r = c & 0x0F; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; r = c & 0x07; min = 0x10000; }
  else return kRuneError;
  if (s.size() < static_cast<size_t>(n)) return kRuneError;
  for (int i = 1; i < n; i++) {
    if ((b(i) & 0xC0) != 0x80) return kRuneError;
    r = (r << 6) | (b(i) & 0x3F);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) return kRuneError;
  *size = n;
  return r;
}

// Append appends r's UTF-8 encoding (kRuneError's if r is invalid).
inline void Append(std::string* out, uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) r = kRuneError;
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (r >> 6)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (r >> 12)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (r >> 18)));
    out->push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

}  // namespace gostep::lang::utf8
