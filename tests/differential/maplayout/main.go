// Command maplayout runs random sequences of map operations on the real Go
// 1.19 runtime and prints, for each, the operations, the fastrand state of
// the M before each one, and the map as it is in memory afterwards, for
// tests/maps/map_layout_diff_test.cc, which replays the same operations on
// gostep's bucket map (maps/bucket/) from the same states and compares.
//
// Modes:
//
//	-mode layout  build a map with random ops; dump it
//	-mode iter    build a map, then range over it with reflect.MapIter
//	              (optionally inserting and deleting keys at random steps, so
//	              that it grows mid-iteration) and print the keys in order
//	-dumpeach     also dump the map after every operation (to find the first
//	              operation after which gostep differs; large in iter mode)
//
// A sequence is either random (sets, deletes, clears, NaN sets and re-makes
// over a key space of random size) or a churn (fill close to the load factor,
// then delete one key and insert a new one, over and over: the way to a
// same-size grow). Either stops early, with some probability, after an
// operation that leaves the map growing.
//
// Run it with GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 GOGC=off (plus
// cpu.aes=off in GODEBUG for the memhash fallback). main sets
// runtime.MemProfileRate = 0 first, so mallocgc draws no fastrand
// (malloc.go: nextSample is only consulted when MemProfileRate > 0), and
// locks the goroutine to its thread, so every map operation draws from the
// same M's m.fastrand.
//
// How the fastrand state is read. Go 1.19's fastrand/fastrand64 (stubs.go) are
// wyrand on the per-M word m.fastrand. getg (getg_amd64.s) returns the current
// g; g.m and m.fastrand are found at offsets read from this binary's own
// DWARF (debug/dwarf on os.Executable(): struct runtime.g member "m", struct
// runtime.m member "fastrand"), not hard-coded. Each op function reads the
// state immediately before the map operation (nothing between the read and
// the runtime call draws), so what happens between operations (printing,
// allocating) does not matter. A self-test at start-up checks the offsets: a
// makemap_small draws exactly one fastrand, which must advance the state by
// wyrand's increment.
//
// The dump reads the hmap through unsafe (the map variable is a *hmap) with
// the field offsets of runtime.hmap / runtime.mapextra from DWARF, and the
// buckets with the layout of reflectdata.MapBucketType: tophash [8]uint8,
// keys [8]K, elems [8]int64, overflow uintptr or *bmap at bucketsize-8
// (bucketsize is checked against the maptype's own bucketsize field). A
// bucket's "at" is decided by address range: bucket i of h.buckets if it lies
// in [h.buckets, h.buckets + n*bucketsize), where n is the bucket count that
// makeBucketArray allocated for h.B (map.go:344–359, computed the same way
// with the runtime's own roundupsize, reached by //go:linkname), likewise for
// h.oldbuckets with the old B (B-1, or B for a same-size grow); else "h".
//
// Output (stdout, one record per line):
//
//	useAeshash <0|1>
//	hashkey <k0> <k1> <k2> <k3>                      (hex)
//	aeskeysched <256 hex digits>
//	seq <index>
//	o <state> make <hint>                             (state: m.fastrand, hex)
//	o <state> set <key> <v>
//	o <state> del <key>
//	o <state> clear                                   (range-delete → mapclear)
//	o <state> nan <bits> <v>                          (m[math.NaN()] = v)
//	it <state>                                        (iter: before the first Next)
//	start <startBucket> <offset>                      (iter: read from the hiter)
//	k <key>                                           (iter: a produced key)
//	itend                                             (iter: Next returned false)
//	dump <json>                                       (maps/bucket/dump.cc's format)
//	midgrow <number of sequences that end with h.oldbuckets != nil>
//	end <number of sequences>
//
// A key is printed as: int64/int32 decimal; float64 the 16 hex digits of its
// bits; string "s" followed by its text (keys are [a-z0-9]*, so the text
// needs no escaping in the line or in JSON).
package main

import (
	"debug/dwarf"
	"debug/elf"
	"flag"
	"fmt"
	"math"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"unsafe"
)

//go:linkname useAeshash runtime.useAeshash
var useAeshash bool

//go:linkname hashkey runtime.hashkey
var hashkey [4]uintptr

//go:linkname aeskeysched runtime.aeskeysched
var aeskeysched [128]byte

//go:linkname roundupsize runtime.roundupsize
func roundupsize(size uintptr) uintptr

