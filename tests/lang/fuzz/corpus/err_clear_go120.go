package main

func main() {
	m := map[int]int{1: 1}
	clear(m)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// version: 1.20
// note: clear is a builtin from go1.21; the message is go1.19's (same on 1.20).
// want: ./clear_go120.go:5:2: undefined: clear
