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
// The map benchmarks (bench/map_bench.cc has gostep's side), GOMAXPROCS=1,
// for map[int64]int64 and map[string]int (keys "key-0" … "key-<n-1>", made
// once, reused; key j's value is j), n = 8, 1k and 1M:
//
//	map_insert_<K>_<n>  m[k] = v of new keys, building maps of n entries from
//	                    make(map[K]V) (no hint) in key order, a new map every n
//	                    inserts; op = one insert (makes included). At n = 1M it
//	                    is not a testing.Benchmark: -count whole builds of 1M,
//	                    each timed (runtime.GC() before each), median per insert
//	map_lookup_<K>_<n>  v, ok := m[keys[j]] (hits), j cycling; the sum of the
//	                    values is checked
//	map_iter_<K>_<n>    for _, v := range m, broken off at b.N entries;
//	                    op = one produced entry; whole ranges are checked
//	map_delete_<K>_<n>  delete(m, k); m[k] = v (the same key): op = one pair
//	map_update_<K>_<n>  m[k] = v for an existing key
//
// <K> is int64 or string, <n> 8, 1k or 1M. lookup, iter, delete and update
// share one map per (K, n), built untimed after the insert benchmark; the
// cursors j continue from run to run; after update every value is checked.
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
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
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
	// whole, instead of fn: one timed run measured by itself (ns and CPU ns
	// per op, ops); run -count times, the medians printed.
	whole func() (ns, cpu float64, ops int)
	isMap bool // a map benchmark: -mapbenchtime
}

// ==== Maps ====

// mapSizes are the map benchmarks' sizes (gostep's BM_Map/<mode>_<K>/n:N).
var mapSizes = []struct {
	label string
	n     int
}{{"8", 8}, {"1k", 1000}, {"1M", 1000000}}

// mapShape is the map the lookup, iter, delete and update benchmarks of one
// (K, n) share, and their cursors (kept across testing.Benchmark runs, as
// gostep keeps them across its rounds).
var mapShape struct {
	str    bool
	n      int
	keys   []string
	mi     map[int64]int64
	ms     map[string]int
	lj     int // lookup cursor and lookups done
	looked int
	dj     int // delete cursor
	uj     int // update cursor and generation
	gen    int64
}

var (
	mapSinkI map[int64]int64 // map_insert's escape: make(map) is heap-allocated (makemap_small), as gostep's
	mapSinkS map[string]int
	mapSum   int64
)

// mapKeys returns "key-0" … "key-<n-1>" (gostep's KeyString).
func mapKeys(n int) []string {
	keys := make([]string, n)
	for j := range keys {
		keys[j] = "key-" + strconv.Itoa(j)
	}
	return keys
}

// setMapShape makes the keys of (str, n), unless they are the current ones,
// and with needMap builds the shared map (the insert benchmark runs first,
// without it, so that its collections do not mark a second big map).
func setMapShape(str bool, n int, needMap bool) func() {
	return func() {
		if mapShape.n != n || mapShape.str != str {
			dropMapShape()
			mapShape.str, mapShape.n = str, n
			if str {
				mapShape.keys = mapKeys(n)
			}
			runtime.GC()
		}
		if !needMap || mapShape.mi != nil || mapShape.ms != nil {
			return
		}
		if str {
			m := make(map[string]int)
			for j, k := range mapShape.keys {
				m[k] = j
			}
			mapShape.ms = m
		} else {
			m := make(map[int64]int64)
			for j := 0; j < n; j++ {
				m[int64(j)] = int64(j)
			}
			mapShape.mi = m
		}
		runtime.GC()
	}
}

func dropMapShape() {
	mapShape.n, mapShape.keys, mapShape.mi, mapShape.ms = 0, nil, nil, nil
	mapShape.lj, mapShape.looked, mapShape.dj, mapShape.uj, mapShape.gen = 0, 0, 0, 0, 1
	mapSinkI, mapSinkS = nil, nil
	runtime.GC()
}

// prefix is the sum of the first k terms of 0, 1, …, n-1, 0, 1, ….
func prefix(k, n int) int64 {
	tri := func(x int64) int64 { return x * (x - 1) / 2 }
	return int64(k/n)*tri(int64(n)) + tri(int64(k%n))
}

func mapFail(what string) { panic("map benchmark: " + what) }

func mapInsertInt(b *testing.B) {
	n := mapShape.n
	m := make(map[int64]int64)
	j := 0
	for i := 0; i < b.N; i++ {
		m[int64(j)] = int64(j)
		if j++; j == n {
			if len(m) != n {
				mapFail("insert: len")
			}
			mapSinkI = m
			m = make(map[int64]int64)
			j = 0
		}
	}
	mapSinkI = m
}

func mapInsertStr(b *testing.B) {
	n, keys := mapShape.n, mapShape.keys
	m := make(map[string]int)
	j := 0
	for i := 0; i < b.N; i++ {
		m[keys[j]] = j
		if j++; j == n {
			if len(m) != n {
				mapFail("insert: len")
			}
			mapSinkS = m
			m = make(map[string]int)
			j = 0
		}
	}
	mapSinkS = m
}

