// The `use(p)` row of the article's §4.4 table (go vet "unsafe-escape": `go func() { use(p) }(p)`,
// "禁止跨 goroutine 传递未冻结的 unsafe.Pointer"): a pointer loaded from the RCU map is handed to
// another goroutine, which uses it after the writer has published newer copies. The article
// implies this is unsafe and that go vet catches it. Neither holds: go vet has no such check
// (`go vet` of this file, Go 1.19.8, reports nothing), and the program is correct in every
// version 1.14–1.23. The pointer the goroutine holds is a GC root (its stack is scanned), so the
// old copy stays alive and unchanged however many collections run (go-map.md §4 claim (f):
// nothing is freed under a live reference; claim (e): Go's collector has no read barrier, a
// reader needs no cooperation with it). No fault is needed. (The article's call `go func() { use(p)
// }(p)` does not compile: the literal takes no parameter; it is written with one here.)
//
// Completion: main loads the snapshot and starts the goroutine with it; main then publishes three
// new copies and runs runtime.GC() after each, and only then lets the goroutine read through its
// pointer; channels order the steps, so the output is fixed.
//
// Real Go 1.19.8, 20 runs each at GOMAXPROCS=1 and 2: exit 0 every time, stdout the lines below.
// gostep: gomaxprocs=2
// want: exit 0
// want: never fails in 100 runs
// out: goroutine: v=1 through the old pointer
// out: main: v=4 now
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"unsafe"
)

type atomicMapData struct {
	m map[string]int
}

var data unsafe.Pointer // *atomicMapData

func publish(v int) {
	old := (*atomicMapData)(atomic.LoadPointer(&data))
	next := &atomicMapData{m: make(map[string]int, len(old.m))}
	for k, x := range old.m {
		next.m[k] = x
	}
	next.m["v"] = v
	atomic.StorePointer(&data, unsafe.Pointer(next))
}

func use(p unsafe.Pointer) int {
	return (*atomicMapData)(p).m["v"]
}

func main() {
	atomic.StorePointer(&data, unsafe.Pointer(&atomicMapData{m: map[string]int{"v": 1}}))
	p := atomic.LoadPointer(&data)
	proceed, done := make(chan bool), make(chan bool)
	go func(p unsafe.Pointer) {
		<-proceed
		fmt.Printf("goroutine: v=%d through the old pointer\n", use(p))
		done <- true
	}(p)
	for v := 2; v <= 4; v++ {
		publish(v)
		runtime.GC() // the old copy is unreachable from data, but the goroutine holds p
	}
	proceed <- true
	<-done
	fmt.Printf("main: v=%d now\n", use(atomic.LoadPointer(&data)))
}
