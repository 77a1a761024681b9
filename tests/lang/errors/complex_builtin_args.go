package main

func main() {
	var f float64
	var g float32
	var i int
	_ = real(f)
	_ = imag("s")
	_ = complex(f, g)
	_ = complex(i, i)
	_ = complex(1, 2i)
	_ = real(1i, 2i)
	_ = complex(1)
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./complex_builtin_args.go:7:11: invalid argument: argument has type float64, expected complex type
// want: ./complex_builtin_args.go:8:11: invalid argument: argument has type untyped string, expected complex type
// want: ./complex_builtin_args.go:9:14: invalid operation: complex(f, g) (mismatched types float64 and float32)
// want: ./complex_builtin_args.go:10:14: invalid argument: arguments have type int, expected floating-point
// want: ./complex_builtin_args.go:11:14: invalid operation: complex(1, 2i) (mismatched types untyped float and untyped complex)
// want: ./complex_builtin_args.go:12:6: invalid operation: too many arguments for real(1i, 2i) (expected 1, found 2)
// want: ./complex_builtin_args.go:13:6: invalid operation: not enough arguments for complex(1) (expected 2, found 1)
