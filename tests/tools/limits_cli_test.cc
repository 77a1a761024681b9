// tests/tools/limits_cli_test.cc — runaway scenarios stop at gostep's limits.
//
// Each program below runs away in one direction; `gostep run` must stop it
// with exit status 3 and a message naming the limit's flag (--max-steps,
// --max-heap, --max-goroutines, --timeout). Unbounded recursion is not a
// gostep limit but Go's own: the run dies as Go 1.19 does, "runtime:
// goroutine stack exceeds 1000000000-byte limit" / "fatal error: stack
// overflow", exit status 2 — and the host process never overflows its own
// (fiber) stack first, in any build (Debug, ASan).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

namespace {

struct Out {
  int status = -1;
  std::string text;  // stdout and stderr
};

Out Sh(const std::string& cmd) {
  Out o;
  FILE* f = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(f != nullptr);
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) o.text.append(buf.data(), n);
  int st = pclose(f);
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return o;
}

const std::string kGostep = GOSTEP_BINARY_DIR "/bin/gostep";
const std::string kTmp = GOSTEP_BINARY_DIR "/limits_test";

// Run writes `src` to NAME.go and runs it with `flags`.
Out Run(const std::string& name, const std::string& src, const std::string& flags) {
  Sh("mkdir -p " + kTmp);
  std::string path = kTmp + "/" + name + ".go";
  std::ofstream(path) << src;
  return Sh(kGostep + " run " + flags + " " + path);
}

bool Has(const Out& o, const std::string& s) { return o.text.find(s) != std::string::npos; }

TEST_CASE("limits: an infinite loop stops at --max-steps") {
  Out o = Run("spin", R"go(package main

var n int

func main() {
	for {
		n++
	}
}
)go",
              "--max-steps 100000");
  CAPTURE(o.text);
  CHECK(o.status == 3);
  CHECK(Has(o, "gostep: step limit reached: 100000 steps (--max-steps)"));
}

TEST_CASE("limits: an infinite loop stops at --timeout (wall time)") {
  Out o = Run("spin_wall", R"go(package main

var n int

func main() {
	for {
		n++
	}
}
)go",
              "--max-steps 0 --timeout 0.5");
  CAPTURE(o.text);
  CHECK(o.status == 3);
  CHECK(Has(o, "gostep: wall-time limit reached: 0.5 s (--timeout)"));
}

TEST_CASE("limits: a map growing forever stops at --max-heap") {
  // In the first-cut memory model maps (and their string keys) are what
  // lives on the simulated heap (lang/exec/value.h).
  Out o = Run("grow", R"go(package main

import "fmt"

func main() {
	m := map[string]int{}
	for i := 0; ; i++ {
		m[fmt.Sprint("key-", i)] = i
	}
}
)go",
              "--max-heap 4000000");
  CAPTURE(o.text);
  CHECK(o.status == 3);
  CHECK(Has(o, "gostep: heap limit reached: "));
  CHECK(Has(o, " bytes in use (--max-heap 4000000 bytes)"));
}

TEST_CASE("limits: spawning goroutines forever stops at --max-goroutines") {
  Out o = Run("spawn", R"go(package main

func main() {
	for {
		go func() {
			select {}
		}()
	}
}
)go",
              "--max-goroutines 1000");
  CAPTURE(o.text);
  CHECK(o.status == 3);
  CHECK(Has(o, "gostep: goroutine limit reached: 1000 live goroutines (--max-goroutines)"));
}

TEST_CASE("limits: unbounded recursion dies of Go's stack overflow, in main and in a goroutine") {
  const std::string kHead =
      "runtime: goroutine stack exceeds 1000000000-byte limit\n"
      "runtime: sp=0x0 stack=[0x0, 0x0]\n"
      "fatal error: stack overflow\n";
  Out o = Run("recurse", R"go(package main

func f(n int) int { return f(n+1) + 1 }

func main() {
	println(f(0))
}
)go",
              "");
  CAPTURE(o.text);
  CHECK(o.status == 2);
  CHECK(o.text.find(kHead) == 0);
  // A wider frame per call (many locals, a deeper expression) in another goroutine.
  Out g = Run("recurse_go", R"go(package main

import "time"

func g(a, b, c, d int) int {
	x, y, z := a+1, b+2, c+3
	return g(x, y, z, d+((a*b)+(c*d))) + x + y + z
}

func main() {
	go func() { g(0, 1, 2, 3) }()
	time.Sleep(time.Hour)
}
)go",
              "");
  CAPTURE(g.text);
  CHECK(g.status == 2);
  CHECK(g.text.find(kHead) == 0);
}

TEST_CASE("limits: a deeply nested expression never overflows the host stack") {
  // 400 nested []int{...}[0] (the parser allows ~1000 levels; this used
  // to segfault the host): Go runs it; if gostep's goroutine stack did not
  // hold it (how deep it gets depends on the build), the program would die
  // of Go's stack overflow, never the host of a segfault.
  std::string e = "x";
  for (int i = 0; i < 400; ++i) e = "[]int{" + e + "}[0]";
  Out o = Run("deep_expr", "package main\n\nvar x = 1\n\nfunc main() {\n\ty := " + e + "\n\tprintln(y)\n}\n", "");
  CAPTURE(o.text);
  if (o.status == 0) {
    CHECK(o.text == "1\n");
  } else {
    CHECK(o.status == 2);
    CHECK(o.text.find("runtime: goroutine stack exceeds 1000000000-byte limit\n") == 0);
  }
}

}  // namespace