// getg returns the current g (getg_amd64.s).
func getg() uintptr

// ==== Offsets from DWARF =====================================================

// off holds the struct offsets this program reads through unsafe.
var off struct {
	gM, mFastrand                             uintptr
	hCount, hFlags, hB, hNoverflow, hHash0    uintptr
	hBuckets, hOldbuckets, hNevacuate, hExtra uintptr
	xOverflow, xOldoverflow, xNextOverflow    uintptr
	tBucketsize                               uintptr
	iterHiter, hiKey, hiStartBucket, hiOffset uintptr
}

func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "maplayout: "+format+"\n", args...)
	os.Exit(2)
}

// readOffsets fills off from the executable's DWARF.
func readOffsets() {
	exe, err := os.Executable()
	if err != nil {
		die("os.Executable: %v", err)
	}
	f, err := elf.Open(exe)
	if err != nil {
		die("elf.Open(%s): %v", exe, err)
	}
	defer f.Close()
	d, err := f.DWARF()
	if err != nil {
		die("DWARF of %s: %v (built with -ldflags=-w?)", exe, err)
	}
	want := map[string]map[string]int64{
		"runtime.g": nil, "runtime.m": nil, "runtime.hmap": nil, "runtime.mapextra": nil,
		"runtime.maptype": nil, "reflect.MapIter": nil, "reflect.hiter": nil,
	}
	left := len(want)
	r := d.Reader()
	for left > 0 {
		e, err := r.Next()
		if err != nil {
			die("reading DWARF: %v", err)
		}
		if e == nil {
			break
		}
		if e.Tag == dwarf.TagStructType {
			name, _ := e.Val(dwarf.AttrName).(string)
			if fields, ok := want[name]; ok && fields == nil {
				t, err := d.Type(e.Offset)
				if err != nil {
					die("DWARF type %s: %v", name, err)
				}
				fields = map[string]int64{}
				for _, fl := range t.(*dwarf.StructType).Field {
					fields[fl.Name] = fl.ByteOffset
				}
				want[name] = fields
				left--
			}
		}
		if e.Children && e.Tag != dwarf.TagCompileUnit {
			r.SkipChildren()
		}
	}
	get := func(s, field string) uintptr {
		fields := want[s]
		if fields == nil {
			die("no struct %s in DWARF", s)
		}
		o, ok := fields[field]
		if !ok {
			die("struct %s has no field %s in DWARF", s, field)
		}
		return uintptr(o)
	}
	off.gM = get("runtime.g", "m")
	off.mFastrand = get("runtime.m", "fastrand")
	off.hCount = get("runtime.hmap", "count")
	off.hFlags = get("runtime.hmap", "flags")
	off.hB = get("runtime.hmap", "B")
	off.hNoverflow = get("runtime.hmap", "noverflow")
	off.hHash0 = get("runtime.hmap", "hash0")
	off.hBuckets = get("runtime.hmap", "buckets")
	off.hOldbuckets = get("runtime.hmap", "oldbuckets")
	off.hNevacuate = get("runtime.hmap", "nevacuate")
	off.hExtra = get("runtime.hmap", "extra")
	off.xOverflow = get("runtime.mapextra", "overflow")
	off.xOldoverflow = get("runtime.mapextra", "oldoverflow")
	off.xNextOverflow = get("runtime.mapextra", "nextOverflow")
	off.tBucketsize = get("runtime.maptype", "bucketsize")
	off.iterHiter = get("reflect.MapIter", "hiter")
	off.hiKey = get("reflect.hiter", "key")
	off.hiStartBucket = get("reflect.hiter", "startBucket")
	off.hiOffset = get("reflect.hiter", "offset")
}

// fastrandState returns the current M's m.fastrand. (g and m are runtime
// objects that never move; go vet's unsafe.Pointer warning here, and on the
// bucket addresses of the dump, kept alive by the map, does not apply.)
func fastrandState() uint64 {
	mp := *(*uintptr)(unsafe.Pointer(getg() + off.gM))
	return *(*uint64)(unsafe.Pointer(mp + off.mFastrand))
}

func word(p unsafe.Pointer, o uintptr) uintptr         { return *(*uintptr)(unsafe.Add(p, o)) }
func byteAt(p unsafe.Pointer, o uintptr) uint8         { return *(*uint8)(unsafe.Add(p, o)) }
func ptrAt(p unsafe.Pointer, o uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Add(p, o)) }

