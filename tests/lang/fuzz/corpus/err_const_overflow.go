package main

func main() {
	var b byte = 300
	_ = b
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./const_overflow.go:4:15: cannot use 300 (untyped int constant) as byte value in variable declaration (overflows)
