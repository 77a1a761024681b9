package main

import "fmt"

type Animal interface{ Sound() string }

type Base struct{ Name string }

func (b Base) Hello() string { return "hi " + b.Name }

type Dog struct {
	Base
	Age int
}

func (d *Dog) Sound() string { return "woof" }

type Color int

const (
	Red Color = iota
	Green
	Blue
)

func (c Color) String() string { return [...]string{"R", "G", "B"}[c] }

func deferOrder() (s string) {
	for i := 0; i < 3; i++ {
		defer func(k int) { s += fmt.Sprint(k) }(i)
	}
	return "x"
}

func classify(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int:
		return fmt.Sprintf("int %d", x)
	case string, []byte:
		return fmt.Sprintf("text %v", x)
	case fmt.Stringer:
		return "stringer " + x.String()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func main() {
	d := &Dog{Base{"rex"}, 3}
	var a Animal = d
	fmt.Println(d.Hello(), a.Sound(), d.Name, Green, Blue+0, []Color{Red, Blue})
	fmt.Println(deferOrder())
	fmt.Println(classify(nil), classify(3), classify("s"), classify(Red), classify(2.5))
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	switch x := 2; x {
	case 1:
		fmt.Println("one")
	case 2:
		fmt.Println("two")
		fallthrough
	case 3:
		fmt.Println("three")
	default:
		fmt.Println("dflt")
	}
	for i, r := range "héllo, 世界" {
		fmt.Print(i, ":", string(r), " ")
	}
	fmt.Println(len("世界"), []byte("hé"), []rune("hé"), string([]byte{104, 105}))
	arr := [3]int{1, 2, 3}
	brr := arr
	brr[0] = 9
	s := arr[:]
	s2 := append(s[:1], 7)
	fmt.Println(arr, brr, s, s2, len(s2), cap(s2))
	type P struct{ X, Y int }
	fmt.Println(P{1, 2} == P{1, 2}, P{1, 2} == P{2, 1}, &P{3, 4})
	var i8 int8 = 127
	i8++
	var u8 uint8 = 0
	u8--
	fmt.Println(i8, u8, 1<<10, -7/2, -7%2, 7>>1, ^0)
	ch := make(chan int)
	out := make(chan int)
	go func() {
		for v := range ch {
			out <- v * v
		}
		close(out)
	}()
	go func() {
		for i := 1; i <= 4; i++ {
			ch <- i
		}
		close(ch)
	}()
	sum := 0
	for v := range out {
		sum += v
	}
	fmt.Println("sum", sum)
	select {
	case v := <-ch:
		fmt.Println("closed recv", v)
	default:
		fmt.Println("default")
	}
	ps := map[string]*P{"a": {1, 1}}
	ps["a"].X = 5
	fmt.Println(ps["a"].X, *ps["a"])
	fns := map[string]func(int) int{"sq": func(x int) int { return x * x }}
	fmt.Println(fns["sq"](7))
	var e error
	fmt.Println(e == nil, e)
	fmt.Printf("%v %d %s %08.3f %e %g\n", []interface{}{1, "a", nil}, []int{1, 2}, []string{"x", "y"}, 3.14159, 123456.789, 1e-7)
}
