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
//	gc_full           runtime.GC() with a live list of 1M nodes {next *node; val int} (16 B);
//	                  op = one full cycle, sweep included
//	alloc_node        sink = new(node): a 16-byte pointerful object, garbage at the next
//	                  iteration; GOGC=100, cycles as the pacer starts them
//	alloc_node_gcoff  the same with GOGC=off (debug.SetGCPercent(-1)): allocation alone
//	ptr_store         ns[i&mask].next = ns[(i*7+1)&mask] over 4096 nodes, no GC running
//	                  (write barrier off)
//
// A RESULT line also carries gcs=<GC cycles completed during the final run>.
//
// ptr_store_mark is not a testing.Benchmark: Go cannot be told to stay in the
// mark phase, so at GOMAXPROCS=2 one goroutine calls runtime.GC() in a loop
// over the 1M-node list (mark is most of each cycle) while the benchmark
// goroutine runs the ptr_store loop in chunks of 4096 stores, reading
// runtime.gcphase (go:linkname) before and after each chunk. A
// chunk with the barrier on at both ends counts as "mark", off at both ends
// as "off"; mixed chunks are dropped. The figures are the medians of the
// chunks' ns per store (a median, because the fractional mark worker
// preempts the goroutine now and then, and the chunks it lands in are
// outliers):
//
//	RESULT ptr_store_mark procs=2 ns_op=<median, barrier on> cpu_ns_op=- n=<stores> chunks=<c> mark_frac=<on chunks / all>
//	RESULT ptr_store_bgoff procs=2 ns_op=<median, barrier off, same run> cpu_ns_op=- n=<stores> chunks=<c>
//
// Before each benchmark, a line "BENCH <name> procs=<P>" goes to stderr, so
// that GODEBUG=gctrace=1 lines can be told apart (bench/run.sh runs gc_full
// once more that way, for the gctrace line of a forced cycle).
//
// bench/run.sh builds and runs it (GO111MODULE=off); see bench/README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	_ "unsafe" // go:linkname
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

// ==== The heap and the collector ====

// node is the object of every GC benchmark (gostep's main.node in
// bench/gc_bench.cc): 16 bytes, one pointer word.
type node struct {
	next *node
	val  int
}

// gcNodes is the live heap of gc_full: 1M nodes, 16 MB.
const gcNodes = 1000000

var (
	gcList *node // the live list of gc_full and ptr_store_mark
	sink   *node // alloc_node's escape: each node is garbage once replaced
)

// gcphase is runtime.gcphase (go1.19 runtime/mgc.go): _GCoff (0), _GCmark (1)
// or _GCmarktermination (2). setGCPhase turns the write barrier on exactly
// when it is not _GCoff (writeBarrier.needed; .enabled adds cgo checks, off
// here). Read racily: it changes only with the world stopped.
//
//go:linkname gcphase runtime.gcphase
var gcphase uint32

// buildList returns n nodes: head = &node{next: head, val: i}, i in [0, n),
// the list gostep's BuildList makes, in the same allocation order.
func buildList(n int) *node {
	var head *node
	for i := 0; i < n; i++ {
		head = &node{next: head, val: i}
	}
	return head
}

func setupList() {
	gcList = buildList(gcNodes)
	runtime.GC()
}

func dropList() {
	gcList = nil
	runtime.GC()
}

// gcFull: one runtime.GC() per op with gcList live.
func gcFull(b *testing.B) {
	for i := 0; i < b.N; i++ {
		runtime.GC()
	}
}

// allocNode: sink = new(node).
func allocNode(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = new(node)
	}
}

func gcOff() { debug.SetGCPercent(-1) }
func gcOn() {
	debug.SetGCPercent(100)
	sink = nil
	runtime.GC()
}

// storeNodes are the ptr_store benchmark's nodes (64 KiB: in cache).
const storeNodes = 4096

func newStoreNodes() []*node {
	ns := make([]*node, storeNodes)
	for k := range ns {
		ns[k] = new(node)
	}
	return ns
}

// ptrStore: ns[i&mask].next = ns[(i*7+1)&mask], as gostep's BM_GcPtrStore.
func ptrStore(b *testing.B) {
	ns := newStoreNodes()
	const mask = storeNodes - 1
	for i := 0; i < b.N; i++ {
		ns[i&mask].next = ns[(i*7+1)&mask]
	}
}

