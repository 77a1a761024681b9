// The design article's iterate-while-writing snippet (toolchain-notes.md):
// one goroutine ranges over the map in a loop while main inserts and deletes
// 100k times. Go 1.19's detector (mapiternext's hashWriting check) kills it
// with "concurrent map iteration and map write" when the two run in parallel
// (GOMAXPROCS=2); at GOMAXPROCS=1 the iterator never runs inside a write's
// flag window, and main returns.
package main

func main() {
	m := make(map[int]int)
	go func() {
		for {
			for range m {
			}
		}
	}()
	for i := 0; i < 100000; i++ {
		m[i] = i
		delete(m, i-1)
	}
	println("no crash")
}
