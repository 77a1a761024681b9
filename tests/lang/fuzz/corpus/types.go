package main

type Ch chan (<-chan int)
type S chan<- int
type A [...]int
type F func(a, b int, c ...string) (r int, err error)
type M map[string][]*T
type E struct{}
type G[T any] struct{ x T }

func H[T any, U ~int | string](x T) U { var u U; return u }
func (t *T) M() {}
