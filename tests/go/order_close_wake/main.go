// Run order at GOMAXPROCS=1: close(ch) readies its receivers W1 W2 W3 (queued
// in that order) through a LIFO list, each goready putting the G in runnext:
// they run as W1 W3 W2 once main blocks.
package main

import "sync"

func main() {
	var wg sync.WaitGroup
	ch := make(chan int)
	started := make(chan int)
	for _, name := range []string{"W1", "W2", "W3"} {
		name := name
		wg.Add(1)
		go func() {
			started <- 1
			<-ch
			println(name)
			wg.Done()
		}()
		<-started // W1 blocks on ch before W2 starts
	}
	close(ch)
	println("closed")
	wg.Wait()
	println("main")
}
