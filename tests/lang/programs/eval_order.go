// Evaluation order within a statement, as gc does it (walk/order.go): the
// calls, receives, builtins such as len and append, slice expressions, type
// assertions and && / || run first, left to right; plain reads of
// variables, fields, indexes and map entries happen after them. The spec
// leaves this unspecified; programs see gc's choice.
package main

import "fmt"

type S struct{ n int }

func (s S) Get(extra int) int { return s.n + extra }

var trace []string

func note(s string, v int) int {
	trace = append(trace, s)
	return v
}

func main() {
	x := 1
	inc := func() int { x++; return x }
	fmt.Println(x, inc())
	y := x + inc()
	fmt.Println(y)
	x += inc()
	fmt.Println(x)
	s := &S{1}
	bump := func() int { s.n += 10; return 0 }
	fmt.Println(s.n, bump(), s.n)
	a := []int{1, 2, 3}
	i := 0
	next := func() int { i++; return 7 }
	a[i] = next()
	fmt.Println(a, i)
	m := map[string]int{"k": 1}
	setm := func() int { m["k"] = 5; return 0 }
	fmt.Println(m["k"], setm())
	grow := func() int { a = append(a, 4); return 0 }
	fmt.Println(len(a), grow(), len(a), a[1:], cap(a) >= 4)
	sl := a[1:]
	fmt.Println(a[:2], func() int { a = a[:1]; return 0 }(), sl)
	var v interface{} = 3
	change := func() int { v = "now a string"; return 0 }
	fmt.Println(v.(int), change(), v)
	called := false
	f := func() bool { called = true; return true }
	t := false
	fmt.Println(t && f(), called, t || f(), called)
	ch := make(chan int, 2)
	ch <- 10
	ch <- 20
	cnt := 0
	fmt.Println(cnt, <-ch, func() int { cnt = 99; return 0 }(), <-ch)
	r := func() (int, int) {
		q := 1
		return q, func() int { q = 5; return 0 }()
	}
	fmt.Println(r())
	lit := []int{x, inc(), x}
	fmt.Println(lit)
	recv := S{3}
	fmt.Println(recv.Get(func() int { recv.n = 30; return 0 }()))
	total := note("a", 1) + note("b", 2)*note("c", 3)
	fmt.Println(total, trace)
	// Converting to an interface copies a bool, a byte or a struct where it
	// stands (convTnoptr/convT take its address); an int, a string or a
	// pointer is read later (convT64, convTstring, direct).
	flag, small, word, str := false, uint8(1), 1, "old"
	pair := struct{ a, b int }{1, 2}
	ptr := &S{1}
	mutate := func() int {
		flag, small, word, str = true, 2, 2, "new"
		pair.a = 9
		ptr = &S{2}
		return 0
	}
	fmt.Println(flag, small, word, str, pair, ptr.n, mutate(), flag, word)
	var p *S
	defer func() { fmt.Println("recovered:", recover() != nil, trace) }()
	fmt.Println(p.n, note("before the nil dereference", 0))
}
