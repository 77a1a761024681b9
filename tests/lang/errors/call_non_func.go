package main

func main() {
	x := 5
	x()
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./call_non_func.go:5:2: invalid operation: cannot call non-function x (variable of type int)
