package main

import "sync"

func main() {
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./mutex_value_unused.go:8:2: mu.Unlock (value of type func()) is not used