// storeMark is ptr_store_mark (see the top comment): the ptr_store loop in
// chunks while another goroutine runs runtime.GC() back to back.
func storeMark(dur time.Duration) {
	const chunk = 4096
	const mask = storeNodes - 1
	prev := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(prev)
	fmt.Fprintln(os.Stderr, "BENCH ptr_store_mark procs=2")
	setupList()
	defer dropList()
	var stop int32
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for atomic.LoadInt32(&stop) == 0 {
			runtime.GC()
		}
		wg.Done()
	}()
	ns := newStoreNodes()
	var on, off []float64
	i := 0
	for deadline := time.Now().Add(dur); time.Now().Before(deadline); {
		e0 := atomic.LoadUint32(&gcphase) != 0
		t0 := time.Now()
		for k := 0; k < chunk; k++ {
			ns[i&mask].next = ns[(i*7+1)&mask]
			i++
		}
		d := float64(time.Since(t0).Nanoseconds()) / chunk
		e1 := atomic.LoadUint32(&gcphase) != 0
		switch {
		case e0 && e1:
			on = append(on, d)
		case !e0 && !e1:
			off = append(off, d)
		}
	}
	atomic.StoreInt32(&stop, 1)
	wg.Wait()
	runtime.KeepAlive(ns)
	frac := float64(len(on)) / float64(len(on)+len(off))
	fmt.Printf("RESULT ptr_store_mark procs=2 ns_op=%.2f cpu_ns_op=- n=%d chunks=%d mark_frac=%.3f\n",
		median(on), len(on)*chunk, len(on), frac)
	fmt.Printf("RESULT ptr_store_bgoff procs=2 ns_op=%.2f cpu_ns_op=- n=%d chunks=%d\n",
		median(off), len(off)*chunk, len(off))
}

// median returns the median of xs (NaN if empty); it sorts xs.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0 / func() float64 { return 0 }()
	}
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

type bench struct {
	name     string
	procs    int
	fn       func(*testing.B)
	setup    func() // before the runs, untimed (nil: none)
	teardown func() // after the runs (nil: none)
}

func main() {
	count := flag.Int("count", 5, "runs of each benchmark (the median is printed)")
	benchtime := flag.Duration("benchtime", 500*time.Millisecond, "target time of each run")
	only := flag.String("only", "", "run only this benchmark name")
	markTime := flag.Duration("marktime", 1500*time.Millisecond, "duration of ptr_store_mark")
	testing.Init()
	flag.Parse()
	if err := flag.Set("test.benchtime", benchtime.String()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	benches := []bench{
		{"gosched_pingpong", 1, goschedPingPong, nil, nil},
		{"chan_pingpong", 1, chanPingPong, nil, nil},
		{"chan_pingpong", 2, chanPingPong, nil, nil},
		{"spawn_exit", 1, spawnExit, nil, nil},
		{"spawn_exit", 2, spawnExit, nil, nil},
		{"alloc_node", 1, allocNode, nil, nil},
		{"alloc_node", 2, allocNode, nil, nil},
		{"alloc_node_gcoff", 1, allocNode, gcOff, gcOn},
		{"ptr_store", 1, ptrStore, nil, nil},
		{"gc_full", 1, gcFull, setupList, dropList},
		{"gc_full", 2, gcFull, setupList, dropList},
	}
	fmt.Printf("# %s %s/%s NumCPU=%d\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	for _, bm := range benches {
		if *only != "" && bm.name != *only {
			continue
		}
		prev := runtime.GOMAXPROCS(bm.procs)
		fmt.Fprintf(os.Stderr, "BENCH %s procs=%d\n", bm.name, bm.procs)
		if bm.setup != nil {
			bm.setup()
		}
		type run struct {
			ns, cpu float64
			n       int
			gcs     uint32
		}
		var runs []run
		for c := 0; c < *count; c++ {
			var lastCPU time.Duration
			var lastN int
			var lastGCs uint32
			fn := bm.fn
			r := testing.Benchmark(func(b *testing.B) {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				gc0 := ms.NumGC
				b.ResetTimer()
				c0 := cpuNow()
				fn(b)
				lastCPU = cpuNow() - c0
				b.StopTimer()
				runtime.ReadMemStats(&ms)
				lastGCs = ms.NumGC - gc0
				lastN = b.N
			})
			runs = append(runs, run{
				ns:  float64(r.T.Nanoseconds()) / float64(r.N),
				cpu: float64(lastCPU.Nanoseconds()) / float64(lastN),
				n:   r.N,
				gcs: lastGCs,
			})
		}
		sort.Slice(runs, func(i, j int) bool { return runs[i].ns < runs[j].ns })
		med := runs[len(runs)/2]
		cpus := make([]float64, len(runs))
		for i, r := range runs {
			cpus[i] = r.cpu
		}
		sort.Float64s(cpus)
		fmt.Printf("RESULT %s procs=%d ns_op=%.2f cpu_ns_op=%.2f n=%d gcs=%d\n", bm.name, bm.procs, med.ns, cpus[len(cpus)/2], med.n, med.gcs)
		if bm.teardown != nil {
			bm.teardown()
		}
		runtime.GOMAXPROCS(prev)
	}
	if *only == "" || *only == "ptr_store_mark" {
		storeMark(*markTime)
	}
}
