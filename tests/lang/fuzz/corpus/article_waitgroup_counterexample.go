// The WaitGroup counter-example of the article's §3.2 ("happens-before图解:goroutine间map读与写
// 操作的偏序关系建模与反例构造", "反例构造"): `var m = make(map[int]int)`, goroutine A does
// `m[1] = 1`, goroutine B reads `_ = m[1]`, both call wg.Done. The article's point is right:
// nothing orders A's write before B's read (the WaitGroup only orders both before wg.Wait), so
// they race; the article says `-race` reports it. Without -race the runtime's misuse detector
// can still catch it: the read checks hashWriting (go-map.md §2.1, "Check sites in Go 1.19.8")
// and dies with `fatal error: concurrent map read and map write` if it runs while A's
// mapassign is inside its hashWriting window *and* A has already counted the new key (a read of
// an empty map returns before the check, §2.1 "Functions with no check"; mapassign increments
// count just before its exit check). The window is narrow, so Go almost never shows it.
// No fault is needed.
//
// Completion: the article's snippet as written (it leaves out wg.Add and wg.Wait, added here),
// plus a final print of the map.
//
// Real Go 1.19.8: 20/20 exit 0 at GOMAXPROCS=1 and 2, and 400/400 exit 0 at GOMAXPROCS=2 in a
// longer series. The outcome depends on the schedule, so `go run` is not compared (gorun=no).
// gostep: gomaxprocs=2 gorun=no
// want: explore finds fatal error: concurrent map read and map write within 2000 runs
// want[gomaxprocs=1]: never fails in 200 runs
package main

import (
	"fmt"
	"sync"
)

var m = make(map[int]int)
var wg sync.WaitGroup

func main() {
	wg.Add(2)
	// goroutine A: write
	go func() {
		m[1] = 1 // no synchronisation: no happens-before edge to B's read
		wg.Done()
	}()
	// goroutine B: read
	go func() {
		_ = m[1] // races with A's write
		wg.Done()
	}()
	wg.Wait()
	fmt.Println(m)
}
