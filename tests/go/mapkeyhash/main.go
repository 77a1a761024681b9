// Command mapkeyhash prints what the real runtime's map types do with struct,
// array and interface keys, for tests/maps/key_hash_diff_test.cc, which must
// reproduce every number with maps/bucket/key_layout.h and the printed seeds.
//
// For each case it takes the map type map[K]int's descriptor (an eface's
// _type word is a *maptype; runtime/type.go's maptype layout of go1.19) and
// calls its `hasher` — the compiler's genhash(K): memhash runs, strhash,
// f32/f64hash, nilinterhash… — on a key value with several seeds. Interface
// keys (K = any) exercise nilinterhash and runtime.typehash of each dynamic
// type. The test runs it twice: as is (AES hashing if the CPU has it) and with
// GODEBUG=cpu.aes=off (the wyhash fallback).
//
// Output (stderr, println's format: space-separated, decimal):
//
//	useAeshash <true|false>
//	hashkey <k0> <k1> <k2> <k3>
//	aeskeysched <128 bytes>
//	type <case> <keysize> <bucketsize> <flags>   maptype's fields (flags: 1 indirectkey,
//	                                              2 indirectelem, 4 reflexivekey,
//	                                              8 needkeyupdate, 16 hashMightPanic)
//	ptr <case> <address>                          the pointer a case's key holds
//	hash <case> <seed> <hash>
//	panic <case> <message>                        what the hasher panicked with
//	end <records before this line>
package main

import "unsafe"

//go:linkname useAeshash runtime.useAeshash
var useAeshash bool

//go:linkname hashkey runtime.hashkey
var hashkey [4]uintptr

//go:linkname aeskeysched runtime.aeskeysched
var aeskeysched [128]byte

type eface struct {
	typ, data unsafe.Pointer
}

// maptype is runtime.maptype (runtime/type.go, go1.19): _type is 48 bytes.
type maptype struct {
	typ        [48]byte
	key        unsafe.Pointer
	elem       unsafe.Pointer
	bucket     unsafe.Pointer
	hasher     func(unsafe.Pointer, uintptr) uintptr
	keysize    uint8
	elemsize   uint8
	bucketsize uint16
	flags      uint32
}

// The key types: tests/maps/key_hash_diff_test.cc declares the same ones.
type (
	P1  struct { // padding after a: memhash(&a,1), memhash(&b,8)
		a int8
		b int64
	}
	P2 struct { // a blank field: never hashed
		a int32
		_ int32
		b int64
	}
	M4  struct{ a, b int16 }    // AMEM32: memhash32
	M8  struct{ a, b int32 }    // AMEM64: memhash64
	M12 struct{ a, b, c int32 } // AMEM, 12 bytes: memhash_varlen
	M16 struct{ a, b int64 }    // AMEM128
	F   struct {                // f64hash, f32hash
		x float64
		y float32
	}
	S struct { // strhash, then memhash(&n, 8)
		s string
		n int64
	}
	S1 struct{ s string } // ASTRING: a lone string
	N  struct {           // nested: .hash.P1, then one run over q and r (9 bytes)
		p P1
		q M8
		r int8
	}
	I struct { // memhash(&a,4) then nilinterhash
		a int32
		v any
	}
	Z struct { // a trailing zero-size field: 16 bytes, one 8-byte run
		a int64
		z struct{}
	}
	Big struct { // 152 bytes: an indirect key
		a [17]int64
		s string
	}
)

var (
	seeds   = []uintptr{0, 1, 0xdeadbeef, 1<<63 | 12345, 0x123456789abcdef0}
	records int
)

func record(args ...any) {
	records++
	for i, a := range args {
		if i > 0 {
			print(" ")
		}
		switch v := a.(type) {
		case string:
			print(v)
		case uintptr:
			print(v)
		case int:
			print(v)
		case bool:
			print(v)
		}
	}
	println()
}

func typeOf(m any) *maptype { return (*maptype)((*eface)(unsafe.Pointer(&m)).typ) }

// emit prints the map type of m (a nil map[K]int) and its hasher's output on
// k. (Go 1.19's comparable excludes interfaces, so the map comes in as any.)
func emit[K any](name string, m any, k K) {
	mt := typeOf(m)
	record("type", name, int(mt.keysize), int(mt.bucketsize), int(mt.flags))
	defer func() {
		if r := recover(); r != nil {
			record("panic", name, r.(error).Error())
		}
	}()
	for _, seed := range seeds {
		record("hash", name, seed, mt.hasher(unsafe.Pointer(&k), seed))
	}
}

