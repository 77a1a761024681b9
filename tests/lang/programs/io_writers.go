// Writers: fmt.Fprint* to os.Stdout, os.Stderr, a strings.Builder and a
// program's own io.Writer (whose n and err Fprintf returns), and the
// Builder's methods.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

type upper struct{ got []string }

func (u *upper) Write(p []byte) (int, error) {
	u.got = append(u.got, strings.ToUpper(string(p)))
	return len(p), nil
}

type full struct{}

func (full) Write(p []byte) (int, error) { return 0, errors.New("disk full") }

func main() {
	n, err := fmt.Fprintf(os.Stdout, "%d-%s\n", 1, "x")
	fmt.Println(n, err)
	fmt.Fprintln(os.Stderr, "to stderr")
	fmt.Fprint(os.Stdout, "a", 1, 2, "b\n")
	var sb strings.Builder
	fmt.Fprintf(&sb, "%03d|", 7)
	sb.WriteString("s|")
	sb.WriteByte('b')
	sb.WriteRune('é')
	sb.Write([]byte("|w"))
	fmt.Println(sb.String(), sb.Len())
	sb.Reset()
	fmt.Println(sb.Len(), sb.String() == "")
	u := &upper{}
	var w io.Writer = u
	fmt.Fprintln(w, "hello", 42)
	fmt.Fprintf(w, "%v", []int{1})
	fmt.Println(u.got)
	n, err = fmt.Fprintf(full{}, "x")
	fmt.Println(n, err)
	os.Stdout.WriteString("direct\n")
	os.Stdout.Write([]byte("bytes\n"))
}
