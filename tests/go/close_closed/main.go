// close of closed channel, from main. The goroutine it started never runs:
// GOTRACEBACK=all shows it as [runnable], at its function's first line.
package main

func main() {
	ch := make(chan int)
	done := make(chan int)
	go func() { <-done }() //@go
	close(ch)
	close(ch) //@close
}
