// Run order at GOMAXPROCS=1: a new goroutine goes to runnext and kicks the
// previous one to the tail of the local run queue, so A, B, C run as C A B.
// Output goes through the builtin println (stderr): no syscall, and no os
// import (os's init starts the finalizer goroutine, which would take goid 5).
package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(3)
	for _, name := range []string{"A", "B", "C"} {
		name := name
		go func() {
			println(name)
			wg.Done()
		}()
	}
	wg.Wait()
	println("main")
}
