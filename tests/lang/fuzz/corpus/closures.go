package main

import "sync"

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	m := map[int]int{}
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			mu.Lock()
			m[i] = i * i
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	defer func() {
		if r := recover(); r != nil {
			panic(r)
		}
	}()
}
