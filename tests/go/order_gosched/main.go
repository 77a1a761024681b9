// Run order at GOMAXPROCS=1: runtime.Gosched puts main on the global run
// queue; the local queue (runnext C, then A B) runs before main resumes.
package main

import "runtime"

func main() {
	for _, name := range []string{"A", "B", "C"} {
		name := name
		go func() {
			println(name)
		}()
	}
	runtime.Gosched()
	println("main")
}
