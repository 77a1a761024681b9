// lang/diag.cc — gc-style diagnostics.
#include "lang/diag.h"

#include <algorithm>

#include <fmt/format.h>

namespace gostep::lang {

std::string Diagnostic::Text() const {
  if (!pos.valid()) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}:{}: {}", file, pos.line, pos.col, message);
}

void DiagList::Error(Pos pos, std::string message) {
  if (full()) return;  // gc has exited at the 10th
  // gc 1.19 base.ErrorfAt: one syntax error per line; a non-syntax error equal
  // to the previous one on the same line is dropped.
  if (pos.valid()) {
    if (message.starts_with("syntax error")) {
      if (last_syntax_line_ == pos.line) return;
      last_syntax_line_ = pos.line;
    } else {
      if (last_other_line_ == pos.line && last_msg_ == message) return;
      last_other_line_ = pos.line;
      last_msg_ = message;
    }
  }
  list_.push_back(Diagnostic{file_, pos, std::move(message)});
  if (full()) {
    too_many_ = true;
    too_many_pos_ = pos;
  }
}

std::string DiagList::Text() const {
  std::vector<Diagnostic> sorted = list_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.col < b.pos.col;
  });
  std::string out, prev;
  for (const Diagnostic& d : sorted) {
    std::string line = d.Text();
    if (line == prev) continue;  // FlushErrors drops identical lines
    out += line + "\n";
    prev = std::move(line);
  }
  if (too_many_) out += Diagnostic{file_, too_many_pos_, "too many errors"}.Text() + "\n";
  return out;
}

}  // namespace gostep::lang
