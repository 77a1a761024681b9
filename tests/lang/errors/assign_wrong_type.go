package main

import "fmt"

func main() {
	var n int
	n = "hello"
	fmt.Println(n)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./assign_wrong_type.go:7:6: cannot use "hello" (untyped string constant) as int value in assignment
