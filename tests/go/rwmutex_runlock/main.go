// sync: RUnlock of unlocked RWMutex, from a goroutine; main waits.
package main

import "sync"

func main() {
	var rw sync.RWMutex
	block := make(chan int)
	go func() { //@go
		rw.RUnlock() //@runlock
	}()
	<-block //@main
}
