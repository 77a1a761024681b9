package main

type point struct{ x, y int }

func main() {
	p := point{1, 2}
	_ = p.z
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./undefined_field.go:7:8: p.z undefined (type point has no field or method z)
