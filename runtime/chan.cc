#include "runtime/chan.h"

namespace gostep {

int Select(const std::vector<Case>& cases, bool has_default, SourcePos pos) {
  // The compiler lays out sends before receives; so does this.
  std::vector<sched::SelectCase> sc;
  std::vector<size_t> index;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < cases.size(); ++i) {
      if (cases[i].c.send == (pass == 0)) {
        sc.push_back(cases[i].c);
        index.push_back(i);
      }
    }
  }
  sched::SelectResult r = sched::SelectGo(S(), sc, !has_default, pos);
  if (r.index < 0) return -1;
  size_t chosen = index[static_cast<size_t>(r.index)];
  if (cases[chosen].ok != nullptr) *cases[chosen].ok = r.recv_ok;
  return static_cast<int>(chosen);
}

int Select(std::initializer_list<Case> cases, bool has_default, SourcePos pos) {
  return Select(std::vector<Case>(cases), has_default, pos);
}

}  // namespace gostep
