// caps.go — append's capacity growth (growslice and roundupsize) for
// element sizes around the size classes.
package main

import "fmt"

type s3 struct{ a, b, c byte }
type p2 struct {
	p *int
	n int
}

func main() {
	var i64 []int64
	var i32 []int32
	var b []byte
	var st []string
	var s []s3
	var p []p2
	var f []float64
	for i := 0; i < 40; i++ {
		i64 = append(i64, 1)
		i32 = append(i32, 1)
		b = append(b, 1)
		st = append(st, "x")
		s = append(s, s3{})
		p = append(p, p2{})
		f = append(f, 1)
		fmt.Println(i, cap(i64), cap(i32), cap(b), cap(st), cap(s), cap(p), cap(f))
	}
	big := make([]int, 0)
	last := -1
	for i := 0; i < 5000; i++ {
		big = append(big, i)
		if cap(big) != last {
			last = cap(big)
			fmt.Print(last, " ")
		}
	}
	fmt.Println()
	x := append([]byte("hello"), " world"...)
	fmt.Println(len(x), cap(x))
}
