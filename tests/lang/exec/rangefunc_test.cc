// tests/lang/exec/rangefunc_test.cc — range over iterator functions
// (go1.23): the loop, its control flow out of the body, and the protocol
// panics of runtime/panic.go (panicrangestate). Real Go 1.19 cannot run
// these; every expectation below follows from the spec ("For statements
// with range clause", go1.23) and cmd/compile/internal/rangefunc/rewrite.go,
// as the comments say.
#include <doctest/doctest.h>

#include "tests/lang/lang_testing.h"

namespace gostep::testing {
namespace {

// The iterator prints how it ended ("stopped at i" when yield returned
// false, "exhausted" otherwise), so each line below shows when the loop
// body's break, continue, return or labeled jump reached the iterator.
const char* kLoops = R"(package main

import (
	"fmt"
	"maps"
	"slices"
)

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				fmt.Println("stopped at", i)
				return
			}
		}
		fmt.Println("exhausted")
	}
}

func pairs(yield func(string, int) bool) {
	_ = yield("a", 1) && yield("b", 2) && yield("c", 3)
}

func three(yield func() bool) {
	for i := 0; i < 3; i++ {
		if !yield() {
			return
		}
	}
}

func find(n int) (int, string) {
	for i := range count(10) {
		if i == n {
			return i * 100, "found"
		}
	}
	return -1, "none"
}

func deferred() (out []int) {
	for i := range count(3) {
		defer func() { out = append(out, i) }()
	}
	return nil
}

func main() {
	for i := range count(3) {
		fmt.Println("i =", i)
	}
	for i := range count(5) {
		if i == 1 {
			continue
		}
		if i == 3 {
			break
		}
		fmt.Println("body", i)
	}
	for k, v := range pairs {
		fmt.Println(k, v)
	}
	n := 0
	for range three {
		n++
	}
	fmt.Println("three:", n)
	fmt.Println(find(4))
	fmt.Println(find(20))
	fmt.Println(deferred())
outer:
	for i := range count(3) {
		for j := range count(3) {
			if j == 1 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Println("ij", i, j)
		}
	}
	var fs []func() int
	for i := range count(3) {
		fs = append(fs, func() int { return i })
	}
	fmt.Println(fs[0](), fs[1](), fs[2]())
	m := map[string]int{"x": 1, "y": 2, "z": 3}
	var keys []string
	for k := range maps.Keys(m) {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fmt.Println(keys)
	sum := 0
	for k, v := range maps.All(m) {
		sum += v
		_ = k
	}
	fmt.Println(sum)
}
)";

TEST_CASE("lang rangefunc: loops with break and continue and return and defer and labels and maps.Keys and maps.All") {
  const char* want =
      "i = 0\ni = 1\ni = 2\nexhausted\n"    // a plain loop
      "body 0\nbody 2\nstopped at 3\n"      // continue at 1, break at 3: yield returns false
      "a 1\nb 2\nc 3\n"                     // two iteration variables
      "three: 3\n"                            // none
      "stopped at 4\n400 found\n"            // return from inside the body
      "exhausted\n-1 none\n"
      "exhausted\n[2 1 0]\n"                 // defers belong to the enclosing function
      "ij 0 0\nstopped at 1\nij 1 0\nstopped at 1\nstopped at 0\nstopped at 2\n"  // continue/break outer
      "exhausted\n0 1 2\n"                   // a fresh i per iteration
      "[x y z]\n6\n";
  runtime::Result r = RunProgram(kLoops, "1.23");
  CHECK(r.stdout_text == want);
  CHECK(r.exit_code == 0);
}

struct ProtocolCase {
  const char* name;
  const char* body;  // main's body
  const char* panic;
};

TEST_CASE("lang rangefunc: the iterator protocol's panics (runtime.panicrangestate)") {
  const ProtocolCase cases[] = {
      {"yield after the body returned false",
       "it := func(yield func(int) bool) { yield(1); yield(2) }\n\tfor x := range it {\n\t\t_ = x\n\t\tbreak\n\t}",
       "panic: runtime error: range function continued iteration after function for loop body returned false"},
      {"yield after the loop ended",
       "var saved func(int) bool\n\tit := func(yield func(int) bool) { saved = yield }\n\tfor x := range it {\n\t\t_ = x\n\t}\n\tsaved(1)",
       "panic: runtime error: range function continued iteration after whole loop exit"},
      {"the iterator swallowed the body's panic",
       "it := func(yield func(int) bool) {\n\t\tdefer func() { recover() }()\n\t\tyield(1)\n\t}\n\tfor x := range it {\n\t\tpanic(x)\n\t}",
       "panic: runtime error: range function recovered a loop body panic and did not resume panicking"},
  };
  for (const ProtocolCase& c : cases) {
    CAPTURE(c.name);
    std::string src = std::string("package main\n\nfunc main() {\n\t") + c.body + "\n}\n";
    runtime::Result r = RunProgram(src, "1.23");
    CHECK(r.stderr_text.find(c.panic) == 0);
    CHECK(r.exit_code == 2);
  }
}

TEST_CASE("lang rangefunc: types2's messages for what cannot be ranged over (go1.23 rangeKeyVal)") {
  auto errs = [](const char* decl, const char* loop) {
    return CompileErrors(std::string("package main\n\nfunc main() {\n\t") + decl + "\n\t" + loop + " {\n\t}\n}\n", "1.23");
  };
  CHECK(errs("f := func() {}", "for range f").find("cannot range over f (variable of type func()): func must be "
                                                  "func(yield func(...) bool): wrong argument count") != std::string::npos);
  CHECK(errs("f := func(int) {}", "for range f").find("func must be func(yield func(...) bool): argument is not func") !=
        std::string::npos);
  CHECK(errs("f := func(func() bool) int { return 0 }", "for range f").find("func must be func(yield func(...) bool): unexpected results") !=
        std::string::npos);
  CHECK(errs("f := func(func(int, int, int) bool) {}", "for range f").find("yield func has too many parameters") !=
        std::string::npos);
  CHECK(errs("f := func(func(int)) {}", "for range f").find("yield func does not return bool") != std::string::npos);
  CHECK(errs("f := func(func(int) bool) {}", "for x, y := range f").find("permits only one iteration variable") !=
        std::string::npos);
  CHECK(errs("f := func(func() bool) {}", "for x := range f").find("permits no iteration variables") != std::string::npos);
}

}  // namespace
}  // namespace gostep::testing
