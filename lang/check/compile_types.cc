// lang/check/compile_types.cc — type declarations and their validity.
//
// A declared type's underlying type is resolved after every name of its
// group is declared (so types may refer to each other). A type that
// contains itself by value — through its own name (type T T), struct fields
// or array elements, not through pointers, slices, maps, channels, funcs or
// interfaces — has no size: types2 (go1.19 validType) reports
//   invalid recursive type A
//   	file:line:col: A refers to
//   	file:line:col: B refers to
//   	file:line:col: A
// at the cycle's first type, and gostep then gives every type of the cycle
// the invalid type, so no later stage walks an infinite type.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "lang/check/compiler.h"

namespace gostep::lang::check {

namespace {

// CycleFinder walks the by-value components of declared types.
class CycleFinder {
 public:
  explicit CycleFinder(const std::map<const Type*, TypeSpec*>& decl) : decl_(decl) {}

  // From returns the cycle through start (start, ..., start), or {}.
  std::vector<const Type*> From(const Type* start) {
    path_ = {start};
    seen_.clear();
    return Walk(start, start) ? path_ : std::vector<const Type*>{};
  }

 private:
  // Walk reports whether the components of t lead back to start; path_
  // holds the named types on the way.
  bool Walk(const Type* t, const Type* start) {
    const Type* u = t->Underlying();
    if (u->kind() == Kind::kStruct) {
      for (const types::StructField& f : u->fields()) {
        if (Visit(f.type, start)) return true;
      }
    } else if (u->kind() == Kind::kArray) {
      return Visit(u->elem(), start);
    }
    return false;
  }

  bool Visit(const Type* c, const Type* start) {
    if (c->kind() != Kind::kNamed) return Walk(c, start);
    if (c == start) {
      path_.push_back(c);
      return true;
    }
    if (!decl_.contains(c) || !seen_.insert(c).second) return false;  // not ours, or done
    path_.push_back(c);
    if (Walk(c, start)) return true;
    path_.pop_back();
    return false;
  }

  const std::map<const Type*, TypeSpec*>& decl_;
  std::vector<const Type*> path_;
  std::set<const Type*> seen_;
};

}  // namespace

void Compiler::DeclareTypes(const std::vector<std::pair<TypeSpec*, types::Type*>>& named) {
  std::map<const Type*, TypeSpec*> decl;
  for (const auto& [ts, t] : named) decl[t] = ts;
  auto report = [&](const std::vector<const Type*>& cycle) {
    std::string msg = fmt::format("invalid recursive type {}", decl.at(cycle[0])->name->name);
    for (size_t i = 0; i < cycle.size(); ++i) {
      const TypeSpec* ts = decl.at(cycle[i]);
      msg += fmt::format("\n\t{}:{}:{}: {}{}", diags_->file(), ts->name->pos.line, ts->name->pos.col, ts->name->name,
                         i + 1 < cycle.size() ? " refers to" : "");
    }
    Error(decl.at(cycle[0])->name->pos, msg);
  };
  // 1. Underlying types, in dependency order (type A B; type B int resolves
  // B first); what never resolves is a chain of names back to itself (type
  // T T; type A B; type B A) or hangs on one.
  std::set<const Type*> pending;
  for (const auto& [ts, t] : named) pending.insert(t);
  // A type containing itself by value (type A struct{ a A }; type B struct{
  // c C }; type C struct{ b [2]B }) is rejected as soon as it resolves,
  // before anything (a map key's comparability, a size) walks it; the
  // cycle is reported from its first declared type, as gc does.
  CycleFinder finder(decl);
  std::map<const Type*, size_t> order;
  for (size_t i = 0; i < named.size(); ++i) order[named[i].second] = i;
  auto RejectContainmentCycle = [&](const Type* t) {
    std::vector<const Type*> cycle = finder.From(t);
    if (cycle.empty()) return;
    cycle.pop_back();  // the repeated start
    auto first = std::min_element(cycle.begin(), cycle.end(), [&](const Type* a, const Type* b) { return order[a] < order[b]; });
    std::rotate(cycle.begin(), first, cycle.end());
    cycle.push_back(cycle.front());
    report(cycle);
    for (const Type* c : cycle) types::TypeTable::SetUnderlying(const_cast<types::Type*>(c), types_->Invalid());
  };
  for (bool progress = true; progress && !pending.empty();) {
    progress = false;
    for (const auto& [ts, t] : named) {
      if (!pending.contains(t)) continue;
      const Type* u = TypeOf(ts->type);
      if (u == nullptr) u = types_->Invalid();  // reported by TypeOf
      if (ts->alias) {
        auto it = scope_->names.find(ts->name->name);
        if (it != scope_->names.end() && it->second->type == t) it->second->type = u;
      } else if (!pending.contains(u)) {  // not a name of this group still unresolved
        types::TypeTable::SetUnderlying(t, u);
        RejectContainmentCycle(t);
      } else {
        continue;
      }
      pending.erase(t);
      progress = true;
    }
  }
  for (const auto& [ts, t] : named) {
    if (!pending.contains(t)) continue;
    // Follow the names from t until one repeats: the cycle is from its first
    // occurrence (t itself, or a cycle t only hangs on).
    std::vector<const Type*> chain{t};
    for (const Type* next = TypeOf(ts->type); next != nullptr && pending.contains(next);
         next = TypeOf(decl.at(next)->type)) {
      size_t first = static_cast<size_t>(std::find(chain.begin(), chain.end(), next) - chain.begin());
      bool repeats = first < chain.size();
      chain.push_back(next);
      if (repeats) {
        report(std::vector<const Type*>(chain.begin() + static_cast<std::ptrdiff_t>(first), chain.end()));
        break;
      }
    }
    for (const Type* c : chain) {
      if (pending.erase(c) > 0) types::TypeTable::SetUnderlying(const_cast<types::Type*>(c), types_->Invalid());
    }
  }
  // (2. containment cycles were rejected as each type resolved)
}

}  // namespace gostep::lang::check
