// errors.Is, As and Unwrap over fmt.Errorf's %w (go1.13–1.19: one %w
// wraps; a second one, or one of a non-error, wraps nothing), Is and As
// methods, interface and concrete targets, and As's panics.
package main

import (
	"errors"
	"fmt"
	"os"
)

var ErrNotFound = errors.New("not found")

type PathError struct {
	Op, Path string
	Err      error
}

func (e *PathError) Error() string { return e.Op + " " + e.Path + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

type Temporary interface{ Temporary() bool }

type tempErr struct{ code int }

func (t tempErr) Error() string   { return fmt.Sprint("temp ", t.code) }
func (t tempErr) Temporary() bool { return true }

type isErr struct{}

func (isErr) Error() string        { return "isErr" }
func (isErr) Is(target error) bool { return target == ErrNotFound }

type sliceErr []int

func (s sliceErr) Error() string { return "slice" }

func main() {
	w := fmt.Errorf("open config: %w", ErrNotFound)
	fmt.Println(w, errors.Is(w, ErrNotFound), errors.Unwrap(w) == ErrNotFound)
	pe := &PathError{"open", "/etc/x", w}
	w2 := fmt.Errorf("startup: %w", pe)
	fmt.Println(w2)
	fmt.Println(errors.Is(w2, ErrNotFound), errors.Is(w2, errors.New("not found")))
	var target *PathError
	fmt.Println(errors.As(w2, &target), target.Path, target == pe)
	var tmp Temporary
	t := fmt.Errorf("retry: %w", tempErr{7})
	fmt.Println(errors.As(t, &tmp), tmp.Temporary(), tmp)
	var te tempErr
	fmt.Println(errors.As(t, &te), te.code)
	fmt.Println(errors.Is(isErr{}, ErrNotFound), errors.Is(fmt.Errorf("x: %w", isErr{}), ErrNotFound))
	fmt.Println(errors.Is(sliceErr{1}, sliceErr{1}), errors.Is(nil, nil), errors.Is(w, nil))
	fmt.Println(errors.Unwrap(ErrNotFound) == nil, errors.Unwrap(nil) == nil)
	fmt.Printf("%T %T\n", w, errors.Unwrap(w))
	fmt.Println(errors.Is(fmt.Errorf("two: %w %w", ErrNotFound, pe), ErrNotFound))
	fmt.Println(fmt.Errorf("bad: %w", 42), errors.Unwrap(fmt.Errorf("bad: %w", 42)) == nil)
	defer func() { fmt.Println("recovered:", recover()); os.Exit(0) }()
	errors.As(w, target)
}
