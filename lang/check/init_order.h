// lang/check/init_order.h — the order of package variable initialisation.
//
// Go initialises package variables in dependency order (spec, "Package
// initialization"): repeatedly, the earliest variable in declaration order
// that is ready — not yet initialised, and either without an initialiser or
// with one that depends on no uninitialised variable. References count
// transitively through the functions and methods an initialiser refers to.
//
// InitGraph is a port of types2's initorder.go (Go 1.19,
// cmd/compile/internal/types2/initorder.go); the checker fills it while it
// compiles (compile_init.cc) and asks it for the order at the end:
//
//   1. Nodes are the package-level consts, vars and funcs (methods included),
//      each with its source order. A node's deps are the objects its
//      initialiser (or, for a func, its body) names, in first-use order.
//   2. Func nodes are removed: each predecessor of a func inherits the func's
//      successors (self-edges of a func are dropped), cheapest func first.
//   3. The remaining nodes are taken out one at a time, fewest outstanding
//      deps first, then earliest in source order; taking a node out
//      decrements the count of every node that depends on it. In a valid
//      program the node taken always has no outstanding deps.
//   4. A node taken with outstanding deps starts a cycle search over the
//      original deps (funcs included; types2 findPath): if the node is on a
//      cycle, the cycle is reported ("initialization loop for x", gc's
//      wording), which breaks it for the other nodes on it.
//
// The vars' order is the order in which their nodes are taken out. gc's own
// order (pkginit/initorder.go) implements the same rule.
#pragma once

#include <string>
#include <vector>

#include "lang/diag.h"

namespace gostep::lang::check {

class InitGraph {
 public:
  enum class Kind : uint8_t {
    kVar,    // a package var: takes part in the order
    kConst,  // a package const: takes part (a const may name a var: len(v.a))
    kFunc,   // a func or method: removed before ordering (step 2)
  };
  struct Node {
    Kind kind;
    std::string name;      // as printed in a cycle ("M" for a method)
    Pos pos;               // of the declaring name
    std::vector<int> deps; // nodes named, in first-use order, no duplicates
  };
  struct Result {
    std::vector<int> order;                // every var and const node, in init order
    std::vector<std::vector<int>> cycles;  // each cycle found: x, its deps..., back to x
  };

  // AddNode returns the id of a new node; nodes are added in any order, and
  // Solve breaks ties by pos (one file: source order is position order).
  int AddNode(Kind kind, std::string name, Pos pos);
  // AddDep records that `from` names `to`.
  void AddDep(int from, int to);
  const Node& node(int id) const { return nodes_[id]; }
  size_t size() const { return nodes_.size(); }
  // Solve runs steps 2-4.
  Result Solve() const;

 private:
  bool FindPath(int from, int to, std::vector<bool>* seen, std::vector<int>* path) const;

  std::vector<Node> nodes_;
};

// CycleMessage renders a cycle as types2's reportCycle does with gc's
// wording: "initialization loop for x" and one "\tfile:l:c: y refers to" line
// per object on the way round.
std::string CycleMessage(const InitGraph& g, const std::vector<int>& cycle, const std::string& file);

}  // namespace gostep::lang::check