// ==== The maps under test, one set of functions per key type =================
//
// Each op function reads the fastrand state just before the map operation and
// returns it. The maps are globals, so they escape: make with a hint from a
// variable compiles to runtime.makemap (walk/builtin.go: a constant hint <= 8
// would give makemap_small, a non-escaping map a stack hmap and an inline
// fastrand).

type key struct {
	i int64 // int64 and int32 keys
	f float64
	s string
}

var (
	mI64 map[int64]int64
	mI32 map[int32]int64
	mStr map[string]int64
	mF64 map[float64]int64
)

//go:noinline
func makeI64(hint int) uint64 { st := fastrandState(); mI64 = make(map[int64]int64, hint); return st }

//go:noinline
func makeI32(hint int) uint64 { st := fastrandState(); mI32 = make(map[int32]int64, hint); return st }

//go:noinline
func makeStr(hint int) uint64 { st := fastrandState(); mStr = make(map[string]int64, hint); return st }

//go:noinline
func makeF64(hint int) uint64 { st := fastrandState(); mF64 = make(map[float64]int64, hint); return st }

//go:noinline
func setI64(k *key, v int64) uint64 { kk := k.i; st := fastrandState(); mI64[kk] = v; return st }

//go:noinline
func setI32(k *key, v int64) uint64 { kk := int32(k.i); st := fastrandState(); mI32[kk] = v; return st }

//go:noinline
func setStr(k *key, v int64) uint64 { kk := k.s; st := fastrandState(); mStr[kk] = v; return st }

//go:noinline
func setF64(k *key, v int64) uint64 { kk := k.f; st := fastrandState(); mF64[kk] = v; return st }

//go:noinline
func delI64(k *key) uint64 { kk := k.i; st := fastrandState(); delete(mI64, kk); return st }

//go:noinline
func delI32(k *key) uint64 { kk := int32(k.i); st := fastrandState(); delete(mI32, kk); return st }

//go:noinline
func delStr(k *key) uint64 { kk := k.s; st := fastrandState(); delete(mStr, kk); return st }

//go:noinline
func delF64(k *key) uint64 { kk := k.f; st := fastrandState(); delete(mF64, kk); return st }

// The range-delete idiom, which the compiler rewrites to one
// runtime.mapclear call (walk/range.go:isMapClear; reflexive keys only, so
// there is none for float64): `go build -gcflags=-S` shows CALL
// runtime.mapclear in these and no mapiterinit/mapdelete, and checkOps
// checks it at run time (one fastrand draw, not two).

//go:noinline
func clearI64() uint64 {
	st := fastrandState()
	for k := range mI64 {
		delete(mI64, k)
	}
	return st
}

//go:noinline
func clearI32() uint64 {
	st := fastrandState()
	for k := range mI32 {
		delete(mI32, k)
	}
	return st
}

//go:noinline
func clearStr() uint64 {
	st := fastrandState()
	for k := range mStr {
		delete(mStr, k)
	}
	return st
}

//go:noinline
func nanF64(v int64) uint64 { k := math.NaN(); st := fastrandState(); mF64[k] = v; return st }

// kindOps is what the driver needs of one key type.
type kindOps struct {
	name      string
	keysize   uintptr
	reflexive bool
	make      func(hint int) uint64
	set       func(k *key, v int64) uint64
	del       func(k *key) uint64
	clear     func() uint64
	hmap      func() unsafe.Pointer // the current *hmap
	value     func() reflect.Value  // the map, for MapRange
	mapType   func() unsafe.Pointer // its *maptype
	// keyJSON appends the dump form of the key in slot p; keyToken the line form.
	keyJSON  func(b []byte, p unsafe.Pointer) []byte
	keyToken func(b []byte, p unsafe.Pointer) []byte
}

func typeOf(m any) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(&m))[0] }

func intJSON64(b []byte, p unsafe.Pointer) []byte { return strconv.AppendInt(b, *(*int64)(p), 10) }
func intJSON32(b []byte, p unsafe.Pointer) []byte {
	return strconv.AppendInt(b, int64(*(*int32)(p)), 10)
}
func floatToken(b []byte, p unsafe.Pointer) []byte { return hex16(b, *(*uint64)(p)) }
func floatJSON(b []byte, p unsafe.Pointer) []byte {
	b = append(b, "\"0x"...)
	return append(hex16(b, *(*uint64)(p)), '"')
}

