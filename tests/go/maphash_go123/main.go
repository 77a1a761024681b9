// Command maphash_go123 prints hashes computed by a Go transcription of the
// go1.23+ non-AES hash (runtime/hash64.go after the fix of Go issue 66841:
// the wyhash fallback keyed by hashkey[0..3] instead of the constants
// m1..m4): memhashFallback, memhash32Fallback and memhash64Fallback, for
// tests/maps/hash_test.cc.
//
// This is NOT the real go1.23 runtime (only Go 1.19 is installed): the three
// functions below are hash64.go's, with the runtime's helpers (add,
// readUnaligned32/64, math.Mul64, hashkey) replaced by plain Go and
// math/bits. What the comparison checks is that gostep's C++ transcription
// (maps/bucket/hash.cc: MemhashWyhashKeyed …) computes what the same
// algorithm computes when compiled by the Go compiler: the 128-bit fold, the
// overlapping tail reads, the 48- and 16-byte loops. It does not check the
// transcription against a go1.23 binary.
//
// Output: the record format of tests/go/maphash (useAeshash 0, a hashkey line
// before each block of hashes computed with that key, mem/m32/m64 lines,
// end).
package main

import "math/bits"

var hashkey [4]uint64

const m5 = 0x1d8e4e27c47d124f

func r4(b []byte) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24
}

func r8(b []byte) uint64 { return r4(b) | r4(b[4:])<<32 }

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// memhashFallback: go1.23 hash64.go, p = b, s = len(b).
func memhashFallback(b []byte, seed uint64) uint64 {
	s := uint64(len(b))
	var x, y uint64 // hash64.go's a, b
	seed ^= hashkey[0]
	switch {
	case s == 0:
		return seed
	case s < 4:
		x = uint64(b[0]) | uint64(b[s>>1])<<8 | uint64(b[s-1])<<16
	case s == 4:
		x = r4(b)
		y = x
	case s < 8:
		x = r4(b)
		y = r4(b[s-4:])
	case s == 8:
		x = r8(b)
		y = x
	case s <= 16:
		x = r8(b)
		y = r8(b[s-8:])
	default:
		// hash64.go advances p with add(); the final reads add(p, l-16)
		// reach back before p, so p is an offset into b here.
		l, p := s, uint64(0)
		if l > 48 {
			seed1 := seed
			seed2 := seed
			for ; l > 48; l -= 48 {
				seed = mix(r8(b[p:])^hashkey[1], r8(b[p+8:])^seed)
				seed1 = mix(r8(b[p+16:])^hashkey[2], r8(b[p+24:])^seed1)
				seed2 = mix(r8(b[p+32:])^hashkey[3], r8(b[p+40:])^seed2)
				p += 48
			}
			seed ^= seed1 ^ seed2
		}
		for ; l > 16; l -= 16 {
			seed = mix(r8(b[p:])^hashkey[1], r8(b[p+8:])^seed)
			p += 16
		}
		x = r8(b[p+l-16:])
		y = r8(b[p+l-8:])
	}
	return mix(m5^s, mix(x^hashkey[1], y^seed))
}

func memhash32Fallback(v uint32, seed uint64) uint64 {
	a := uint64(v)
	return mix(m5^4, mix(a^hashkey[1], a^seed^hashkey[0]))
}

func memhash64Fallback(v uint64, seed uint64) uint64 {
	a := v
	return mix(m5^8, mix(a^hashkey[1], a^seed^hashkey[0]))
}

// ==== Output (same helpers as tests/go/maphash) ====

var (
	out     []byte
	records int
	rng     uint64 = 0x243f6a8885a308d3
)

func next() uint64 {
	rng ^= rng >> 12
	rng ^= rng << 25
	rng ^= rng >> 27
	return rng * 2685821657736338717
}

func hex(v uint64) {
	const digits = "0123456789abcdef"
	var b [16]byte
	i := len(b)
	for {
		i--
		b[i] = digits[v&15]
		v >>= 4
		if v == 0 {
			break
		}
	}
	out = append(out, ' ')
	out = append(out, b[i:]...)
}

func dec(v int) {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	out = append(out, ' ')
	out = append(out, b[i:]...)
}

func record(tag string) {
	if len(out) > 0 {
		out = append(out, '\n')
	}
	out = append(out, tag...)
	records++
}

func main() {
	const maxLen = 300
	record("useAeshash")
	dec(0)
	data := make([]byte, maxLen)
	for i := range data {
		data[i] = byte(next() >> 56)
	}
	record("data")
	out = append(out, ' ')
	for _, c := range data {
		out = append(out, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
	}
	seeds := []uint64{0, 1, ^uint64(0), 0xdeadbeef, next()}
	keys := [][4]uint64{{1, 1, 1, 1}, {^uint64(0), 3, 5, 7}}
	for i := 0; i < 2; i++ {
		keys = append(keys, [4]uint64{next() | 1, next() | 1, next() | 1, next() | 1})
	}
	for _, k := range keys {
		hashkey = k
		record("hashkey")
		for _, w := range k {
			hex(w)
		}
		for n := 0; n <= maxLen; n++ {
			for _, seed := range seeds {
				record("mem")
				dec(n)
				hex(seed)
				hex(memhashFallback(data[:n], seed))
			}
		}
		for _, seed := range seeds {
			for i := 0; i < 8; i++ {
				v32, v64 := uint32(next()), next()
				if i == 0 {
					v32, v64 = 0, 0
				}
				record("m32")
				hex(uint64(v32))
				hex(seed)
				hex(memhash32Fallback(v32, seed))
				record("m64")
				hex(v64)
				hex(seed)
				hex(memhash64Fallback(v64, seed))
			}
		}
	}
	n := records
	record("end")
	dec(n)
	out = append(out, '\n')
	print(string(out))
}
