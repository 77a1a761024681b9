package main

func main() {
	go 1
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// known difference: gostep stops after any parse error; gc type-checks on after parse errors that are not "syntax error"s.
// gc: ./go_not_call.go:4:5: expression in go must be function call
// gc: ./go_not_call.go:4:5: invalid operation: cannot call non-function 1 (untyped int constant)
// want: ./go_not_call.go:4:5: expression in go must be function call
