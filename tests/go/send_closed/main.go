// send on closed channel, from main.
package main

func main() {
	ch := make(chan int, 1)
	close(ch)
	ch <- 1 //@send
}
