// The Go program that tools/demo.cc mirrors (run it with `go run demo.go`).
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	jobs := make(chan int, 4)
	results := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for j := range jobs {
				mu.Lock()
				total += j
				mu.Unlock()
				runtime.Gosched()
				results <- j * j
			}
		}(w)
	}
	go func() {
		for i := 1; i <= 6; i++ {
			jobs <- i
		}
		close(jobs)
	}()
	go func() { wg.Wait(); close(results) }()
	tick := time.NewTicker(50 * time.Microsecond)
	defer tick.Stop()
	timeout := time.After(time.Second)
	sum, ticks := 0, 0
	for done := false; !done; {
		select {
		case r, ok := <-results:
			if !ok {
				done = true
				break
			}
			sum += r
		case <-tick.C:
			ticks++
		case <-timeout:
			fmt.Println("timeout")
			return
		}
	}
	fmt.Printf("sum of squares %d, total %d\n", sum, total)
}
