// Errors in fmt: Errorf's %w formats its error operand as %v; outside
// Errorf %w is a bad verb, and other verbs format the errorString struct.
// (gostep crashed on fmt.Sprintf("%w", err) before.)
package main

import (
	"errors"
	"fmt"
)

func main() {
	e := errors.New("x")
	fmt.Println(fmt.Sprintf("%w|%d|%s|%v|%x|%q", e, e, e, e, e, e))
	w := fmt.Errorf("wrap: %w (%v)", e, 3)
	fmt.Println(w)
	fmt.Println(fmt.Errorf("two: %w %w", e, e))
	fmt.Println(fmt.Errorf("not an error: %w", 42))
	fmt.Println(errors.Is(e, e), errors.Is(w, w), errors.Is(errors.New("x"), e))
}