// stringHeader is the runtime's string (runtime/string.go).
type stringHeader struct {
	data unsafe.Pointer
	len  int
}

func strJSON(b []byte, p unsafe.Pointer) []byte {
	s := (*stringHeader)(p)
	nilFlag := 0
	if s.data == nil {
		nilFlag = 1
	}
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(nilFlag), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.len), 10)
	b = append(b, ",\""...)
	if s.data != nil {
		b = append(b, unsafe.Slice((*byte)(s.data), s.len)...)
	}
	return append(b, "\"]"...)
}

func strToken(b []byte, p unsafe.Pointer) []byte {
	b = append(b, 's')
	return append(b, *(*string)(p)...)
}

func hex16(b []byte, v uint64) []byte {
	const digits = "0123456789abcdef"
	for sh := 60; sh >= 0; sh -= 4 {
		b = append(b, digits[(v>>uint(sh))&15])
	}
	return b
}

var kinds = map[string]*kindOps{
	"int64": {
		name: "int64", keysize: 8, reflexive: true,
		make: makeI64, set: setI64, del: delI64, clear: clearI64,
		hmap:     func() unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&mI64)) },
		value:    func() reflect.Value { return reflect.ValueOf(mI64) },
		mapType:  func() unsafe.Pointer { return typeOf(mI64) },
		keyJSON:  intJSON64,
		keyToken: intJSON64,
	},
	"int32": {
		name: "int32", keysize: 4, reflexive: true,
		make: makeI32, set: setI32, del: delI32, clear: clearI32,
		hmap:     func() unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&mI32)) },
		value:    func() reflect.Value { return reflect.ValueOf(mI32) },
		mapType:  func() unsafe.Pointer { return typeOf(mI32) },
		keyJSON:  intJSON32,
		keyToken: intJSON32,
	},
	"string": {
		name: "string", keysize: 16, reflexive: true,
		make: makeStr, set: setStr, del: delStr, clear: clearStr,
		hmap:     func() unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&mStr)) },
		value:    func() reflect.Value { return reflect.ValueOf(mStr) },
		mapType:  func() unsafe.Pointer { return typeOf(mStr) },
		keyJSON:  strJSON,
		keyToken: strToken,
	},
	"float64": {
		name: "float64", keysize: 8, reflexive: false,
		make: makeF64, set: setF64, del: delF64,
		hmap:     func() unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&mF64)) },
		value:    func() reflect.Value { return reflect.ValueOf(mF64) },
		mapType:  func() unsafe.Pointer { return typeOf(mF64) },
		keyJSON:  floatJSON,
		keyToken: floatToken,
	},
}

// ==== The dump (maps/bucket/dump.cc's format) =================================

const sameSizeGrow = 8 // map.go: hmap.flags bit

// bucketsize is that of map[K]int64: tophash, 8 keys, 8 int64 elems, overflow.
func bucketsize(ko *kindOps) uintptr { return 8 + 8*ko.keysize + 8*8 + 8 }

// arrayBuckets returns how many buckets makeBucketArray(t, b, nil) allocated
// (map.go:344–359): 2^b, plus 2^(b-4) for b >= 4, rounded up to the size class.
func arrayBuckets(bs uintptr, b uint8) uintptr {
	n := uintptr(1) << b
	if b >= 4 {
		n += uintptr(1) << (b - 4)
		sz := bs * n
		if up := roundupsize(sz); up != sz {
			n = up / bs
		}
	}
	return n
}

type arrays struct {
	buckets, old   uintptr
	nNew, nOld, bs uintptr
}

func (a *arrays) where(b []byte, p uintptr) []byte {
	switch {
	case a.buckets != 0 && p >= a.buckets && p < a.buckets+a.nNew*a.bs:
		b = append(b, "\"n"...)
		b = strconv.AppendUint(b, uint64((p-a.buckets)/a.bs), 10)
	case a.old != 0 && p >= a.old && p < a.old+a.nOld*a.bs:
		b = append(b, "\"o"...)
		b = strconv.AppendUint(b, uint64((p-a.old)/a.bs), 10)
	default:
		return append(b, "\"h\""...)
	}
	return append(b, '"')
}

