// lang/syntax/ast_string.h — Go source text of expressions and simple
// statements, in the short form gc's messages use (syntax.String): composite
// literal and function bodies print as "{…}".
#pragma once

#include <string>

#include "lang/syntax/ast.h"

namespace gostep::lang {

std::string ExprString(const Expr* x);
// ExprListString prints "a, b, c".
std::string ExprListString(const std::vector<Expr*>& list);
// StmtString prints a simple statement (assignment, inc/dec, send, expression).
std::string StmtString(const Stmt* s);

}  // namespace gostep::lang
