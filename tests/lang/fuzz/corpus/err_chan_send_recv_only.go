package main

func main() {
	ch := make(<-chan int)
	ch <- 1
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./chan_send_recv_only.go:5:2: invalid operation: cannot send to receive-only channel ch (variable of type <-chan int)
