// lang/check/init_order.cc — InitGraph: types2's initOrder (see init_order.h).
#include "lang/check/init_order.h"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace gostep::lang::check {

int InitGraph::AddNode(Kind kind, std::string name, Pos pos) {
  nodes_.push_back(Node{kind, std::move(name), pos, {}});
  return static_cast<int>(nodes_.size() - 1);
}

void InitGraph::AddDep(int from, int to) {
  std::vector<int>& deps = nodes_[from].deps;
  if (std::find(deps.begin(), deps.end(), to) == deps.end()) deps.push_back(to);
}

namespace {

using NodeSet = std::set<int>;

// RemoveFuncs is types2's dependencyGraph after the edges are built: each
// func node's predecessors take its successors, then the node is cut out.
void RemoveFuncs(const std::vector<InitGraph::Node>& nodes, std::vector<NodeSet>* pred, std::vector<NodeSet>* succ) {
  std::vector<int> funcs;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].kind == InitGraph::Kind::kFunc) funcs.push_back(static_cast<int>(i));
  }
  // Cheapest first (types2: removal cost grows with the copies made).
  auto cost = [&](int n) { return (*pred)[n].size() * (*succ)[n].size(); };
  std::stable_sort(funcs.begin(), funcs.end(), [&](int a, int b) { return cost(a) < cost(b); });
  for (int n : funcs) {
    for (int p : (*pred)[n]) {
      if (p == n) continue;  // self-cycles are ignored
      for (int s : (*succ)[n]) {
        if (s == n) continue;
        (*succ)[p].insert(s);
        (*pred)[s].insert(p);
      }
      (*succ)[p].erase(n);
    }
    for (int s : (*succ)[n]) {
      if (s != n) (*pred)[s].erase(n);
    }
    (*pred)[n].clear();
    (*succ)[n].clear();
  }
}

}  // namespace

// FindPath is types2's findPath: it appends to path the objects from `to`
// back to a direct dep of `from` (reversed), if `to` is reachable.
bool InitGraph::FindPath(int from, int to, std::vector<bool>* seen, std::vector<int>* path) const {
  if ((*seen)[from]) return false;
  (*seen)[from] = true;
  for (int d : nodes_[from].deps) {
    if (d == to) {
      path->push_back(d);
      return true;
    }
    if (FindPath(d, to, seen, path)) {
      path->push_back(d);
      return true;
    }
  }
  return false;
}

InitGraph::Result InitGraph::Solve() const {
  size_t n = nodes_.size();
  std::vector<NodeSet> pred(n), succ(n);
  for (size_t i = 0; i < n; ++i) {
    for (int d : nodes_[i].deps) {
      succ[i].insert(d);
      pred[d].insert(static_cast<int>(i));
    }
  }
  RemoveFuncs(nodes_, &pred, &succ);
  // The queue: (outstanding deps, line, col, id), smallest first.
  using Key = std::tuple<size_t, uint32_t, uint32_t, int>;
  std::vector<size_t> ndeps(n, 0);
  std::vector<bool> queued(n, false);
  std::set<Key> queue;
  auto key = [&](int i) { return Key{ndeps[i], nodes_[i].pos.line, nodes_[i].pos.col, i}; };
  for (size_t i = 0; i < n; ++i) {
    if (nodes_[i].kind == Kind::kFunc) continue;
    ndeps[i] = succ[i].size();
    queued[i] = true;
    queue.insert(key(static_cast<int>(i)));
  }
  Result r;
  while (!queue.empty()) {
    int x = std::get<3>(*queue.begin());
    queue.erase(queue.begin());
    queued[x] = false;
    if (ndeps[x] > 0) {
      std::vector<bool> seen(n, false);
      std::vector<int> path;  // x, then x's deps round to x, reversed
      if (FindPath(x, x, &seen, &path)) r.cycles.push_back(std::move(path));
    }
    for (int p : pred[x]) {
      if (!queued[p]) {
        --ndeps[p];
        continue;
      }
      queue.erase(key(p));
      --ndeps[p];
      queue.insert(key(p));
    }
    r.order.push_back(x);
  }
  return r;
}

std::string CycleMessage(const InitGraph& g, const std::vector<int>& cycle, const std::string& file) {
  // types2 reportCycle: cycle is {x, ..., d1} (d1 a direct dep of x); print
  // x, d1, d2, ..., then x again.
  auto at = [&](int id) {
    const InitGraph::Node& nd = g.node(id);
    return fmt::format("{}:{}:{}: {}", file, nd.pos.line, nd.pos.col, nd.name);
  };
  int x = cycle[0];
  std::string msg = fmt::format("initialization loop for {}", g.node(x).name);
  int obj = x;
  for (size_t i = cycle.size(); i-- > 0;) {
    msg += fmt::format("\n\t{} refers to", at(obj));
    obj = cycle[i];
  }
  msg += fmt::format("\n\t{}", at(obj));
  return msg;
}

}  // namespace gostep::lang::check
