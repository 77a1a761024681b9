package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hi")
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./unused_import.go:5:2: imported and not used: "os"
