// Run order at GOMAXPROCS=1: goroutines blocked in Mutex.Lock are woken in
// FIFO order (semaphore queue), one per Unlock: W1 W2 W3.
package main

import "sync"

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	started := make(chan int)
	mu.Lock()
	for _, name := range []string{"W1", "W2", "W3"} {
		name := name
		wg.Add(1)
		go func() {
			started <- 1
			mu.Lock()
			println(name)
			mu.Unlock()
			wg.Done()
		}()
		<-started // the goroutine blocks in Lock before the next one starts
	}
	println("unlock")
	mu.Unlock()
	wg.Wait()
	println("main")
}