func dumpChain(b []byte, ko *kindOps, a *arrays, bk unsafe.Pointer) []byte {
	bs := a.bs
	b = append(b, '[')
	for first := true; bk != nil; first = false {
		if !first {
			b = append(b, ',')
		}
		b = append(b, "{\"at\":"...)
		b = a.where(b, uintptr(bk))
		b = append(b, ",\"tophash\":["...)
		for i := uintptr(0); i < 8; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendUint(b, uint64(byteAt(bk, i)), 10)
		}
		b = append(b, "],\"keys\":["...)
		for i := uintptr(0); i < 8; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = ko.keyJSON(b, unsafe.Add(bk, 8+i*ko.keysize))
		}
		b = append(b, "],\"elems\":["...)
		for i := uintptr(0); i < 8; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, *(*int64)(unsafe.Add(bk, 8+8*ko.keysize+8*i)), 10)
		}
		b = append(b, "]}"...)
		bk = ptrAt(bk, bs-8)
	}
	return append(b, ']')
}

func dump(b []byte, ko *kindOps, h unsafe.Pointer) []byte {
	bs := bucketsize(ko)
	B := byteAt(h, off.hB)
	flags := byteAt(h, off.hFlags)
	a := arrays{buckets: word(h, off.hBuckets), old: word(h, off.hOldbuckets), bs: bs}
	a.nNew = arrayBuckets(bs, B)
	oldB := B
	if flags&sameSizeGrow == 0 && B > 0 {
		oldB = B - 1
	}
	a.nOld = arrayBuckets(bs, oldB)
	next, ovf, oldovf := int64(-1), int64(-1), int64(-1)
	if x := ptrAt(h, off.hExtra); x != nil {
		if n := word(x, off.xNextOverflow); n != 0 {
			next = int64((n - a.buckets) / bs)
		}
		if o := ptrAt(x, off.xOverflow); o != nil {
			ovf = int64(word(o, 8))
		}
		if o := ptrAt(x, off.xOldoverflow); o != nil {
			oldovf = int64(word(o, 8))
		}
	}
	b = append(b, "{\"B\":"...)
	b = strconv.AppendUint(b, uint64(B), 10)
	b = append(b, ",\"count\":"...)
	b = strconv.AppendInt(b, int64(word(h, off.hCount)), 10)
	b = append(b, ",\"flags\":"...)
	b = strconv.AppendUint(b, uint64(flags), 10)
	b = append(b, ",\"noverflow\":"...)
	b = strconv.AppendUint(b, uint64(*(*uint16)(unsafe.Add(h, off.hNoverflow))), 10)
	b = append(b, ",\"hash0\":"...)
	b = strconv.AppendUint(b, uint64(*(*uint32)(unsafe.Add(h, off.hHash0))), 10)
	b = append(b, ",\"nevacuate\":"...)
	b = strconv.AppendUint(b, uint64(word(h, off.hNevacuate)), 10)
	b = append(b, ",\"next_overflow\":"...)
	b = strconv.AppendInt(b, next, 10)
	b = append(b, ",\"overflow\":"...)
	b = strconv.AppendInt(b, ovf, 10)
	b = append(b, ",\"oldoverflow\":"...)
	b = strconv.AppendInt(b, oldovf, 10)
	b = append(b, ",\"buckets\":["...)
	if a.buckets != 0 {
		for i := uintptr(0); i < uintptr(1)<<B; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = dumpChain(b, ko, &a, unsafe.Pointer(a.buckets+i*bs))
		}
	}
	b = append(b, "],\"oldbuckets\":"...)
	if a.old == 0 {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := uintptr(0); i < uintptr(1)<<oldB; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = dumpChain(b, ko, &a, unsafe.Pointer(a.old+i*bs))
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// ==== Random sequences ========================================================

// rng is splitmix64: the sequences depend on -seed only, not on the runtime.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func mix(x uint64) uint64 {
	r := rng{x}
	return r.next()
}

// keySpace makes the keys of one sequence: index → key, the same key (and,
// for strings, the same string object) for the same index.
type keySpace struct {
	ko    *kindOps
	salt  uint64
	size  int  // indexes are drawn from [0, size)
	small bool // small integers / simple floats instead of 64 random bits
	strs  map[int]string
}

