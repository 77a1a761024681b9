// methods.go — methods promoted from embedded interfaces, method
// expressions whose receiver is not the method's own ((*T).M of a value
// method, promoted methods, interface methods I.M).
package main

import "fmt"

type I interface{ Sum(...int) int }

type U struct{ n int }

func (u *U) Sum(xs ...int) int { return len(xs) + u.n }

type W struct{ I }

type T []int

func (t T) Len() int { return len(t) }

type Outer struct {
	T
	name string
}

type Lener interface{ Len() int }

func main() {
	u := U{1}
	var s struct{ I }
	s.I = &u
	fmt.Println(s.I.Sum(1, 2), s.Sum(1, 2))
	w := W{&u}
	fmt.Println(w.Sum(1))
	var i I = w
	fmt.Println(i.Sum(), i.Sum(1, 2, 3))
	t := T{1, 2, 3}
	fmt.Println(T.Len(t), (*T).Len(&t))
	o := Outer{T{1}, "o"}
	fmt.Println(Outer.Len(o), (*Outer).Len(&o))
	f := Lener.Len
	fmt.Println(f(t), f(o))
	g := I.Sum
	fmt.Println(g(&u, 5, 6), g(w))
	sum := (*U).Sum
	fmt.Println(sum(&U{10}, 1))
	defer func() { fmt.Println("recovered:", recover()) }()
	var nilI I
	fmt.Println(g(nilI))
}
