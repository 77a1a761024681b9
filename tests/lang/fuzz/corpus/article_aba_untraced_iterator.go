// The ABA path of the article's §2.4 ("GC STW期间map迭代器失效与并发读导致的ABA问题": "mapassign
// reuses old bucket memory during STW while the iterator still holds a stale bmap pointer, so the
// pointer value is the same but its meaning has changed"). Real Go cannot do this, in any version
// 1.14–1.23 (go-map.md §4 claim (f), FALSE): hiter's buckets/bptr/overflow/oldoverflow are
// GC-visible pointers on the iterating goroutine's stack, so a bucket array stays alive while an
// iterator references it, and evacuate keeps old keys intact while oldIterator is set (§1.7,
// §1.8). The path needs a mechanism Go does not have: the named fault `untraced-iterator`
// (runtime/README.md, maps/README.md), under which hiter's bucket pointers are not roots.
//
// The program: a map of 20 int64 keys (B=2: a 4-bucket, 576-byte array) and a second map of
// the same shape kept alive in a global (its array shares the span, so the span stays in use
// after the sweep and a freed slot is handed out again). A range over the map, at its first
// key, inserts 20 more keys: the map grows to B=3 and, since every insert evacuates, the grow
// finishes, so the hmap no longer references the old array; only the iterator does. Then
// runtime.GC() (a whole cycle, sweep included), and a new map of the same shape, whose array
// takes a free 576-byte slot. The iteration goes on.
//   - With the fault: the old array is freed by the sweep and its address is reused by the new
//     map's array; the iterator's next read goes through the stale address and gostep reports
//     the heap fault (`gostep: use of freed object whose address was reused through 0x…: …`, or
//     `gostep: use of freed object through 0x…` if the slot is still free), exit status 5.
//   - Without the fault (and in real Go): the iterator keeps the old array alive, evacuated
//     entries are re-looked-up in the new array (mapaccessK), and every one of the 20 original
//     keys is produced exactly once; the program checks that and exits 0.
//
// Real Go 1.19.8 (no fault; go run, 20 runs each at GOMAXPROCS=1 and 2): exit 0 every time, no
// output. gorun=no because the base case has the fault.
// gostep: gomaxprocs=1 fault=untraced-iterator gorun=no
// want: stderr contains gostep: use of freed object
// want[fault=none]: exit 0
package main

import "runtime"

var keep map[int64]int64 // same shape as m: keeps the 576-byte span in use
var other map[int64]int64

func main() {
	keep = make(map[int64]int64, 20)
	m := make(map[int64]int64, 20) // B=2: 4 buckets of 8 int64 keys and elems
	for k := int64(0); k < 20; k++ {
		m[k] = k
	}
	seen := map[int64]int{}
	first := true
	for k := range m {
		if k < 20 {
			seen[k]++
		}
		if first {
			first = false
			for j := int64(100); j < 120; j++ {
				m[j] = j // grows m to B=3 and finishes the evacuation
			}
			runtime.GC()                      // m's old array is referenced only by the iterator
			other = make(map[int64]int64, 20) // a 576-byte array: may take the old array's slot
		}
	}
	if len(seen) != 20 {
		panic("an original key was not produced")
	}
	for _, n := range seen {
		if n != 1 {
			panic("an original key was produced twice")
		}
	}
}