func (ks *keySpace) key(idx int) key {
	h := mix(ks.salt ^ uint64(idx)*0x2545f4914f6cdd1d)
	switch ks.ko.name {
	case "int64":
		if ks.small {
			return key{i: int64(idx) - 5}
		}
		return key{i: int64(h)}
	case "int32":
		if ks.small {
			return key{i: int64(idx) - 5}
		}
		return key{i: int64(int32(h))}
	case "float64":
		switch {
		case idx < 4:
			return key{f: [4]float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1)}[idx]}
		case ks.small || h&1 == 0:
			return key{f: float64(idx)/4 - 3}
		}
		f := math.Float64frombits(h)
		if f != f {
			f = math.Float64frombits(h >> 12)
		}
		return key{f: f}
	default:
		if s, ok := ks.strs[idx]; ok {
			return key{s: s}
		}
		n := int(h % 41)
		var s string // the zero string: data pointer nil, as gostep's NewString("")
		if n > 0 {
			buf := make([]byte, n)
			r := rng{h}
			for i := range buf {
				buf[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[r.intn(36)]
			}
			s = string(buf)
		}
		ks.strs[idx] = s
		return key{s: s}
	}
}

func (ks *keySpace) token(b []byte, k *key) []byte {
	switch ks.ko.name {
	case "float64":
		return hex16(b, math.Float64bits(k.f))
	case "string":
		return append(append(b, 's'), k.s...)
	default:
		return strconv.AppendInt(b, k.i, 10)
	}
}

type runner struct {
	ko   *kindOps
	r    rng
	out  []byte
	ks   keySpace
	vals int64
}

func (x *runner) line(parts ...string) {
	for i, p := range parts {
		if i > 0 {
			x.out = append(x.out, ' ')
		}
		x.out = append(x.out, p...)
	}
	x.out = append(x.out, '\n')
}

// dumpEach (-dumpeach, for debugging a mismatch): a dump after every op.
var dumpEach bool

func (x *runner) opHeader(st uint64, op string) {
	x.out = append(x.out, "o "...)
	x.out = hex16(x.out, st)
	x.out = append(x.out, ' ')
	x.out = append(x.out, op...)
}

func (x *runner) doMake(hint int) {
	st := x.ko.make(hint)
	x.opHeader(st, "make ")
	x.out = strconv.AppendInt(x.out, int64(hint), 10)
	x.out = append(x.out, '\n')
	x.afterOp()
}

func (x *runner) doSet(k key) {
	x.vals++
	v := x.vals*7 + int64(x.r.intn(7))
	st := x.ko.set(&k, v)
	x.opHeader(st, "set ")
	x.out = x.ks.token(x.out, &k)
	x.out = append(x.out, ' ')
	x.out = strconv.AppendInt(x.out, v, 10)
	x.out = append(x.out, '\n')
	x.afterOp()
}

func (x *runner) doDel(k key) {
	st := x.ko.del(&k)
	x.opHeader(st, "del ")
	x.out = x.ks.token(x.out, &k)
	x.out = append(x.out, '\n')
	x.afterOp()
}

func (x *runner) doClear() {
	st := x.ko.clear()
	x.opHeader(st, "clear\n")
	x.afterOp()
}

func (x *runner) afterOp() {
	if dumpEach {
		x.dump()
	}
}

func (x *runner) doNaN() {
	x.vals++
	v := x.vals * 7
	st := nanF64(v)
	x.opHeader(st, "nan ")
	x.out = hex16(x.out, math.Float64bits(math.NaN()))
	x.out = append(x.out, ' ')
	x.out = strconv.AppendInt(x.out, v, 10)
	x.out = append(x.out, '\n')
	x.afterOp()
}

func (x *runner) growing() bool { return word(x.ko.hmap(), off.hOldbuckets) != 0 }

func (x *runner) hint() int {
	switch x.r.intn(10) {
	case 0, 1, 2, 3:
		return 0
	case 4, 5, 6:
		return 1 + x.r.intn(8)
	}
	return 9 + x.r.intn(92)
}

