// close of nil channel, from a goroutine other than main.
package main

func main() {
	block := make(chan int)
	go func() { //@go
		var ch chan int
		close(ch) //@close
	}()
	<-block //@main
}
