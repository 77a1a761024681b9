package main

func add(a, b int) int { return a + b }

func main() {
	_ = add(1)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./not_enough_args.go:6:10: not enough arguments in call to add
// want: 	have (number)
// want: 	want (int, int)
