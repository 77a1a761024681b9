// multi_calls.go — f(g()) with a multi-valued g: into fixed parameters,
// into variadic ones (fmt.Println, a user ...any, a ...int with fixed
// parameters first), and results converted to the parameter types.
package main

import (
	"errors"
	"fmt"
	"strconv"
)

func two() (int, string)          { return 1, "a" }
func three() (string, int, error) { return "%d-%v\n", 7, errors.New("e") }
func pair() (int, int)            { return 3, 4 }
func none() (int, error)          { return strconv.Atoi("x") }
func add(a, b int) int            { return a + b }
func sum(base int, xs ...int) int {
	for _, x := range xs {
		base += x
	}
	return base
}
func describe(xs ...any) string          { return fmt.Sprint(len(xs), xs) }
func first(s string, rest ...any) string { return s + fmt.Sprint(rest...) }

func main() {
	fmt.Println(two())
	fmt.Printf(three())
	fmt.Println(add(pair()))
	fmt.Println(sum(pair()))
	fmt.Println(describe(two()))
	fmt.Println(describe(pair()))
	fmt.Println(first(three()))
	fmt.Println(none())
	fmt.Print(two())
	fmt.Println()
	s := fmt.Sprintln(pair())
	fmt.Print(s)
}
