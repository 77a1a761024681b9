// The read/write pair of the article's §3.1 ("Go内存模型中"读操作"在map上的语义定义与sync/atomic
// 不可用性证明"): `go func() { m["a"] = 1 }()` beside `go func() { _ = m["a"] }()`, "看似安全的只读
// 访问,实则危险 … 读 → 竞争!". The claim is right: a read concurrent with a write is a data race,
// and Go's misuse detector can catch it. mapaccess1_faststr checks hashWriting and calls
// fatal("concurrent map read and map write") (go-map.md §2.1, "Check sites in Go 1.19.8";
// since Go 1.6, §2.3 "History of the detector"; `fatal` from 1.19, `throw` before, both print
// `fatal error: …`, §2.2). Detection is best effort: only a read that lands while the write is
// between `flags ^= hashWriting` and `flags &^= hashWriting` is caught, and a read of an empty
// map returns before the check (§2.1, "Functions with no check"; §5 item 10).
// No fault is needed.
//
// Completion: the map starts with one entry (so the read is not the empty-map early return),
// each goroutine does its one operation 100 times, and main waits for both.
//
// Real Go 1.19.8, 20 runs each: GOMAXPROCS=1: 20/20 exit 0, no crash; GOMAXPROCS=2: 20/20 exit 0; in
// longer series 1/200 and 1/400 runs died with `fatal error: concurrent map read and map write`
// (the goroutines rarely overlap: each finishes its 100 reads in about as long as it takes the
// second P to start).
// The outcome depends on the schedule, so `go run` is not compared (gorun=no).
// gostep: gomaxprocs=2 gorun=no
// want: explore finds fatal error: concurrent map read and map write within 1000 runs
// want[gomaxprocs=1]: never fails in 200 runs
package main

import (
	"fmt"
	"sync"
)

func main() {
	m := map[string]int{"b": 2}
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
			_ = m["a"]
		}
	}()
	wg.Wait()
	fmt.Println(len(m))
}
