// lang/syntax/lexer.cc — the scanner: a port of cmd/compile/internal/syntax's
// scanner.go (Go 1.19), so that token boundaries, automatic semicolons and the
// error messages ("newline in string", "invalid character U+0040 '@'") are
// gc's. Positions are 1-based lines and 1-based byte columns.
#include "lang/syntax/lexer.h"

#include <fmt/format.h>

#include "lang/syntax/utf8.h"

namespace gostep::lang {
namespace {

int32_t Lower(int32_t ch) { return ('a' - 'A') | ch; }
bool IsLetter(int32_t ch) { return ('a' <= Lower(ch) && Lower(ch) <= 'z') || ch == '_'; }
bool IsDecimal(int32_t ch) { return '0' <= ch && ch <= '9'; }
bool IsHex(int32_t ch) { return IsDecimal(ch) || ('a' <= Lower(ch) && Lower(ch) <= 'f'); }

const char* BaseName(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 10: return "decimal";
    default: return "hexadecimal";
  }
}

struct Keyword {
  std::string_view name;
  Tok tok;
};

constexpr Keyword kKeywords[] = {
    {"break", Tok::kBreak},   {"case", Tok::kCase},       {"chan", Tok::kChan},
    {"const", Tok::kConst},   {"continue", Tok::kContinue}, {"default", Tok::kDefault},
    {"defer", Tok::kDefer},   {"else", Tok::kElse},       {"fallthrough", Tok::kFallthrough},
    {"for", Tok::kFor},       {"func", Tok::kFunc},       {"go", Tok::kGo},
    {"goto", Tok::kGoto},     {"if", Tok::kIf},           {"import", Tok::kImport},
    {"interface", Tok::kInterface}, {"map", Tok::kMap},   {"package", Tok::kPackage},
    {"range", Tok::kRange},   {"return", Tok::kReturn},   {"select", Tok::kSelect},
    {"struct", Tok::kStruct}, {"switch", Tok::kSwitch},   {"type", Tok::kType},
    {"var", Tok::kVar},
};

// InvalidSep returns the index of the first invalid '_' separator in x, or -1
// (scanner.go's invalidSep).
int InvalidSep(std::string_view x) {
  char x1 = ' ';
  char d = '.';
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = static_cast<char>(Lower(x[1]));
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); i++) {
    char p = d;
    d = x[i];
    if (d == '_') {
      if (p != '0') return static_cast<int>(i);
    } else if (IsDecimal(d) || (x1 == 'x' && IsHex(d))) {
      d = '0';
    } else {
      if (p == '_') return static_cast<int>(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return static_cast<int>(x.size()) - 1;
  return -1;
}

}  // namespace

Lexer::Lexer(std::string_view src, DiagList* diags) : src_(src), diags_(diags) {
  if (src_.substr(0, 3) == "\xEF\xBB\xBF") off_ = 3;  // a leading BOM is ignored
  // Prime ch_ with the first character (NextCh would advance the column).
  ch_off_ = off_;
  ch_col_ = 1 + static_cast<uint32_t>(off_);
  if (off_ >= src_.size()) {
    ch_ = -1;
    return;
  }
  DecodeCh();
}

// DecodeCh reads the character at off_ into ch_. As gc's source.nextch
// ("goto redo"), a NUL or an invalid UTF-8 byte is reported and skipped.
void Lexer::DecodeCh() {
  for (;;) {
    int size;
    ch_ = utf8::Decode(src_.substr(off_), &size);
    off_ += size;
    if (ch_ == 0) {
      ErrorAtCh("invalid NUL character");
    } else if (ch_ == utf8::kRuneError && size == 1) {
      ErrorAtCh("invalid UTF-8 encoding");
    } else {
      return;
    }
    ch_col_ += static_cast<uint32_t>(off_ - ch_off_);
    ch_off_ = off_;
    if (off_ >= src_.size()) {
      ch_ = -1;
      return;
    }
  }
}

void Lexer::ErrorAtCh(std::string msg) { diags_->Error(ChPos(), std::move(msg)); }

void Lexer::ErrorAtTok(uint32_t offset, std::string msg) {
  diags_->Error(Pos{pos.line, pos.col + offset}, std::move(msg));
}

void Lexer::NextCh() {
  if (ch_ < 0) return;
  if (ch_ == '\n') {
    ch_line_++;
    ch_col_ = 1;
  } else {
    ch_col_ += static_cast<uint32_t>(off_ - ch_off_);
  }
  ch_off_ = off_;
  if (off_ >= src_.size()) {
    ch_ = -1;
    return;
  }
  DecodeCh();
  if (ch_ == 0xFEFF) {
    ErrorAtCh("invalid BOM in the middle of the file");
  }
}

void Lexer::SetLit(Tok kind, bool ok) {
  nlsemi_ = true;
  tok = kind;
  lit = std::string(src_.substr(tok_off_, ch_off_ - tok_off_));
  bad = !ok;
}

void Lexer::Next() {
  bool nlsemi = nlsemi_;
  nlsemi_ = false;
  bad = false;
  if (stopped_) {
    tok = Tok::kEof;
    lit = "EOF";
    return;
  }
redo:
  while (ch_ == ' ' || ch_ == '\t' || (ch_ == '\n' && !nlsemi) || ch_ == '\r') NextCh();
  pos = ChPos();
  tok_off_ = ch_off_;
  if (IsLetter(ch_) || (ch_ >= utf8::kRuneSelf && AtIdentChar(true))) {
    NextCh();
    Ident();
    return;
  }
  auto op = [&](Tok t) {
    NextCh();
    tok = t;
  };
  // opAssign scans "x" or "x=": the current char is the operator's last.
  auto op_assign = [&](Tok plain, Tok assign) {
    NextCh();
    if (ch_ == '=') {
      NextCh();
      tok = assign;
    } else {
      tok = plain;
    }
  };
  switch (ch_) {
    case -1:
      if (nlsemi) {
        tok = Tok::kSemicolon;
        lit = "EOF";
      } else {
        tok = Tok::kEof;
        lit = "EOF";
      }
      return;
    case '\n':
      NextCh();
      tok = Tok::kSemicolon;
      lit = "newline";
      return;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      Number(false);
      return;
    case '"':
      StdString();
      return;
    case '`':
      RawString();
      return;
    case '\'':
      RuneLit();
      return;
    case '(': op(Tok::kLParen); break;
    case '[': op(Tok::kLBrack); break;
    case '{': op(Tok::kLBrace); break;
    case ',': op(Tok::kComma); break;
    case ';':
      op(Tok::kSemicolon);
      lit = "semicolon";
      return;
    case ')': op(Tok::kRParen); nlsemi_ = true; break;
    case ']': op(Tok::kRBrack); nlsemi_ = true; break;
    case '}': op(Tok::kRBrace); nlsemi_ = true; break;
    case ':': op_assign(Tok::kColon, Tok::kDefine); break;
    case '.': {
      NextCh();
      if (IsDecimal(ch_)) {
        Number(true);
        return;
      }
      if (ch_ == '.' && off_ < src_.size() && src_[off_] == '.') {
        NextCh();
        NextCh();
        tok = Tok::kEllipsis;
        break;
      }
      tok = Tok::kPeriod;
      break;
    }
    case '+':
      NextCh();
      if (ch_ == '+') {
        op(Tok::kInc);
        nlsemi_ = true;
      } else if (ch_ == '=') {
        op(Tok::kAddAssign);
      } else {
        tok = Tok::kAdd;
      }
      break;
    case '-':
      NextCh();
      if (ch_ == '-') {
        op(Tok::kDec);
        nlsemi_ = true;
      } else if (ch_ == '=') {
        op(Tok::kSubAssign);
      } else {
        tok = Tok::kSub;
      }
      break;
    case '*': op_assign(Tok::kMul, Tok::kMulAssign); break;
    case '/':
      NextCh();
      if (ch_ == '/') {
        NextCh();
        LineCommentBody();
        goto redo;
      }
      if (ch_ == '*') {
        NextCh();
        uint32_t start_line = pos.line;
        SkipFullComment();
        if (ch_line_ > start_line && nlsemi) {
          tok = Tok::kSemicolon;
          lit = "newline";
          return;
        }
        goto redo;
      }
      if (ch_ == '=') {
        op(Tok::kQuoAssign);
      } else {
        tok = Tok::kQuo;
      }
      break;
    case '%': op_assign(Tok::kRem, Tok::kRemAssign); break;
    case '&':
      NextCh();
      if (ch_ == '&') {
        op(Tok::kLAnd);
      } else if (ch_ == '^') {
        op_assign(Tok::kAndNot, Tok::kAndNotAssign);
      } else if (ch_ == '=') {
        op(Tok::kAndAssign);
      } else {
        tok = Tok::kAnd;
      }
      break;
    case '|':
      NextCh();
      if (ch_ == '|') {
        op(Tok::kLOr);
      } else if (ch_ == '=') {
        op(Tok::kOrAssign);
      } else {
        tok = Tok::kOr;
      }
      break;
    case '^': op_assign(Tok::kXor, Tok::kXorAssign); break;
    case '<':
      NextCh();
      if (ch_ == '=') {
        op(Tok::kLeq);
      } else if (ch_ == '<') {
        op_assign(Tok::kShl, Tok::kShlAssign);
      } else if (ch_ == '-') {
        op(Tok::kArrow);
      } else {
        tok = Tok::kLss;
      }
      break;
    case '>':
      NextCh();
      if (ch_ == '=') {
        op(Tok::kGeq);
      } else if (ch_ == '>') {
        op_assign(Tok::kShr, Tok::kShrAssign);
      } else {
        tok = Tok::kGtr;
      }
      break;
    case '=': op_assign(Tok::kAssign, Tok::kEql); break;
    case '!': op_assign(Tok::kNot, Tok::kNeq); break;
    case '~': op(Tok::kTilde); break;
    default:
      ErrorAtCh(fmt::format("invalid character {}", FormatU(ch_)));
      NextCh();
      goto redo;
  }
  lit = std::string(TokString(tok));
}

bool Lexer::AtIdentChar(bool first) {
  if (IsUnicodeLetter(ch_) || ch_ == '_') return true;
  if (IsUnicodeDigit(ch_)) {
    if (first) ErrorAtCh(fmt::format("identifier cannot begin with digit {}", FormatU(ch_)));
    return true;
  }
  if (ch_ >= utf8::kRuneSelf) {
    ErrorAtCh(fmt::format("invalid character {} in identifier", FormatU(ch_)));
    return true;
  }
  return false;
}

void Lexer::Ident() {
  while (IsLetter(ch_) || IsDecimal(ch_)) NextCh();
  if (ch_ >= utf8::kRuneSelf) {
    while (ch_ >= 0 && (IsLetter(ch_) || IsDecimal(ch_) || (ch_ >= utf8::kRuneSelf && AtIdentChar(false)))) {
      NextCh();
    }
  }
  std::string_view word = src_.substr(tok_off_, ch_off_ - tok_off_);
  for (const Keyword& k : kKeywords) {
    if (k.name == word) {
      tok = k.tok;
      lit = std::string(word);
      nlsemi_ = tok == Tok::kBreak || tok == Tok::kContinue || tok == Tok::kFallthrough || tok == Tok::kReturn;
      return;
    }
  }
  nlsemi_ = true;
  tok = Tok::kIdent;
  lit = std::string(word);
}

int Lexer::Digits(int base, int* invalid) {
  int digsep = 0;
  if (base <= 10) {
    int32_t max = '0' + base;
    while (IsDecimal(ch_) || ch_ == '_') {
      int ds = 1;
      if (ch_ == '_') {
        ds = 2;
      } else if (ch_ >= max && invalid != nullptr && *invalid < 0) {
        *invalid = static_cast<int>(ch_off_ - tok_off_);
      }
      digsep |= ds;
      NextCh();
    }
  } else {
    while (IsHex(ch_) || ch_ == '_') {
      digsep |= ch_ == '_' ? 2 : 1;
      NextCh();
    }
  }
  return digsep;
}

void Lexer::Number(bool seen_point) {
  bool ok = true;
  Tok kind = Tok::kInt;
  int base = 10;
  char prefix = 0;
  int digsep = 0;
  int invalid = -1;
  if (!seen_point) {
    if (ch_ == '0') {
      NextCh();
      switch (Lower(ch_)) {
        case 'x': NextCh(); base = 16; prefix = 'x'; break;
        case 'o': NextCh(); base = 8; prefix = 'o'; break;
        case 'b': NextCh(); base = 2; prefix = 'b'; break;
        default: base = 8; prefix = '0'; digsep = 1; break;
      }
    }
    digsep |= Digits(base, &invalid);
    if (ch_ == '.') {
      if (prefix == 'o' || prefix == 'b') {
        ErrorAtCh(fmt::format("invalid radix point in {} literal", BaseName(base)));
        ok = false;
      }
      NextCh();
      seen_point = true;
    }
  }
  if (seen_point) {
    kind = Tok::kFloat;
    digsep |= Digits(base, &invalid);
  }
  if ((digsep & 1) == 0 && ok) {
    ErrorAtCh(fmt::format("{} literal has no digits", BaseName(base)));
    ok = false;
  }
  int32_t e = Lower(ch_);
  if (e == 'e' || e == 'p') {
    if (ok) {
      if (e == 'e' && prefix != 0 && prefix != '0') {
        ErrorAtCh(fmt::format("{} exponent requires decimal mantissa", QuoteRune(ch_)));
        ok = false;
      } else if (e == 'p' && prefix != 'x') {
        ErrorAtCh(fmt::format("{} exponent requires hexadecimal mantissa", QuoteRune(ch_)));
        ok = false;
      }
    }
    NextCh();
    kind = Tok::kFloat;
    if (ch_ == '+' || ch_ == '-') NextCh();
    digsep = Digits(10, nullptr) | (digsep & 2);
    if ((digsep & 1) == 0 && ok) {
      ErrorAtCh("exponent has no digits");
      ok = false;
    }
  } else if (prefix == 'x' && kind == Tok::kFloat && ok) {
    ErrorAtCh("hexadecimal mantissa requires a 'p' exponent");
    ok = false;
  }
  if (ch_ == 'i') {
    kind = Tok::kImag;
    NextCh();
  }
  SetLit(kind, ok);
  if (kind == Tok::kInt && invalid >= 0 && ok) {
    ErrorAtTok(static_cast<uint32_t>(invalid),
               fmt::format("invalid digit {} in {} literal", QuoteRune(lit[invalid]), BaseName(base)));
    ok = false;
  }
  if ((digsep & 2) != 0 && ok) {
    int i = InvalidSep(lit);
    if (i >= 0) {
      ErrorAtTok(static_cast<uint32_t>(i), "'_' must separate successive digits");
      ok = false;
    }
  }
  bad = !ok;
}

bool Lexer::Escape(int32_t quote) {
  int n;
  uint32_t base, max;
  switch (ch_) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      NextCh();
      return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      n = 3, base = 8, max = 255;
      break;
    case 'x': NextCh(); n = 2, base = 16, max = 255; break;
    case 'u': NextCh(); n = 4, base = 16, max = 0x10FFFF; break;
    case 'U': NextCh(); n = 8, base = 16, max = 0x10FFFF; break;
    default:
      if (ch_ == quote) {
        NextCh();
        return true;
      }
      if (ch_ < 0) return true;  // the caller reports EOF
      ErrorAtCh("unknown escape");
      return false;
  }
  uint32_t x = 0;
  for (int i = n; i > 0; i--) {
    if (ch_ < 0) return true;
    uint32_t d = base;
    if (IsDecimal(ch_)) d = static_cast<uint32_t>(ch_ - '0');
    else if ('a' <= Lower(ch_) && Lower(ch_) <= 'f') d = static_cast<uint32_t>(Lower(ch_) - 'a' + 10);
    if (d >= base) {
      ErrorAtCh(fmt::format("invalid character {} in {} escape", QuoteRune(ch_), BaseName(static_cast<int>(base))));
      return false;
    }
    x = x * base + d;
    NextCh();
  }
  if (x > max && base == 8) {
    ErrorAtCh(fmt::format("octal escape value {} > 255", x));
    return false;
  }
  if (x > max || (0xD800 <= x && x < 0xE000)) {
    ErrorAtCh(fmt::format("escape is invalid Unicode code point {}", FormatU(static_cast<int32_t>(x))));
    return false;
  }
  return true;
}

