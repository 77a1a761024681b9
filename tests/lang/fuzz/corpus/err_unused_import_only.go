package main

import "sync"

func main() {
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./unused_import_only.go:3:8: imported and not used: "sync"
