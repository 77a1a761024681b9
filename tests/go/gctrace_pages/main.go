// Command gctrace_pages is the allocation program of
// tests/runtime/gc_gctrace_diff_test.cc: 488 live objects of 8 KiB, then
// 2000 garbage ones, then runtime.GC(). Run with GODEBUG=gctrace=1; the test
// compares its gctrace lines with gostep's for the same program.
package main

import "runtime"

type page [8192]byte

var live [488]*page
var sink *page

func main() {
	for i := range live {
		live[i] = new(page)
	}
	for g := 0; g < 2000; g++ {
		sink = new(page)
	}
	sink = nil
	runtime.GC()
}
