// Command maphash prints the real runtime's map hash seeds and the hashes of a
// fixed list of inputs, for tests/maps/hash_test.cc, which recomputes every
// hash with gostep's maps/bucket/hash.h and the printed seeds.
//
// It reaches the runtime through //go:linkname (allowed for any runtime symbol
// in go1.19; the empty linkname.s lets the function declarations have no body):
// the functions memhash, strhash, memhash32, memhash64, f32hash, f64hash,
// c64hash, c128hash and the variables useAeshash, hashkey, aeskeysched.
// The test runs it twice: as is (AES hashing if the CPU has it) and with
// GODEBUG=cpu.aes=off (alginit then takes the wyhash fallback).
//
// Output (stderr, one record per line, numbers in hex unless said otherwise):
//
//	useAeshash <0|1>
//	hashkey <k0> <k1> <k2> <k3>
//	aeskeysched <256 hex digits: the 128 bytes in memory order>
//	data <hex digits: the bytes of the data buffer>
//	mem <len, decimal> <seed> <hash>     memhash(data[:len], seed, len)
//	str <len, decimal> <seed> <hash>     strhash of string(data[:len])
//	m32 <value> <seed> <hash>            memhash32 of a uint32
//	m64 <value> <seed> <hash>            memhash64 of a uint64
//	f32 <bits> <seed> <hash>             f32hash (not NaN)
//	f64 <bits> <seed> <hash>             f64hash (not NaN)
//	c64 <re bits> <im bits> <seed> <hash>
//	c128 <re bits> <im bits> <seed> <hash>
//	nan32 <bits> <seed> <hash> <hash>    f32hash of a NaN, called twice
//	nan64 <bits> <seed> <hash> <hash>    f64hash of a NaN, called twice
//	end <number of records before this line, decimal>
//
// Each mem/str input is copied to a different place before hashing: 16-byte
// aligned, ending exactly at a 4 KiB page boundary, or starting in the last 16
// bytes of a page. For lengths below 16 the last two take aeshashbody's
// `endofpage` branch (load ending at the last byte, then PSHUFB), the first its
// masked load, so both branches of the real runtime are exercised.
//
// It imports unsafe only, and prints with the builtin print (stderr).
package main

import "unsafe"

//go:linkname memhash runtime.memhash
func memhash(p unsafe.Pointer, h, s uintptr) uintptr

//go:linkname strhash runtime.strhash
func strhash(p unsafe.Pointer, h uintptr) uintptr

//go:linkname memhash32 runtime.memhash32
func memhash32(p unsafe.Pointer, h uintptr) uintptr

//go:linkname memhash64 runtime.memhash64
func memhash64(p unsafe.Pointer, h uintptr) uintptr

//go:linkname f32hash runtime.f32hash
func f32hash(p unsafe.Pointer, h uintptr) uintptr

//go:linkname f64hash runtime.f64hash
func f64hash(p unsafe.Pointer, h uintptr) uintptr

//go:linkname c64hash runtime.c64hash
func c64hash(p unsafe.Pointer, h uintptr) uintptr

//go:linkname c128hash runtime.c128hash
func c128hash(p unsafe.Pointer, h uintptr) uintptr

//go:linkname useAeshash runtime.useAeshash
var useAeshash bool

//go:linkname hashkey runtime.hashkey
var hashkey [4]uintptr

//go:linkname aeskeysched runtime.aeskeysched
var aeskeysched [128]byte

// stringStruct is the runtime's string header (runtime/string.go).
type stringStruct struct {
	str unsafe.Pointer
	len int
}

const maxLen = 300 // memhash/strhash lengths 0..maxLen

