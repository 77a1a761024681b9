// lang/syntax/lexer.h — the scanner of Go source (cmd/compile/internal/syntax's
// scanner, ported): tokens, automatic semicolons, and gc's error wording.
//
// The Lexer reads the whole source as bytes (UTF-8; invalid bytes and NULs are
// reported and skipped, never fatal). Next() moves to the next token; the
// current token is in tok/pos/lit. A semicolon token's lit says where it came
// from: "semicolon" (written), "newline" or "EOF" (inserted), as gc prints it
// in "unexpected newline". Line comments are collected with their positions
// (the parser keeps those before the package clause as the scenario header).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lang/diag.h"
#include "lang/syntax/token.h"

namespace gostep::lang {

struct LineComment {
  Pos pos;           // of the "//"
  std::string text;  // after "//", verbatim up to the end of the line
};

class Lexer {
 public:
  Lexer(std::string_view src, DiagList* diags);

  // Next scans the next token into tok/pos/lit/bad.
  void Next();
  // Stop makes every later Next() return kEof (used by the parser to abort).
  void Stop() { stopped_ = true; }

  Tok tok = Tok::kIllegal;
  Pos pos;
  std::string lit;   // identifier, literal source text, or semicolon origin
  bool bad = false;  // a literal with an error (already reported)
  std::vector<LineComment> line_comments;

 private:
  void NextCh();
  void DecodeCh();
  void ErrorAtCh(std::string msg);               // at the current character
  void ErrorAtTok(uint32_t offset, std::string msg);  // token start + offset bytes
  Pos ChPos() const { return Pos{ch_line_, ch_col_}; }
  void Ident();
  void Number(bool seen_point);
  int Digits(int base, int* invalid);
  void RuneLit();
  void StdString();
  void RawString();
  bool Escape(int32_t quote);
  void LineCommentBody();
  bool SkipFullComment();
  void SetLit(Tok kind, bool ok);
  bool AtIdentChar(bool first);

  std::string_view src_;
  DiagList* diags_;
  size_t off_ = 0;       // offset of the byte after ch_
  size_t ch_off_ = 0;    // offset of ch_
  int32_t ch_ = -1;      // current character, -1 at EOF
  uint32_t ch_line_ = 1, ch_col_ = 1;
  size_t tok_off_ = 0;   // offset of the current token's start
  bool nlsemi_ = false;
  bool stopped_ = false;
};

// UnquoteString decodes a string literal's source text ("..." or `...`) into
// its bytes; false if lit is not a valid literal.
bool UnquoteString(std::string_view lit, std::string* out);
// UnquoteRune decodes a rune literal's source text ('a', '\n', '\u00e9').
bool UnquoteRune(std::string_view lit, uint32_t* rune);

// Unicode classes used for identifiers (approximations of Go's unicode
// tables: see lexer.cc).
bool IsUnicodeLetter(int32_t r);
bool IsUnicodeDigit(int32_t r);
// FormatU formats r as Go's %#U: "U+0040 '@'".
std::string FormatU(int32_t r);
// QuoteRune formats r as Go's %q of a rune: '8', '\n', '\x00'.
std::string QuoteRune(int32_t r);

}  // namespace gostep::lang
