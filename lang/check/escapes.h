// lang/check/escapes.h — syntactic pre-scans of a function body.
#pragma once

#include "lang/syntax/ast.h"

namespace gostep::lang::check {

// NeedsBoxes reports whether a body may take the address of a local or
// capture one: it contains a func literal, a unary &, or a method call or
// selector call (which may take &x for a pointer receiver). Such a function
// boxes all its locals (compiler.h).
bool NeedsBoxes(const BlockStmt* body);

// Terminates reports whether a statement list ends in a terminating
// statement (spec "Terminating statements").
bool Terminates(const Stmt* s);

}  // namespace gostep::lang::check
