package main
func f(a int, string) {}
type T struct { a int, }
x := 1
