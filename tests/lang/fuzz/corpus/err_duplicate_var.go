package main

func main() {
	var x int
	var x string
	_ = x
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./duplicate_var.go:5:6: x redeclared in this block
// want: 	./duplicate_var.go:4:6: other declaration of x
