package main

func main() {
	s := "abc"
	s[0] = 'x'
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// known difference: gostep's types do not remember the alias name byte (prints uint8).
// gc: ./string_index_assign.go:5:2: cannot assign to s[0] (value of type byte)
// want: ./string_index_assign.go:5:2: cannot assign to s[0] (value of type uint8)
