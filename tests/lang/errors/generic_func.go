package main

import "fmt"

func Map[T any](xs []T) []T { return xs }

func main() {
	fmt.Println(Map([]int{1}))
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// gostep-only: go1.19 compiles this program; gostep rejects generics.
// want: ./generic_func.go:5:10: gostep: generic functions are not supported by gostep
