package main

func main() {
	x := f(1
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./syntax_missing_paren.go:4:10: syntax error: unexpected newline in argument list; possibly missing comma or )
