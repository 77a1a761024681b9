// Command size_classes prints what the real runtime says about its malloc size
// classes, for tests/gc/size_classes_test.cc:
//
//	bysize <i> <bytes>           runtime.MemStats.BySize[i].Size (classes 0..60)
//	bucket <i> <bound>|inf       the buckets of /gc/heap/allocs-by-size:bytes:
//	                             1, then class_to_size[i]+1 for classes 1..67, then +Inf
//	stride <noscan|scan> <n> <d> d = the smallest positive address difference
//	                             between consecutive allocations of n bytes
//
// Why the stride is the slot size (span.elemsize): live objects never overlap,
// so two allocations of the same size class are at least elemsize apart, and
// consecutive allocations from one span are exactly elemsize apart (mallocgc
// hands out free slots in ascending order). Sizes below 16 bytes without
// pointers would go to the tiny allocator and are not measured. The output is
// the same on every run (checked over 100 runs at GOMAXPROCS=1).
//
// It imports runtime/metrics and unsafe only (neither imports os), and prints
// with the builtin println (stderr).
package main

import (
	"runtime"
	"runtime/metrics"
	"unsafe"
)

// keep holds every measured object, so none is freed and reused while
// measuring. Its capacity is allocated up front: appending never allocates.
var keep []unsafe.Pointer

const perSize = 16 // allocations per measured size

var noscanSizes = []int{16, 17, 24, 25, 32, 33, 100, 500, 512, 513, 1000, 1016, 1017, 1024, 1025,
	2000, 5000, 10000, 32760, 32761, 32768, 32769, 40000}

var scanSizes = []int{8, 24, 512, 520, 1024, 1032, 32768, 32776}

func main() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	for i, c := range ms.BySize {
		println("bysize", i, c.Size)
	}
	s := []metrics.Sample{{Name: "/gc/heap/allocs-by-size:bytes"}}
	metrics.Read(s)
	for i, b := range s[0].Value.Float64Histogram().Buckets {
		if b > 1<<40 {
			println("bucket", i, "inf")
		} else {
			println("bucket", i, uint64(b))
		}
	}
	keep = make([]unsafe.Pointer, 0, perSize*(len(noscanSizes)+len(scanSizes)))
	for _, n := range noscanSizes {
		println("stride noscan", n, stride(n, false))
	}
	for _, n := range scanSizes {
		println("stride scan", n, stride(n, true))
	}
}

// alloc allocates n bytes: a []byte (no pointers) or a []*byte (all pointers;
// n is a multiple of 8). makeslice calls mallocgc with exactly n bytes.
func alloc(n int, scan bool) unsafe.Pointer {
	if scan {
		s := make([]*byte, n/8)
		return unsafe.Pointer(&s[0])
	}
	s := make([]byte, n)
	return unsafe.Pointer(&s[0])
}

// stride returns the smallest positive difference between the addresses of
// consecutive allocations of n bytes.
func stride(n int, scan bool) uintptr {
	best := ^uintptr(0)
	var prev uintptr
	for i := 0; i < perSize; i++ {
		p := alloc(n, scan)
		keep = append(keep, p)
		if a := uintptr(p); i > 0 && a > prev && a-prev < best {
			best = a - prev
		}
		prev = uintptr(p)
	}
	return best
}
