package main

func main() {
L:
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue L
		} else if i > 5 {
			break
		} else {
			goto L
		}
	}
	for k, v := range m {
		_, _ = k, v
	}
	for range ch {
	}
	switch x := f(); x {
	case 1, 2:
		fallthrough
	default:
	}
	switch v := y.(type) {
	case int, nil:
		_ = v
	}
	select {
	case v, ok := <-c:
		_, _ = v, ok
	case c <- 1:
	default:
	}
	x += 1
	x <<= 2
	go f()
	defer g()
	ch <- v
	x++
	return
}
