// math/rand as go1.19 has it: the global source seeded with 1, a Rand over
// NewSource, and Perm and Shuffle (Shuffle's int31n is not Int31n).
package main

import (
	"fmt"
	"math/rand"
)

func main() {
	fmt.Println(rand.Intn(100), rand.Int63(), rand.Float64() < 1, rand.Perm(5))
	r := rand.New(rand.NewSource(42))
	fmt.Println(r.Intn(1000), r.Int31n(50), r.Int63n(1<<40), r.Uint32(), r.Perm(8))
	s := []string{"a", "b", "c", "d", "e", "f"}
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	fmt.Println(s)
	rand.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	fmt.Println(s)
	src := rand.NewSource(7)
	fmt.Println(src.Int63())
	src.Seed(7)
	r2 := rand.New(src)
	fmt.Println(r2.Int63(), r2.Float64())
	rand.Seed(3)
	fmt.Println(rand.Intn(10), rand.Intn(1<<40))
}