// build runs one sequence of 1..maxOps ops (make first). After an op that
// leaves the map growing it stops with probability stopPct%, so that a good
// share of the sequences end mid-grow.
func (x *runner) build(maxOps, stopPct int) {
	sizes := []int{8, 16, 40, 100, 300, 1000, 1 << 30}
	x.ks = keySpace{ko: x.ko, salt: x.r.next(), size: sizes[x.r.intn(len(sizes))], small: x.r.intn(3) == 0,
		strs: map[int]string{}}
	delPct := 5 + x.r.intn(45)
	nops := 1 + x.r.intn(maxOps)
	if x.r.intn(3) == 0 {
		x.churn(nops, stopPct)
		return
	}
	x.doMake(x.hint())
	for j := 1; j < nops; j++ {
		c := x.r.intn(1000)
		switch {
		case c < 4:
			x.doMake(x.hint())
		case c < 16 && x.ko.reflexive:
			x.doClear()
		case c < 40 && !x.ko.reflexive:
			x.doNaN()
		case c < 40+10*delPct:
			k := x.ks.key(x.r.intn(x.ks.size))
			if !x.ko.reflexive && x.r.intn(20) == 0 {
				k.f = math.NaN() // delete(m, NaN): hashes (a draw), never deletes
			}
			x.doDel(k)
		default:
			x.doSet(x.ks.key(x.r.intn(x.ks.size)))
		}
		if x.growing() && x.r.intn(100) < stopPct {
			break
		}
	}
}

// churn fills the map close to its load factor with distinct keys, then
// deletes a random live key and inserts a new one, over and over: deletions
// leave the overflow buckets in place (noverflow only grows), so this is
// what drives a map to a same-size grow (tooManyOverflowBuckets).
// The fill does not stop mid-grow (only the churn after it may), and the
// sequence gets at least 200 operations.
func (x *runner) churn(nops, stopPct int) {
	B := 1 + x.r.intn(2)
	target := int(6.5 * float64(int(1)<<B) * (0.8 + 0.2*float64(x.r.intn(100))/100))
	hint := 0
	if x.r.intn(2) == 0 {
		hint = target
	}
	x.doMake(hint)
	x.ks.size = 1 << 30
	var live []int
	fresh := 0
	if nops < 200 {
		nops += 200
	}
	for j := 1; j < nops; j++ {
		if len(live) >= target {
			i := x.r.intn(len(live))
			x.doDel(x.ks.key(live[i]))
			live[i] = live[len(live)-1]
			live = live[:len(live)-1]
			j++
		}
		x.doSet(x.ks.key(fresh))
		live = append(live, fresh)
		fresh++
		if len(live) >= target && x.growing() && x.r.intn(100) < stopPct {
			break
		}
	}
}

func (x *runner) dump() {
	x.out = append(x.out, "dump "...)
	x.out = dump(x.out, x.ko, x.ko.hmap())
	x.out = append(x.out, '\n')
}

// iterate ranges over the map with reflect.MapIter. variant 0: no mutation;
// 1: a few sets/deletes (and rarely a clear) at random steps; 2: bursts of
// new keys (and some deletes) that make the map grow mid-iteration.
func (x *runner) iterate(variant int) {
	it := x.ko.value().MapRange()
	hi := unsafe.Add(unsafe.Pointer(it), off.iterHiter)
	st := fastrandState()
	ok := it.Next()
	x.out = append(x.out, "it "...)
	x.out = hex16(x.out, st)
	x.out = append(x.out, '\n')
	x.out = append(x.out, "start "...)
	x.out = strconv.AppendUint(x.out, uint64(word(hi, off.hiStartBucket)), 10)
	x.out = append(x.out, ' ')
	x.out = strconv.AppendUint(x.out, uint64(byteAt(hi, off.hiOffset)), 10)
	x.out = append(x.out, '\n')
	fresh := x.ks.size // new keys: indexes past the build's key space
	inserted := 0
	for ok {
		x.out = append(x.out, "k "...)
		x.out = x.ko.keyToken(x.out, ptrAt(hi, off.hiKey))
		x.out = append(x.out, '\n')
		switch variant {
		case 1:
			if x.r.intn(4) == 0 {
				for n := 1 + x.r.intn(3); n > 0; n-- {
					c := x.r.intn(100)
					switch {
					case c < 2 && x.ko.reflexive:
						x.doClear()
					case c < 6 && !x.ko.reflexive:
						x.doNaN()
					case c < 50:
						x.doDel(x.ks.key(x.r.intn(x.ks.size)))
					default:
						x.doSet(x.ks.key(x.r.intn(x.ks.size + 20)))
					}
				}
			}
		case 2:
			if inserted < 600 && x.r.intn(8) == 0 {
				n := 1 + x.r.intn(int(word(x.ko.hmap(), off.hCount))+8)
				for ; n > 0; n-- {
					if !x.ko.reflexive && x.r.intn(10) == 0 {
						x.doNaN()
					} else {
						x.doSet(x.ks.key(fresh))
						fresh++
					}
					inserted++
				}
				for n := x.r.intn(3); n > 0; n-- {
					x.doDel(x.ks.key(x.r.intn(fresh)))
				}
			}
		}
		ok = it.Next()
	}
	x.line("itend")
}

