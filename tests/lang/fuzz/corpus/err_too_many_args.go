package main

func add(a, b int) int { return a + b }

func main() {
	_ = add(1, 2, 3)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./too_many_args.go:6:16: too many arguments in call to add
// want: 	have (number, number, number)
// want: 	want (int, int)
