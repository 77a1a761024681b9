// complex.go — complex64 and complex128: constants and imaginary literals,
// the builtins complex/real/imag, conversions, arithmetic (division as
// runtime/complex.go complex128div, with Inf and NaN), comparisons, values
// in structs, arrays, slices, channels, map elems and interfaces, and fmt.
package main

import (
	"fmt"
	"math"
	"sync"
)

type C complex128

type Named complex64

func (n Named) String() string { return fmt.Sprintf("N%v", complex64(n)) }

func (c C) Conj() C { return C(complex(real(c), -imag(c))) }

type Stringer interface{ String() string }

type Point struct {
	Name string
	Z    complex64
	W    [2]complex128
}

const (
	k1            = 1 + 2i
	k2            = 2i * 2i
	k3            = complex(1.5, -2)
	k4            = real(k3) + imag(k3)
	k5  complex64 = 3 - 4i
	k6            = 0x1p-2i
	k7            = 1.5e3i
	k8            = 0123i // decimal despite the 0 (spec "Imaginary literals")
	k9            = 0b101i
	k10           = 0o17i
	k11           = 1_000i
	k12           = (1 + 2i) / (3 - 4i)
	k13           = 1e300i * 1e300i / 1e300i
	k14           = 'a' + 0i
)

var global = complex(2, -3)

func div(a, b complex128) complex128 { return a / b }

func div64(a, b complex64) complex64 { return a / b }

func norm(c complex128) (float64, bool) {
	return real(c)*real(c) + imag(c)*imag(c), math.IsInf(real(c), 0)
}

func constants() {
	fmt.Println(k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11)
	fmt.Println(k12, k13, k14, real(k13), imag(k12))
	var f float64 = k2
	var i int = k2
	var u uint8 = 255 + 0i
	var f32 float32 = complex(0.1, 0)
	fmt.Println(f, i, u, f32, real(3), imag(3))
	fmt.Printf("%T %T %T %T\n", k1, real(k1), k5, real(k5))
	fmt.Println(1<<(2+0i), int(2+0i), float32(3+0i), complex128(5), complex64(1.1), complex64(k12))
	fmt.Println(k1 == 1+2i, k1 != k3, complex(1, 0) == 1)
}

func arithmetic() {
	c := 1.5 - 2i
	fmt.Println(c, real(c), imag(c), -c, +c, c*c, c/c, c+1, c-1i)
	a := complex(3, 4)
	b := complex(float32(1), float32(2))
	fmt.Printf("%T %T\n", a, b)
	fmt.Println(a+1, a-1i, a*a, a/2, -a, b*b, b/b, b+b, b-b, -b)
	a += 1
	a -= 2i
	a *= 2
	a /= 1 + 1i
	a++
	a--
	fmt.Println(a, global*global, global/a)
	x := complex64(1.1 + 2.2i)
	y := complex128(x)
	fmt.Println(x, y, complex64(y) == x, complex64(0.1+0.2i), x*x, x*x*x, x/3)
	var z complex128
	var z64 complex64
	fmt.Println(z, z64, z == 0, z64 == 0, -z)
	n, isInf := norm(3 + 4i)
	fmt.Println(n, isInf)
}

func division() {
	inf := math.Inf(1)
	nan := math.NaN()
	fmt.Println(div(1, 0), div(-1, 0), div(0, 0), div(1i, 0))
	fmt.Println(div(complex(inf, 1), 2), div(complex(inf, inf), 1+1i), div(1, complex(inf, 0)), div(1+1i, complex(0, inf)))
	fmt.Println(div(complex(nan, 1), 1), div(1, complex(nan, 0)), div(complex(1, 2), complex(3, 4)))
	fmt.Println(div(complex(1e300, 1e300), complex(1e300, 1e300)), div(complex(2, 3), complex(0, 4)), div(complex(-2, 0), complex(math.Float64frombits(1<<63), -1)))
	fmt.Println(div64(1, 0), div64(complex(1, 2), complex(3, 4)), div64(1e30, 1e-30), div64(1e20i, 1e-20))
	fmt.Println(complex(nan, 0) == complex(nan, 0), complex(inf, -inf))
}

func formatting() {
	c := 1.5 - 2i
	inf, nan := math.Inf(1), math.NaN()
	fmt.Printf("%v %g %f %e %.2f %+v %+.3e %8.2f|%-8.1f|%E|%G\n", c, c, c, c, c, c, c, c, c, c, c)
	bad := "%d %s %x\n" // not a constant: go vet would flag the wrong verbs
	fmt.Printf("%T %T %T %v %#v\n", c, complex64(c), C(c), C(c), c)
	fmt.Printf(bad, c, c, c)
	fmt.Printf("%v %.1f %+g %8.2e %010.2f|% .1f\n", complex(nan, inf), complex(inf, nan), complex(-inf, 0), complex(nan, -inf), c, c)
	fmt.Println(fmt.Sprint(c, 1i, "x", 2i), fmt.Sprintf("%v|%6.2v|%x", 1i, 2i, 3))
	fmt.Println(complex(1e-310, 1e-310), complex64(complex(1e20, 1e-20)), complex(123456789, 0.000001))
	fmt.Printf("%v %v\n", []complex64{1, 2i}, [2]complex128{3, -4i})
	fmt.Printf("%x %X %.2x %b %x %8.1x|\n", complex64(1.5-2i), 1e-310+0.1i, 3+1i, 1.5+0i, 0i, -1i)
	fmt.Println(-0.0, -0i, -(0 + 0i), 0*-1i)
}

