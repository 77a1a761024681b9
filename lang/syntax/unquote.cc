// lang/syntax/unquote.cc — literal values (strconv.Unquote's rules) and the
// rune classes and formats the scanner needs.
//
// Unicode letters and digits: gostep carries no Unicode tables. Every
// non-ASCII code point counts as a letter except the punctuation, symbol,
// space and control blocks listed below, and the common decimal-digit blocks
// count as digits. Scenarios name things in ASCII; this only has to accept
// what Go accepts in practice and reject the obvious non-letters.
#include <cstdio>

#include "lang/syntax/lexer.h"
#include "lang/syntax/utf8.h"

namespace gostep::lang {
namespace {

struct Range {
  int32_t lo, hi;
};

constexpr Range kDigitRanges[] = {
    {0x0660, 0x0669}, {0x06F0, 0x06F9}, {0x07C0, 0x07C9}, {0x0966, 0x096F}, {0x09E6, 0x09EF},
    {0x0A66, 0x0A6F}, {0x0AE6, 0x0AEF}, {0x0B66, 0x0B6F}, {0x0BE6, 0x0BEF}, {0x0C66, 0x0C6F},
    {0x0CE6, 0x0CEF}, {0x0D66, 0x0D6F}, {0x0E50, 0x0E59}, {0x0ED0, 0x0ED9}, {0x0F20, 0x0F29},
    {0x1040, 0x1049}, {0x17E0, 0x17E9}, {0x1810, 0x1819}, {0xFF10, 0xFF19},
};

constexpr Range kNonLetterRanges[] = {
    {0x0080, 0x00A9}, {0x00AB, 0x00B4}, {0x00B6, 0x00B9}, {0x00BB, 0x00BF}, {0x00D7, 0x00D7},
    {0x00F7, 0x00F7}, {0x02C2, 0x02C5}, {0x02D2, 0x02DF}, {0x0300, 0x036F}, {0x2000, 0x206F},
    {0x20A0, 0x20FF}, {0x2190, 0x23FF}, {0x2400, 0x24FF}, {0x2500, 0x27FF}, {0x2900, 0x2BFF},
    {0x2E00, 0x2E7F}, {0x3000, 0x3004}, {0x3008, 0x3020}, {0xD800, 0xF8FF}, {0xFE00, 0xFE6F},
    {0xFEFF, 0xFEFF}, {0xFF00, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65}, {0xFFF0, 0xFFFF},
    {0x1F000, 0x1FAFF}, {0xE0000, 0x10FFFF},
};

bool InRanges(int32_t r, const Range* b, const Range* e) {
  for (; b != e; ++b) {
    if (r >= b->lo && r <= b->hi) return true;
  }
  return false;
}

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// DecodeOne decodes one (possibly escaped) character at s[*i], for a literal
// quoted by `quote`. Sets *is_byte for \x and octal escapes (raw bytes).
bool DecodeOne(std::string_view s, size_t* i, char quote, uint32_t* value, bool* is_byte) {
  *is_byte = false;
  if (*i >= s.size()) return false;
  char c = s[*i];
  if (c == quote || c == '\n') return false;
  if (c != '\\') {
    int size;
    int32_t r = utf8::Decode(s.substr(*i), &size);
    if (r == utf8::kRuneError && size == 1) return false;
    *value = static_cast<uint32_t>(r);
    *i += size;
    return true;
  }
  if (++*i >= s.size()) return false;
  c = s[(*i)++];
  switch (c) {
    case 'a': *value = 7; return true;
    case 'b': *value = 8; return true;
    case 'f': *value = 12; return true;
    case 'n': *value = 10; return true;
    case 'r': *value = 13; return true;
    case 't': *value = 9; return true;
    case 'v': *value = 11; return true;
    case '\\': *value = '\\'; return true;
    case '\'': case '"':
      if (c != quote) return false;
      *value = static_cast<uint32_t>(c);
      return true;
    case 'x': case 'u': case 'U': {
      int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      uint32_t v = 0;
      for (int k = 0; k < n; k++, ++*i) {
        if (*i >= s.size() || HexVal(s[*i]) < 0) return false;
        v = v * 16 + static_cast<uint32_t>(HexVal(s[*i]));
      }
      if (c == 'x') {
        *is_byte = true;
      } else if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) {
        return false;
      }
      *value = v;
      return true;
    }
    default:
      if (c < '0' || c > '7') return false;
      uint32_t v = static_cast<uint32_t>(c - '0');
      for (int k = 0; k < 2; k++, ++*i) {
        if (*i >= s.size() || s[*i] < '0' || s[*i] > '7') return false;
        v = v * 8 + static_cast<uint32_t>(s[*i] - '0');
      }
      if (v > 255) return false;
      *is_byte = true;
      *value = v;
      return true;
  }
}

}  // namespace

