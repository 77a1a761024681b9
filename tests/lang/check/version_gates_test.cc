// tests/lang/check/version_gates_test.cc — language features gated by
// profile, as the real compilers gate them (DESIGN.md, "The scenario
// language"): clear/min/max from go1.21, range over int and per-iteration
// loop variables from go1.22, range over func from go1.23. The go1.19 side
// of each diagnostic was checked against the real go1.19 compiler
// (`go build` prints ./a.go:6:17: cannot range over 3 (untyped int
// constant), ./a.go:10:2: undefined: clear, ./a.go:11:14: undefined: min);
// the other side follows the spec of that release.
#include <doctest/doctest.h>

#include "tests/lang/lang_testing.h"

namespace gostep::testing {
namespace {

const char* kGates = R"(package main

import "fmt"

func main() {
	for i := range 3 {
		fmt.Print(i)
	}
	m := map[int]int{1: 1}
	clear(m)
	fmt.Println(min(1, 2), max(2.5, 1), len(m))
}
)";

TEST_CASE("lang gates: clear/min/max and range over int are undefined before their release") {
  CHECK(CompileErrors(kGates, "1.19") ==
        "a.go:6:17: cannot range over 3 (untyped int constant)\n"
        "a.go:10:2: undefined: clear\n"
        "a.go:11:14: undefined: min\n");
  // go1.21 has clear/min/max but not range over int.
  CHECK(CompileErrors(kGates, "1.21") == "a.go:6:17: cannot range over 3 (untyped int constant)\n");
  CHECK(RunProgram(kGates, "1.22").stdout_text == "0121 2.5 0\n");
}

const char* kLoopVar = R"(package main

import "fmt"

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, v := range []int{7, 8, 9} {
		fs = append(fs, func() int { return v })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
}
)";

TEST_CASE("lang gates: loop variables are per iteration from go1.22 (Go issue 60078)") {
  // Before go1.22 one variable is shared by all iterations: the closures see
  // its last value (3 after the 3-clause loop ends, 9 for the range loop).
  CHECK(RunProgram(kLoopVar, "1.21").stdout_text == "3 3 3 9 9 9 \n");
  CHECK(RunProgram(kLoopVar, "1.22").stdout_text == "0 1 2 7 8 9 \n");
}

TEST_CASE("lang gates: the go1.21 loop-variable output is what real Go 1.19 prints") {
  if (!GoAvailable()) return;
  CHECK(RunProgram(kLoopVar, "1.19").stdout_text == RunRealGo(kLoopVar));
}

const char* kRangeFunc = R"(package main

func main() {
	f := func(yield func(int) bool) {}
	for x := range f {
		_ = x
	}
}
)";

TEST_CASE("lang gates: range over func is refused before go1.23 and accepted from it") {
  std::string before = CompileErrors(kRangeFunc, "1.22");
  CHECK(before.find("a.go:5:17: cannot range over f") == 0);
  CHECK(CompileErrors(kRangeFunc, "1.23") == "");
}

}  // namespace
}  // namespace gostep::testing
