package main

func f(x int) int {
	if x > 0 {
		return 1
	}
}

func main() { _ = f(1) }

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./missing_return.go:7:1: missing return