// selfTest checks the fastrand offsets (one makemap_small draw advances
// m.fastrand by wyrand's increment) and that a key's zero string has a nil
// data pointer.
func selfTest() {
	for i := 0; i < 3; i++ {
		s0 := fastrandState()
		m := make(map[int]int) // makemap_small: h.hash0 = fastrand()
		s1 := fastrandState()
		if s1-s0 != 0xa0761d6478bd642f {
			die("m.fastrand at offset %d of runtime.m (g.m at %d) does not move as fastrand: %x → %x",
				off.mFastrand, off.gM, s0, s1)
		}
		sink = m
	}
	var s string
	if (*stringHeader)(unsafe.Pointer(&s)).data != nil {
		die("the zero string has a non-nil data pointer")
	}
}

var sink any

// checkOps checks at run time that the op functions call what the protocol
// says: make with a hint from a variable is makemap (B from the hint at
// once; makemap_small would leave B = 0), and the range-delete idiom is
// mapclear (one draw, for the new hash0, and noverflow reset; a real range
// with deletes would draw twice: mapiterinit's start and the reseed of the
// last delete).
func checkOps(ko *kindOps) {
	ko.make(20)
	if B := byteAt(ko.hmap(), off.hB); B != 2 {
		die("make(map[%s]int64, hint=20) has B = %d, not 2: not runtime.makemap?", ko.name, B)
	}
	if ko.clear == nil {
		return
	}
	ks := keySpace{ko: ko, salt: 1, size: 100, strs: map[int]string{}}
	for i := 0; i < 3; i++ {
		k := ks.key(i)
		ko.set(&k, 1)
	}
	s0 := ko.clear()
	if s1 := fastrandState(); s1-s0 != 0xa0761d6478bd642f {
		die("the range-delete idiom over map[%s]int64 drew %x → %x: not one mapclear", ko.name, s0, s1)
	}
}

func main() {
	runtime.MemProfileRate = 0
	runtime.LockOSThread()
	kind := flag.String("kind", "int64", "key type: int64, int32, string, float64")
	n := flag.Int("n", 1000, "number of sequences")
	seed := flag.Uint64("seed", 1, "seed of the sequences")
	mode := flag.String("mode", "layout", "layout or iter")
	maxOps := flag.Int("maxops", 400, "most operations per sequence (before an iteration: half)")
	flag.BoolVar(&dumpEach, "dumpeach", false, "dump the map after every operation too (debugging)")
	flag.Parse()
	ko := kinds[*kind]
	if ko == nil {
		die("unknown -kind %q", *kind)
	}
	readOffsets()
	selfTest()
	checkOps(ko)
	if got := uintptr(*(*uint16)(unsafe.Add(ko.mapType(), off.tBucketsize))); got != bucketsize(ko) {
		die("bucketsize of map[%s]int64 is %d, not %d", ko.name, got, bucketsize(ko))
	}

	x := &runner{ko: ko, r: rng{*seed}}
	aes := "0"
	if useAeshash {
		aes = "1"
	}
	x.line("useAeshash", aes)
	x.out = append(x.out, "hashkey"...)
	for _, k := range hashkey {
		x.out = append(x.out, ' ')
		x.out = hex16(x.out, uint64(k))
	}
	x.out = append(x.out, "\naeskeysched "...)
	for _, c := range aeskeysched {
		x.out = append(x.out, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
	}
	x.out = append(x.out, '\n')
	midgrow := 0
	for i := 0; i < *n; i++ {
		x.line("seq", strconv.Itoa(i))
		if *mode == "iter" {
			x.build(*maxOps/2, 40)
			x.iterate(i % 3)
		} else {
			x.build(*maxOps, 35)
		}
		if x.growing() {
			midgrow++
		}
		x.dump()
		if len(x.out) > 1<<20 {
			os.Stdout.Write(x.out)
			x.out = x.out[:0]
		}
	}
	x.line("midgrow", strconv.Itoa(midgrow))
	x.line("end", strconv.Itoa(*n))
	os.Stdout.Write(x.out)
}
