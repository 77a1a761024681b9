// Command maphash_go116 prints hashes computed by a Go transcription of the
// go1.14–go1.16 non-AES hash (runtime/hash64.go before wyhash, CL 279612):
// memhashFallback, memhash32Fallback and memhash64Fallback, for
// tests/maps/hash_test.cc.
//
// This is NOT the real go1.16 runtime (only Go 1.19 is installed): the three
// functions below are rewritten by hand from hash64.go of go1.15/go1.16
// (identical in algorithm to the go1.14 and older memhash) with the runtime's
// helpers (add, readUnaligned32/64, hashkey) replaced by plain Go. What the
// comparison checks is that gostep's C++ transcription (maps/bucket/hash.cc:
// MemhashGo114 …) computes what the same algorithm computes when compiled by
// the Go compiler: the wrapping uint64 arithmetic, the rotations, the overlap
// of the tail reads and the 32-byte loop falling back into the short cases.
// It does not check the transcription against the historical source.
//
// Output: the record format of tests/go/maphash (useAeshash 0, a hashkey line
// before each block of hashes computed with that key, mem/str/m32/m64 lines,
// end).
package main

var hashkey [4]uint64

const (
	m1 = 16877499708836156737
	m2 = 2820277070424839065
	m3 = 9497967016996688599
	m4 = 15839092249703872147
)

func rotl31(x uint64) uint64 { return x<<31 | x>>33 }

func r4(b []byte) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24
}

func r8(b []byte) uint64 { return r4(b) | r4(b[4:])<<32 }

func final(h uint64) uint64 {
	h ^= h >> 29
	h *= m3
	return h ^ h>>32
}

// memhashFallback: go1.16 hash64.go, s = len(b).
func memhashFallback(b []byte, seed uint64) uint64 {
	s := uint64(len(b))
	h := seed + s*hashkey[0]
	for {
		switch {
		case s == 0:
		case s < 4:
			h ^= uint64(b[0]) | uint64(b[s>>1])<<8 | uint64(b[s-1])<<16
			h = rotl31(h*m1) * m2
		case s <= 8:
			h ^= r4(b) | r4(b[s-4:])<<32
			h = rotl31(h*m1) * m2
		case s <= 16:
			h = rotl31((h^r8(b))*m1) * m2
			h = rotl31((h^r8(b[s-8:]))*m1) * m2
		case s <= 32:
			for _, off := range []uint64{0, 8, s - 16, s - 8} {
				h = rotl31((h^r8(b[off:]))*m1) * m2
			}
		default:
			v1, v2, v3, v4 := h, seed*hashkey[1], seed*hashkey[2], seed*hashkey[3]
			for s >= 32 {
				v1 = rotl31((v1^r8(b))*m1) * m2
				v2 = rotl31((v2^r8(b[8:]))*m2) * m3
				v3 = rotl31((v3^r8(b[16:]))*m3) * m4
				v4 = rotl31((v4^r8(b[24:]))*m4) * m1
				b = b[32:]
				s -= 32
			}
			h = v1 ^ v2 ^ v3 ^ v4
			continue // hash64.go: goto tail
		}
		return final(h)
	}
}

func memhash32Fallback(v uint32, seed uint64) uint64 {
	h := seed + 4*hashkey[0]
	h ^= uint64(v) | uint64(v)<<32
	return final(rotl31(h*m1) * m2)
}

func memhash64Fallback(v uint64, seed uint64) uint64 {
	h := seed + 8*hashkey[0]
	h ^= v
	return final(rotl31(h*m1) * m2)
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
