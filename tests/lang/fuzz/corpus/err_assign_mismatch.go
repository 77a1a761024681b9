package main

func two() (int, int) { return 1, 2 }

func main() {
	a, b, c := two()
	_, _, _ = a, b, c
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./assign_mismatch.go:6:13: assignment mismatch: 3 variables but two returns 2 values
