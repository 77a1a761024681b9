package main

func main() {
	go 1
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./go_not_call.go:4:5: expression in go must be function call
// want: ./go_not_call.go:4:5: invalid operation: cannot call non-function 1 (untyped int constant)
