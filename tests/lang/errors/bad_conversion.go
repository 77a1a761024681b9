package main

func main() {
	s := "12"
	_ = int(s)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./bad_conversion.go:5:10: cannot convert s (variable of type string) to type int
