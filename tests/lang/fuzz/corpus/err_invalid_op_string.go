package main

func main() {
	s := "a"
	_ = s * 2
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./invalid_op_string.go:5:6: invalid operation: s * 2 (mismatched types string and untyped int)
