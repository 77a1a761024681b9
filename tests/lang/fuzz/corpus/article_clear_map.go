// The `clear(m)` builtin (DESIGN.md, "The scenario language"; the article itself never shows
// it, though its chapter 1 claims Go 1.21 changed the map "to improve multi-core conflict
// detection" — false, go-map.md §4 claim (c); what 1.21 did add is `clear`, §3 "Per-version
// changes"). `clear` exists from Go 1.21 (go-map.md §1.9, "Who calls mapclear"): on 1.14–1.20 the
// program does not compile. On 1.21+ it empties the map, NaN keys included, which the
// range-delete idiom cannot do: `m[NaN]` never matches a stored NaN, so `delete(m, k)` with a
// NaN k deletes nothing, and the compiler does not turn the idiom into mapclear for float keys
// (go-map.md §1.9 and §5 item 7). No fault is needed.
//
// Real Go 1.19.8: `go run` fails with `./clear_map.go:34:2: undefined: clear` (after a
// `# command-line-arguments` line; exit status 2), 20/20.
// The 1.21+ output is not checked against a real Go here (only 1.19 is installed); it follows
// from go-map.md §5 item 7: two NaN entries survive the range-delete, `clear` removes them.
// gostep: versions=1.14-1.23
// want[1.14-1.20]: compile error: undefined: clear
// want[1.21+]: exit 0
// out[1.21+]: after range-delete: 2
// out[1.21+]: after clear: 0
package main

import (
	"fmt"
	"math"
)

func main() {
	m := map[float64]int{1: 1}
	m[math.NaN()] = 2 // every NaN insert adds an entry
	m[math.NaN()] = 3
	for k := range m {
		delete(m, k)
	}
	fmt.Println("after range-delete:", len(m))
	clear(m)
	fmt.Println("after clear:", len(m))
}