var (
	out     []byte
	records int
	rng     uint64 = 0x9e3779b97f4a7c15 // xorshift64* state: the inputs are the same every run
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

func bytesHex(b []byte) {
	const digits = "0123456789abcdef"
	out = append(out, ' ')
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
}

func record(tag string) {
	if len(out) > 0 {
		out = append(out, '\n')
	}
	out = append(out, tag...)
	records++
}

func main() {
	seeds := []uint64{0, 1, ^uint64(0), 0x123456789abcdef0, 0xdeadbeef, 1 << 63, next(), uint64(uint32(next()))}

	record("useAeshash")
	if useAeshash {
		dec(1)
	} else {
		dec(0)
	}
	record("hashkey")
	for _, k := range hashkey {
		hex(uint64(k))
	}
	record("aeskeysched")
	bytesHex(aeskeysched[:])

	data := make([]byte, maxLen+16)
	for i := range data {
		data[i] = byte(next() >> 56)
	}
	data[5], data[6], data[7] = 0, 0, 0 // some zero bytes in the short inputs
	record("data")
	bytesHex(data)

	// page: room for a 4 KiB-aligned page with space on both sides.
	page := make([]byte, 3*4096)
	base := (4096 - int(uintptr(unsafe.Pointer(&page[0]))&4095)) & 4095
	for n := 0; n <= maxLen; n++ {
		for si, seed := range seeds {
			var at int
			switch (n + si) % 3 {
			case 0:
				at = base + 64 + 16*(n%4) // 16-byte aligned, mid-page
			case 1:
				at = base + 4096 - n // ends at the page boundary
			default:
				at = base + 4096 - 16 + n%16 // starts in the page's last 16 bytes
			}
			buf := page[at : at+n]
			copy(buf, data[:n])
			p := unsafe.Pointer(&page[at]) // &page[at] is valid even for n == 0
			record("mem")
			dec(n)
			hex(seed)
			hex(uint64(memhash(p, uintptr(seed), uintptr(n))))
			ss := stringStruct{p, n}
			record("str")
			dec(n)
			hex(seed)
			hex(uint64(strhash(unsafe.Pointer(&ss), uintptr(seed))))
		}
	}

	u32s := []uint32{0, 1, 0xffffffff, 0x80000000, 0x12345678}
	u64s := []uint64{0, 1, ^uint64(0), 1 << 63, 0x0123456789abcdef, 0xffffffff}
	for i := 0; i < 12; i++ {
		u32s = append(u32s, uint32(next()))
		u64s = append(u64s, next())
	}
	for _, seed := range seeds {
		for _, v := range u32s {
			record("m32")
			hex(uint64(v))
			hex(seed)
			hex(uint64(memhash32(unsafe.Pointer(&v), uintptr(seed))))
		}
		for _, v := range u64s {
			record("m64")
			hex(v)
			hex(seed)
			hex(uint64(memhash64(unsafe.Pointer(&v), uintptr(seed))))
		}
	}

	f64s := []uint64{
		0, 1 << 63, // +0, -0
		0x3ff0000000000000, 0xbff0000000000000, // 1, -1
		0x7ff0000000000000, 0xfff0000000000000, // +Inf, -Inf
		1, 0x000fffffffffffff, 0x8000000000000001, // subnormals
		0x0010000000000000, 0x7fefffffffffffff, // smallest normal, largest finite
		0x3fb999999999999a, 0x400921fb54442d18, // 0.1, pi
	}
	f32s := []uint32{
		0, 1 << 31, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
		1, 0x007fffff, 0x80000001, 0x00800000, 0x7f7fffff, 0x3dcccccd, 0x40490fdb,
	}
	for i := 0; i < 8; i++ {
		f64s = append(f64s, next()&^(0x7ff<<52)|uint64(i+1000)<<52) // random finite
		f32s = append(f32s, uint32(next())&^(0xff<<23)|uint32(i+100)<<23)
	}
	for _, seed := range seeds {
		for _, bits := range f32s {
			record("f32")
			hex(uint64(bits))
			hex(seed)
			hex(uint64(f32hash(unsafe.Pointer(&bits), uintptr(seed))))
		}
		for _, bits := range f64s {
			record("f64")
			hex(bits)
			hex(seed)
			hex(uint64(f64hash(unsafe.Pointer(&bits), uintptr(seed))))
		}
		for i := 0; i+1 < len(f32s); i += 2 {
			c := [2]uint32{f32s[i], f32s[i+1]}
			record("c64")
			hex(uint64(c[0]))
			hex(uint64(c[1]))
			hex(seed)
			hex(uint64(c64hash(unsafe.Pointer(&c), uintptr(seed))))
		}
		for i := 0; i+1 < len(f64s); i += 2 {
			c := [2]uint64{f64s[i], f64s[i+1]}
			record("c128")
			hex(c[0])
			hex(c[1])
			hex(seed)
			hex(uint64(c128hash(unsafe.Pointer(&c), uintptr(seed))))
		}
	}

	nan32s := []uint32{0x7fc00000, 0xffc00001, 0x7f800001}
	nan64s := []uint64{0x7ff8000000000000, 0xfff0000000000001, 0x7ff0000000000001}
	for _, seed := range seeds {
		for _, bits := range nan32s {
			record("nan32")
			hex(uint64(bits))
			hex(seed)
			hex(uint64(f32hash(unsafe.Pointer(&bits), uintptr(seed))))
			hex(uint64(f32hash(unsafe.Pointer(&bits), uintptr(seed))))
		}
		for _, bits := range nan64s {
			record("nan64")
			hex(bits)
			hex(seed)
			hex(uint64(f64hash(unsafe.Pointer(&bits), uintptr(seed))))
			hex(uint64(f64hash(unsafe.Pointer(&bits), uintptr(seed))))
		}
	}

	n := records
	record("end")
	dec(n)
	out = append(out, '\n')
	print(string(out))
}
