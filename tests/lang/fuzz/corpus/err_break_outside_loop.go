package main

func main() {
	break
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./break_outside_loop.go:4:2: break is not in a loop, switch, or select
