// defer_args.go — go and defer of builtin and std calls evaluate their
// arguments at the statement (spec, Defer statements and Go statements).
package main

import (
	"fmt"
	"sync"
)

type pt struct{ x, y int }

func deferred() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("defer", i, i*i, i < 2)
	}
	p := pt{1, 2}
	defer fmt.Printf("%v %d\n", p, p.x)
	p.x = 100
	s := []int{1}
	defer println("println", len(s), s[0])
	s = append(s, 2)
	s[0] = 9
	m := map[string]int{"a": 1}
	k := "a"
	defer delete(m, k)
	k = "b"
	defer func() { fmt.Println("m", m) }()
}

func main() {
	deferred()
	var wg sync.WaitGroup
	var mu sync.Mutex
	out := make([]string, 0)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			mu.Lock()
			out = append(out, fmt.Sprint(i))
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println(len(out))
	c := make(chan int, 1)
	x := 5
	go fmt.Sprint(x)
	defer close(c)
	x = 6
	fmt.Println(x)
}
