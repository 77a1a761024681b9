// Statements added for Go's test programs (docs/CONFORMANCE.md): goto.
#include <doctest/doctest.h>

#include "tests/lang/conformance/go_diff.h"

namespace gostep {
namespace {

TEST_CASE("goto backward and forward in one block and out of loops matches go1.19") {
  testing::CheckSameAsGo(R"(package main

func main() {
	i := 0
loop:
	if i < 3 {
		println("i", i)
		i++
		goto loop
	}
	goto skip
	println("not printed")
skip:
	for j := 0; j < 10; j++ {
		for k := 0; k < 10; k++ {
			if j*k == 6 {
				println("out", j, k)
				goto done
			}
		}
	}
	println("not printed")
done:
	switch {
	case i == 3:
		goto end
	}
	println("not printed")
end:
}
)");
}

}  // namespace
}  // namespace gostep
