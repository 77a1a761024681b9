// The RWMutex-wrapped map of the article's chapter 1 ("以下代码演示Go 1.23中推荐的并发安全封装模式",
// the SafeMap type with Store/Load) and §4.1 ("sync.RWMutex读锁方案"): a plain map behind a
// sync.RWMutex, writers under Lock, readers under RLock. The article presents it as the
// recommended pattern for Go 1.23; it is correct in every version, 1.14 to 1.23: every map
// operation happens inside the mutex, so no reader ever runs inside a writer's hashWriting window
// (go-map.md §2.1, "Check sites in Go 1.19.8") and the detector never fires.
//
// Completion: four writer goroutines store three keys each while four readers Load every key;
// main waits for all of them and prints the final contents sorted by key, so the output is the
// same under every schedule.
//
// Real Go 1.19 (go run, 20 runs each at GOMAXPROCS=1 and GOMAXPROCS=2): exit 0 every time, with
// exactly the `// out:` lines below.
// gostep: gomaxprocs=2
// want: exit 0
// want: never fails in 200 runs
// out: w0-k0=0
// out: w0-k1=1
// out: w0-k2=2
// out: w1-k0=10
// out: w1-k1=11
// out: w1-k2=12
// out: w2-k0=20
// out: w2-k1=21
// out: w2-k2=22
// out: w3-k0=30
// out: w3-k1=31
// out: w3-k2=32
package main

import (
	"fmt"
	"sort"
	"strconv"
	"sync"
)

type SafeMap struct {
	mu   sync.RWMutex
	data map[string]int
}

func (sm *SafeMap) Store(key string, value int) {
	sm.mu.Lock() // writers hold the lock exclusively
	defer sm.mu.Unlock()
	if sm.data == nil {
		sm.data = make(map[string]int)
	}
	sm.data[key] = value
}

func (sm *SafeMap) Load(key string) (int, bool) {
	sm.mu.RLock() // readers share the lock
	defer sm.mu.RUnlock()
	val, ok := sm.data[key]
	return val, ok
}

func (sm *SafeMap) Keys() []string {
	sm.mu.RLock()
	defer sm.mu.RUnlock()
	keys := make([]string, 0, len(sm.data))
	for k := range sm.data {
		keys = append(keys, k)
	}
	return keys
}

func key(w, k int) string { return "w" + strconv.Itoa(w) + "-k" + strconv.Itoa(k) }

func main() {
	var sm SafeMap
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(2)
		go func(w int) { // writer
			defer wg.Done()
			for k := 0; k < 3; k++ {
				sm.Store(key(w, k), w*10+k)
			}
		}(w)
		go func() { // reader: whatever it sees is a whole value or nothing
			defer wg.Done()
			for w2 := 0; w2 < 4; w2++ {
				for k := 0; k < 3; k++ {
					if v, ok := sm.Load(key(w2, k)); ok && v != w2*10+k {
						panic("torn value")
					}
				}
			}
		}()
	}
	wg.Wait()
	keys := sm.Keys()
	sort.Strings(keys)
	for _, k := range keys {
		v, _ := sm.Load(k)
		fmt.Printf("%s=%d\n", k, v)
	}
}
