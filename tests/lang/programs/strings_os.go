// strings_os.go — package strings' functions, os.Getenv/LookupEnv and
// runtime's build constants, against real Go 1.19.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

func main() {
	fmt.Println(strings.Index("chicken", "ken"), strings.Index("chicken", "dmr"), strings.LastIndex("go gopher", "go"))
	fmt.Println(strings.HasPrefix("golang", "go"), strings.HasSuffix("golang", "ng"), strings.Count("cheese", "e"), strings.Count("five", ""))
	fmt.Printf("%q\n", strings.Split("a,b,c", ","))
	fmt.Printf("%q\n", strings.Split("a man a plan", "a "))
	fmt.Printf("%q\n", strings.Split(" xyz ", ""))
	fmt.Printf("%q\n", strings.Split("", "Bernardo O'Higgins"))
	fmt.Printf("%q\n", strings.Fields("  foo bar  baz   "))
	fmt.Println(strings.ReplaceAll("oink oink oink", "oink", "moo"), strings.ReplaceAll("ab", "", "-"))
	fmt.Printf("%q %q %q\n", strings.TrimSpace(" \t\n Hello, Gophers \n\t\r\n"), strings.TrimPrefix("xxhi", "x"), strings.TrimSuffix("hi.go", ".go"))
	fmt.Println(strings.ToUpper("Gopher"), strings.ToLower("Gopher"), strings.EqualFold("Go", "GO"), strings.IndexByte("golang", 'l'))
	_, ok := os.LookupEnv("GOSTEP_SURELY_UNSET_VAR")
	fmt.Println(os.Getenv("GOSTEP_SURELY_UNSET_VAR") == "", ok)
	fmt.Println(runtime.GOOS, runtime.GOARCH, runtime.Compiler)
	var s string = runtime.Compiler
	fmt.Println(len(s))
}
