// The classic sync.Cond mistake: waiting with `if` instead of `for`. Two
// consumers wait for items; the producer appends one item and Broadcasts.
// Both consumers wake, each re-locks the mutex, and each takes queue[0]
// without re-checking the condition: the second one finds the queue empty
// (or takes an item meant for nobody yet), and indexes an empty slice.
// sync/cond.go's documentation says why: "Because c.L is not locked while
// Wait is waiting, the caller typically cannot assume that the condition is
// true when Wait returns. Instead, the caller should Wait in a loop."
//
// Whether it fails depends on the order in which the woken consumers and
// the producer's next append acquire the mutex, so a single `go run` may
// well pass (gorun=no); exploration finds the failing interleaving. The
// fixed program (cond_for_wait.go) never fails.
// gostep: versions=1.19-1.23 gomaxprocs=2 gorun=no
// want: explore finds panic: runtime error: index out of range [0] with length 0 within 2000 runs
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
			if len(queue) == 0 { // BUG: the condition must be re-checked in a loop
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
