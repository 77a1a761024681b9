package main

var (
	a = b + c*d - e/f%g<<1>>2&^h
	p = []Point{{1, 2}, {3, 4}}
	m = map[string]Point{"a": {1, 2}}
	s = xs[1:2:3]
	t = x.(T)
	u = (*T)(nil)
	v = []byte("s")
	w = func(x int) int { return x * 2 }(3)
	z = <-ch
	q = &T{a: 1}
	r = !ok && x != y || z >= 0
)
