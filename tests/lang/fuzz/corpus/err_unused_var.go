package main

func main() {
	x := 1
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./unused_var.go:4:2: x declared but not used
