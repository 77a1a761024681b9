// The fixed form of cond_if_wait.go: each consumer waits in a loop and
// re-checks that the queue is not empty after every wake-up, as
// sync/cond.go's documentation prescribes. Every interleaving gives both
// items to the consumers: the sum is always 3.
// gostep: versions=1.19-1.23 gomaxprocs=2
// want: never fails in 500 runs
// out: 3
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	var queue []int
	var wg sync.WaitGroup
	got := make([]int, 2)
	for c := 0; c < 2; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			mu.Lock()
			for len(queue) == 0 {
				cond.Wait()
			}
			got[c] = queue[0]
			queue = queue[1:]
			mu.Unlock()
		}(c)
	}
	for i := 1; i <= 2; i++ {
		mu.Lock()
		queue = append(queue, i)
		mu.Unlock()
		cond.Broadcast()
	}
	wg.Wait()
	fmt.Println(got[0] + got[1])
}
