package main

func main() {
	var a, b int
	a, b = 1
	_, _ = a, b
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./assign_count.go:5:9: assignment mismatch: 2 variables but 1 value
