package main

import "fmt"

func main() {
	fmt.Println(y)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./undefined_name.go:6:14: undefined: y
