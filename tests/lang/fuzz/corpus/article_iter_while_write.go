// The iterate-while-writing snippet of the article's §2.4 ("Go 1.14–1.18时期:GC STW期间map迭代器失效
// 与并发读导致的ABA问题复现与调试", "ABA 复现最小示例"): one goroutine ranges over the map while main
// inserts and deletes. The article says Go 1.16 crashes "about 30% of the time" with
// `fatal error: concurrent map iteration and map write` "or silently reads dirty data", because the
// collector frees or reuses the buckets under the iterator during STW. The crash is real; the
// cause given is false (go-map.md §4 claim (f): hiter's bucket pointers are GC roots, nothing
// is freed under an iterator). The crash is the misuse detector: mapiternext checks hashWriting
// and calls fatal("concurrent map iteration and map write") (go-map.md §2.1, "Check sites in
// Go 1.19.8"; §2.3: that check exists since Go 1.8, so in every profile 1.14–1.23). It fires
// only when the iterator runs while a write is between its `flags ^= hashWriting` and
// `flags &^= hashWriting`, i.e. with two Ps running both goroutines at once; at GOMAXPROCS=1 the
// iterator can never run inside a write (map functions are runtime code, never preempted), so
// the program never crashes. No fault is needed.
//
// Completion: the article's `go func() { for range m {} }()` ranges once; here it ranges in a
// loop (as the article's "concurrent iteration" intends), and main does 1000 insert/delete
// pairs instead of 1e5 so that an exploration run stays cheap.
//
// Real Go 1.19.8 on the 2-core machine, shared with other builds (load average 3.7–4.1), 20 runs
// per line:
//   - this file: GOMAXPROCS=1: 0/20 crashes (20/20 exit 0, stdout "no crash"), in two series;
//     GOMAXPROCS=2: 6/20 and 5/20 crashes with `fatal error: concurrent map iteration and map
//     write`, the rest exit 0 — main's 1000 writes often finish before the idle P has picked up the
//     iterator. (With the iterator bounded to 1000 ranges instead of looping: 0/20.)
//   - the article-sized program (1e5 writes, tests/go/map_iter_write): GOMAXPROCS=2: 17/20 and
//     13/20 crashes under that load (20/20 on an idle machine, toolchain-notes.md); GOMAXPROCS=1:
//     0/20 in both series.
//
// So the crash at GOMAXPROCS=2 is a schedule Go takes whenever both goroutines are on a CPU at
// once; exploration at runtime granularity must find it.
// gostep: gomaxprocs=1
// want: exit 0
// out: no crash
// want: never fails in 100 runs
// want[gomaxprocs=2]: explore finds fatal error: concurrent map iteration and map write within 100 runs
package main

import "fmt"

func main() {
	m := make(map[int]int)
	go func() {
		for {
			for range m {
			}
		}
	}()
	for i := 0; i < 1000; i++ {
		m[i] = i
		delete(m, i-1)
	}
	fmt.Println("no crash")
}
