// lang/syntax/token.cc — the spelling, precedence and op-assign base of tokens.
#include "lang/syntax/token.h"

namespace gostep::lang {

std::string_view TokString(Tok t) {
  switch (t) {
    case Tok::kIllegal: return "ILLEGAL";
    case Tok::kEof: return "EOF";
    case Tok::kComment: return "COMMENT";
    case Tok::kIdent: return "IDENT";
    case Tok::kInt: return "INT";
    case Tok::kFloat: return "FLOAT";
    case Tok::kImag: return "IMAG";
    case Tok::kChar: return "CHAR";
    case Tok::kString: return "STRING";
    case Tok::kAdd: return "+";
    case Tok::kSub: return "-";
    case Tok::kMul: return "*";
    case Tok::kQuo: return "/";
    case Tok::kRem: return "%";
    case Tok::kAnd: return "&";
    case Tok::kOr: return "|";
    case Tok::kXor: return "^";
    case Tok::kShl: return "<<";
    case Tok::kShr: return ">>";
    case Tok::kAndNot: return "&^";
    case Tok::kAddAssign: return "+=";
    case Tok::kSubAssign: return "-=";
    case Tok::kMulAssign: return "*=";
    case Tok::kQuoAssign: return "/=";
    case Tok::kRemAssign: return "%=";
    case Tok::kAndAssign: return "&=";
    case Tok::kOrAssign: return "|=";
    case Tok::kXorAssign: return "^=";
    case Tok::kShlAssign: return "<<=";
    case Tok::kShrAssign: return ">>=";
    case Tok::kAndNotAssign: return "&^=";
    case Tok::kLAnd: return "&&";
    case Tok::kLOr: return "||";
    case Tok::kArrow: return "<-";
    case Tok::kInc: return "++";
    case Tok::kDec: return "--";
    case Tok::kEql: return "==";
    case Tok::kLss: return "<";
    case Tok::kGtr: return ">";
    case Tok::kAssign: return "=";
    case Tok::kNot: return "!";
    case Tok::kNeq: return "!=";
    case Tok::kLeq: return "<=";
    case Tok::kGeq: return ">=";
    case Tok::kDefine: return ":=";
    case Tok::kEllipsis: return "...";
    case Tok::kLParen: return "(";
    case Tok::kLBrack: return "[";
    case Tok::kLBrace: return "{";
    case Tok::kComma: return ",";
    case Tok::kPeriod: return ".";
    case Tok::kRParen: return ")";
    case Tok::kRBrack: return "]";
    case Tok::kRBrace: return "}";
    case Tok::kSemicolon: return ";";
    case Tok::kColon: return ":";
    case Tok::kTilde: return "~";
    case Tok::kBreak: return "break";
    case Tok::kCase: return "case";
    case Tok::kChan: return "chan";
    case Tok::kConst: return "const";
    case Tok::kContinue: return "continue";
    case Tok::kDefault: return "default";
    case Tok::kDefer: return "defer";
    case Tok::kElse: return "else";
    case Tok::kFallthrough: return "fallthrough";
    case Tok::kFor: return "for";
    case Tok::kFunc: return "func";
    case Tok::kGo: return "go";
    case Tok::kGoto: return "goto";
    case Tok::kIf: return "if";
    case Tok::kImport: return "import";
    case Tok::kInterface: return "interface";
    case Tok::kMap: return "map";
    case Tok::kPackage: return "package";
    case Tok::kRange: return "range";
    case Tok::kReturn: return "return";
    case Tok::kSelect: return "select";
    case Tok::kStruct: return "struct";
    case Tok::kSwitch: return "switch";
    case Tok::kType: return "type";
    case Tok::kVar: return "var";
  }
  return "ILLEGAL";
}

int Precedence(Tok t) {
  switch (t) {
    case Tok::kLOr: return 1;
    case Tok::kLAnd: return 2;
    case Tok::kEql: case Tok::kNeq: case Tok::kLss: case Tok::kLeq: case Tok::kGtr: case Tok::kGeq:
      return 3;
    case Tok::kAdd: case Tok::kSub: case Tok::kOr: case Tok::kXor:
      return 4;
    case Tok::kMul: case Tok::kQuo: case Tok::kRem: case Tok::kShl: case Tok::kShr: case Tok::kAnd:
    case Tok::kAndNot:
      return 5;
    default:
      return 0;
  }
}

Tok AssignOpBase(Tok t) {
  switch (t) {
    case Tok::kAddAssign: return Tok::kAdd;
    case Tok::kSubAssign: return Tok::kSub;
    case Tok::kMulAssign: return Tok::kMul;
    case Tok::kQuoAssign: return Tok::kQuo;
    case Tok::kRemAssign: return Tok::kRem;
    case Tok::kAndAssign: return Tok::kAnd;
    case Tok::kOrAssign: return Tok::kOr;
    case Tok::kXorAssign: return Tok::kXor;
    case Tok::kShlAssign: return Tok::kShl;
    case Tok::kShrAssign: return Tok::kShr;
    case Tok::kAndNotAssign: return Tok::kAndNot;
    default: return Tok::kIllegal;
  }
}

}  // namespace gostep::lang
