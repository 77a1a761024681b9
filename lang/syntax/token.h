// lang/syntax/token.h — Go's tokens (go/token), in Google C++ style.
#pragma once

#include <cstdint>
#include <string_view>

namespace gostep::lang {

enum class Tok : uint8_t {
  kIllegal, kEof, kComment,
  // Literals.
  kIdent, kInt, kFloat, kImag, kChar, kString,
  // Operators and delimiters.
  kAdd, kSub, kMul, kQuo, kRem,                       // + - * / %
  kAnd, kOr, kXor, kShl, kShr, kAndNot,               // & | ^ << >> &^
  kAddAssign, kSubAssign, kMulAssign, kQuoAssign, kRemAssign,
  kAndAssign, kOrAssign, kXorAssign, kShlAssign, kShrAssign, kAndNotAssign,
  kLAnd, kLOr, kArrow, kInc, kDec,                    // && || <- ++ --
  kEql, kLss, kGtr, kAssign, kNot,                    // == < > = !
  kNeq, kLeq, kGeq, kDefine, kEllipsis,               // != <= >= := ...
  kLParen, kLBrack, kLBrace, kComma, kPeriod,         // ( [ { , .
  kRParen, kRBrack, kRBrace, kSemicolon, kColon,      // ) ] } ; :
  kTilde,                                             // ~ (type sets: rejected)
  // Keywords.
  kBreak, kCase, kChan, kConst, kContinue, kDefault, kDefer, kElse,
  kFallthrough, kFor, kFunc, kGo, kGoto, kIf, kImport, kInterface, kMap,
  kPackage, kRange, kReturn, kSelect, kStruct, kSwitch, kType, kVar,
};

// TokString returns the token's Go spelling ("+=", "func", "EOF", "IDENT").
std::string_view TokString(Tok t);

// Precedence returns the binary precedence of t (5 for * / % << >> & &^,
// 4 for + - | ^, 3 for comparisons, 2 for &&, 1 for ||), or 0.
int Precedence(Tok t);

// AssignOpBase maps an op-assign token to its operator (kAddAssign -> kAdd).
Tok AssignOpBase(Tok t);

}  // namespace gostep::lang
