// lang/std/fmt.h — Go's fmt formatting of interpreter values.
//
// Models fmt/print.go and fmt/format.go (go1.19; the verbs and flags
// scenarios use): %v %+v %#v (partial) %T %d %s %q %x %X %o %b %c %U %f %F
// %e %E %g %G %t %p %%, width, precision, '-', '+', '0', ' ', '#'; floats
// also as %b %x %X, complex numbers as "(re+imi)" (fmtComplex); Error()
// and String() methods; maps printed in sorted key order (internal/fmtsort,
// since go1.12); Go's error forms (%!d(string=hi), %!d(MISSING),
// %!(EXTRA int=1)). Addresses print as deterministic fake 0xc000… values.
#pragma once

#include <string>
#include <vector>

#include "lang/exec/frame.h"

namespace gostep::lang::std_pkg {

// An argument: an interface value (x = dynamic type).
using Arg = exec::Value;

// wrapped non-null: formatting for fmt.Errorf (fmt/print.go: wrapErrs),
// where %w of an error operand formats as %v, and *wrapped receives the
// indices of the operands Errorf wraps: go1.13–1.19 the operand of the one
// %w (a second %w, or one of a non-error, is a bad verb and wraps nothing);
// go1.20+ every %w's operand (a non-error one still prints as a bad verb).
std::string Sprintf(exec::Frame& f, std::string_view format, const std::vector<Arg>& args,
                    std::vector<size_t>* wrapped = nullptr);
std::string Sprint(exec::Frame& f, const std::vector<Arg>& args);    // fmt.Sprint: spaces between non-strings
std::string Sprintln(exec::Frame& f, const std::vector<Arg>& args);  // spaces always, newline
// PrintBuiltin formats one operand of the builtin print/println.
std::string PrintBuiltin(exec::RunState& r, const types::Type* t, const exec::Value& v);
// FormatFloat is strconv.FormatFloat(v, fmt, prec, bits).
std::string FormatFloat(double v, char fmt, int prec, int bits);
std::string Quote(std::string_view s);  // strconv.Quote

}  // namespace gostep::lang::std_pkg
