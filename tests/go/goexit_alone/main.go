// main calls runtime.Goexit with no other user goroutine:
// "no goroutines (main called runtime.Goexit) - deadlock!", no dump.
package main

import "runtime"

func main() {
	runtime.Goexit()
}
