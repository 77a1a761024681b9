package main

func f() int {
	return 1, 2
}

func main() { _ = f() }

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./return_count.go:4:12: too many return values
// want: 	have (number, number)
// want: 	want (int)
