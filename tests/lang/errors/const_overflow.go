package main

func main() {
	var b byte = 300
	_ = b
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// known difference: gostep's types do not remember the alias name byte (prints uint8).
// gc: ./const_overflow.go:4:15: cannot use 300 (untyped int constant) as byte value in variable declaration (overflows)
// want: ./const_overflow.go:4:15: cannot use 300 (untyped int constant) as uint8 value in variable declaration (overflows)
