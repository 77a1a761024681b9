// Regression tests of the fixes made for Go's own test programs
// (docs/CONFORMANCE.md), each a small program run under gostep and under
// Go 1.19 with the same expected stdout and stderr.
#include <doctest/doctest.h>

#include "tests/lang/conformance/go_diff.h"

namespace gostep {
namespace {

TEST_CASE("len and cap of an array pointer returned by a call evaluate the call once") {
  testing::CheckSameAsGo(R"(package main

var n int

func mk() *[5]int { n++; return &[5]int{1, 2, 3, 4, 5} }

func main() {
	a := len(mk())
	b := cap(mk())
	var arr [3]int
	c := len(arr)
	println(a, b, c, n)
}
)");
}

TEST_CASE("assignments evaluate index operands on the left before storing (two phases)") {
  testing::CheckSameAsGo(R"(package main

func two() (int, int) { return 0, 7 }

func main() {
	x := []int{10, 20}
	i := 1
	for i, x[i] = range []int{99} {
		break
	}
	println(i, x[0], x[1])
	j := 1
	j, x[j] = 0, 5
	println(j, x[0], x[1])
	k := 1
	k, x[k] = two()
	println(k, x[0], x[1])
	m := map[int]int{}
	k = 3
	k, m[k] = 4, 1
	println(k, m[3], m[4])
}
)");
}

TEST_CASE("a promoted pointer method called through an interface gets the embedded field") {
  testing::CheckSameAsGo(R"(package main

type I interface{ Get() int }
type Sub struct{ a int }

func (p *Sub) Get() int { return p.a }
func (p *Sub) Set(v int) { p.a = v }

type S struct {
	x int
	Sub
}

func main() {
	s := new(S)
	s.Set(7)
	var i I = s
	println(i.Get(), s.Get())
	f := i.Get
	s.Set(8)
	println(f())
}
)");
}

TEST_CASE("channel panics are recoverable runtime errors") {
  testing::CheckSameAsGo(R"(package main

func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isErr := r.(error)
		println(name, r != nil, isErr)
		if e, ok := r.(error); ok {
			println(e.Error())
		}
	}()
	f()
}

func main() {
	c := make(chan int, 1)
	close(c)
	try("send", func() { c <- 1 })
	try("close", func() { close(c) })
	var nilc chan int
	try("close nil", func() { close(nilc) })
	try("select send", func() {
		select {
		case c <- 1:
		default:
		}
	})
}
)");
}

TEST_CASE("[...]T composite literals take their length from the elements") {
  testing::CheckSameAsGo(R"(package main

var a = [...]int{1, 2, 3}
var b = [...]string{5: "x", 2: "y", "z"}

func main() {
	c := [...]float64{}
	println(len(a), len(b), len(c), b[3], b[5])
}
)");
}

TEST_CASE("math bit conversions and os.Args") {
  testing::CheckSameAsGo(R"(package main

import (
	"math"
	"os"
)

func main() {
	println(math.Float64bits(1.5), math.Float32bits(-2))
	println(math.Float64frombits(1<<63) == 0, math.Signbit(math.Float64frombits(1<<63)))
	f := math.Float32frombits(0x40490fdb)
	println(f > 3.14 && f < 3.15)
	println(len(os.Args))
}
)");
}

TEST_CASE("math/rand is go1.19's source seeded with 1") {
  testing::CheckSameAsGo(R"(package main

import "math/rand"

func main() {
	println(rand.Int63(), rand.Uint32(), rand.Intn(1000), rand.Int31n(7), rand.Int63n(1<<40))
	println(rand.Intn(1 << 20), rand.Int()%1000)
	rand.Seed(42)
	println(rand.Int63(), rand.Intn(100))
	x := rand.Float64()
	println(x >= 0 && x < 1)
}
)");
}

TEST_CASE("runtime.SetFinalizer is accepted") {
  testing::CheckSameAsGo(R"(package main

import "runtime"

type T struct{ p *int }

func main() {
	t := &T{p: new(int)}
	runtime.SetFinalizer(t, func(*T) {})
	runtime.GC()
	println(runtime.MemProfileRate)
}
)");
}

}  // namespace
}  // namespace gostep
