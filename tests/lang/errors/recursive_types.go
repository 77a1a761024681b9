package main

type A struct{ a A }

type T0 T0

type B struct{ c C }
type C struct{ b [2]B }

type X Y
type Y Z
type Z Y

type L struct{ next *L }

type T1 struct{ T1 }
type _ map[T1]int

func (a A) bar() {}

func foo() { new(A).bar() }

func main() {}

// ---- expected diagnostics (format: tests/lang/errors/README.md) ----
// want: ./recursive_types.go:3:6: invalid recursive type A
// want: 	./recursive_types.go:3:6: A refers to
// want: 	./recursive_types.go:3:6: A
// want: ./recursive_types.go:5:6: invalid recursive type T0
// want: 	./recursive_types.go:5:6: T0 refers to
// want: 	./recursive_types.go:5:6: T0
// want: ./recursive_types.go:7:6: invalid recursive type B
// want: 	./recursive_types.go:7:6: B refers to
// want: 	./recursive_types.go:8:6: C refers to
// want: 	./recursive_types.go:7:6: B
// want: ./recursive_types.go:11:6: invalid recursive type Y
// want: 	./recursive_types.go:11:6: Y refers to
// want: 	./recursive_types.go:12:6: Z refers to
// want: 	./recursive_types.go:11:6: Y
// want: ./recursive_types.go:16:6: invalid recursive type T1
// want: 	./recursive_types.go:16:6: T1 refers to
// want: 	./recursive_types.go:16:6: T1
