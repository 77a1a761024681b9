// The article's §2.3 scenario with a writer: `readMap` (`return m[k]`) called while another
// goroutine inserts, so the map grows (h.buckets is replaced, old buckets are evacuated). The
// article says the reader "may read a stale bucket" because h.buckets is read without a barrier
// (§2.3, "h.buckets 指针读取无屏障,故并发扩容时可能读到 stale bucket"). What Go actually does:
// there are no barriers (go-map.md §4 claims (e), (g)), and the reader checks hashWriting on
// entry; if it runs inside the writer's window, it dies with `fatal error: concurrent map read
// and map write` (§2.1, "Check sites in Go 1.19.8", mapaccess1_fast64). Outside the window the
// read is a race the runtime does not see. No fault is needed.
//
// Completion: a writer inserts 200 new keys (the map grows from 1 bucket to 32: five
// hashGrow calls and evacuations); a reader calls readMap on key 0 200 times; main waits.
//
// Real Go 1.19.8, 20 runs each: GOMAXPROCS=1: 20/20 exit 0; GOMAXPROCS=2: 20/20 exit 0, and
// 200/200 exit 0 in a longer series: the two goroutines rarely overlap on real CPUs at this size (the
// second P starts the reader late). The race is still there; exploration must find it.
// The outcome depends on the schedule, so `go run` is not compared (gorun=no).
// gostep: gomaxprocs=2 gorun=no
// want: explore finds fatal error: concurrent map read and map write within 1000 runs
// At GOMAXPROCS=1 the check uses Go's own scheduling (explore=go): under `random`, gostep may
// preempt the writer at mallocgc's prologue inside mapassign (a synchronous preemption point real
// Go has too, taken only when sysmon or the GC has asked), which real Go makes vanishingly rare.
// want[gomaxprocs=1, explore=go]: never fails in 200 runs
package main

import (
	"fmt"
	"sync"
)

func readMap(m map[int]int, k int) int {
	return m[k]
}

func main() {
	m := map[int]int{0: 0}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for k := 1; k <= 200; k++ {
			m[k] = k
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			_ = readMap(m, 0)
		}
	}()
	wg.Wait()
	fmt.Println(len(m))
}
