// compare.go — comparisons Go allows between different types and struct
// equality with blank fields.
package main

import (
	"errors"
	"fmt"
	"math"
	"unsafe"
)

type T struct {
	_, _, _ int
}

type P struct {
	a int
	_ string
	b float64
}

type Stringer interface{ String() string }

type name string

func (n name) String() string { return string(n) }

func main() {
	var id interface{} = "x"
	c := "x"
	fmt.Println(c == id, id == c, 3 == id, id != 3)
	var e error = errors.New("boom")
	var err2 error
	fmt.Println(e == err2, err2 == nil)
	var s Stringer = name("n")
	fmt.Println(s == name("n"), name("m") == s)
	var any1 interface{} = s
	fmt.Println(any1 == s, s == any1)
	fmt.Println(P{1, "x", 2} == P{1, "y", 2}, P{1, "x", 2} == P{2, "x", 2})
	type T1 struct{ x, y, z int }
	t1 := *(*T)(unsafe.Pointer(&T1{1, 2, 3}))
	t2 := *(*T)(unsafe.Pointer(&T1{4, 5, 6}))
	fmt.Println(t1 == t2)
	f := 1.5
	bits := *(*uint64)(unsafe.Pointer(&f))
	fmt.Println(bits == math.Float64bits(f))
}
