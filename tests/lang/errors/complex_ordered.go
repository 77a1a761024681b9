package main

func main() {
	c, d := 1+2i, 3i
	_ = c < d
	_ = complex64(c) >= 1
	const k = 1i > 2i
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./complex_ordered.go:5:6: invalid operation: c < d (operator < not defined on complex128)
// want: ./complex_ordered.go:6:6: invalid operation: complex64(c) >= 1 (operator >= not defined on complex64)
// want: ./complex_ordered.go:7:12: invalid operation: 1i > 2i (operator > not defined on untyped complex)
