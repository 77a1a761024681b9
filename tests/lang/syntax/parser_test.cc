// tests/lang/syntax/parser_test.cc — the tree the parser builds: precedence,
// every statement form, composite literals and the block ambiguity,
// declarations, positions, the header comments, and robustness.
#include <doctest/doctest.h>

#include <string>

#include "lang/syntax/parser.h"
#include "tests/lang/syntax/sexpr.h"

namespace gostep::lang {
namespace {

using test::S;

struct Parsed {
  std::unique_ptr<File> file;
  DiagList diags{"x.go"};
};

Parsed ParseSrc(const std::string& src) {
  Parsed p;
  p.file = Parse("x.go", src, &p.diags);
  return p;
}

// Body parses `body` inside func main and returns its statements.
const std::vector<Stmt*>& Body(Parsed* p, const std::string& body) {
  *p = ParseSrc("package main\nfunc main() {\n" + body + "\n}\n");
  static const std::vector<Stmt*> kEmpty;
  REQUIRE(p->diags.empty());
  if (p->diags.Text() != "") FAIL(p->diags.Text());
  auto* f = static_cast<FuncDecl*>(p->file->decls.back());
  return f->body ? f->body->list : kEmpty;
}

// E parses one expression statement and prints it.
std::string E(const std::string& expr) {
  Parsed p;
  const auto& list = Body(&p, "_ = " + expr);
  auto* a = static_cast<AssignStmt*>(list[0]);
  return S(a->rhs[0]);
}

TEST_CASE("binary precedence") {
  CHECK(E("a + b * c") == "(+ a (* b c))");
  CHECK(E("a * b + c") == "(+ (* a b) c)");
  CHECK(E("a - b - c") == "(- (- a b) c)");
  CHECK(E("a || b && c == d") == "(|| a (&& b (== c d)))");
  CHECK(E("a << 1 | b &^ c") == "(| (<< a 1) (&^ b c))");
  CHECK(E("a < b == c > d") == "(> (== (< a b) c) d)");
  CHECK(E("-a * ^b") == "(* (- a) (^ b))");
  CHECK(E("!a && *p") == "(&& (! a) (star p))");
  CHECK(E("<-ch + 1") == "(+ (<- ch) 1)");
  CHECK(E("&x.y[1]") == "(& (index (sel x y) 1))");
  CHECK(E("(a + b) * c") == "(* (paren (+ a b)) c)");
  CHECK(E("a % b / c") == "(/ (% a b) c)");
}

TEST_CASE("primary expressions") {
  CHECK(E("f(a, b...)") == "(call f a b ...)");
  CHECK(E("x.(T)") == "(assert x T)");
  CHECK(E("s[1:2]") == "(slice s 1 2)");
  CHECK(E("s[:]") == "(slice s nil nil)");
  CHECK(E("s[1:2:3]") == "(slice s 1 2 3)");
  CHECK(E("(*T)(x)") == "(call (paren (star T)) x)");
  CHECK(E("[]byte(\"s\")") == "(call (type []byte) \"s\")");
  CHECK(E("m[k].f()") == "(call (sel (index m k) f))");
  CHECK(E("F[int, string]") == "(indexlist F int string)");
  CHECK(E("func(x int) int { return x }") == "(funclit)");
  CHECK(E("<-chan int(c)") == "(<- (call (type chan int) c))");  // gc: a receive
}

TEST_CASE("composite literals") {
  CHECK(E("[]Point{{1, 2}, {3, 4}}") == "(lit (type []Point) (lit nil 1 2) (lit nil 3 4))");
  CHECK(E("map[string]Point{\"a\": {1, 2}}") == "(lit (type map[string]Point) (kv \"a\" (lit nil 1 2)))");
  CHECK(E("T{a: 1, b: 2,}") == "(lit T (kv a 1) (kv b 2))");
  CHECK(E("pkg.T{}") == "(lit (sel pkg T))");
  CHECK(E("[...]int{1}") == "(lit (type [...]int) 1)");
  CHECK(E("&T{}") == "(& (lit T))");
  CHECK(E("struct{ x int }{1}") == "(lit (type struct{…}) 1)");
}

TEST_CASE("composite literal vs block in statement headers") {
  Parsed p;
  auto list = Body(&p, "if x == (T{}) {\n}\nfor _, v := range []int{1} {\n_ = v\n}\nswitch T := x; T {\n}");
  auto* i = static_cast<IfStmt*>(list[0]);
  CHECK(S(i->cond) == "(== x (paren (lit T)))");
  auto* r = static_cast<RangeStmt*>(list[1]);
  CHECK(S(r->x) == "(lit (type []int) 1)");
  // In a header, "x {" is x followed by the body.
  list = Body(&p, "if x {\n}\nfor x {\n}");
  CHECK(S(static_cast<IfStmt*>(list[0])->cond) == "x");
  CHECK(S(static_cast<ForStmt*>(list[1])->cond) == "x");
  // Without parentheses T{} in a header is a syntax error, as in gc.
  Parsed q = ParseSrc("package main\nfunc main() {\n\tif x == T{} {\n\t}\n}\n");
  CHECK_FALSE(q.diags.empty());
}

TEST_CASE("statements") {
  Parsed p;
  auto list = Body(&p,
                   "L: for i := 0; i < n; i++ { continue L }\n"
                   "for cond {}\nfor {}\nfor k, v := range m {}\nfor k = range m {}\nfor range ch {}\n"
                   "x, y = y, x\nx += 1\nx <<= 2\nch <- v\nx++\ny--\n"
                   "go f()\ndefer g(1)\nreturn\nreturn a, b\nbreak\ngoto L\n"
                   "switch x := f(); x { case 1, 2: fallthrough\ndefault: }\n"
                   "switch v := y.(type) { case int, nil: }\nswitch y.(type) {}\n"
                   "select { case v, ok := <-c: _ = v\ncase c <- 1:\ncase <-c:\ndefault: }\n"
                   "{ }\nvar a, b int = 1, 2\nconst c = 1\ntype T int\n"
                   "if a := 1; a > 0 {} else if b {} else {}\n;");
  StmtKind want[] = {StmtKind::kLabeled, StmtKind::kFor,   StmtKind::kFor,    StmtKind::kRange,
                     StmtKind::kRange,   StmtKind::kRange, StmtKind::kAssign, StmtKind::kAssign,
                     StmtKind::kAssign,  StmtKind::kSend,  StmtKind::kIncDec, StmtKind::kIncDec,
                     StmtKind::kGo,      StmtKind::kDefer, StmtKind::kReturn, StmtKind::kReturn,
                     StmtKind::kBranch,  StmtKind::kBranch, StmtKind::kSwitch, StmtKind::kTypeSwitch,
                     StmtKind::kTypeSwitch, StmtKind::kSelect, StmtKind::kBlock, StmtKind::kDecl,
                     StmtKind::kDecl,    StmtKind::kDecl,  StmtKind::kIf,     StmtKind::kEmpty};
  REQUIRE(list.size() == std::size(want));
  for (size_t i = 0; i < list.size(); i++) {
    INFO(i);
    CHECK(list[i]->kind == want[i]);
  }
  auto* r = static_cast<RangeStmt*>(list[3]);
  CHECK(S(r->key) == "k");
  CHECK(S(r->value) == "v");
  CHECK(r->tok == Tok::kDefine);
  CHECK(static_cast<RangeStmt*>(list[4])->tok == Tok::kAssign);
  CHECK(static_cast<RangeStmt*>(list[5])->key == nullptr);
  CHECK(static_cast<AssignStmt*>(list[7])->tok == Tok::kAddAssign);
  auto* sw = static_cast<SwitchStmt*>(list[18]);
  CHECK(sw->init != nullptr);
  CHECK(S(sw->tag) == "x");
  auto* cc = static_cast<CaseClause*>(sw->body->list[0]);
  CHECK(cc->list.size() == 2);
  CHECK(static_cast<CaseClause*>(sw->body->list[1])->is_default);
  auto* ts = static_cast<TypeSwitchStmt*>(list[19]);
  CHECK(ts->assign->kind == StmtKind::kAssign);
  CHECK(static_cast<TypeSwitchStmt*>(list[20])->assign->kind == StmtKind::kExpr);
  auto* sel = static_cast<SelectStmt*>(list[21]);
  REQUIRE(sel->body->list.size() == 4);
  CHECK(static_cast<CommClause*>(sel->body->list[0])->comm->kind == StmtKind::kAssign);
  CHECK(static_cast<CommClause*>(sel->body->list[1])->comm->kind == StmtKind::kSend);
  CHECK(static_cast<CommClause*>(sel->body->list[2])->comm->kind == StmtKind::kExpr);
  CHECK(static_cast<CommClause*>(sel->body->list[3])->comm == nullptr);
  auto* ifs = static_cast<IfStmt*>(list[26]);
  REQUIRE(ifs->else_stmt != nullptr);
  CHECK(ifs->else_stmt->kind == StmtKind::kIf);
  CHECK(static_cast<IfStmt*>(ifs->else_stmt)->else_stmt->kind == StmtKind::kBlock);
}

TEST_CASE("declarations") {
  Parsed p = ParseSrc(
      "// gostep: versions=1.14-1.23\n// want: fatal error: x\n//nospace\npackage main\n"
      "import (\n\t\"fmt\"\n\tat \"sync/atomic\"\n\t_ \"os\"\n\t. \"math\"\n)\nimport \"time\"\n"
      "const (\n\tA = iota\n\tB\n\tC, D int = 1, 2\n)\n"
      "var x, y = 1, 2\ntype (\n\tT struct {\n\t\ta, b int `tag`\n\t\tE\n\t\t*pkg.F\n\t}\n\tA = int\n)\n"
      "type I interface {\n\tM(int) string\n\tfmt.Stringer\n\t~int | string\n}\n"
      "type G[T any] struct{}\nfunc F[T any, U ~int](x T) {}\n"
      "func (t *T) M(a, b int, c ...string) (r int, err error) { return }\n"
      "func V(int, string) {}\ntype Ch chan (<-chan int)\nvar s chan<- int\n");
  REQUIRE(p.diags.Text() == "");
  const File& f = *p.file;
  CHECK(f.comments_before_package == std::vector<std::string>{" gostep: versions=1.14-1.23", " want: fatal error: x", "nospace"});
  CHECK(f.package_name->name == "main");
  REQUIRE(f.imports.size() == 2);
  const auto& imps = f.imports[0]->imports;
  REQUIRE(imps.size() == 4);
  CHECK(imps[0].path == "fmt");
  CHECK(imps[0].name == nullptr);
  CHECK(imps[1].name->name == "at");
  CHECK(imps[1].path == "sync/atomic");
  CHECK(imps[2].name->name == "_");
  CHECK(imps[3].name->name == ".");
  auto* consts = static_cast<GenDecl*>(f.decls[2]);
  REQUIRE(consts->values.size() == 3);
  CHECK(consts->values[1].values.empty());
  CHECK(consts->values[1].iota == 1);
  CHECK(consts->values[2].iota == 2);
  CHECK(consts->values[2].names.size() == 2);
  auto* types = static_cast<GenDecl*>(f.decls[4]);
  auto* st = static_cast<StructTypeExpr*>(types->types[0].type);
  REQUIRE(st->fields.size() == 3);
  CHECK(st->fields[0].names.size() == 2);
  CHECK(st->fields[0].tag->value == "`tag`");
  CHECK(st->fields[1].names.empty());
  CHECK(st->fields[2].type->kind == ExprKind::kStar);
  CHECK(types->types[1].alias);
  auto* iface = static_cast<InterfaceTypeExpr*>(static_cast<GenDecl*>(f.decls[5])->types[0].type);
  REQUIRE(iface->methods.size() == 3);
  CHECK(iface->methods[0].names[0]->name == "M");
  CHECK(iface->methods[1].names.empty());
  CHECK(iface->methods[2].names.empty());
  CHECK(S(iface->methods[2].type) == "(| (~ int) string)");
  CHECK(static_cast<GenDecl*>(f.decls[6])->types[0].type_params.size() == 1);
  auto* gf = static_cast<FuncDecl*>(f.decls[7]);
  CHECK(gf->sig->type_params.size() == 2);
  auto* m = static_cast<FuncDecl*>(f.decls[8]);
  REQUIRE(m->recv != nullptr);
  CHECK(m->recv->names[0]->name == "t");
  REQUIRE(m->sig->params.size() == 2);
  CHECK(m->sig->params[0].names.size() == 2);
  CHECK(m->sig->params[1].type->kind == ExprKind::kEllipsis);
  CHECK(m->sig->results.size() == 2);
  auto* v = static_cast<FuncDecl*>(f.decls[9]);
  CHECK(v->sig->params.size() == 2);
  CHECK(v->sig->params[0].names.empty());
  auto* ch = static_cast<ChanTypeExpr*>(static_cast<GenDecl*>(f.decls[10])->types[0].type);
  CHECK(ch->dir == ChanDir::kBoth);
  CHECK(ExprString(ch->value) == "(<-chan int)");
  auto* s = static_cast<ChanTypeExpr*>(static_cast<GenDecl*>(f.decls[11])->values[0].type);
  CHECK(s->dir == ChanDir::kSend);
}

TEST_CASE("positions") {
  Parsed p;
  auto list = Body(&p, "\tx := a + f(b).c\n\tif y {\n\t}");
  auto* a = static_cast<AssignStmt*>(list[0]);
  CHECK(a->pos == Pos{3, 2});
  CHECK(a->tok_pos == Pos{3, 4});
  auto* b = static_cast<BinaryExpr*>(a->rhs[0]);
  CHECK(b->pos == Pos{3, 9});
  auto* sel = static_cast<SelectorExpr*>(b->y);
  CHECK(sel->pos == Pos{3, 11});
  auto* call = static_cast<CallExpr*>(sel->x);
  CHECK(call->pos == Pos{3, 11});
  CHECK(call->lparen == Pos{3, 12});
  CHECK(call->rparen == Pos{3, 14});
  CHECK(list[1]->pos == Pos{4, 2});
  CHECK(static_cast<FuncDecl*>(p.file->decls[0])->pos == Pos{2, 1});
  CHECK(p.file->package_pos == Pos{1, 1});
}

TEST_CASE("nesting is capped instead of overflowing the stack") {
  std::string deep = "package main\nvar x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\n";
  Parsed p = ParseSrc(deep);
  CHECK(p.diags.Text().find("gostep: expression nesting too deep") != std::string::npos);
  std::string blocks = "package main\nfunc main() {" + std::string(50000, '{') + "\n";
  Parsed q = ParseSrc(blocks);
  CHECK_FALSE(q.diags.empty());
  std::string unary = "package main\nvar x = " + std::string(50000, '-') + "1\n";
  Parsed r = ParseSrc(unary);
  CHECK_FALSE(r.diags.empty());
}

TEST_CASE("garbage never crashes") {
  const char* inputs[] = {"", "package", "package main\nfunc", "package main\nfunc (", "package main\ntype T[",
                          "package main\nfunc main() { switch { case", "\xff\xfe\x00", "package main\nvar x = []int{",
                          "package main\nfunc f() { for ;; }", "package main\nfunc f() { if else }"};
  for (const char* in : inputs) {
    Parsed p = ParseSrc(in);
    CHECK(p.file != nullptr);
  }
}

}  // namespace
}  // namespace gostep::lang
