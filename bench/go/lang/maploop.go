// maploop.go — 1M inserts then 1M lookups into a map[int]int (no size hint:
// growth included). Run as is by gostep (bench/lang_bench.cc, BM_Lang/maploop)
// and compiled by Go 1.19 with harness.go (bench/run.sh).
package main

import "fmt"

func main() {
	const n = 1000000
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i] = i * 2
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += m[i]
	}
	fmt.Println(len(m), sum)
}
