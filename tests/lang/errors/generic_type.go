package main

type Stack[T any] struct {
	items []T
}

func main() {
	var s Stack[int]
	s.items = append(s.items, 1)
	println(len(s.items))
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// gostep-only: go1.19 compiles this program; gostep rejects generics.
// want: ./generic_type.go:3:12: gostep: generic types are not supported by gostep
