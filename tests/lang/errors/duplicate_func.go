package main

func f() {}

func f() {}

func main() { f() }

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./duplicate_func.go:5:6: f redeclared in this block
// want: 	./duplicate_func.go:3:6: other declaration of f
