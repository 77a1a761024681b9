package main

func main() {
	s := "x"
	for s {
	}
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./non_bool_for.go:5:6: non-boolean condition in for statement
