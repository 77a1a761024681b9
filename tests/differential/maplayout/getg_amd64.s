// getg and the bodies of main.go's linknamed declarations.
//
// The functions of main.go declared without a body (roundupsize) are
// linknamed to the runtime; an assembly file in the package lets the compiler
// accept them. getg is the runtime's own getg() for a non-runtime package:
// on amd64 the current g lives in thread-local storage, and the assembler
// rewrites the TLS pseudo-register to the g slot (as github.com/petermattis/goid
// reads it). In ABIInternal code R14 also holds g, but an ABI0 assembly
// function cannot rely on that.

#include "textflag.h"

// func getg() uintptr
TEXT ·getg(SB),NOSPLIT,$0-8
	MOVQ (TLS), AX
	MOVQ AX, ret+0(FP)
	RET
