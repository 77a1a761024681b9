// sync: unlock of unlocked mutex. A fatal error (go1.19+): every user
// goroutine is dumped, the current one first, even at the default level.
package main

import "sync"

func main() {
	var mu sync.Mutex
	block := make(chan int)
	go func() { <-block }() //@go
	mu.Unlock()             //@unlock
}
