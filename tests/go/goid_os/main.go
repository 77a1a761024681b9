// Importing os (as fmt and most programs do) runs os's init, whose
// runtime.SetFinalizer call starts the finalizer goroutine (runfinq) as
// goroutine 5: user goroutines are numbered from 6. Otherwise the same
// deadlock as a program without the import.
package main

import _ "os"

func main() {
	block := make(chan int)
	go func() { <-block }() //@go
	<-block                 //@main
}
