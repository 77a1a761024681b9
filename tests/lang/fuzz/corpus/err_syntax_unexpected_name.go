package main

func main() {
	var a int
	a b
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./syntax_unexpected_name.go:5:4: syntax error: unexpected b at end of statement
