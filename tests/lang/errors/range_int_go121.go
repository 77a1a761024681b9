package main

import "fmt"

func main() {
	for i := range 10 {
		fmt.Println(i)
	}
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// version: 1.21
// note: range over int is go1.22; the message is go1.19's (same through 1.21).
// want: ./range_int_go121.go:6:17: cannot range over 10 (untyped int constant)
