// tests/lang/syntax/errors_test.cc — syntax and scanner errors, each message
// and position checked against Go 1.19's compiler (`go build -gcflags=-e` on
// the same file; lines the type checker adds, like "undefined: f", dropped).
#include <doctest/doctest.h>

#include <string>

#include "lang/syntax/parser.h"

namespace gostep::lang {
namespace {

struct Case {
  const char* name;
  const char* src;
  const char* want;  // "LINE:COL: message" lines joined by \n
};

const Case kCases[] = {
    {"c01", R"go(package main

func main() {
	x := f(1
}
)go",
     "4:10: syntax error: unexpected newline in argument list; possibly missing comma or )"},
    {"c02", R"go(package main
func main() {
	y z
}
)go",
     "3:4: syntax error: unexpected z at end of statement"},
    {"c03", R"go(package main
func main() {
	s := "abc
}
)go",
     "3:11: newline in string"},
    {"c04", R"go(package main
x := 1
)go",
     "2:1: syntax error: non-declaration statement outside function body"},
    {"c05", R"go(package main
func main() {
	if x {
	} else for {}
}
)go",
     "4:9: syntax error: else must be followed by if or statement block"},
    {"c06", R"go(package main
func main() {
	if x
	{
	}
}
)go",
     "3:6: syntax error: unexpected newline, expecting { after if clause"},
    {"c07", R"go(package main
func main() {
	x := @
}
)go",
     "3:7: invalid character U+0040 '@'\n4:1: syntax error: unexpected }, expecting expression"},
    {"c08", R"go(package main
func main() {
	x := 0128
	_ = x
}
)go",
     "3:10: invalid digit '8' in octal literal"},
    {"c09", R"go(package main
func main() {
	x := 'ab'
}
)go",
     "3:7: more than one character in rune literal"},
    {"c10", R"go(package main
func main() {
	/* abc
)go",
     "3:2: comment not terminated"},
    {"c11", R"go(package main
func main()
{
}
)go",
     "3:1: syntax error: unexpected semicolon or newline before {"},
    {"c12", R"go(package main
func main() {
	for i := 0; i < 10; i := i + 1 {
	}
}
)go",
     "3:24: syntax error: cannot declare in post statement of for loop"},
    {"c13", R"go(package main
func main() {
	if x := 1 {
	}
}
)go",
     "3:7: syntax error: cannot use x := 1 as value"},
    {"c14", R"go(package main
func main() {
	switch x {
	foo
	}
}
)go",
     "4:2: syntax error: unexpected foo, expecting case or default or }\n5:2: syntax error: unexpected }, expecting :"},
    {"c15", R"go(package main
func main() {
	var x = []int{1, 2
	}
}
)go",
     "3:20: syntax error: unexpected newline in composite literal; possibly missing comma or }"},
    {"c16", R"go(package main
func f(a int, string) {}
)go",
     "2:15: syntax error: mixed named and unnamed parameters"},
    {"c17", R"go(package main
func main() {
	go f
}
)go",
     "3:5: expression in go must be function call"},
    {"c18", R"go(package main
func main() {
	defer (f())
}
)go",
     "3:8: expression in defer must not be parenthesized"},
    {"c19", R"go(package main
func main() {
	x := [3]int{1,2,3}
	_ = x[1::2]
}
)go",
     "4:10: middle index required in 3-index slice"},
    {"c20", R"go(package main
func main() {
	if x = 1 {
	}
}
)go",
     "3:7: syntax error: cannot use assignment (x) = (1) as value"},
    {"c23", R"go(package main
func main() {
	x := 1 +
}
)go",
     "4:1: syntax error: unexpected }, expecting expression"},
    {"c24", R"go(package main
func main() {
	x := '
}
)go",
     "3:8: newline in rune literal"},
    {"c25", R"go(package main
func main() {
	s := `abc
)go",
     "3:7: string not terminated"},
    {"c26", R"go(package main
func main() {
	x := "\q"
}
)go",
     "3:9: unknown escape"},
    {"c27", R"go(package main
func main() {
	x := 0x
}
)go",
     "3:9: hexadecimal literal has no digits"},
    {"c28", R"go(package main
func main() {
	x := 1_
}
)go",
     "3:8: '_' must separate successive digits"},
    {"c30", R"go(package main
func main() {
	select {
	x
	}
}
)go",
     "4:2: syntax error: unexpected x, expecting case or default or }\n5:2: syntax error: unexpected }, expecting :"},
    {"c31", R"go(package main
func main() {
	var x <-chan<-int
}
)go",
     "3:16: syntax error: unexpected int, expecting chan"},
    {"c32", R"go(package main
func main() {
	for {
	}}
}
)go",
     "5:1: syntax error: non-declaration statement outside function body"},
    {"c33", R"go(package main
type T struct {
	a int,
}
)go",
     "3:7: syntax error: unexpected comma in struct type; possibly missing semicolon or newline or }"},
    {"c34", R"go(package main
func main() {
	if x == 1 {
	} else if {
	}
}
)go",
     "4:12: syntax error: missing condition in if statement"},
    {"c35", R"go(package main
func main() {
	x := 1.e
}
)go",
     "3:10: exponent has no digits"},
    {"c36", R"go(package main
func main() {
	x := "\400"
}
)go",
     "3:12: octal escape value 256 > 255"},
    {"c37", R"go(package main
func main() {
	f(a...,)
	f(a..., b)
}
)go",
     "4:10: syntax error: unexpected b, expecting )"},
    {"c38", R"go(package main
func main() {
	var x = map[string]int{"a": 1 "b": 2}
}
)go",
     "3:32: syntax error: unexpected literal \"b\" in composite literal; possibly missing comma or }"},
    {"c40", R"go(package main
func main() {
	for var i = 0; i < 1; i++ {
	}
}
)go",
     "3:10: syntax error: var declaration not allowed in for initializer"},
};

std::string Errors(const char* src) {
  DiagList diags("x.go");
  Parse("x.go", src, &diags);
  std::string out;
  for (const std::string& line : {diags.Text()}) out = line;
  // Drop the "x.go:" prefixes and the final newline.
  std::string cleaned;
  size_t start = 0;
  while (start < out.size()) {
    size_t nl = out.find('\n', start);
    std::string l = out.substr(start, nl - start);
    if (l.rfind("x.go:", 0) == 0) l = l.substr(5);
    if (!cleaned.empty()) cleaned += "\n";
    cleaned += l;
    start = nl == std::string::npos ? out.size() : nl + 1;
  }
  return cleaned;
}

TEST_CASE("syntax errors match go 1.19's compiler") {
  for (const Case& c : kCases) {
    INFO(c.name);
    CHECK(Errors(c.src) == c.want);
  }
}

}  // namespace
}  // namespace gostep::lang
