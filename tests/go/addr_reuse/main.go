// Command addr_reuse shows the allocator handing a freed slot's address to
// the next allocation of the same size class after a GC (the ABA hazard of
// gc/heap.h). Eight pairs of 16-byte objects are allocated, a keeper and a
// victim each, so they share spans; the victims die, runtime.GC() frees
// them, and eight new objects of the same size are allocated. It prints the
// victims' and the new objects' addresses (builtin println: stderr).
//
// tests/runtime/gc_aba_test.cc runs it at GOMAXPROCS=1 and checks the reuse
// order that gostep models: the new objects take the span's free slots in
// ascending order, so after any lower free slot the victims' addresses come
// back one by one.
package main

import (
	"runtime"
	"unsafe"
)

type node struct {
	next *node
	val  int
}

var keep [16]*node
var sink *node

func addr(n *node) uintptr { return uintptr(unsafe.Pointer(n)) }

func main() {
	var victims, fresh [8]uintptr
	for i := 0; i < 8; i++ {
		keep[i] = &node{val: i}
		v := &node{val: 100 + i}
		sink = v // escapes: a heap object
		victims[i] = addr(v)
	}
	sink = nil
	runtime.GC()
	for i := 0; i < 8; i++ {
		keep[8+i] = &node{val: 1000 + i}
		fresh[i] = addr(keep[8+i])
	}
	for i := 0; i < 8; i++ {
		println("victim", victims[i])
	}
	for i := 0; i < 8; i++ {
		println("fresh", fresh[i])
	}
}
