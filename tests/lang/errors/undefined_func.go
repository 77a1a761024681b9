package main

func main() {
	doWork(1, 2)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./undefined_func.go:4:2: undefined: doWork
