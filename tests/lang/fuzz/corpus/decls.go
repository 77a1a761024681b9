package main

import (
	"fmt"
	at "sync/atomic"
	_ "os"
)

const (
	A = iota
	B
	C, D int = 1, 2
)

var x, y = 1, 2

type (
	T struct {
		a, b int `tag`
		E
		*F
	}
	Alias = int
	I     interface {
		M(int) string
		fmt.Stringer
	}
)
