package main

func main() {
	panic
	int
	len
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./expr_stmt_not_value.go:4:2: panic (built-in) must be called
// want: ./expr_stmt_not_value.go:5:2: int (type) is not an expression
// want: ./expr_stmt_not_value.go:6:2: len (built-in) must be called
