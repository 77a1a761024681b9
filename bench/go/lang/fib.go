// fib.go — recursive fib(30): calls, integer arithmetic, returns.
// Run as is by gostep (bench/lang_bench.cc, BM_Lang/fib) and compiled by Go
// 1.19 with harness.go (bench/run.sh); both sides run this file unchanged.
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	fmt.Println(fib(30))
}