var target = 42

func main() {
	record("useAeshash", useAeshash)
	record("hashkey", hashkey[0], hashkey[1], hashkey[2], hashkey[3])
	ks := []any{"aeskeysched"}
	for _, b := range aeskeysched {
		ks = append(ks, int(b))
	}
	record(ks...)

	emit("P1", map[P1]int(nil), P1{1, -2})
	p2 := P2{a: 7, b: 9}
	*(*int32)(unsafe.Add(unsafe.Pointer(&p2), 4)) = 99 // the blank field's bytes must not matter
	emit("P2", map[P2]int(nil), p2)
	emit("M4", map[M4]int(nil), M4{1, 2})
	emit("M8", map[M8]int(nil), M8{-1, 5})
	emit("M12", map[M12]int(nil), M12{1, 2, 3})
	emit("M16", map[M16]int(nil), M16{1 << 40, -7})
	emit("F", map[F]int(nil), F{1.5, -2.25})
	emit("F0", map[F]int(nil), F{0, 0})
	emit("Fneg0", map[F]int(nil), F{negZero(), float32(negZero())})
	emit("S", map[S]int(nil), S{"hello, map", 3})
	emit("S1", map[S1]int(nil), S1{"x"})
	emit("N", map[N]int(nil), N{P1{3, 4}, M8{5, 6}, 7})
	emit("I", map[I]int(nil), I{11, 5})
	emit("Inil", map[I]int(nil), I{11, nil})
	emit("Istr", map[I]int(nil), I{11, "str"})
	emit("Z", map[Z]int(nil), Z{a: 77})
	emit("A3f", map[[3]float32]int(nil), [3]float32{1, 2, 3})
	emit("A2s", map[[2]string]int(nil), [2]string{"a", "bc"})
	emit("A4b", map[[4]byte]int(nil), [4]byte{1, 2, 3, 4})
	emit("A8b", map[[8]byte]int(nil), [8]byte{1, 2, 3, 4, 5, 6, 7, 8})
	big := Big{s: "big"}
	for i := range big.a {
		big.a[i] = int64(i * i)
	}
	emit("Big", map[Big]int(nil), big)

	// Interface keys: nilinterhash, runtime.typehash of the dynamic type.
	emit[any]("any_nil", map[any]int(nil), nil)
	emit[any]("any_int5", map[any]int(nil), 5)
	emit[any]("any_int300", map[any]int(nil), 300)
	emit[any]("any_intneg", map[any]int(nil), -1)
	emit[any]("any_int64", map[any]int(nil), int64(7))
	emit[any]("any_int32", map[any]int(nil), int32(1))
	emit[any]("any_int16", map[any]int(nil), int16(-300))
	emit[any]("any_int8", map[any]int(nil), int8(-3))
	emit[any]("any_uint8", map[any]int(nil), uint8(200))
	emit[any]("any_bool", map[any]int(nil), true)
	emit[any]("any_str", map[any]int(nil), "hello")
	emit[any]("any_empty", map[any]int(nil), "")
	emit[any]("any_f64", map[any]int(nil), 1.5)
	emit[any]("any_f64zero", map[any]int(nil), 0.0)
	emit[any]("any_f64neg0", map[any]int(nil), negZero())
	emit[any]("any_f32", map[any]int(nil), float32(2.5))
	emit[any]("any_P1", map[any]int(nil), P1{1, -2})
	emit[any]("any_M4", map[any]int(nil), M4{1, 2})
	emit[any]("any_M12", map[any]int(nil), M12{1, 2, 3})
	emit[any]("any_S", map[any]int(nil), S{"hello, map", 3})
	emit[any]("any_N", map[any]int(nil), N{P1{3, 4}, M8{5, 6}, 7})
	emit[any]("any_I", map[any]int(nil), I{11, "str"})
	emit[any]("any_A2s", map[any]int(nil), [2]string{"a", "bc"})
	emit[any]("any_Z", map[any]int(nil), Z{a: 77})
	record("ptr", "any_ptr", uintptr(unsafe.Pointer(&target)))
	emit[any]("any_ptr", map[any]int(nil), &target)
	emit[any]("any_slice", map[any]int(nil), []int{1})
	emit("I_slice", map[I]int(nil), I{1, []int{1}})
	record("end", records)
}

func negZero() float64 {
	z := 0.0
	return -z
}