void Lexer::RuneLit() {
  bool ok = true;
  NextCh();
  for (int n = 0;; n++) {
    if (ch_ == '\'') {
      if (ok) {
        if (n == 0) {
          ErrorAtCh("empty rune literal or unescaped '");
          ok = false;
        } else if (n != 1) {
          ErrorAtTok(0, "more than one character in rune literal");
          ok = false;
        }
      }
      NextCh();
      break;
    }
    if (ch_ == '\\') {
      NextCh();
      if (!Escape('\'')) ok = false;
      continue;
    }
    if (ch_ == '\n') {
      if (ok) {
        ErrorAtCh("newline in rune literal");
        ok = false;
      }
      break;
    }
    if (ch_ < 0) {
      if (ok) {
        ErrorAtTok(0, "rune literal not terminated");
        ok = false;
      }
      break;
    }
    NextCh();
  }
  SetLit(Tok::kChar, ok);
}

void Lexer::StdString() {
  bool ok = true;
  NextCh();
  for (;;) {
    if (ch_ == '"') {
      NextCh();
      break;
    }
    if (ch_ == '\\') {
      NextCh();
      if (!Escape('"')) ok = false;
      continue;
    }
    if (ch_ == '\n') {
      ErrorAtCh("newline in string");
      ok = false;
      break;
    }
    if (ch_ < 0) {
      ErrorAtTok(0, "string not terminated");
      ok = false;
      break;
    }
    NextCh();
  }
  SetLit(Tok::kString, ok);
}

void Lexer::RawString() {
  bool ok = true;
  NextCh();
  for (;;) {
    if (ch_ == '`') {
      NextCh();
      break;
    }
    if (ch_ < 0) {
      ErrorAtTok(0, "string not terminated");
      ok = false;
      break;
    }
    NextCh();
  }
  SetLit(Tok::kString, ok);
}

void Lexer::LineCommentBody() {
  size_t start = ch_off_;
  Pos at = pos;
  while (ch_ >= 0 && ch_ != '\n') NextCh();
  line_comments.push_back(LineComment{at, std::string(src_.substr(start, ch_off_ - start))});
}

bool Lexer::SkipFullComment() {
  while (ch_ >= 0) {
    while (ch_ == '*') {
      NextCh();
      if (ch_ == '/') {
        NextCh();
        return true;
      }
    }
    NextCh();
  }
  ErrorAtTok(0, "comment not terminated");
  return false;
}

}  // namespace gostep::lang