bool IsUnicodeLetter(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  if (r > 0x10FFFF || IsUnicodeDigit(r)) return false;
  return !InRanges(r, std::begin(kNonLetterRanges), std::end(kNonLetterRanges));
}

bool IsUnicodeDigit(int32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return InRanges(r, std::begin(kDigitRanges), std::end(kDigitRanges));
}

static bool IsPrintable(int32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (r < 0xA0 || r == 0xAD || r > 0x10FFFF) return false;
  return !(r >= 0xD800 && r < 0xE000) && !(r >= 0x2000 && r <= 0x200F) && !(r >= 0x2028 && r <= 0x202E) &&
         r != 0xFEFF && !(r >= 0xE000 && r <= 0xF8FF) && !(r >= 0xFFF0);
}

std::string FormatU(int32_t r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(r));
  std::string out = buf;
  if (IsPrintable(r)) {
    out += " '";
    utf8::Append(&out, static_cast<uint32_t>(r));
    out += "'";
  }
  return out;
}

std::string QuoteRune(int32_t r) {
  char buf[16];
  switch (r) {
    case '\a': return "'\\a'";
    case '\b': return "'\\b'";
    case '\f': return "'\\f'";
    case '\n': return "'\\n'";
    case '\r': return "'\\r'";
    case '\t': return "'\\t'";
    case '\v': return "'\\v'";
    case '\\': return "'\\\\'";
    case '\'': return "'\\''";
    default: break;
  }
  if (r < 0) return "'\\ufffd'";
  if (IsPrintable(r)) {
    std::string out = "'";
    utf8::Append(&out, static_cast<uint32_t>(r));
    return out + "'";
  }
  if (r < 0x80) std::snprintf(buf, sizeof buf, "'\\x%02x'", static_cast<unsigned>(r));
  else if (r < 0x10000) std::snprintf(buf, sizeof buf, "'\\u%04x'", static_cast<unsigned>(r));
  else std::snprintf(buf, sizeof buf, "'\\U%08x'", static_cast<unsigned>(r));
  return buf;
}

bool UnquoteString(std::string_view lit, std::string* out) {
  out->clear();
  if (lit.size() < 2) return false;
  if (lit.front() == '`') {
    if (lit.back() != '`') return false;
    for (char c : lit.substr(1, lit.size() - 2)) {
      if (c == '`') return false;
      if (c != '\r') out->push_back(c);
    }
    return true;
  }
  if (lit.front() != '"' || lit.back() != '"') return false;
  std::string_view body = lit.substr(1, lit.size() - 2);
  size_t i = 0;
  while (i < body.size()) {
    uint32_t v;
    bool is_byte;
    if (!DecodeOne(body, &i, '"', &v, &is_byte)) return false;
    if (is_byte) out->push_back(static_cast<char>(v));
    else utf8::Append(out, v);
  }
  return true;
}

bool UnquoteRune(std::string_view lit, uint32_t* rune) {
  if (lit.size() < 3 || lit.front() != '\'' || lit.back() != '\'') return false;
  std::string_view body = lit.substr(1, lit.size() - 2);
  size_t i = 0;
  bool is_byte;
  if (!DecodeOne(body, &i, '\'', rune, &is_byte)) return false;
  return i == body.size();
}

}  // namespace gostep::lang
