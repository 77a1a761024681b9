package main

func main() {
	var c complex128
	var c64 complex64
	var f float64
	_ = c % 2
	_ = ^c
	_ = c << 1
	_ = c & c
	_ = c + c64
	_ = complex128(f)
	_ = complex(1, 2) % 2
	_ = c == "s"
}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./complex_ops.go:7:6: invalid operation: operator % not defined on c (variable of type complex128)
// want: ./complex_ops.go:8:7: invalid operation: operator ^ not defined on c (variable of type complex128)
// want: ./complex_ops.go:9:6: invalid operation: shifted operand c (variable of type complex128) must be integer
// want: ./complex_ops.go:10:6: invalid operation: operator & not defined on c (variable of type complex128)
// want: ./complex_ops.go:11:6: invalid operation: c + c64 (mismatched types complex128 and complex64)
// want: ./complex_ops.go:12:17: cannot convert f (variable of type float64) to type complex128
// want: ./complex_ops.go:13:6: invalid operation: operator % not defined on complex(1, 2) (untyped complex constant (1 + 2i))
// want: ./complex_ops.go:14:11: invalid operation: c == "s" (mismatched types complex128 and untyped string)
