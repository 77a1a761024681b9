// pingpong.go — 100k round trips between two goroutines on two unbuffered
// channels. Run as is by gostep (bench/lang_bench.cc, BM_Lang/pingpong) and
// compiled by Go 1.19 with harness.go (bench/run.sh).
package main

import "fmt"

func main() {
	const n = 100000
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < n; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	<-pong
	fmt.Println(sum)
}
