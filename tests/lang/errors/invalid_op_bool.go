package main

func main() {
	b := true
	_ = -b
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./invalid_op_bool.go:5:7: invalid operation: operator - not defined on b (variable of type bool)
