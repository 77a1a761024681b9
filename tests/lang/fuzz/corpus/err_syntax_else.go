package main

func main() {
	x := true
	if x {
	} else for {
	}
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./syntax_else.go:6:9: syntax error: else must be followed by if or statement block
