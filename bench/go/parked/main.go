// Command parked starts N goroutines (default 1,000,000), each blocked
// receiving from an unbuffered channel, waits until all have started, prints
// "parked N" and returns from main. It is the real-Go counterpart of
// gostep_parked; bench/run.sh measures its peak RSS with /usr/bin/time -f %M.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		v, err := strconv.Atoi(os.Args[1])
		if err != nil || v < 0 {
			fmt.Fprintln(os.Stderr, "usage: parked [N]")
			os.Exit(1)
		}
		n = v
	}
	ch := make(chan int)
	var started sync.WaitGroup
	started.Add(n)
	for i := 0; i < n; i++ {
		go func(ch chan int) {
			started.Done()
			<-ch // blocks forever
		}(ch)
	}
	started.Wait()
	// Every goroutine has passed Done; give the last ones time to reach the
	// receive and park.
	time.Sleep(100 * time.Millisecond)
	fmt.Println("parked", n)
}