// mapBuildWhole times one build of n entries (map_insert at 1M): ns and
// process CPU ns per insert.
func mapBuildWhole() (ns, cpu float64, ops int) {
	n := mapShape.n
	runtime.GC()
	t0, c0 := time.Now(), cpuNow()
	if mapShape.str {
		keys := mapShape.keys
		m := make(map[string]int)
		for j := 0; j < n; j++ {
			m[keys[j]] = j
		}
		mapSinkS = m
	} else {
		m := make(map[int64]int64)
		for j := 0; j < n; j++ {
			m[int64(j)] = int64(j)
		}
		mapSinkI = m
	}
	d, c := time.Since(t0), cpuNow()-c0
	if (mapShape.str && len(mapSinkS) != n) || (!mapShape.str && len(mapSinkI) != n) {
		mapFail("insert: len")
	}
	mapSinkI, mapSinkS = nil, nil
	return float64(d.Nanoseconds()) / float64(n), float64(c.Nanoseconds()) / float64(n), n
}

func mapLookupInt(b *testing.B) {
	m, n, j := mapShape.mi, mapShape.n, mapShape.lj
	var sum int64
	for i := 0; i < b.N; i++ {
		v, ok := m[int64(j)]
		if !ok {
			mapFail("lookup: missing key")
		}
		sum += v
		if j++; j == n {
			j = 0
		}
	}
	if sum != prefix(mapShape.looked+b.N, n)-prefix(mapShape.looked, n) {
		mapFail("lookup: sum")
	}
	mapShape.lj, mapShape.looked, mapSum = j, mapShape.looked+b.N, sum
}

func mapLookupStr(b *testing.B) {
	m, keys, n, j := mapShape.ms, mapShape.keys, mapShape.n, mapShape.lj
	var sum int64
	for i := 0; i < b.N; i++ {
		v, ok := m[keys[j]]
		if !ok {
			mapFail("lookup: missing key")
		}
		sum += int64(v)
		if j++; j == n {
			j = 0
		}
	}
	if sum != prefix(mapShape.looked+b.N, n)-prefix(mapShape.looked, n) {
		mapFail("lookup: sum")
	}
	mapShape.lj, mapShape.looked, mapSum = j, mapShape.looked+b.N, sum
}

func mapIterInt(b *testing.B) {
	m, n := mapShape.mi, mapShape.n
	want := prefix(n, n)
	for done := 0; done < b.N; {
		budget := b.N - done
		c, s, inRange := 0, int64(0), true
		for _, v := range m {
			if c == budget {
				break
			}
			s += v
			c++
			inRange = inRange && uint64(v) < uint64(n)
		}
		if !inRange || (c == n && s != want) || (c != n && c != budget) {
			mapFail("iter: entries")
		}
		done += c
		mapSum = s
	}
}

func mapIterStr(b *testing.B) {
	m, n := mapShape.ms, mapShape.n
	want := prefix(n, n)
	for done := 0; done < b.N; {
		budget := b.N - done
		c, s, inRange := 0, int64(0), true
		for _, v := range m {
			if c == budget {
				break
			}
			s += int64(v)
			c++
			inRange = inRange && uint64(v) < uint64(n)
		}
		if !inRange || (c == n && s != want) || (c != n && c != budget) {
			mapFail("iter: entries")
		}
		done += c
		mapSum = s
	}
}

func mapDeleteInt(b *testing.B) {
	m, n, j := mapShape.mi, mapShape.n, mapShape.dj
	for i := 0; i < b.N; i++ {
		k := int64(j)
		delete(m, k)
		m[k] = k
		if j++; j == n {
			j = 0
		}
	}
	if len(m) != n {
		mapFail("delete: len")
	}
	mapShape.dj = j
}

func mapDeleteStr(b *testing.B) {
	m, keys, n, j := mapShape.ms, mapShape.keys, mapShape.n, mapShape.dj
	for i := 0; i < b.N; i++ {
		k := keys[j]
		delete(m, k)
		m[k] = j
		if j++; j == n {
			j = 0
		}
	}
	if len(m) != n {
		mapFail("delete: len")
	}
	mapShape.dj = j
}

func mapUpdateInt(b *testing.B) {
	m, n, j, gen := mapShape.mi, mapShape.n, mapShape.uj, mapShape.gen
	for i := 0; i < b.N; i++ {
		m[int64(j)] = int64(j) + gen
		if j++; j == n {
			j = 0
			gen++
		}
	}
	mapShape.uj, mapShape.gen = j, gen
}

func mapUpdateStr(b *testing.B) {
	m, keys, n, j, gen := mapShape.ms, mapShape.keys, mapShape.n, mapShape.uj, int(mapShape.gen)
	for i := 0; i < b.N; i++ {
		m[keys[j]] = j + gen
		if j++; j == n {
			j = 0
			gen++
		}
	}
	mapShape.uj, mapShape.gen = j, int64(gen)
}

