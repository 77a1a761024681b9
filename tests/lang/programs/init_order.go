// init_order.go — package vars are initialised in dependency order (spec,
// "Package initialization"): forward references, dependencies through
// funcs, methods, method values and expressions and func literals,
// `var a, b = f()` together, side-effecting initialisers printing in the
// order Go runs them, blank vars, consts naming vars, then init() funcs in
// source order.
package main

import "fmt"

var trace []string

func note(s string, v int) int {
	trace = append(trace, s)
	fmt.Println("init", s, v)
	return v
}

// Forward references: a needs b needs c.
var a = note("a", b+1)
var b = note("b", c*2)
var c = note("c", 3)

// Through a function: d calls getE, which reads e.
var d = note("d", getE()+1)

func getE() int { return e }

var e = note("e", 10)

// Transitively through two functions.
var f1 = note("f1", viaG()*2)

func viaG() int { return viaH() + 1 }
func viaH() int { return h1 }

var h1 = note("h1", 7)

// Through a method call, a method value and a method expression.
type T struct{ k int }

func (t T) Get() int  { return m1 + t.k }
func (t *T) Ptr() int { return m2 }
func (t T) Expr() int { return m3 }

var viaMethod = note("viaMethod", T{1}.Get())
var m1 = note("m1", 100)

var tv T
var viaValue = note("viaValue", func() int { g := tv.Ptr; return g() }())
var m2 = note("m2", 200)

var viaExpr = note("viaExpr", T.Expr(T{}))
var m3 = note("m3", 300)

// Multi-value initialisation: p and q together, after r.
var p, q = pair()

func pair() (int, string) {
	note("pair", r)
	return r + 1, fmt.Sprint("q", r)
}

var r = note("r", 5)

// Comma-ok forms at package level.
var mm = map[string]int{"k": note("mm", 9)}
var mv, mok = mm["k"]
var ch = func() chan int { c := make(chan int, 1); c <- note("ch", 4); return c }()
var cv, cok = <-ch

// A typed multi-value declaration (go1.19's gc fails with an internal
// compiler error when the results need converting, so they do not here).
var ea, eb int = pair2()

func pair2() (int, int) { return note("pair2", s1), -1 }

var s1 = note("s1", 11)

// Blank vars run too, in order.
var _ = note("blank1", u1)
var u1 = note("u1", 12)
var _ = note("blank2", 0)

// A const that names a var waits for it.
var arr [4]int

const n = len(arr)

var viaConst = note("viaConst", n+zz)
var zz = note("zz", 1)

// A func literal in an initialiser counts for its var.
var lit = func() int { return note("lit", later) }()
var later = note("later", 6)

// Independent vars keep source order.
var i1 = note("i1", 1)
var i2 = note("i2", 2)

func init() { fmt.Println("init 1, a =", a, "p =", p) }

func init() { fmt.Println("init 2, q =", q) }

func main() {
	fmt.Println(a, b, c, d, e, f1, h1)
	fmt.Println(viaMethod, m1, viaValue, m2, viaExpr, m3)
	fmt.Println(p, q, r, mv, mok, cv, cok, ea, eb, s1)
	fmt.Println(n, viaConst, zz, lit, later, i1, i2)
	fmt.Println(len(trace), trace)
}
