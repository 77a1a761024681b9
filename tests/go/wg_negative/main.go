// sync: negative WaitGroup counter, via Done, from a goroutine; main waits.
package main

import "sync"

func main() {
	var wg sync.WaitGroup
	block := make(chan int)
	go func() { //@go
		wg.Done() //@done
	}()
	<-block //@main
}
