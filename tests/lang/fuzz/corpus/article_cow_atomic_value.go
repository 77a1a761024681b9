// The copy-on-write map behind atomic.Value of the article's §4.3 ("immutable map + atomic.Value
// 方案:快速一致性实现与time.AfterFunc触发的stale read边界测试"): `update` copies the current map,
// changes the copy and publishes it with data.Store(&m); `loadMap` returns the published map.
// The article says readers never block and a time.AfterFunc callback "may read an expired
// snapshot". Both are right for this scheme in every version 1.14–1.23: a published map is
// never written again, so readers never run inside a write and the map detector has nothing to
// catch (go-map.md §2.1: only writes set hashWriting); and a reader that loaded a snapshot keeps
// reading that map after a newer one is published (the old map stays alive while referenced: the
// collector traces the pointer, go-map.md §4 claim (f)). The article's remark that concurrent
// updates lose writes is cow_lost_update.go. No fault is needed.
//
// Completion: the article's two functions (its `*(p.(*map[string]int)` misses a parenthesis);
// two readers look keys up while main publishes 50 updates (no output depends on the
// interleaving); then a time.AfterFunc callback loads a snapshot, main publishes an update, and
// the callback prints its snapshot's value beside a fresh load: the stale read, with the steps
// ordered by channels so that the output is fixed in real Go.
//
// Real Go 1.19.8, 20 runs each at GOMAXPROCS=1 and 2: exit 0 every time, stdout the lines below.
// gostep: gomaxprocs=2
// want: exit 0
// want: never fails in 200 runs
// out: callback: snapshot a=1, current a=2
// out: map[a:2 n:49]
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

var data atomic.Value // holds a *map[string]int

func update(k string, v int) {
	old := loadMap() // the current snapshot
	m := make(map[string]int, len(old)+1)
	for k2, v2 := range old {
		m[k2] = v2
	}
	m[k] = v
	data.Store(&m) // publish the new copy
}

func loadMap() map[string]int {
	if p := data.Load(); p != nil {
		return *(p.(*map[string]int))
	}
	return map[string]int{}
}

func main() {
	// Readers beside one writer: safe, whatever the interleaving.
	var wg sync.WaitGroup
	for r := 0; r < 2; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if n, ok := loadMap()["n"]; ok && (n < 0 || n >= 50) {
					panic("bad value")
				}
			}
		}()
	}
	for i := 0; i < 50; i++ {
		update("n", i)
	}
	wg.Wait()

	// The stale read in a time.AfterFunc callback.
	update("a", 1)
	loaded, updated, done := make(chan bool), make(chan bool), make(chan bool)
	time.AfterFunc(10*time.Millisecond, func() {
		snap := loadMap() // the snapshot, loaded before the update below
		loaded <- true
		<-updated
		fmt.Printf("callback: snapshot a=%d, current a=%d\n", snap["a"], loadMap()["a"])
		done <- true
	})
	<-loaded
	update("a", 2)
	updated <- true
	<-done
	fmt.Println(loadMap())
}
