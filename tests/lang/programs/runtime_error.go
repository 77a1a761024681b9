// runtime_error.go — run-time panics recovered as runtime.Error values.
package main

import (
	"errors"
	"fmt"
	"runtime"
)

func try(f func()) (err error) {
	defer func() {
		r := recover()
		if re, ok := r.(runtime.Error); ok {
			err = re
			return
		}
		err = fmt.Errorf("not a runtime.Error: %v", r)
	}()
	f()
	return nil
}

func main() {
	var s []int
	var m map[string]int
	zero := 0
	fmt.Println(try(func() { _ = s[3] }))
	fmt.Println(try(func() { m["a"] = 1 }))
	fmt.Println(try(func() { _ = 1 / zero }))
	fmt.Println(try(func() { panic("plain") }))
	fmt.Println(try(func() { panic(errors.New("an error")) }))
	e := try(func() {
		var p *int
		_ = *p
	})
	_, isRuntime := e.(runtime.Error)
	fmt.Println(e, isRuntime)
}
