// The `readMap` function of the article's §2.3 ("Go 1.10–1.13时期:runtime.mapaccess系列函数的原子性
// 边界实测", "原子性边界验证代码"): `func readMap(m map[int]int, k int) int { return m[k] }`. The
// article says the call reads h.buckets "without a barrier", relying on MESI, so "during a
// concurrent grow it may read a stale bucket". Two things are wrong with the framing
// (go-map.md §4 claims (e) and (g)): map lookups have no barriers in any version, and they need
// none when there is no writer; with a concurrent writer the result is a data race that the
// misuse detector reports (`concurrent map read and map write`, readmap_during_grow.go), not a
// quiet stale read. Lookups never write the map (they never evacuate, §5 item 3), so any number
// of goroutines may call readMap at once: that is safe in every version 1.14–1.23.
//
// Completion: main fills the map, then eight goroutines each call readMap on all 100 keys and
// send their sums; main adds them up. No write happens after the goroutines start.
//
// Real Go 1.19.8, 20 runs each at GOMAXPROCS=1 and 2: exit 0 every time, stdout the line below.
// gostep: gomaxprocs=2
// want: exit 0
// want: never fails in 200 runs
// out: total 39600
package main

import "fmt"

func readMap(m map[int]int, k int) int {
	return m[k] // runtime.mapaccess1_fast64
}

func main() {
	m := make(map[int]int)
	for k := 0; k < 100; k++ {
		m[k] = k
	}
	sums := make(chan int)
	for g := 0; g < 8; g++ {
		go func() {
			s := 0
			for k := 0; k < 100; k++ {
				s += readMap(m, k)
			}
			sums <- s
		}()
	}
	total := 0
	for g := 0; g < 8; g++ {
		total += <-sums
	}
	fmt.Println("total", total)
}
