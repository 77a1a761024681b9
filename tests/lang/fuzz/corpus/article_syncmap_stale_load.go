// The sync.Map of the article's §3.3 ("官方文档"not safe for concurrent use"在读场景下的精确技术含义
// 辨析": goroutine A `m.Load("key")` beside goroutine B `m.Store("key", "val")`, "Load may return a
// stale value or panic") and §4.2 ("sync.Map读优化路径"). sync.Map is safe for concurrent use in
// every version 1.14–1.23: no interleaving of Load and Store panics or trips the map detector
// (go-map.md §1.11, "`sync.Map` (sync/map.go, 1.19)": Load reads `read.m` lock-free and takes
// `mu` for the dirty map; every write to a built-in map inside it is under `mu`). What is true is
// the "semantic" point: a value returned by Load is a copy of the entry at that moment, so a
// goroutine that keeps it sees the old value after another goroutine's Store; that is ordinary
// linearizable behaviour, not a fault. The article's §4.2 details are partly false (go-map.md §4
// claim (h)): Load does lock when the key is missing from `read` and `read.amended`, and the
// promotion after `misses >= len(dirty)` hands the map over in O(1) (the O(n) copy is
// dirtyLocked, on the next store of a new key). No fault is needed.
//
// Completion: first a reader and a writer hammer one key concurrently (no output depends on the
// interleaving); then a reader loads "key", main stores a new value, and the reader prints the
// value it holds and a fresh Load: the stale read made explicit, ordered by channels so the
// output is fixed.
//
// Real Go 1.19.8, 20 runs each at GOMAXPROCS=1 and 2: exit 0 every time, stdout the lines below.
// gostep: gomaxprocs=2
// want: exit 0
// want: never fails in 200 runs
// out: held v1, now v2
// out: len 1
package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	m.Store("key", "v0")

	// Concurrent Load and Store: safe, whatever the interleaving.
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // goroutine A
		defer wg.Done()
		for i := 0; i < 100; i++ {
			if v, ok := m.Load("key"); !ok || (v != "v0" && v != "val") {
				panic("bad load")
			}
		}
	}()
	go func() { // goroutine B
		defer wg.Done()
		for i := 0; i < 100; i++ {
			m.Store("key", "val")
		}
	}()
	wg.Wait()

	// The stale value, made explicit.
	m.Store("key", "v1")
	loaded, stored, done := make(chan bool), make(chan bool), make(chan bool)
	go func() {
		held, _ := m.Load("key")
		loaded <- true
		<-stored
		now, _ := m.Load("key")
		fmt.Printf("held %v, now %v\n", held, now)
		done <- true
	}()
	<-loaded
	m.Store("key", "v2")
	stored <- true
	<-done

	n := 0
	m.Range(func(k, v interface{}) bool { n++; return true })
	fmt.Println("len", n)
}
