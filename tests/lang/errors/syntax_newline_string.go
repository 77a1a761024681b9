package main

import "fmt"

func main() {
	fmt.Println("abc)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./syntax_newline_string.go:6:19: newline in string
// want: ./syntax_newline_string.go:6:19: syntax error: unexpected newline in argument list; possibly missing comma or )
