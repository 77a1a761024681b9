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
  if (full()) {
    too_many_ = true;
    return;
  }
  // gc reports one error per line (base.ErrorfAt drops a second on the same line
  // unless it is a syntax error); keep the first.
  for (const Diagnostic& d : list_) {
    if (d.pos.line == pos.line && pos.valid()) return;
  }
  list_.push_back(Diagnostic{file_, pos, std::move(message)});
}

std::string DiagList::Text() const {
  std::vector<Diagnostic> sorted = list_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.col < b.pos.col;
  });
  std::string out;
  for (const Diagnostic& d : sorted) out += d.Text() + "\n";
  if (too_many_) out += fmt::format("{}: too many errors\n", file_);
  return out;
}

}  // namespace gostep::lang
