// The writer/writer variant of the article's §3.1 pair and of its chapter 1 table ("两个goroutine
// 同时调用m[k] = v"): two goroutines assign to the same map. The article dates this detection to
// "Go 1.0–1.5, only in runtime.mapassign" and "Go 1.9 moved into compiler SSA"; both are false
// (go-map.md §4 claims (a) and (d)): there was no detection before Go 1.6, and in every version
// the check is in the runtime: mapassign checks hashWriting on entry, sets it with `^=`, and
// checks it again before clearing it, calling fatal("concurrent map writes") on either check
// (go-map.md §2.1; the XOR since 1.12, §2.3 and historical-bugs.md entry 3, #26703). So a second
// writer entering during the first's window, or two writers whose toggles cancel, both crash.
// No fault is needed.
//
// Completion: an empty map, each goroutine assigns 100 times, main waits for both.
//
// Real Go 1.19.8, 20 runs each: GOMAXPROCS=1: 20/20 exit 0, no crash; GOMAXPROCS=2: 19/20 exit 0 and 1/20
// `fatal error: concurrent map writes`; in a longer series, 3/200 crashed.
// The outcome depends on the schedule, so `go run` is not compared (gorun=no).
// gostep: gomaxprocs=2 gorun=no
// want: explore finds fatal error: concurrent map writes within 1000 runs
// At GOMAXPROCS=1 the check uses Go's own scheduling (explore=go): under `random`, gostep may
// preempt the writer at mallocgc's prologue inside mapassign (a synchronous preemption point real
// Go has too, taken only when sysmon or the GC has asked), which real Go makes vanishingly rare.
// want[gomaxprocs=1, explore=go]: never fails in 200 runs
package main

import (
	"fmt"
	"sync"
)

func main() {
	m := make(map[string]int)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			m["a"] = 1
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			m["a"] = 2
		}
	}()
	wg.Wait()
	fmt.Println(len(m))
}
