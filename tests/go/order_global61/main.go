// Run order at GOMAXPROCS=1: findRunnable serves the global queue first when
// schedtick%61 == 0. main starts G1..G70 and yields twice with Gosched (to the
// global queue); where "main#1" lands among G1..G69 shows the P's schedtick
// when main.main started: 4 or 5 in go1.19, depending on OS-thread timing
// during runtime.main's start-up.
package main

import "runtime"

func main() {
	for i := 1; i <= 70; i++ {
		i := i
		go func() {
			println(i)
		}()
	}
	runtime.Gosched()
	println("main#1")
	runtime.Gosched()
	println("main#2")
	for i := 0; i < 20; i++ {
		runtime.Gosched()
	}
}
