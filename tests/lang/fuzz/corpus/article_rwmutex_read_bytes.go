// The zero-copy `Read() []byte` of the article's §4.1 ("sync.RWMutex读锁方案:零拷贝读取性能压测与
// 锁竞争热点定位"): `mu.RLock(); defer mu.RUnlock(); return data`, "returns the slice header
// without copying; data must not be reallocated after initialisation, or there is a data race".
// The article has the hazard backwards. Reallocating is the safe way to write: a writer that
// assigns `data = newSlice` under Lock leaves every slice a reader already returned pointing at
// the old, unchanged array. The race is writing *in place*: the RLock covers only the copy of
// the slice header, and the reader uses the bytes after RUnlock, so an in-place write under Lock
// is seen (or torn, if unordered) by a reader that holds the old header. No map is involved, so
// Go's map detector has nothing to say; this is a language-level aliasing effect, the same in
// every version 1.14–1.23. No fault is needed.
//
// Completion: a reader takes the slice; the writer first replaces `data` (the reader still sees
// "hello"), then writes the new array in place (a reader holding the new header sees the
// change). Channels order the steps, so there is no data race and the output is fixed.
//
// Real Go 1.19.8, 20 runs each at GOMAXPROCS=1 and 2: exit 0 every time, stdout the lines below.
// gostep: gomaxprocs=2
// want: exit 0
// want: never fails in 100 runs
// out: after replace: held "hello", current "world"
// out: after in-place write: held "World", current "World"
package main

import (
	"fmt"
	"sync"
)

var mu sync.RWMutex
var data = []byte("hello") // large read-only data, shared without copying

func Read() []byte {
	mu.RLock()
	defer mu.RUnlock()
	return data // zero copy: only the slice header is returned
}

func main() {
	step, done := make(chan bool), make(chan bool)
	go func() {
		held := Read()
		step <- true
		<-step // the writer replaced data
		fmt.Printf("after replace: held %q, current %q\n", held, Read())
		held = Read()
		step <- true
		<-step // the writer wrote data in place
		fmt.Printf("after in-place write: held %q, current %q\n", held, Read())
		done <- true
	}()
	<-step
	mu.Lock()
	data = []byte("world") // reallocate: old holders are unaffected
	mu.Unlock()
	step <- true
	<-step
	mu.Lock()
	data[0] = 'W' // in place: every holder of this array sees it
	mu.Unlock()
	step <- true
	<-done
}
