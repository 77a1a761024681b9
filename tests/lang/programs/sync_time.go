package main

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

type Counter struct {
	mu sync.RWMutex
	m  map[string]int
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k]++
}

func (c *Counter) Get(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}

func worker(id int, jobs <-chan int, results chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- fmt.Sprintf("w%d:j%d", id%1, j)
	}
}

func main() {
	c := &Counter{m: make(map[string]int)}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.Inc([]string{"a", "b", "c"}[i%3])
		}(i)
	}
	wg.Wait()
	fmt.Println(c.Get("a"), c.Get("b"), c.Get("c"))

	jobs := make(chan int, 10)
	results := make(chan string, 10)
	var wg2 sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg2.Add(1)
		go worker(w, jobs, results, &wg2)
	}
	for j := 0; j < 6; j++ {
		jobs <- j
	}
	close(jobs)
	go func() { wg2.Wait(); close(results) }()
	var rs []string
	for r := range results {
		rs = append(rs, r)
	}
	sort.Strings(rs)
	fmt.Println(rs)

	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("once") })
	}
	var v atomic.Value
	v.Store(map[string]int{"x": 1})
	fmt.Println(v.Load().(map[string]int)["x"])

	var sm sync.Map
	sm.Store("k", 1)
	sm.Store("two", 2)
	x, ok := sm.Load("k")
	y, ok2 := sm.Load("three")
	fmt.Println(x, ok, y, ok2)
	act, loaded := sm.LoadOrStore("k", 5)
	fmt.Println(act, loaded)

	timer := time.NewTimer(50 * time.Millisecond)
	start := time.Now()
	<-timer.C
	fmt.Println(time.Since(start) >= 50*time.Millisecond)
	done := make(chan struct{})
	time.AfterFunc(10*time.Millisecond, func() { close(done) })
	<-done
	fmt.Println("afterfunc")
	tick := time.NewTicker(time.Millisecond)
	n := 0
	for range tick.C {
		n++
		if n == 3 {
			tick.Stop()
			break
		}
	}
	fmt.Println("ticks", n)
}
