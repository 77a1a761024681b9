// iface_keys.go — interface map keys: dynamic types tell keys apart, values
// of every key kind inside, nil, structs with interface fields, growth and
// GC, and the unhashable-type panic.
package main

import (
	"fmt"
	"runtime"
	"sort"
)

type ID int
type Name string
type P struct{ x, y int }
type E struct {
	k any
	n int
}

func main() {
	m := map[any]int{}
	m[1] = 1
	m[ID(1)] = 2
	m[int64(1)] = 3
	m["a"] = 4
	m[Name("a")] = 5
	m[1.5] = 6
	m[true] = 7
	m[P{1, 2}] = 8
	m[[2]int{1, 2}] = 9
	m[nil] = 10
	m[2+3i] = 11
	var p *int = new(int)
	m[p] = 12
	fmt.Println(len(m), m[1], m[ID(1)], m[int64(1)], m["a"], m[Name("a")], m[1.5], m[true], m[P{1, 2}], m[[2]int{1, 2}], m[nil], m[2+3i], m[p])
	_, ok := m[uint(1)]
	fmt.Println(ok)
	delete(m, ID(1))
	fmt.Println(len(m), m[ID(1)])
	var keys []string
	for k, v := range m {
		keys = append(keys, fmt.Sprintf("%T=%d", k, v))
	}
	sort.Strings(keys)
	fmt.Println(keys)

	big := map[interface{}]string{}
	for i := 0; i < 2000; i++ {
		big[i] = fmt.Sprint(i)
		big[fmt.Sprint("s", i)] = fmt.Sprint(i)
		if i%500 == 0 {
			runtime.GC()
		}
	}
	runtime.GC()
	bad := 0
	for i := 0; i < 2000; i++ {
		if big[i] != fmt.Sprint(i) || big[fmt.Sprint("s", i)] != fmt.Sprint(i) {
			bad++
		}
	}
	fmt.Println(len(big), bad)

	e := map[E]int{{1, 2}: 1, {"x", 2}: 2, {nil, 0}: 3}
	e[E{1, 2}]++
	fmt.Println(len(e), e[E{1, 2}], e[E{"x", 2}], e[E{nil, 0}], e[E{int8(1), 2}])

	var s fmt.Stringer
	ms := map[fmt.Stringer]int{s: 1}
	fmt.Println(len(ms), ms[nil])

	defer func() { fmt.Println("recovered:", recover()) }()
	m[[]int{1}] = 1
}
