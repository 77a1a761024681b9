package main

import (
	"fmt"
	"runtime"
	"strconv"
)

type Node struct {
	Val         int
	Left, Right *Node
}

func (n *Node) Insert(v int) *Node {
	if n == nil {
		return &Node{Val: v}
	}
	if v < n.Val {
		n.Left = n.Left.Insert(v)
	} else {
		n.Right = n.Right.Insert(v)
	}
	return n
}

func (n *Node) Walk(f func(int)) {
	if n == nil {
		return
	}
	n.Left.Walk(f)
	f(n.Val)
	n.Right.Walk(f)
}

type Matrix [][]float64

func NewMatrix(r, c int) Matrix {
	m := make(Matrix, r)
	for i := range m {
		m[i] = make([]float64, c)
	}
	return m
}

func (m Matrix) Mul(o Matrix) Matrix {
	res := NewMatrix(len(m), len(o[0]))
	for i := range m {
		for j := range o[0] {
			for k := range o {
				res[i][j] += m[i][k] * o[k][j]
			}
		}
	}
	return res
}

func fibMemo() func(int) int {
	memo := map[int]int{}
	var f func(int) int
	f = func(n int) int {
		if n < 2 {
			return n
		}
		if v, ok := memo[n]; ok {
			return v
		}
		memo[n] = f(n-1) + f(n-2)
		return memo[n]
	}
	return f
}

func main() {
	var root *Node
	for _, v := range []int{5, 3, 8, 1, 4, 9, 7} {
		root = root.Insert(v)
	}
	var out []string
	root.Walk(func(v int) { out = append(out, strconv.Itoa(v)) })
	fmt.Println(out)
	a := Matrix{{1, 2}, {3, 4}}
	fmt.Println(a.Mul(a))
	fmt.Println(fibMemo()(80))
	m := make(map[int]string)
	for i := 0; i < 1000; i++ {
		m[i] = strconv.Itoa(i * 2)
	}
	for i := 0; i < 1000; i += 2 {
		delete(m, i)
	}
	runtime.GC()
	fmt.Println(len(m), m[999], m[998] == "")
	words := map[string]int{}
	for _, w := range []string{"a", "b", "a", "c", "b", "a"} {
		words[w]++
	}
	fmt.Println(words)
	keys := make([]int, 0)
	nan := map[float64]int{}
	nanv := 0.0
	nanv = nanv / nanv
	nan[nanv] = 1
	nan[nanv] = 2
	fmt.Println(len(nan), nan[nanv], len(keys))
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		var e error
		if err, ok := r.(error); ok {
			e = err
		}
		fmt.Println(e)
	}()
	var arr []int
	_ = arr[3]
}
