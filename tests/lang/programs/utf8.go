// Package unicode/utf8: decoding (valid, invalid, surrogate and short
// encodings), counting, validating, encoding and its panic on a short buffer.
package main

import (
	"fmt"
	"unicode/utf8"
)

func main() {
	for _, s := range []string{"héllo, 世界", "a\xffb", "\xed\xa0\x80", "€", "", "\xe2\x82"} {
		r, n := utf8.DecodeRuneInString(s)
		lr, ln := utf8.DecodeLastRuneInString(s)
		fmt.Println(r, n, lr, ln, utf8.RuneCountInString(s), utf8.ValidString(s), utf8.RuneCount([]byte(s)))
	}
	fmt.Println(utf8.RuneLen('a'), utf8.RuneLen('é'), utf8.RuneLen('世'), utf8.RuneLen(0x1F600), utf8.RuneLen(0xD800), utf8.RuneLen(-1))
	b := make([]byte, 4)
	n := utf8.EncodeRune(b, '世')
	fmt.Println(b[:n], n, utf8.RuneError, utf8.UTFMax, utf8.RuneSelf, utf8.MaxRune, utf8.ValidRune(0x10FFFF), utf8.Valid([]byte{0xC0, 0x80}))
	r, size := utf8.DecodeRune([]byte("€x"))
	fmt.Printf("%c %d %q\n", r, size, utf8.RuneError)
	defer func() { fmt.Println(recover()) }()
	utf8.EncodeRune(make([]byte, 1), '世')
}
