// map_keys.go — map key kinds beyond the scalars: pointers, channels,
// structs and arrays (with strings, floats, nested fields; across GC cycles
// and growth), complex numbers (NaN and ±0 parts); and copies of maps whose
// elems are not scalars. Output is sorted or order-independent.
package main

import (
	"fmt"
	"math"
	"runtime"
	"sort"
)

type T struct {
	i int64
	s string
}

type point struct {
	x, y int
}

type key struct {
	name string
	id   int32
	ok   bool
}

func pointers() {
	var ps [4]*T
	m := make(map[*T]int)
	for i := range ps {
		ps[i] = &T{i: int64(i)}
		m[ps[i]] = i * 10
	}
	m[ps[2]] += 5
	delete(m, ps[0])
	sum := 0
	for p, v := range m {
		if p.i*10 != int64(v) && p.i != 2 {
			panic("wrong entry")
		}
		sum += v
	}
	fmt.Println(len(m), sum, m[ps[2]], m[ps[0]])
	var nilp *T
	m[nilp] = 7
	fmt.Println(m[nil], len(m))
	other := &T{i: 1}
	_, ok := m[other]
	fmt.Println(ok)
}

func channels() {
	a, b := make(chan int), make(chan int, 1)
	m := map[chan int]string{a: "a", b: "b"}
	fmt.Println(m[a], m[b], len(m))
	c := a
	m[c] = "c"
	fmt.Println(m[a], len(m))
}

func structs() {
	m := map[point]string{}
	for i := 0; i < 20; i++ {
		m[point{i, i * i}] = fmt.Sprint(i)
	}
	m[point{3, 9}] = "three"
	delete(m, point{4, 16})
	fmt.Println(len(m), m[point{3, 9}], m[point{5, 25}], m[point{4, 16}] == "")
	fmt.Println(map[point]int{{1, 2}: 3, {0, 5}: 1})

	k := map[key]int{}
	k[key{"a", 1, true}] = 1
	k[key{"a", 1, false}] = 2
	k[key{"b", 1, true}] = 3
	k[key{"a", 1, true}] += 10
	fmt.Println(len(k), k[key{"a", 1, true}], k[key{"a", 1, false}], k[key{"b", 2, true}])
	var names []string
	for kk, v := range k {
		names = append(names, fmt.Sprintf("%s/%d/%v=%d", kk.name, kk.id, kk.ok, v))
	}
	sort.Strings(names)
	fmt.Println(names)

	arr := map[[3]int]bool{{1, 2, 3}: true}
	arr[[3]int{3, 2, 1}] = false
	fmt.Println(arr[[3]int{1, 2, 3}], arr[[3]int{3, 2, 1}], len(arr), arr)
}


func complexes() {
	c := complex(1.5, -2)
	d := 3 + 4i
	fmt.Println(c, d, c+d, c*d, d/c, real(d), imag(d), -c)
	fmt.Println(c == complex(1.5, -2), c != d)
	var z complex64 = complex64(d)
	fmt.Println(z, real(z), imag(z), complex128(z) == d)
	fmt.Printf("%v %.2f %g\n", c, d, z)
	m := map[complex128]int{1i: 1, 2: 2}
	m[complex(math.NaN(), 0)] = 3
	m[complex(math.NaN(), 0)] = 4
	m[complex(0, math.Float64frombits(1<<63))+2] = 5
	fmt.Println(len(m), m[2])
	delete(m, complex(math.NaN(), 0))
	m[complex(0, 1)]++
	fmt.Println(len(m), m[1i], m[2])
	var zero complex128
	fmt.Println(zero, zero == 0)
}

func cloneCopies() {
	src := map[int][]int{1: {1}, 2: {2, 2}}
	dst := make(map[int][]int)
	for k, v := range src {
		dst[k] = v
	}
	dst[1] = append(dst[1], 9)
	fmt.Println(src, dst)
	ss := map[string]point{"a": {1, 2}}
	cp := map[string]point{}
	for k, v := range ss {
		cp[k] = v
	}
	p := cp["a"]
	p.x = 100
	cp["a"] = p
	fmt.Println(ss, cp)
}

func main() {
	pointers()
	channels()
	structs()
	complexes()
	cloneCopies()
	compositeGC()
}

type inner struct {
	s string
	f float64
}

type outer struct {
	a  int8
	in inner
	b  [2]uint16
	t  string
}

func compositeGC() {
	m := map[outer]int{}
	for i := 0; i < 3000; i++ {
		k := outer{int8(i), inner{fmt.Sprint("s", i), float64(i) / 2}, [2]uint16{uint16(i), 7}, fmt.Sprint(i % 13)}
		m[k] = i
		if i%500 == 0 {
			runtime.GC()
		}
	}
	runtime.GC()
	bad := 0
	for i := 0; i < 3000; i++ {
		k := outer{int8(i), inner{fmt.Sprint("s", i), float64(i) / 2}, [2]uint16{uint16(i), 7}, fmt.Sprint(i % 13)}
		if m[k] != i {
			bad++
		}
	}
	sum := 0
	for k, v := range m {
		if k.in.s != fmt.Sprint("s", v) || k.a != int8(v) {
			bad++
		}
		sum += v
	}
	for i := 0; i < 3000; i += 2 {
		delete(m, outer{int8(i), inner{fmt.Sprint("s", i), float64(i) / 2}, [2]uint16{uint16(i), 7}, fmt.Sprint(i % 13)})
	}
	fmt.Println(len(m), bad, sum)
	fz := map[inner]int{}
	fz[inner{"z", 0}] = 1
	fz[inner{"z", math.Float64frombits(1<<63)}] = 2
	fz[inner{"n", math.NaN()}] = 3
	fz[inner{"n", math.NaN()}] = 4
	_, ok := fz[inner{"n", math.NaN()}]
	fmt.Println(len(fz), fz[inner{"z", 0}], ok)
}
