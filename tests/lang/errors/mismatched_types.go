package main

import "fmt"

func main() {
	a := 1
	b := "two"
	fmt.Println(a + b)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./mismatched_types.go:8:14: invalid operation: a + b (mismatched types int and string)
