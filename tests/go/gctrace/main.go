// gctrace: the real-Go side of tests/gc/gctrace_test.cc.
//
// Default mode: keep about 8 MiB live, then three times force a GC with
// runtime.GC() and allocate 32 MiB of garbage, which runs heap-triggered
// cycles. Before each runtime.GC() it prints "forcing GC <k>" to stderr, so
// the test can check that exactly the forced cycles print " (forced)". Run it
// with GODEBUG=gctrace=1 GOMAXPROCS=2.
//
// GCTRACE_MODE=settings: print the GOGC and GOMEMLIMIT the runtime parsed at
// start-up ("gogc N", "memlimit N") and exit, for the ParseGogc /
// ParseMemoryLimit differential checks.
package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"time"
)

var live [][]byte
var sink []byte

func main() {
	if os.Getenv("GCTRACE_MODE") == "settings" {
		println("gogc", debug.SetGCPercent(100))
		println("memlimit", debug.SetMemoryLimit(-1))
		return
	}
	for i := 0; i < 64; i++ {
		live = append(live, make([]byte, 128<<10)) // 64 × 128 KiB = 8 MiB live
	}
	for k := 1; k <= 3; k++ {
		println("forcing GC", k)
		runtime.GC()
		// Let the forced cycle's gctrace line print before the next marker
		// (gcMarkTermination prints after waking the runtime.GC caller).
		time.Sleep(20 * time.Millisecond)
		for j := 0; j < 4096; j++ {
			sink = make([]byte, 8<<10) // 32 MiB of garbage
		}
	}
	runtime.KeepAlive(live)
}
