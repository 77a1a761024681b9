package main
func main() {
	s := "abc
	x := @ 0128 'ab'
}
