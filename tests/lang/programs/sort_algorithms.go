// Package sort, call for call: which of two equal elements ends first (the
// sorts are not stable) and how many times Less and Swap are called depend
// on Go's algorithm (pdqsort from go1.19), so both are printed.
package main

import (
	"fmt"
	"sort"
)

type item struct{ key, id int }

type byKey struct {
	items        []item
	less, swaps int
}

func (b *byKey) Len() int { return len(b.items) }
func (b *byKey) Less(i, j int) bool {
	b.less++
	return b.items[i].key < b.items[j].key
}
func (b *byKey) Swap(i, j int) {
	b.swaps++
	b.items[i], b.items[j] = b.items[j], b.items[i]
}

func ids(items []item) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = it.id
	}
	return out
}

func gen(n, mod, mul int) []item {
	items := make([]item, n)
	for i := range items {
		items[i] = item{(i * mul) % mod, i}
	}
	return items
}

func main() {
	for _, n := range []int{5, 13, 40, 64, 200} {
		b := &byKey{items: gen(n, 7, 31)}
		sort.Sort(b)
		less, swaps := b.less, b.swaps // before IsSorted's calls (gc loads operands after an argument list's calls)
		fmt.Println("Sort", n, less, swaps, sort.IsSorted(b), ids(b.items))
	}
	// Descending input (choosePivot's decreasing hint) and a sorted one.
	desc := make([]item, 100)
	for i := range desc {
		desc[i] = item{100 - i, i}
	}
	b := &byKey{items: desc}
	sort.Sort(b)
	fmt.Println("desc", b.less, b.swaps, ids(b.items)[:10])
	sort.Sort(b)
	fmt.Println("sorted", b.less, b.swaps)

	s := gen(50, 5, 17)
	calls := 0
	sort.Slice(s, func(i, j int) bool { calls++; return s[i].key < s[j].key })
	fmt.Println("Slice", calls, ids(s))
	st := gen(50, 5, 17)
	sort.SliceStable(st, func(i, j int) bool { return st[i].key < st[j].key })
	fmt.Println("SliceStable", ids(st), sort.SliceIsSorted(st, func(i, j int) bool { return st[i].key < st[j].key }))
	r := &byKey{items: gen(30, 4, 7)}
	sort.Stable(sort.Reverse(r))
	less, swaps := r.less, r.swaps
	fmt.Println("Stable Reverse", less, swaps, ids(r.items))
	sort.Sort(sort.Reverse(r))
	fmt.Println("Sort Reverse", ids(r.items))

	xs := []int{1, 3, 5, 7, 9}
	fmt.Println(sort.Search(len(xs), func(i int) bool { return xs[i] >= 6 }), sort.SearchInts(xs, 7), sort.SearchStrings([]string{"a", "c"}, "b"))
	words := []string{"pear", "fig", "apple", "kiwi", "banana", "date"}
	sort.Slice(words, func(i, j int) bool { return len(words[i]) < len(words[j]) })
	fmt.Println(words)
}
