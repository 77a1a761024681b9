// The article's §4.3 caveat of its copy-on-write map ("多次并发 update() 可能导致中间快照丢失 (最终
// 一致性)"): `update` is load–copy–store with no lock, so two goroutines that update at once both
// copy the same snapshot and the later Store drops the other's key. The article is right; its
// "eventual consistency" is not: the lost key never comes back. Go reports nothing (no map is
// written concurrently: each goroutine writes its own fresh copy, go-map.md §2.1), so this is a
// logic race, shown here by the program's own check. No fault is needed.
//
// Completion: the article's update/loadMap; two goroutines each add one key; main checks that
// both keys are present and panics with "lost update" otherwise.
//
// Real Go 1.19.8: 20/20 exit 0 at GOMAXPROCS=1 and at 2; in a longer series at GOMAXPROCS=2,
// 7/400 runs died with `panic: lost update`. At GOMAXPROCS=1 each goroutine's update runs to the
// end before the other starts (nothing in it blocks, and it is far shorter than a 10 ms
// preemption slice), but asynchronous preemption could still split it, so only the single run
// under the `go` policy is stated for GOMAXPROCS=1, not "never fails". The outcome depends on the
// schedule, so `go run` is not compared (gorun=no).
// gostep: gomaxprocs=2 gorun=no
// want: explore finds panic: lost update within 1000 runs
// want[gomaxprocs=1]: exit 0
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var data atomic.Value // holds a *map[string]int

func update(k string, v int) {
	old := loadMap()
	m := make(map[string]int, len(old)+1)
	for k2, v2 := range old {
		m[k2] = v2
	}
	m[k] = v
	data.Store(&m)
}

func loadMap() map[string]int {
	if p := data.Load(); p != nil {
		return *(p.(*map[string]int))
	}
	return map[string]int{}
}

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); update("x", 1) }()
	go func() { defer wg.Done(); update("y", 2) }()
	wg.Wait()
	if len(loadMap()) != 2 {
		panic("lost update")
	}
	fmt.Println(loadMap())
}
