// lang/diag.h — positions and diagnostics of the front end.
//
// Every message the front end gives a user is a Diagnostic, printed as the go
// compiler prints its errors: "file.go:LINE:COL: message" (1-based line and
// column; the column counts bytes, as gc's does). A front-end stage that
// finds errors collects them in a DiagList and stops at the end of the stage;
// it never throws through the caller and never crashes on any input.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gostep::lang {

struct Pos {
  uint32_t line = 0;  // 1-based; 0: no position
  uint32_t col = 0;   // 1-based byte column
  bool valid() const { return line != 0; }
  friend bool operator==(const Pos&, const Pos&) = default;
};

struct Diagnostic {
  std::string file;
  Pos pos;
  std::string message;
  // Text returns "file:line:col: message".
  std::string Text() const;
};

// DiagList collects the diagnostics of one file as gc's base.ErrorfAt does:
// one syntax error per line; a non-syntax error equal to the previous one on
// the same line is dropped; at the kMaxErrors-th error gc stops and prints
// "POS: too many errors" at that error's position.
class DiagList {
 public:
  static constexpr size_t kMaxErrors = 10;  // gc: base.Errors stops after 10 (without -e)
  explicit DiagList(std::string file = "") : file_(std::move(file)) {}
  void Error(Pos pos, std::string message);
  bool empty() const { return list_.empty(); }
  bool full() const { return list_.size() >= kMaxErrors; }
  const std::vector<Diagnostic>& list() const { return list_; }
  const std::string& file() const { return file_; }
  // Text returns every diagnostic, one per line, sorted by position as gc
  // sorts them (base.FlushErrors), with "too many errors" last if cut.
  std::string Text() const;

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
  bool too_many_ = false;
  Pos too_many_pos_;
  uint32_t last_syntax_line_ = 0, last_other_line_ = 0;
  std::string last_msg_;
};

}  // namespace gostep::lang
