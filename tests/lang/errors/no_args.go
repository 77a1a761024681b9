package main

import "strings"

func add(a int, b ...string) int { return a }

func main() {
	_ = add()
	_ = strings.Repeat("x")
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./no_args.go:8:6: not enough arguments in call to add
// want: 	have ()
// want: 	want (int, ...string)
// want: ./no_args.go:9:21: not enough arguments in call to strings.Repeat
// want: 	have (string)
// want: 	want (string, int)