// checkMapUpdate: every key holds the last value written to it (key i >= uj
// one wrap earlier; gen-1 = 0: its built value).
func checkMapUpdate() {
	n, uj, gen := mapShape.n, mapShape.uj, mapShape.gen
	for i := 0; i < n; i++ {
		want := int64(i) + gen
		if i >= uj {
			want--
		}
		var v int64
		var ok bool
		if mapShape.str {
			var w int
			w, ok = mapShape.ms[mapShape.keys[i]]
			v = int64(w)
		} else {
			v, ok = mapShape.mi[int64(i)]
		}
		if !ok || v != want {
			mapFail("update: a key does not hold the last value written to it")
		}
	}
}

// mapBenches returns the map benchmarks, shape by shape.
func mapBenches() []bench {
	var bs []bench
	for _, str := range []bool{false, true} {
		kind := "int64"
		insert, lookup, iter, del, update := mapInsertInt, mapLookupInt, mapIterInt, mapDeleteInt, mapUpdateInt
		if str {
			kind = "string"
			insert, lookup, iter, del, update = mapInsertStr, mapLookupStr, mapIterStr, mapDeleteStr, mapUpdateStr
		}
		for _, sz := range mapSizes {
			name := func(op string) string { return "map_" + op + "_" + kind + "_" + sz.label }
			keys, shape := setMapShape(str, sz.n, false), setMapShape(str, sz.n, true)
			ins := bench{name: name("insert"), procs: 1, fn: insert, setup: keys, isMap: true}
			if sz.n >= 100000 {
				ins.fn, ins.whole = nil, mapBuildWhole
			}
			bs = append(bs, ins,
				bench{name: name("lookup"), procs: 1, fn: lookup, setup: shape, isMap: true},
				bench{name: name("iter"), procs: 1, fn: iter, setup: shape, isMap: true},
				bench{name: name("delete"), procs: 1, fn: del, setup: shape, isMap: true},
				bench{name: name("update"), procs: 1, fn: update, setup: shape, teardown: checkMapUpdate, isMap: true})
		}
	}
	bs[len(bs)-1].teardown = func() { checkMapUpdate(); dropMapShape() }
	return bs
}

func main() {
	count := flag.Int("count", 5, "runs of each benchmark (the median is printed)")
	benchtime := flag.Duration("benchtime", 500*time.Millisecond, "target time of each run")
	only := flag.String("only", "", "run only this benchmark name")
	markTime := flag.Duration("marktime", 1500*time.Millisecond, "duration of ptr_store_mark")
	mapBenchtime := flag.Duration("mapbenchtime", 50*time.Millisecond, "target time of each run of a map benchmark")
	match := flag.String("match", "", "run only the benchmarks whose name matches this regexp")
	testing.Init()
	flag.Parse()
	if err := flag.Set("test.benchtime", benchtime.String()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var re *regexp.Regexp
	if *match != "" {
		var err error
		if re, err = regexp.Compile(*match); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	selected := func(name string) bool {
		return (*only == "" || name == *only) && (re == nil || re.MatchString(name))
	}
	benches := []bench{
		{name: "gosched_pingpong", procs: 1, fn: goschedPingPong},
		{name: "chan_pingpong", procs: 1, fn: chanPingPong},
		{name: "chan_pingpong", procs: 2, fn: chanPingPong},
		{name: "spawn_exit", procs: 1, fn: spawnExit},
		{name: "spawn_exit", procs: 2, fn: spawnExit},
		{name: "alloc_node", procs: 1, fn: allocNode},
		{name: "alloc_node", procs: 2, fn: allocNode},
		{name: "alloc_node_gcoff", procs: 1, fn: allocNode, setup: gcOff, teardown: gcOn},
		{name: "ptr_store", procs: 1, fn: ptrStore},
		{name: "gc_full", procs: 1, fn: gcFull, setup: setupList, teardown: dropList},
		{name: "gc_full", procs: 2, fn: gcFull, setup: setupList, teardown: dropList},
	}
	benches = append(benches, mapBenches()...)
	fmt.Printf("# %s %s/%s NumCPU=%d\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	for _, bm := range benches {
		if !selected(bm.name) {
			continue
		}
		prev := runtime.GOMAXPROCS(bm.procs)
		fmt.Fprintf(os.Stderr, "BENCH %s procs=%d\n", bm.name, bm.procs)
		if bm.setup != nil {
			bm.setup()
		}
		bt := *benchtime
		if bm.isMap {
			bt = *mapBenchtime
		}
		if err := flag.Set("test.benchtime", bt.String()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if bm.whole != nil {
			var nss, cpus []float64
			ops := 0
			for c := 0; c < *count; c++ {
				ns, cpu, n := bm.whole()
				nss, cpus, ops = append(nss, ns), append(cpus, cpu), n
			}
			fmt.Printf("RESULT %s procs=%d ns_op=%.2f cpu_ns_op=%.2f n=%d gcs=-\n", bm.name, bm.procs, median(nss), median(cpus), ops)
			if bm.teardown != nil {
				bm.teardown()
			}
			runtime.GOMAXPROCS(prev)
			continue
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
	if selected("ptr_store_mark") {
		storeMark(*markTime)
	}
}
