// Run order at GOMAXPROCS=1: the last Done readies the Wait-ers W1 W2 W3 in
// semaphore FIFO order, each into runnext: they run as W3 W1 W2.
package main

import "sync"

func main() {
	var wg, all sync.WaitGroup
	wg.Add(1)
	started := make(chan int)
	for _, name := range []string{"W1", "W2", "W3"} {
		name := name
		all.Add(1)
		go func() {
			started <- 1
			wg.Wait()
			println(name)
			all.Done()
		}()
		<-started
	}
	wg.Done()
	println("done")
	all.Wait()
	println("main")
}
