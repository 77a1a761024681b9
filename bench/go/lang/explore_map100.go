// explore_map100.go — the exploration-throughput scenario of bench/run.sh:
// two goroutines each write 100 keys into one shared map under a
// sync.Mutex, so every schedule ends with exit 0 (no race, no fatal error);
// main waits for both on a sync.WaitGroup.
// gostep: gomaxprocs=2
// want: exit 0
// out: 200
package main

import (
	"fmt"
	"sync"
)

func main() {
	m := make(map[int]int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				mu.Lock()
				m[g*100+i] = i
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
	fmt.Println(len(m))
}
