package main

var x = f()

func f() int { return y }

var y = g()

func g() int { return x }

type T struct{}

func (T) M() int { return z }

var z = T{}.M()

var self = func() int { return self }()

func main() {}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// note: types2 reportCycle with gc's wording ("initialization loop"); each
// note: object on the way round is printed at its declaration.
// want: ./init_cycle.go:3:5: initialization loop for x
// want: 	./init_cycle.go:3:5: x refers to
// want: 	./init_cycle.go:5:6: f refers to
// want: 	./init_cycle.go:7:5: y refers to
// want: 	./init_cycle.go:9:6: g refers to
// want: 	./init_cycle.go:3:5: x
// want: ./init_cycle.go:15:5: initialization loop for z
// want: 	./init_cycle.go:15:5: z refers to
// want: 	./init_cycle.go:13:10: M refers to
// want: 	./init_cycle.go:15:5: z
// want: ./init_cycle.go:17:5: initialization loop for self
// want: 	./init_cycle.go:17:5: self refers to
// want: 	./init_cycle.go:17:5: self
