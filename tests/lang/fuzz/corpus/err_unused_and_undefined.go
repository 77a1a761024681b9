package main

import "os"

func main() {
	y := 2
	_ = z
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./unused_and_undefined.go:3:8: imported and not used: "os"
// want: ./unused_and_undefined.go:6:2: y declared but not used
// want: ./unused_and_undefined.go:7:6: undefined: z