func composites() {
	p := Point{"p", 1 + 1i, [2]complex128{2, 3i}}
	q := p
	q.W[1] = 4
	fmt.Println(p, q, p == q, p.W == [2]complex128{2, 3i})
	fmt.Printf("%v %+v\n", p, q)
	s := []complex128{1, 2i, 3 + 3i}
	s = append(s, 4i)
	t := make([]complex64, 2)
	copy(t, []complex64{5, 6i})
	sum := complex128(0)
	for _, v := range s {
		sum += v
	}
	fmt.Println(s, len(s), t, sum)
	ch := make(chan complex128, 2)
	ch <- 1 + 1i
	ch <- 2 - 2i
	fmt.Println(<-ch, <-ch)
	m := map[string]complex128{"a": 1i}
	m["a"] += 2
	m["b"] = 3i
	fmt.Println(m["a"], m["b"], m["c"], len(m))
	var z complex128
	pz := &z
	*pz = 7i
	f := func() complex64 { return complex64(z) * 2 }
	fmt.Println(z, f(), new(complex64) != nil, *new(complex128))
}

func interfaces() {
	c := 1.5 - 2i
	var e interface{} = c
	var e2 interface{} = 1.5 - 2i
	var e3 interface{} = complex64(c)
	fmt.Println(e, e == e2, e == e3, e2 == interface{}(c), e != nil)
	if v, ok := e.(complex128); ok {
		fmt.Println("complex128", v*2)
	}
	if _, ok := e.(complex64); !ok {
		fmt.Println("not complex64")
	}
	for _, v := range []interface{}{c, complex64(c), C(c), 1, 2.5, "s", k1, Named(2i)} {
		switch w := v.(type) {
		case complex64:
			fmt.Println("c64", w, real(w))
		case complex128:
			fmt.Println("c128", w, imag(w))
		case C:
			fmt.Println("C", w, complex128(w)+1, w.Conj())
		case Stringer:
			fmt.Println("Stringer", w)
		default:
			fmt.Printf("other %T %v\n", w, w)
		}
	}
	fmt.Println(Named(1+2i), []Named{3, 4i})
	var nc C = 2 + 2i
	fmt.Println(nc*nc, nc == 2+2i, nc != C(c), nc.Conj())
	switch c {
	case 1.5 + 2i:
		fmt.Println("wrong")
	case 1.5 - 2i:
		fmt.Println("right")
	}
}

type Pair struct{ a, b complex128 }

type Holder struct {
	A complex64
	B []complex128
}

func rotator() func(float64) complex128 {
	base := 1i
	return func(f float64) complex128 {
		base *= 1i
		return complex(f, f) * base
	}
}

func more() {
	var x complex64 = 0.1
	fmt.Println(x*0.1, x*x*x*x, x/7, 1/x)
	var r float32 = real(x)
	var f32 float32 = 1.25
	z := complex(f32, 1)
	fmt.Printf("%v %v %T %v\n", r, imag(x*1i), z, z)
	fmt.Println(+(1 + 2i), -(-1i), x == 0.1, x != 0.1)
	nan := complex(math.NaN(), 0)
	fmt.Println(nan != nan, nan == nan)
	var wg sync.WaitGroup
	ch := make(chan complex64)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(v complex64) {
			defer wg.Done()
			ch <- v * v
		}(complex(float32(i), 1))
	}
	go func() { wg.Wait(); close(ch) }()
	var sum complex64
	for v := range ch {
		sum += v
	}
	fmt.Println(sum)
	m := map[int]Holder{1: {1i, []complex128{2}}}
	m[2] = Holder{B: nil}
	fmt.Println(m[1], m[2], m[1].B[0]+m[1].B[0])
	fmt.Println(len([3]complex128{}), [3]complex64{1: 1i} == [3]complex64{0, 1i, 0})
	var e interface{} = complex64(1)
	fmt.Println(e, e == complex64(1), e == 1+0i, fmt.Sprintf("%v", []interface{}{1i, complex64(2), Holder{}}))
	g := rotator()
	fmt.Println(g(1), g(2), g(3))
	switch y := 1i * 1i; y {
	case 1i:
		fmt.Println("i")
	case -1:
		fmt.Println("-1")
	}
	arr := []complex128{3 + 1i, 1 - 1i}
	arr[0], arr[1] = arr[1], arr[0]
	arr[1] *= 2
	p := &arr[0]
	*p += 10
	fmt.Printf("%v %.3g %+.1e %G\n", arr, complex(1/3.0, -2/3.0), complex(12345.678, 0), complex(1e-7, 1e21))
	const h = complex(1, 2) * complex(3, 4) / complex(0.5, 0.25)
	var hf complex64 = h
	fmt.Println(h, hf, real(h) > 0)
	var pi interface{} = Pair{1, 2i}
	fmt.Println(pi == Pair{1, 2i}, pi == Pair{1, 2})
	var nilc interface{}
	_, ok := nilc.(complex128)
	zero := 0.0
	negz := complex(-zero, -zero)
	fmt.Println(ok, negz, -negz, math.Signbit(real(negz)), math.Signbit(imag(-0i)))
}

func main() {
	constants()
	arithmetic()
	division()
	formatting()
	composites()
	interfaces()
	more()
	defer func() {
		fmt.Println("recovered", recover())
	}()
	panic(complex64(1 - 0.5i))
}
