package main

func main() {
	x := f(1
}
