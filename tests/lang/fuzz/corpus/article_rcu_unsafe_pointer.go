// The RCU-style map of the article's §4.4 ("read-copy-update(RCU)风格map封装:基于unsafe.Pointer
// 的无锁读设计与go vet静态检查适配"): `RCUMap{data unsafe.Pointer}`, readers do
// `(*atomicMapData)(atomic.LoadPointer(&m.data))` and index the map; writers copy, update and
// publish with atomic.StorePointer. The scheme is safe in every version 1.14–1.23: a published
// map is never written again (the map detector only fires when a write overlaps, go-map.md
// §2.1), LoadPointer/StorePointer order the publication, and the old copy stays alive while a
// reader holds it because the collector traces unsafe.Pointer fields like any pointer (go-map.md
// §4 claim (f): there is no read barrier and nothing is freed under a live reference). The
// article's extras are invented: `//go:vet "unsafe-deref"` / `"unsafe-escape"` are not go vet
// checks (`go vet` of this file, Go 1.19.8, reports nothing), and `//go:nowritebarrier` is a
// runtime-only directive (the compiler rejects it outside package runtime), so they are left out.
// No fault is needed.
//
// Completion: the article's `any` is `interface{}` (any is Go 1.18+); writers serialise on a
// mutex (the article's "copy–update–publish" with one writer at a time); two writer goroutines
// add four keys each while three readers look keys up; main prints the final map sorted.
//
// Real Go 1.19.8, 20 runs each at GOMAXPROCS=1 and 2: exit 0 every time, stdout the lines below.
// gostep: gomaxprocs=2
// want: exit 0
// want: never fails in 200 runs
// out: a0=0 a1=1 a2=2 a3=3 b0=10 b1=11 b2=12 b3=13
package main

import (
	"fmt"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"
)

type atomicMapData struct {
	m map[string]interface{}
}

type RCUMap struct {
	data unsafe.Pointer // *atomicMapData; never written in place once published
	mu   sync.Mutex     // one writer at a time
}

func NewRCUMap() *RCUMap {
	return &RCUMap{data: unsafe.Pointer(&atomicMapData{m: map[string]interface{}{}})}
}

func (m *RCUMap) Load(key string) interface{} {
	d := (*atomicMapData)(atomic.LoadPointer(&m.data)) // lock-free read of the snapshot
	return d.m[key]
}

func (m *RCUMap) Store(key string, v interface{}) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := (*atomicMapData)(atomic.LoadPointer(&m.data))
	next := &atomicMapData{m: make(map[string]interface{}, len(old.m)+1)} // copy
	for k, v := range old.m {
		next.m[k] = v
	}
	next.m[key] = v                                    // update
	atomic.StorePointer(&m.data, unsafe.Pointer(next)) // publish
}

func main() {
	rm := NewRCUMap()
	var wg sync.WaitGroup
	for w, prefix := range []string{"a", "b"} {
		wg.Add(1)
		go func(w int, prefix string) {
			defer wg.Done()
			for i := 0; i < 4; i++ {
				rm.Store(prefix+strconv.Itoa(i), w*10+i)
			}
		}(w, prefix)
	}
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 4; i++ {
				if v := rm.Load("a" + strconv.Itoa(i)); v != nil && v.(int) != i {
					panic("bad value")
				}
			}
		}()
	}
	wg.Wait()
	d := (*atomicMapData)(atomic.LoadPointer(&rm.data))
	var parts []string
	for k, v := range d.m {
		parts = append(parts, fmt.Sprintf("%s=%v", k, v))
	}
	sort.Strings(parts)
	line := ""
	for i, p := range parts {
		if i > 0 {
			line += " "
		}
		line += p
	}
	fmt.Println(line)
}
