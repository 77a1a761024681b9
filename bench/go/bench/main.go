// Command bench runs the real-Go counterparts of gostep_bench with Go 1.19's
// testing.Benchmark and prints one machine-readable line per benchmark:
//
//	RESULT <name> procs=<GOMAXPROCS> ns_op=<wall ns/op> cpu_ns_op=<process CPU ns/op> n=<b.N>
//
// ns_op is testing.Benchmark's figure (wall time per operation, the median of
// -count runs); cpu_ns_op is the process's user+system CPU time
// (getrusage, all threads) over the same final run, divided by b.N.
//
//	gosched_pingpong  two goroutines call runtime.Gosched; op = one round trip (two Gosched calls)
//	chan_pingpong     ping/pong on two unbuffered channels; op = one round trip
//	spawn_exit        start goroutines (64 at a time) running an empty function, Gosched until
//	                  they have exited; op = one goroutine
//
// bench/run.sh builds and runs it (GO111MODULE=off); see bench/README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// cpuNow returns the process's user+system CPU time.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// goschedPingPong: two goroutines each call runtime.Gosched b.N times.
func goschedPingPong(b *testing.B) {
	var wg sync.WaitGroup
	wg.Add(2)
	for g := 0; g < 2; g++ {
		go func() {
			for i := 0; i < b.N; i++ {
				runtime.Gosched()
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// chanPingPong: main sends on ping and receives on pong; the partner
// receives on ping and sends on pong.
func chanPingPong(b *testing.B) {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	v := 0
	for i := 0; i < b.N; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
}

// spawnExit: goroutines running an empty function (an atomic add), 64 at a
// time; main calls runtime.Gosched until the batch has exited.
func spawnExit(b *testing.B) {
	const batch = 64
	var done int64
	spawned := int64(0)
	for i := 0; i < b.N; {
		n := batch
		if b.N-i < n {
			n = b.N - i
		}
		for j := 0; j < n; j++ {
			go func() { atomic.AddInt64(&done, 1) }()
		}
		spawned += int64(n)
		i += n
		for atomic.LoadInt64(&done) < spawned {
			runtime.Gosched()
		}
	}
}

type bench struct {
	name  string
	procs int
	fn    func(*testing.B)
}

func main() {
	count := flag.Int("count", 5, "runs of each benchmark (the median is printed)")
	benchtime := flag.Duration("benchtime", 500*time.Millisecond, "target time of each run")
	only := flag.String("only", "", "run only this benchmark name")
	testing.Init()
	flag.Parse()
	if err := flag.Set("test.benchtime", benchtime.String()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	benches := []bench{
		{"gosched_pingpong", 1, goschedPingPong},
		{"chan_pingpong", 1, chanPingPong},
		{"chan_pingpong", 2, chanPingPong},
		{"spawn_exit", 1, spawnExit},
		{"spawn_exit", 2, spawnExit},
	}
	fmt.Printf("# %s %s/%s NumCPU=%d\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	for _, bm := range benches {
		if *only != "" && bm.name != *only {
			continue
		}
		prev := runtime.GOMAXPROCS(bm.procs)
		type run struct {
			ns, cpu float64
			n       int
		}
		var runs []run
		for c := 0; c < *count; c++ {
			var lastCPU time.Duration
			var lastN int
			fn := bm.fn
			r := testing.Benchmark(func(b *testing.B) {
				runtime.GC()
				b.ResetTimer()
				c0 := cpuNow()
				fn(b)
				lastCPU = cpuNow() - c0
				lastN = b.N
			})
			runs = append(runs, run{
				ns:  float64(r.T.Nanoseconds()) / float64(r.N),
				cpu: float64(lastCPU.Nanoseconds()) / float64(lastN),
				n:   r.N,
			})
		}
		sort.Slice(runs, func(i, j int) bool { return runs[i].ns < runs[j].ns })
		med := runs[len(runs)/2]
		cpus := make([]float64, len(runs))
		for i, r := range runs {
			cpus[i] = r.cpu
		}
		sort.Float64s(cpus)
		fmt.Printf("RESULT %s procs=%d ns_op=%.2f cpu_ns_op=%.2f n=%d\n", bm.name, bm.procs, med.ns, cpus[len(cpus)/2], med.n)
		runtime.GOMAXPROCS(prev)
	}
}
