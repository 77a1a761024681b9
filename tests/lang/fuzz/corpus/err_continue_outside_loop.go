package main

func main() {
	if true {
		continue
	}
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./continue_outside_loop.go:5:3: continue is not in a loop
