// tests/lang/check/init_order_test.cc — InitGraph (lang/check/init_order.h)
// on hand-built graphs: dependency order with source order among the ready
// nodes, deps through funcs (recursive ones included), and a cycle printed
// as Go 1.19's gc prints it (tests/lang/errors/init_cycle.go has the
// compiler-checked end-to-end case).
#include <doctest/doctest.h>

#include "lang/check/init_order.h"

namespace gostep::lang::check {
namespace {

using K = InitGraph::Kind;

Pos At(uint32_t line) { return Pos{line, 5}; }

TEST_CASE("init order: the earliest ready var first") {
  InitGraph g;
  int a = g.AddNode(K::kVar, "a", At(1));
  int b = g.AddNode(K::kVar, "b", At(2));
  int c = g.AddNode(K::kVar, "c", At(3));
  int d = g.AddNode(K::kVar, "d", At(4));
  g.AddDep(a, b);
  g.AddDep(b, c);
  InitGraph::Result r = g.Solve();
  CHECK(r.order == std::vector<int>{c, b, a, d});
  CHECK(r.cycles.empty());
}

TEST_CASE("init order: deps count through funcs, recursive funcs are no cycle") {
  InitGraph g;
  int x = g.AddNode(K::kVar, "x", At(1));
  int f = g.AddNode(K::kFunc, "f", At(2));
  int h = g.AddNode(K::kFunc, "h", At(3));
  int y = g.AddNode(K::kVar, "y", At(4));
  g.AddDep(x, f);
  g.AddDep(f, h);
  g.AddDep(h, h);
  g.AddDep(h, f);
  g.AddDep(h, y);
  InitGraph::Result r = g.Solve();
  CHECK(r.order == std::vector<int>{y, x});
  CHECK(r.cycles.empty());
}

TEST_CASE("init order: a cycle through funcs is reported in gc's words") {
  InitGraph g;
  int x = g.AddNode(K::kVar, "x", Pos{3, 5});
  int f = g.AddNode(K::kFunc, "f", Pos{5, 6});
  int y = g.AddNode(K::kVar, "y", Pos{7, 5});
  int gf = g.AddNode(K::kFunc, "g", Pos{9, 6});
  g.AddDep(x, f);
  g.AddDep(f, y);
  g.AddDep(y, gf);
  g.AddDep(gf, x);
  InitGraph::Result r = g.Solve();
  REQUIRE(r.cycles.size() == 1);
  CHECK(CycleMessage(g, r.cycles[0], "./a.go") ==
        "initialization loop for x\n"
        "\t./a.go:3:5: x refers to\n"
        "\t./a.go:5:6: f refers to\n"
        "\t./a.go:7:5: y refers to\n"
        "\t./a.go:9:6: g refers to\n"
        "\t./a.go:3:5: x");
  CHECK(r.order.size() == 2);
}

}  // namespace
}  // namespace gostep::lang::check
