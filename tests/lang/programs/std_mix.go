package main

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64    { return r.W * r.H }
func (r Rect) Name() string     { return "rect" }
func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return "circle" }


func divide(a, b int) (q int, err error) {
	if b == 0 {
		return 0, errors.New("divide by zero")
	}
	return a / b, nil
}

func main() {
	shapes := []Shape{Rect{2, 3}, &Circle{1}}
	for i, s := range shapes {
		fmt.Printf("%d %s %.2f %T\n", i, s.Name(), s.Area(), s)
	}
	xs := []int{5, 2, 9, 1}
	sort.Ints(xs)
	fmt.Println(xs, strconv.Itoa(42)+"!", strings.Repeat("ab", 3))
	if _, err := divide(1, 0); err != nil {
		fmt.Println("error:", err)
	}
	var n int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			atomic.AddInt64(&n, int64(k))
			mu.Lock()
			total += k
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println(atomic.LoadInt64(&n), total)
	d := 1500 * time.Millisecond
	fmt.Println(d, time.Duration(90)*time.Second, 2*time.Microsecond)
	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("timeout")
	}
	fmt.Printf("%5d|%-5s|%05.1f|%x|%q|%v|%+v\n", 42, "ab", 3.14159, 255, "hi", []string{"a"}, struct{ A int }{1})
	m := map[string][]int{"x": {1, 2}, "a": nil}
	fmt.Println(m, len(m["x"]))
	var ip *int
	fmt.Println(ip == nil, fmt.Sprint(1, 2, "a", "b", 3))
	type kv struct {
		k string
		v int
	}
	kvs := []kv{{"b", 2}, {"a", 1}, {"c", 3}}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].k < kvs[j].k })
	fmt.Println(kvs)
	fmt.Println(1e6, 1e21, 123456789.0, 0.000001, 2.5, float32(0.1))
}
