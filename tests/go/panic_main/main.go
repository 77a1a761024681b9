// A user panic in main; the goroutine it started is still [runnable] (shown
// from GOTRACEBACK=all).
package main

func main() {
	block := make(chan int)
	go func() { <-block }() //@go
	panic("boom")           //@panic
}
