package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(name, "->", r)
		}
	}()
	f()
	fmt.Println(name, "-> ok")
}

func main() {
	n := -1
	try("make negative len", func() { _ = make([]int, n) })
	big := uint64(1) << 59
	try("make over maxAlloc", func() { _ = make([]int, big) })
	try("make cap < len", func() { _ = make([]int, 3, n+2) })
	var p *[4]int
	count := 0
	for i := range p {
		count += i
	}
	fmt.Println("indices of a nil *[4]int:", count)
	try("values of a nil *[4]int", func() {
		for _, v := range p {
			count += v
		}
	})
	var m map[string]int
	fmt.Println(m["x"], len(m))
	try("write to a nil map", func() { m["x"] = 1 })
	s := []int{1, 2, 3}
	k := 5
	try("index out of range", func() { _ = s[k] })
	try("slice out of range", func() { _ = s[1:k] })
	var i interface{} = 3
	try("bad assertion", func() { _ = i.(string) })
}
