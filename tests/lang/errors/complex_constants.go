package main

func main() {
	var f float64 = 1 + 2i
	var i int = 1 + 0.5i
	var j int = complex(1, 2)
	var c64 complex64 = 1e300i
	_ = float64(1 - 2i)
	const k complex64 = 1e38
	_ = k * 10
	_ = f + 1i
	_ = 1i / 0
	_, _, _ = i, j, c64
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./complex_constants.go:4:18: cannot use 1 + 2i (untyped complex constant (1 + 2i)) as float64 value in variable declaration (overflows)
// want: ./complex_constants.go:5:14: cannot use 1 + 0.5i (untyped complex constant (1 + 0.5i)) as int value in variable declaration (truncated)
// want: ./complex_constants.go:6:14: cannot use complex(1, 2) (untyped complex constant (1 + 2i)) as int value in variable declaration (truncated)
// want: ./complex_constants.go:7:22: cannot use 1e300i (untyped complex constant (0 + 1e+300i)) as complex64 value in variable declaration (overflows)
// want: ./complex_constants.go:8:14: cannot convert 1 - 2i (untyped complex constant (1 + -2i)) to type float64
// want: ./complex_constants.go:10:6: k * 10 (constant (1e+39 + 0i) of type complex64) overflows complex64
// want: ./complex_constants.go:11:10: 1i (untyped complex constant (0 + 1i)) overflows float64
// want: ./complex_constants.go:12:11: invalid operation: division by zero
