//go:build ignore

// harness.go — the real-Go side of the interpreter benchmarks. bench/run.sh
// copies it beside one program of this folder (fib.go, maploop.go,
// pingpong.go) and builds the pair with Go 1.19; the program itself is
// unchanged. Before the program's main runs, init has a goroutine call main
// once, then GOSTEP_LANG_REPS times at GOMAXPROCS=1 (stdout to /dev/null,
// runtime.GC() before each), timing each call; it prints
//
//	RESULT <name> procs=1 ns_op=<median wall ns per run> cpu_ns_op=<median process CPU ns per run, all threads> n=<reps>
//
// to the real stdout and exits. Without GOSTEP_LANG_REPS it does nothing.
// GOSTEP_LANG_NAME names the RESULT line.
package main

import (
	"os"
	"runtime"
	"sort"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

// cpuNs is the process's CPU time, all threads (clock_gettime
// CLOCK_PROCESS_CPUTIME_ID: exact, where getrusage counts scheduler ticks).
func cpuNs() int64 {
	const clockProcessCPUTimeID = 2
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}

func median(xs []int64) int64 {
	sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
	return xs[len(xs)/2]
}

// init hands the timing to a goroutine and blocks: during package
// initialisation the main goroutine is locked to the main thread, so every
// channel handoff with it would cost OS-thread hand-offs (pingpong.go: 27 µs
// of CPU per round trip instead of 0.26 µs). bench exits the process.
func init() {
	reps, err := strconv.Atoi(os.Getenv("GOSTEP_LANG_REPS"))
	if err != nil || reps <= 0 {
		return
	}
	go bench(os.Getenv("GOSTEP_LANG_NAME"), reps)
	select {}
}

func bench(name string, reps int) {
	runtime.GOMAXPROCS(1)
	out := os.Stdout
	null, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	os.Stdout = null
	main() // warm-up
	walls := make([]int64, 0, reps)
	cpus := make([]int64, 0, reps)
	for i := 0; i < reps; i++ {
		runtime.GC()
		c0, w0 := cpuNs(), time.Now()
		main()
		walls = append(walls, int64(time.Since(w0)))
		cpus = append(cpus, cpuNs()-c0)
	}
	out.WriteString("RESULT " + name + " procs=1 ns_op=" + strconv.FormatInt(median(walls), 10) +
		" cpu_ns_op=" + strconv.FormatInt(median(cpus), 10) + " n=" + strconv.Itoa(reps) + "\n")
	os.Exit(0)
}
