// gostep: versions=1.19
package main

import "fmt"

func main() {
	fmt.Println("hello, 世界", 'x', 0x1F, 1_000, 1.5e3, `raw`)
}
