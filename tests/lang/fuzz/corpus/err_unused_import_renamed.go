package main

import (
	"fmt"
	str "strings"
)

func main() {
	fmt.Println("hi")
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./unused_import_renamed.go:5:2: imported and not used: "strings" as str
