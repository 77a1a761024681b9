// sync: Unlock of unlocked RWMutex, from main; another goroutine waits.
package main

import "sync"

func main() {
	var rw sync.RWMutex
	block := make(chan int)
	go func() { <-block }() //@go
	rw.Unlock()             //@unlock
}
