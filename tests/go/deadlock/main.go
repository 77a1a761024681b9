// Deadlock: main blocks on a channel receive while every other goroutine is
// blocked in a different primitive. Run at GOMAXPROCS=1: main starts all the
// goroutines, then blocks; the last one started runs first (runnext), the
// others in creation order. The "//@name" markers give the C++ mirror
// (tests/runtime/go_diff_test.cc) its line numbers.
package main

import "sync"

func main() {
	var mu, onceMu sync.Mutex
	var rw1, rw2 sync.RWMutex
	var wg sync.WaitGroup
	var once sync.Once
	a := make(chan int)
	b := make(chan int)
	var nilch chan int
	unbuf := make(chan int)

	mu.Lock()
	go func() { mu.Lock() }() //@mutex
	rw1.Lock()
	go func() { rw1.RLock() }() //@rlock
	rw2.RLock()
	go func() { rw2.Lock() }() //@wlock_readers
	go func() { rw2.Lock() }() //@wlock_writer
	wg.Add(1)
	go func() { wg.Wait() }() //@wait
	go func() {               //@select_go
		select { //@select
		case <-a:
		case <-b:
		}
	}()
	go func() { select {} }()  //@select_none
	go func() { nilch <- 1 }() //@send_nil
	go func() { <-nilch }()    //@recv_nil
	go func() { unbuf <- 1 }() //@send
	onceMu.Lock()
	go func() { //@once_holder_go
		once.Do(func() { //@once_holder_do
			onceMu.Lock() //@once_holder_lock
		})
	}()
	go func() { once.Do(func() {}) }() //@once_waiter
	go func() { <-b }()                //@recv
	<-a                                //@main
}
