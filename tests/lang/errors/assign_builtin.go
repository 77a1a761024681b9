package main

func main() {
	int = 1
	len = 2
	main = nil
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./assign_builtin.go:4:2: int (type) is not an expression
// want: ./assign_builtin.go:5:2: len (built-in) must be called
// want: ./assign_builtin.go:6:2: cannot assign to main (value of type func())
