package main

x := 1

func main() {}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./syntax_outside_func.go:3:1: syntax error: non-declaration statement outside function body
