// lang/syntax/parser.cc — Parse, the token helpers and error reporting of the
// parser, the file and its declarations (parser.go's fileOrNil .. funcBody).
#include "lang/syntax/parser.h"

#include <fmt/format.h>

#include "lang/syntax/parser_impl.h"

namespace gostep::lang {

std::unique_ptr<File> Parse(std::string name, std::string_view src, DiagList* diags) {
  auto file = std::make_unique<File>();
  file->name = std::move(name);
  internal::Parser p(src, diags, file.get());
  p.ParseFile();
  return file;
}

Pos StartPos(const Expr* x) {
  while (x != nullptr) {
    switch (x->kind) {
      case ExprKind::kBinary: x = static_cast<const BinaryExpr*>(x)->x; break;
      case ExprKind::kKeyValue: x = static_cast<const KeyValueExpr*>(x)->key; break;
      default: return x->pos;
    }
  }
  return Pos{};
}

namespace internal {
namespace {

bool IsLiteral(Tok t) {
  return t == Tok::kInt || t == Tok::kFloat || t == Tok::kImag || t == Tok::kChar || t == Tok::kString;
}


bool InStopSet(Tok t) {
  switch (t) {
    case Tok::kBreak: case Tok::kConst: case Tok::kContinue: case Tok::kDefer: case Tok::kFallthrough:
    case Tok::kFor: case Tok::kGo: case Tok::kGoto: case Tok::kIf: case Tok::kReturn: case Tok::kSelect:
    case Tok::kSwitch: case Tok::kType: case Tok::kVar:
      return true;
    default:
      return false;
  }
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

// ExpectName is gc's tokstring: how a wanted token is named in "expecting X".
std::string ExpectName(Tok t) {
  switch (t) {
    case Tok::kComma: return "comma";
    case Tok::kSemicolon: return "semicolon or newline";
    case Tok::kIdent: return "name";
    default: return std::string(TokString(t));
  }
}


Parser::Parser(std::string_view src, DiagList* diags, File* file)
    : lex_(src, diags), diags_(diags), file_(file), errors_before_(diags->list().size()) {
  Next();
}

bool Parser::Got(Tok t) {
  if (tok() != t) return false;
  Next();
  return true;
}

void Parser::Want(Tok t) {
  if (!Got(t)) {
    SyntaxError("expecting " + ExpectName(t));
    Advance();
  }
}

bool Parser::GotAssign() {
  switch (tok()) {
    case Tok::kDefine:
      SyntaxError("expecting =");
      [[fallthrough]];
    case Tok::kAssign:
      Next();
      return true;
    default:
      return false;
  }
}

void Parser::ErrorAt(Pos p, std::string msg) { diags_->Error(p, std::move(msg)); }

void Parser::SyntaxErrorAt(Pos p, std::string msg) {
  if (tok() == Tok::kEof && HadErrors()) return;  // avoid meaningless follow-up errors
  if (msg.empty()) {
    // nothing to add
  } else if (StartsWith(msg, "in ") || StartsWith(msg, "at ") || StartsWith(msg, "after ")) {
    msg = " " + msg;
  } else if (StartsWith(msg, "expecting ")) {
    msg = ", " + msg;
  } else {
    ErrorAt(p, "syntax error: " + msg);
    return;
  }
  std::string t;
  if (tok() == Tok::kIdent || tok() == Tok::kSemicolon) {
    t = lit();
  } else if (IsLiteral(tok())) {
    t = "literal " + lit();
  } else if (tok() == Tok::kComma) {
    t = "comma";
  } else {
    t = std::string(TokString(tok()));
  }
  ErrorAt(p, "syntax error: unexpected " + t + msg);
}

void Parser::Advance(std::initializer_list<Tok> follow) {
  auto in_follow = [&](Tok t) {
    if (t == Tok::kEof) return true;
    if (follow.size() == 0) return false;
    if (fnest_ > 0 && InStopSet(t)) return true;
    for (Tok f : follow) {
      if (f == t) return true;
    }
    return false;
  };
  while (!in_follow(tok())) {
    Next();
    if (follow.size() == 0) break;
  }
}

Pos Parser::List(const char* context, Tok sep, Tok close, const std::function<bool()>& f) {
  bool done = false;
  while (tok() != Tok::kEof && tok() != close && !done) {
    done = f();
    if (!Got(sep) && tok() != close) {
      SyntaxError(fmt::format("in {}; possibly missing {} or {}", context, ExpectName(sep), ExpectName(close)));
      Advance({Tok::kRParen, Tok::kRBrack, Tok::kRBrace});
      if (tok() != close) return pos();
    }
  }
  Pos p = pos();
  Want(close);
  return p;
}

bool Parser::Enter() {
  if (++depth_ <= kMaxNesting) return true;
  if (!too_deep_) {
    too_deep_ = true;
    ErrorAt(pos(), "gostep: expression nesting too deep");
  }
  lex_.Stop();
  lex_.tok = Tok::kEof;
  lex_.lit = "EOF";
  return false;
}

// ---- The file ---------------------------------------------------------------------

void Parser::ParseFile() {
  file_->package_pos = pos();
  if (!Got(Tok::kPackage)) {
    SyntaxError("package statement must be first");
    return;
  }
  file_->package_name = Name();
  Want(Tok::kSemicolon);
  for (const LineComment& c : lex_.line_comments) {
    if (c.pos.line < file_->package_pos.line ||
        (c.pos.line == file_->package_pos.line && c.pos.col < file_->package_pos.col)) {
      file_->comments_before_package.push_back(c.text);
    }
  }
  if (HadErrors()) return;  // gc: don't bother continuing if the package clause has errors

  while (tok() == Tok::kImport) {
    auto* d = New<GenDecl>(pos(), Tok::kImport);
    Next();
    AppendGroup(d, &Parser::ImportSpecP);
    file_->decls.push_back(d);
    file_->imports.push_back(d);
    Want(Tok::kSemicolon);
  }

  while (tok() != Tok::kEof) {
    Pos p = pos();
    switch (tok()) {
      case Tok::kConst:
      case Tok::kType:
      case Tok::kVar: {
        auto* d = New<GenDecl>(p, tok());
        Next();
        AppendGroup(d, d->tok == Tok::kConst  ? &Parser::ConstSpecP
                       : d->tok == Tok::kType ? &Parser::TypeSpecP
                                              : &Parser::VarSpecP);
        file_->decls.push_back(d);
        break;
      }
      case Tok::kFunc: {
        Next();
        if (FuncDecl* f = FuncDeclOrNil(p)) file_->decls.push_back(f);
        break;
      }
      default: {
        Decl* last = file_->decls.empty() ? nullptr : file_->decls.back();
        if (tok() == Tok::kLBrace && last != nullptr && last->kind == DeclKind::kFunc &&
            static_cast<FuncDecl*>(last)->body == nullptr) {
          SyntaxError("unexpected semicolon or newline before {");
        } else {
          SyntaxError("non-declaration statement outside function body");
        }
        Advance({Tok::kConst, Tok::kType, Tok::kVar, Tok::kFunc});
        continue;
      }
    }
    if (tok() != Tok::kEof && !Got(Tok::kSemicolon)) {
      SyntaxError("after top level declaration");
      Advance({Tok::kConst, Tok::kType, Tok::kVar, Tok::kFunc});
    }
  }
}

// ---- Declarations -------------------------------------------------------------------

void Parser::AppendGroup(GenDecl* d, void (Parser::*spec)(GenDecl*, int)) {
  if (tok() == Tok::kLParen) {
    Next();
    int index = 0;
    List("grouped declaration", Tok::kSemicolon, Tok::kRParen, [&] {
      (this->*spec)(d, index++);
      return false;
    });
  } else {
    (this->*spec)(d, 0);
  }
}

void Parser::ImportSpecP(GenDecl* d, int) {
  ImportSpec s;
  s.pos = pos();
  if (tok() == Tok::kIdent) {
    s.name = Name();
  } else if (tok() == Tok::kPeriod) {
    s.name = New<Ident>(pos(), ".");
    Next();
  }
  BasicLit* path = OLiteral();
  if (path == nullptr) {
    SyntaxError("missing import path");
    Advance({Tok::kSemicolon, Tok::kRParen});
    return;
  }
  s.path_pos = path->pos;
  if (path->lit_kind != Tok::kString) {
    SyntaxError("import path must be a string");
  } else {
    UnquoteString(path->value, &s.path);
  }
  d->imports.push_back(std::move(s));
}

void Parser::ConstSpecP(GenDecl* d, int index) {
  ValueSpec s;
  s.pos = pos();
  s.iota = index;
  s.names = NameList(Name());
  if (tok() != Tok::kEof && tok() != Tok::kSemicolon && tok() != Tok::kRParen) {
    s.type = TypeOrNil();
    if (GotAssign()) s.values = ExprList();
  }
  d->values.push_back(std::move(s));
}

void Parser::VarSpecP(GenDecl* d, int) {
  ValueSpec s;
  s.pos = pos();
  s.names = NameList(Name());
  if (GotAssign()) {
    s.values = ExprList();
  } else {
    s.type = Type();
    if (GotAssign()) s.values = ExprList();
  }
  d->values.push_back(std::move(s));
}

FuncDecl* Parser::FuncDeclOrNil(Pos func_pos) {
  auto* f = New<FuncDecl>(func_pos);
  if (Got(Tok::kLParen)) {
    std::vector<Field> rcvr = ParamList(nullptr, nullptr, Tok::kRParen, false);
    if (rcvr.empty()) {
      Error("method has no receiver");
    } else {
      if (rcvr.size() > 1) Error("method has multiple receivers");
      f->recv = file_->arena.New<Field>(rcvr[0]);
    }
  }
  if (tok() != Tok::kIdent) {
    SyntaxError("expecting name or (");
    Advance({Tok::kLBrace, Tok::kSemicolon});
    return nullptr;
  }
  f->name = Name();
  f->sig = FuncType(f->recv != nullptr ? "method" : "", func_pos);
  if (tok() == Tok::kLBrace) f->body = FuncBody();
  return f;
}

BlockStmt* Parser::FuncBody() {
  fnest_++;
  BlockStmt* body = Block("");
  fnest_--;
  return body;
}

}  // namespace internal
}  // namespace gostep::lang
