package main

func main() {
	_ = a1
	_ = a2
	_ = a3
	_ = a4
	_ = a5
	_ = a6
	_ = a7
	_ = a8
	_ = a9
	_ = a10
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./ten_errors.go:4:6: undefined: a1
// want: ./ten_errors.go:5:6: undefined: a2
// want: ./ten_errors.go:6:6: undefined: a3
// want: ./ten_errors.go:7:6: undefined: a4
// want: ./ten_errors.go:8:6: undefined: a5
// want: ./ten_errors.go:9:6: undefined: a6
// want: ./ten_errors.go:10:6: undefined: a7
// want: ./ten_errors.go:11:6: undefined: a8
// want: ./ten_errors.go:12:6: undefined: a9
// want: ./ten_errors.go:13:6: undefined: a10
// want: ./ten_errors.go:13:6: too many errors
