// tests/lang/syntax/lexer_test.cc — tokens, automatic semicolons, literal
// forms and their decoded values (UnquoteString / UnquoteRune).
#include <doctest/doctest.h>

#include <string>

#include "lang/syntax/lexer.h"

namespace gostep::lang {
namespace {

// Tokens prints the token stream: semicolons as their origin, others by text.
std::string Tokens(std::string_view src, DiagList* diags = nullptr) {
  DiagList local;
  Lexer lex(src, diags != nullptr ? diags : &local);
  std::string out;
  for (int i = 0; i < 1000; i++) {
    lex.Next();
    if (lex.tok == Tok::kEof) break;
    if (!out.empty()) out += " ";
    out += lex.tok == Tok::kSemicolon ? "<" + lex.lit + ">" : lex.lit;
  }
  return out;
}

TEST_CASE("semicolons are inserted after the spec's tokens") {
  CHECK(Tokens("x\n") == "x <newline>");
  CHECK(Tokens("42\n'a'\n\"s\"\n`r`\n1.5\n") ==
        "42 <newline> 'a' <newline> \"s\" <newline> `r` <newline> 1.5 <newline>");
  CHECK(Tokens("break\ncontinue\nfallthrough\nreturn\n") ==
        "break <newline> continue <newline> fallthrough <newline> return <newline>");
  CHECK(Tokens("i++\ni--\n)\n]\n}\n") == "i ++ <newline> i -- <newline> ) <newline> ] <newline> } <newline>");
  CHECK(Tokens("x +\ny\n") == "x + y <newline>");
  CHECK(Tokens("if {\n}") == "if { } <EOF>");
  CHECK(Tokens("x") == "x <EOF>");
  CHECK(Tokens("x; y") == "x <semicolon> y <EOF>");
  CHECK(Tokens("f(a,\nb)\n") == "f ( a , b ) <newline>");
}

TEST_CASE("comments and semicolons") {
  CHECK(Tokens("x // c\ny") == "x <newline> y <EOF>");
  CHECK(Tokens("x /* c */ y") == "x y <EOF>");
  CHECK(Tokens("x /* a\nb */ y") == "x <newline> y <EOF>");
  CHECK(Tokens("+ /* a\nb */ y") == "+ y <EOF>");
  DiagList diags("f.go");
  Tokens("x /* open", &diags);
  CHECK(diags.Text() == "f.go:1:3: comment not terminated\n");
}

TEST_CASE("operators") {
  CHECK(Tokens("+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^=") ==
        "+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^=");
  CHECK(Tokens("&& || <- ++ -- == < > = ! != <= >= := ... ( [ { , . ) ] } : ~") ==
        "&& || <- ++ -- == < > = ! != <= >= := ... ( [ { , . ) ] } : ~");
}

TEST_CASE("number literal kinds") {
  struct {
    const char* src;
    Tok kind;
  } cases[] = {
      {"42", Tok::kInt},      {"0x1F", Tok::kInt},    {"0X_1f", Tok::kInt},  {"0o17", Tok::kInt},
      {"0O17", Tok::kInt},    {"017", Tok::kInt},     {"0b1010", Tok::kInt}, {"1_000_000", Tok::kInt},
      {"0", Tok::kInt},       {"1.5", Tok::kFloat},   {".5", Tok::kFloat},   {"1.", Tok::kFloat},
      {"1e10", Tok::kFloat},  {"1E-3", Tok::kFloat},  {"0x1p-2", Tok::kFloat}, {"0x1.8p3", Tok::kFloat},
      {"089.5", Tok::kFloat}, {"1i", Tok::kImag},     {"1.5i", Tok::kImag},  {"0x10i", Tok::kImag},
  };
  for (const auto& c : cases) {
    INFO(c.src);
    DiagList diags;
    Lexer lex(c.src, &diags);
    lex.Next();
    CHECK(lex.tok == c.kind);
    CHECK(lex.lit == c.src);
    CHECK(diags.empty());
  }
}

TEST_CASE("number literal errors") {
  struct {
    const char* src;
    const char* want;
  } cases[] = {
      {"0128", "f.go:1:4: invalid digit '8' in octal literal\n"},
      {"0b102", "f.go:1:5: invalid digit '2' in binary literal\n"},
      {"0x", "f.go:1:3: hexadecimal literal has no digits\n"},
      {"1__0", "f.go:1:3: '_' must separate successive digits\n"},
      {"0x1.5", "f.go:1:6: hexadecimal mantissa requires a 'p' exponent\n"},
      {"1e", "f.go:1:3: exponent has no digits\n"},
      {"0b1.0", "f.go:1:4: invalid radix point in binary literal\n"},
  };
  for (const auto& c : cases) {
    INFO(c.src);
    DiagList diags("f.go");
    Tokens(c.src, &diags);
    CHECK(diags.Text() == c.want);
  }
}

TEST_CASE("string literal values") {
  struct {
    const char* lit;
    std::string want;
  } cases[] = {
      {R"("abc")", "abc"},
      {R"("\a\b\f\n\r\t\v\\\"")", std::string("\a\b\f\n\r\t\v\\\"")},
      {R"("\101\x41\u0041\U00000041")", "AAAA"},
      {R"("\xff")", std::string("\xff")},
      {R"("\u00e9")", "\xc3\xa9"},
      {R"("é")", "\xc3\xa9"},
      {"`a\\n\r\nb`", "a\\n\nb"},
      {R"("")", ""},
  };
  for (const auto& c : cases) {
    INFO(c.lit);
    std::string out;
    CHECK(UnquoteString(c.lit, &out));
    CHECK(out == c.want);
    DiagList diags;
    Lexer lex(c.lit, &diags);
    lex.Next();
    CHECK(lex.tok == Tok::kString);
    CHECK(diags.empty());
  }
  std::string out;
  CHECK_FALSE(UnquoteString(R"("\q")", &out));
  CHECK_FALSE(UnquoteString(R"("\'")", &out));
  CHECK_FALSE(UnquoteString(R"("\400")", &out));
  CHECK_FALSE(UnquoteString(R"("\ud800")", &out));
  CHECK_FALSE(UnquoteString("\"abc", &out));
}

TEST_CASE("rune literal values") {
  struct {
    const char* lit;
    uint32_t want;
  } cases[] = {
      {"'a'", 'a'},        {"'\\n'", '\n'},       {"'\\''", '\''},        {"'\\\\'", '\\'},
      {"'\\x7f'", 0x7f},   {"'\\377'", 0xff},     {"'\\u00e9'", 0xe9},    {"'\\U0001F600'", 0x1F600},
      {"'é'", 0xe9},       {"'\\a'", 7},          {"'\\v'", 11},          {"'\\000'", 0},
  };
  for (const auto& c : cases) {
    INFO(c.lit);
    uint32_t r = 0;
    CHECK(UnquoteRune(c.lit, &r));
    CHECK(r == c.want);
  }
  uint32_t r;
  CHECK_FALSE(UnquoteRune("'ab'", &r));
  CHECK_FALSE(UnquoteRune("''", &r));
  CHECK_FALSE(UnquoteRune("'\\\"'", &r));
}

TEST_CASE("string and rune scanning errors") {
  struct {
    const char* src;
    const char* want;
  } cases[] = {
      {"\"abc\n", "f.go:1:5: newline in string\n"},
      {"\"abc", "f.go:1:1: string not terminated\n"},
      {"`abc", "f.go:1:1: string not terminated\n"},
      {"'a", "f.go:1:1: rune literal not terminated\n"},
      {"''", "f.go:1:2: empty rune literal or unescaped '\n"},
      {"'ab'", "f.go:1:1: more than one character in rune literal\n"},
      {"\"\\q\"", "f.go:1:3: unknown escape\n"},
      {"\"\\400\"", "f.go:1:6: octal escape value 256 > 255\n"},
      {"\"\\xZZ\"", "f.go:1:4: invalid character 'Z' in hexadecimal escape\n"},
      {"@", "f.go:1:1: invalid character U+0040 '@'\n"},
      {"x\x01", "f.go:1:2: invalid character U+0001\n"},
      {"a\xff", "f.go:1:2: invalid UTF-8 encoding\n"},
      {std::string_view("a\0b", 3).data(), "f.go:1:2: invalid NUL character\n"},
  };
  for (const auto& c : cases) {
    INFO(c.src);
    DiagList diags("f.go");
    std::string_view src = c.src;
    if (src == "a") src = std::string_view("a\0b", 3);
    Tokens(src, &diags);
    CHECK(diags.Text() == c.want);
  }
}

TEST_CASE("unicode identifiers") {
  CHECK(Tokens("héllo := 日本") == "héllo := 日本 <EOF>");
  DiagList diags("f.go");
  Tokens("x := a→b", &diags);
  CHECK(diags.Text() == "f.go:1:7: invalid character U+2192 '→' in identifier\n");
}

}  // namespace
}  // namespace gostep::lang
