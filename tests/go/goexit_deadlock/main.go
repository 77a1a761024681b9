// main calls runtime.Goexit while another goroutine is blocked: a deadlock
// whose dump has no goroutine 1 (it is dead).
package main

import "runtime"

func main() {
	block := make(chan int)
	go func() { <-block }() //@go
	runtime.Goexit()
}
