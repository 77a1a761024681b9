package main

func main() {
	n := 3
	if n {
	}
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./non_bool_cond.go:5:5: non-boolean condition in if statement
