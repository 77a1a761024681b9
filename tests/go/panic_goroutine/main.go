// A user panic in a goroutine while main waits (the default GOTRACEBACK shows
// only the panicking goroutine; all shows main too).
package main

func main() {
	block := make(chan int)
	go func() { //@go
		panic("boom") //@panic
	}()
	<-block //@main
}
