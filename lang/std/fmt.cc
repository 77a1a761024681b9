// lang/std/fmt.cc — fmt's printer (see fmt.h).
#include "lang/std/fmt.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "lang/exec/run_state.h"
#include "lang/std/packages.h"
#include "runtime/go.h"

namespace gostep::lang::std_pkg {

using exec::Frame;
using exec::Value;
using types::Kind;
using GoType = types::Type;

// ---- strconv ------------------------------------------------------------------

namespace {

// Digits returns v's decimal digits and decimal point position (strconv's
// decimalSlice: 0.d1d2…dn × 10^dp), shortest (prec < 0) or rounded to prec
// significant digits.
void Digits(double v, int prec, std::string* digs, int* dp, int bits = 64) {
  char buf[64];
  // The shortest digits of a float32 are those that round-trip as a float32.
  auto r = prec < 0 ? (bits == 32 ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v), std::chars_format::scientific)
                                  : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific))
                    : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, std::max(prec - 1, 0));
  std::string s(buf, r.ptr);
  size_t e = s.find('e');
  std::string mant = s.substr(0, e);
  int exp = std::stoi(s.substr(e + 1));
  digs->clear();
  for (char c : mant) if (c != '.') *digs += c;
  if (prec < 0) while (digs->size() > 1 && digs->back() == '0') digs->pop_back();
  *dp = exp + 1;
}

std::string ExpForm(const std::string& digs, int dp, int prec, char e) {
  std::string s(1, digs[0]);
  std::string rest = digs.substr(1);
  if (prec >= 0) rest.resize(prec, '0');
  if (!rest.empty()) s += "." + rest;
  int exp = digs == "0" ? 0 : dp - 1;
  return s + fmt::format("{}{}{:02d}", e, exp < 0 ? '-' : '+', std::abs(exp));
}

std::string FixedForm(const std::string& digs, int dp, int prec) {
  std::string ip, fp;
  if (dp <= 0) ip = "0";
  else for (int i = 0; i < dp; ++i) ip += i < static_cast<int>(digs.size()) ? digs[i] : '0';
  for (int i = dp; i < static_cast<int>(digs.size()); ++i) fp += i < 0 ? '0' : digs[i];
  if (dp < 0) fp = std::string(-dp, '0') + digs;
  if (prec >= 0) fp.resize(prec, '0');
  return fp.empty() ? ip : ip + "." + fp;
}

// BinaryForm models strconv/ftoa.go's fmtB and fmtX (go1.19): v's mantissa
// and exponent as "ddddp±dd" ('b') or "0x1.hhhp±dd" ('x', 'X'); v >= 0.
std::string BinaryForm(double v, char f, int prec, int bits) {
  int mantbits = bits == 32 ? 23 : 52, expbits = bits == 32 ? 8 : 11, bias = bits == 32 ? -127 : -1023;
  uint64_t b = bits == 32 ? std::bit_cast<uint32_t>(static_cast<float>(v)) : std::bit_cast<uint64_t>(v);
  int exp = static_cast<int>(b >> mantbits) & ((1 << expbits) - 1);
  uint64_t mant = b & ((uint64_t{1} << mantbits) - 1);
  if (exp == 0) exp++;  // denormalised
  else mant |= uint64_t{1} << mantbits;
  exp += bias;
  if (f == 'b') {
    exp -= mantbits;
    return fmt::format("{}p{}{}", mant, exp >= 0 ? "+" : "", exp);
  }
  if (mant == 0) exp = 0;
  // Shift digits so the leading 1 (if any) is at bit 1<<60.
  mant <<= 60 - mantbits;
  while (mant != 0 && (mant & (uint64_t{1} << 60)) == 0) {
    mant <<= 1;
    exp--;
  }
  if (prec >= 0 && prec < 15) {  // round to prec hex digits
    unsigned shift = static_cast<unsigned>(prec * 4);
    uint64_t extra = (mant << shift) & ((uint64_t{1} << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (uint64_t{1} << 59)) mant++;
    mant <<= 60 - shift;
    if (mant & (uint64_t{1} << 61)) {  // wrapped around
      mant >>= 1;
      exp++;
    }
  }
  const char* hex = f == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out = {'0', f, static_cast<char>('0' + ((mant >> 60) & 1))};
  mant <<= 4;  // remove the leading 0 or 1
  if ((prec < 0 && mant != 0) || prec > 0) {
    out += '.';
    for (int i = 0; prec < 0 ? mant != 0 : i < prec; ++i) {
      out += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  }
  out += f == 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  return out + fmt::format("{:02d}", std::abs(exp));
}

}  // namespace

std::string FormatFloat(double v, char f, int prec, int bits) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  std::string sign = std::signbit(v) ? "-" : "";
  v = std::fabs(v);
  if (bits == 32) v = static_cast<float>(v);
  if (f == 'b' || f == 'x' || f == 'X') return sign + BinaryForm(v, f, prec, bits);
  std::string digs;
  int dp;
  bool shortest = prec < 0;
  switch (f) {
    case 'e': case 'E': {
      Digits(v, shortest ? -1 : prec + 1, &digs, &dp, bits);
      return sign + ExpForm(digs, dp, shortest ? -1 : prec, f);
    }
    case 'f': {
      if (shortest) {
        Digits(v, -1, &digs, &dp, bits);
        return sign + FixedForm(digs, dp, -1);
      }
      char buf[512];
      auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, prec);
      return sign + std::string(buf, r.ptr);
    }
    default: {  // 'g'
      Digits(v, shortest ? -1 : (prec == 0 ? 1 : prec), &digs, &dp, bits);
      if (!shortest) while (digs.size() > 1 && digs.back() == '0') digs.pop_back();
      int eprec = shortest ? 6 : (prec == 0 ? 1 : prec);
      if (!shortest && eprec > static_cast<int>(digs.size()) && static_cast<int>(digs.size()) >= dp) eprec = static_cast<int>(digs.size());
      int exp = dp - 1;
      if (digs == "0") exp = 0;
      if (exp < -4 || exp >= eprec) return sign + ExpForm(digs, dp, -1, f == 'G' ? 'E' : 'e');
      return sign + FixedForm(digs, dp, -1);
    }
  }
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = 1;
    int32_t r = exec::DecodeRune(s.substr(i), &n);
    if (r == 0xFFFD && n == 1 && c >= 0x80) {
      out += fmt::format("\\x{:02x}", c);
      i += 1;
      continue;
    }
    switch (r) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\v': out += "\\v"; break;
      default:
        if (r < 0x20 || r == 0x7f) out += fmt::format("\\x{:02x}", r);
        else out.append(s.substr(i, n));
    }
    i += n;
  }
  return out + "\"";
}

// ---- The printer ------------------------------------------------------------------

namespace {

struct Spec {
  bool minus = false, plus = false, sharp = false, space = false, zero = false;
  int width = -1, prec = -1;
  char verb = 'v';
  bool plus_v = false, sharp_v = false;
};

class Printer {
 public:
  explicit Printer(Frame& f) : f_(f), run_(exec::Run(f)) {}
  std::string out;

  void PrintArg(const Value& iv, const Spec& sp) {
    const GoType* t = exec::DynType(iv);
    if (t == nullptr) {
      if (sp.verb == 'T' || sp.verb == 'v') Pad("<nil>", sp);
      else BadVerb(iv, sp);
      return;
    }
    if (sp.verb == 'T') {
      Pad(t->String(), sp);
      return;
    }
    if (sp.verb == 'p') {
      PrintPointer(t, iv, sp);
      return;
    }
    Value v = exec::Unbox(t, iv);
    PrintValue(t, v, sp, 0);
  }

  void PrintValue(const GoType* t, const Value& v, const Spec& sp, int depth) {
    if (depth > 0 && t->IsInterface()) {
      if (v.x == 0) {
        Pad("<nil>", sp);
        return;
      }
      const GoType* dt = exec::DynType(v);
      PrintValue(dt, exec::Unbox(dt, v), sp, depth);
      return;
    }
    if (HandleMethods(t, v, sp)) return;
    if (t == run_.error_string || t == run_.runtime_error) {
      // A verb an error does not format: %w outside Errorf is Go's badVerb,
      // which prints the value with its Error method suppressed; another
      // verb formats the pointer to struct{ s string } as &{s} with that
      // verb (fmt/print.go: handleMethods, badVerb).
      if (sp.verb == 'w') {
        BadVerbTyped(t, v, sp);
        return;
      }
      out += "&{";
      PrintValue(run_.prog_types->String(), v, sp, depth + 1);
      out += "}";
      return;
    }
    const GoType* u = t->Underlying();
    switch (u->kind()) {
      case Kind::kBool:
        if (sp.verb == 'v' || sp.verb == 't') Pad(v.i ? "true" : "false", sp);
        else BadVerbTyped(t, v, sp);
        return;
      case Kind::kString: FmtString(exec::Str(v), sp, t, v); return;
      case Kind::kFloat32: case Kind::kFloat64: FmtFloat(v.f, u->kind() == Kind::kFloat32 ? 32 : 64, sp, t, v); return;
      case Kind::kComplex64: case Kind::kComplex128: FmtComplex(v, u->kind() == Kind::kComplex64 ? 64 : 128, sp, t); return;
      case Kind::kPointer:
        if (depth == 0 && v.p != nullptr && (sp.verb == 'v') &&
            (u->elem()->UKind() == Kind::kStruct || u->elem()->UKind() == Kind::kArray || u->elem()->UKind() == Kind::kSlice ||
             u->elem()->UKind() == Kind::kMap)) {
          out += "&";
          PrintValue(u->elem(), *static_cast<Value*>(v.p), sp, depth + 1);
          return;
        }
        PrintPointer(t, v, sp);
        return;
      case Kind::kUnsafePointer: case Kind::kChan: case Kind::kFunc: PrintPointer(t, v, sp); return;
      case Kind::kStruct: {
        if (sp.sharp_v) out += t->String();
        out += "{";
        const auto& fs = u->fields();
        for (size_t i = 0; i < fs.size(); ++i) {
          if (i > 0) out += sp.sharp_v ? ", " : " ";
          if (sp.plus_v || sp.sharp_v) out += fs[i].name + ":";
          PrintValue(fs[i].type, static_cast<Value*>(v.p)[i], sp, depth + 1);
        }
        out += "}";
        return;
      }
      case Kind::kArray: case Kind::kSlice: {
        int64_t n = u->kind() == Kind::kArray ? u->len() : exec::SliceLen(v);
        const GoType* et = u->elem();
        if ((sp.verb == 's' || sp.verb == 'q' || sp.verb == 'x' || sp.verb == 'X') && et->UKind() == Kind::kUint8) {
          std::string bytes;
          for (int64_t i = 0; i < n; ++i) bytes += static_cast<char>(static_cast<Value*>(v.p)[i].i);
          FmtString(bytes, sp, t, v);
          return;
        }
        if (sp.sharp_v) {
          out += t->String();
          if (u->kind() == Kind::kSlice && v.p == nullptr) {
            out += "(nil)";
            return;
          }
          out += "{";
        } else {
          out += "[";
        }
        for (int64_t i = 0; i < n; ++i) {
          if (i > 0) out += sp.sharp_v ? ", " : " ";
          PrintValue(et, static_cast<Value*>(v.p)[i], sp, depth + 1);
        }
        out += sp.sharp_v ? "}" : "]";
        return;
      }
      case Kind::kMap: {
        if (sp.sharp_v) out += t->String() + "{";
        else out += "map[";
        std::vector<std::pair<Value, Value>> entries;
        if (v.p != nullptr) {
          exec::MapRange(f_, v, [&](const Value& k, const Value& e) {
            entries.push_back({k, e});
            return true;
          });
        }
        const GoType* kt = u->key();
        std::stable_sort(entries.begin(), entries.end(), [&](const auto& a, const auto& b) { return exec::SortLess(exec::Run(f_), kt, a.first, b.first); });
        for (size_t i = 0; i < entries.size(); ++i) {
          if (i > 0) out += sp.sharp_v ? ", " : " ";
          PrintValue(kt, entries[i].first, sp, depth + 1);
          out += ":";
          PrintValue(u->elem(), entries[i].second, sp, depth + 1);
        }
        out += sp.sharp_v ? "}" : "]";
        return;
      }
      default:
        if (u->IsInteger()) {
          FmtInteger(v, u, sp, t);
          return;
        }
        out += "?";
    }
  }

 private:
  bool HandleMethods(const GoType* t, const Value& v, const Spec& sp) {
    if (sp.sharp_v || erroring_) return false;
    if (!(sp.verb == 'v' || sp.verb == 's' || sp.verb == 'q' || sp.verb == 'x' || sp.verb == 'X')) return false;
    if (t == run_.error_string || t == run_.runtime_error) {
      FmtString(exec::Str(v), sp, nullptr, v);
      return true;
    }
    // A std type's String method (time.Duration).
    if (const NativeMethod* nm = FindMethod(t, "String"); nm != nullptr && t->kind() != types::Kind::kPointer) {
      Value cell = v;
      Value out[2];
      nm->impl(f_, &cell, nullptr, out);
      FmtString(exec::Str(out[0]), sp, nullptr, out[0]);
      return true;
    }
    for (const char* name : {"Error", "String"}) {
      types::MethodLookup ml = types::LookupMethod(t, name);
      if (ml.method == nullptr || (ml.method->func_index < 0 && ml.method->native == nullptr)) continue;
      const GoType* sig = ml.method->sig;
      if (!sig->params().empty() || sig->results().size() != 1 || sig->results()[0]->UKind() != Kind::kString) continue;
      if (ml.method->pointer_recv && t->kind() != Kind::kPointer) continue;
      Value s = exec::CallMethod(f_, t, v, ml);
      FmtString(exec::Str(s), sp, nullptr, s);
      return true;
    }
    return false;
  }

  void Pad(std::string_view s, const Spec& sp) {
    int64_t w = sp.width;
    int64_t n = static_cast<int64_t>(exec::RuneCount(s));
    if (w <= n) {
      out.append(s);
      return;
    }
    std::string pad(static_cast<size_t>(w - n), sp.zero && !sp.minus ? '0' : ' ');
    if (sp.minus) {
      out.append(s);
      out += pad;
    } else {
      out += pad;
      out.append(s);
    }
  }

  void PadNumber(std::string s, const Spec& sp) {
    if (sp.zero && !sp.minus && sp.width > static_cast<int>(s.size())) {
      bool neg = !s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == ' ');
      std::string sign = neg ? s.substr(0, 1) : "";
      std::string body = neg ? s.substr(1) : s;
      body = std::string(sp.width - s.size(), '0') + body;
      out += sign + body;
      return;
    }
    Spec p = sp;
    p.zero = false;
    Pad(s, p);
  }

  void FmtString(std::string_view s, const Spec& sp, const GoType* t, const Value& v) {
    std::string str(s);
    if (sp.prec >= 0) str = exec::TruncateRunes(str, sp.prec);
    switch (sp.verb) {
      case 'v': case 's': Pad(str, sp); return;
      case 'q': Pad(sp.sharp && str.find('`') == std::string::npos ? "`" + str + "`" : Quote(str), sp); return;
      case 'x': case 'X': {
        std::string h;
        for (size_t i = 0; i < str.size(); ++i) {
          if (sp.space && i > 0) h += ' ';
          h += sp.verb == 'x' ? fmt::format("{:02x}", static_cast<unsigned char>(str[i])) : fmt::format("{:02X}", static_cast<unsigned char>(str[i]));
        }
        Pad(h, sp);
        return;
      }
      default:
        if (t != nullptr) BadVerbTyped(t, v, sp);
        else out += fmt::format("%!{}(string={})", sp.verb, str);
    }
  }

  void FmtInteger(const Value& v, const GoType* u, const Spec& sp, const GoType* t) {
    bool neg = !u->IsUnsigned() && v.i < 0;
    uint64_t mag = u->IsUnsigned() ? v.u : (neg ? 0 - v.u : v.u);
    std::string digits;
    switch (sp.verb) {
      case 'v': case 'd': digits = fmt::format("{}", mag); break;
      case 'x': digits = fmt::format("{:x}", mag); if (sp.sharp) digits = "0x" + digits; break;
      case 'X': digits = fmt::format("{:X}", mag); if (sp.sharp) digits = "0X" + digits; break;
      case 'o': digits = fmt::format("{:o}", mag); if (sp.sharp) digits = "0" + digits; break;
      case 'O': digits = "0o" + fmt::format("{:o}", mag); break;
      case 'b': digits = fmt::format("{:b}", mag); break;
      case 'c': Pad(exec::EncodeRune(static_cast<int32_t>(v.i)), sp); return;
      case 'q': Pad("'" + exec::EncodeRune(static_cast<int32_t>(v.i)) + "'", sp); return;
      case 'U': Pad(fmt::format("U+{:04X}", mag), sp); return;
      case 'e': case 'f': case 'g': BadVerbTyped(t, v, sp); return;
      default: BadVerbTyped(t, v, sp); return;
    }
    if (sp.prec >= 0 && static_cast<int>(digits.size()) < sp.prec) digits = std::string(sp.prec - digits.size(), '0') + digits;
    std::string s = (neg ? "-" : sp.plus ? "+" : sp.space ? " " : "") + digits;
    PadNumber(s, sp);
  }

  void FmtFloat(double d, int bits, const Spec& sp, const GoType* t, const Value& v) {
    std::string s;
    switch (sp.verb) {
      case 'v': s = FormatFloat(d, 'g', sp.prec, bits); break;
      case 'g': case 'G': case 'b': case 'x': case 'X': s = FormatFloat(d, sp.verb, sp.prec, bits); break;
      case 'e': case 'E': s = FormatFloat(d, sp.verb, sp.prec < 0 ? 6 : sp.prec, bits); break;
      case 'f': case 'F': s = FormatFloat(d, 'f', sp.prec < 0 ? 6 : sp.prec, bits); break;
      default: BadVerbTyped(t, v, sp); return;
    }
    if (sp.plus && s[0] != '-' && s[0] != '+') s = "+" + s;
    else if (sp.space && s[0] != '-' && s[0] != '+') s = " " + s;
    else if (!sp.plus && s == "+Inf") s = sp.space ? " Inf" : "+Inf";
    if (std::isinf(d) || std::isnan(d)) {
      Spec p = sp;
      p.zero = false;
      Pad(s, p);
      return;
    }
    PadNumber(s, sp);
  }

  // FmtComplex models fmt/print.go: (*pp).fmtComplex (go1.19): each part
  // as a float of half the size, the imaginary one always signed.
  void FmtComplex(const Value& v, int bits, const Spec& sp, const GoType* t) {
    if (std::string_view("vbgGxXfFeE").find(sp.verb) == std::string_view::npos) {
      BadVerbTyped(t, v, sp);
      return;
    }
    out += '(';
    FmtFloat(exec::Real(v), bits / 2, sp, t, v);
    Spec im = sp;
    im.plus = true;
    FmtFloat(exec::Imag(v), bits / 2, im, t, v);
    out += "i)";
  }

  void PrintPointer(const GoType* t, const Value& v, const Spec& sp) {
    if (v.p == nullptr && sp.verb == 'v') {
      Pad("<nil>", sp);
      return;
    }
    // fmtPointer (fmt/print.go): %v and %p print the address, the integer
    // verbs format it, any other verb is a bad verb on the pointer itself.
    uint64_t a = v.p == nullptr ? 0 : exec::FakeAddr(run_, v.p);
    if (sp.verb == 'v' || sp.verb == 'p') {
      Pad(fmt::format("0x{:x}", a), sp);
    } else if (std::string_view("bodxX").find(sp.verb) != std::string_view::npos) {
      FmtInteger(Value::Int(static_cast<int64_t>(a)), run_.prog_types->Basic(Kind::kUintptr), sp, t);
    } else {
      BadVerbTyped(t, v, sp);
    }
  }

  void BadVerb(const Value& iv, const Spec& sp) { out += fmt::format("%!{}(<nil>)", sp.verb); }

  // badVerb (fmt/print.go): the operand as %v, with its Error and String
  // methods not called (p.erroring).
  void BadVerbTyped(const GoType* t, const Value& v, const Spec& sp) {
    Spec plain;
    Printer p(f_);
    p.erroring_ = true;
    p.PrintValue(t, v, plain, 0);
    out += fmt::format("%!{}({}={})", sp.verb, t->String(), p.out);
  }

  Frame& f_;
  exec::RunState& run_;
  bool erroring_ = false;  // printing a bad verb's operand: no methods
};

}  // namespace

std::string Sprintf(Frame& f, std::string_view format, const std::vector<Arg>& args, std::vector<size_t>* wrapped) {
  Printer p(f);
  size_t argi = 0;
  bool wrap_errs = wrapped != nullptr;  // pp.wrapErrs (go1.19 clears it at a bad %w)
  const bool multi = S().profile().minor >= 20;
  for (size_t i = 0; i < format.size();) {
    char c = format[i];
    if (c != '%') {
      p.out += c;
      ++i;
      continue;
    }
    ++i;
    Spec sp;
    for (; i < format.size(); ++i) {
      char fl = format[i];
      if (fl == '-') sp.minus = true;
      else if (fl == '+') sp.plus = true;
      else if (fl == '#') sp.sharp = true;
      else if (fl == ' ') sp.space = true;
      else if (fl == '0') sp.zero = true;
      else break;
    }
    auto number = [&](int* out) {
      if (i < format.size() && format[i] == '*') {
        ++i;
        if (argi < args.size()) *out = static_cast<int>(args[argi++].i);
        return;
      }
      int n = -1;
      while (i < format.size() && format[i] >= '0' && format[i] <= '9') n = (n < 0 ? 0 : n * 10) + (format[i++] - '0');
      *out = n;
    };
    number(&sp.width);
    if (i < format.size() && format[i] == '.') {
      ++i;
      number(&sp.prec);
      if (sp.prec < 0) sp.prec = 0;
    }
    if (i >= format.size()) {
      p.out += "%!(NOVERB)";
      break;
    }
    sp.verb = format[i++];
    if (sp.verb == '%') {
      p.out += '%';
      continue;
    }
    if (sp.verb == 'v') {
      sp.plus_v = sp.plus;
      sp.sharp_v = sp.sharp;
      if (sp.plus_v) sp.plus = false;
    }
    if (argi >= args.size()) {
      p.out += fmt::format("%!{}(MISSING)", sp.verb);
      continue;
    }
    if (sp.verb == 'w' && wrapped != nullptr) {
      std::string missing;
      bool ptr = false;
      bool is_error = args[argi].x != 0 &&
                      types::Implements(exec::DynType(args[argi]), exec::Run(f).prog_types->Error(), &missing, &ptr);
      if (multi) {
        wrapped->push_back(argi);  // doPrintf: p.wrappedErrs = append(p.wrappedErrs, argNum)
        if (is_error) sp.verb = 'v';
      } else if (is_error && wrap_errs && wrapped->empty()) {
        wrapped->push_back(argi);  // handleMethods: p.wrappedErr = err
        sp.verb = 'v';
      } else {
        wrapped->clear();  // p.wrappedErr = nil; p.wrapErrs = false; then badVerb
        wrap_errs = false;
      }
    }
    p.PrintArg(args[argi++], sp);
  }
  if (argi < args.size()) {
    p.out += "%!(EXTRA ";
    for (size_t k = argi; k < args.size(); ++k) {
      if (k > argi) p.out += ", ";
      const GoType* t = exec::DynType(args[k]);
      if (t == nullptr) {
        p.out += "<nil>";
        continue;
      }
      p.out += t->String() + "=";
      p.PrintArg(args[k], Spec());
    }
    p.out += ")";
  }
  return p.out;
}

std::string Sprint(Frame& f, const std::vector<Arg>& args) {
  Printer p(f);
  bool prev_string = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const GoType* t = exec::DynType(args[i]);
    bool is_string = t != nullptr && t->UKind() == Kind::kString;
    if (i > 0 && !is_string && !prev_string) p.out += ' ';
    p.PrintArg(args[i], Spec());
    prev_string = is_string;
  }
  return p.out;
}

std::string Sprintln(Frame& f, const std::vector<Arg>& args) {
  Printer p(f);
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) p.out += ' ';
    p.PrintArg(args[i], Spec());
  }
  return p.out + "\n";
}

// PrintBuiltin models runtime/print.go: print's formats differ from fmt's
// (floats as +1.500000e+000, pointers as hex, interfaces as (type,value)).
std::string PrintBuiltin(exec::RunState& r, const GoType* t, const Value& v) {
  const GoType* u = t->Underlying();
  switch (u->kind()) {
    case Kind::kBool: return v.i ? "true" : "false";
    case Kind::kString: return std::string(exec::Str(v));
    case Kind::kFloat32: case Kind::kFloat64: return exec::PrintFloat(v.f);
    case Kind::kComplex64: case Kind::kComplex128: return exec::PrintComplex(v);
    case Kind::kInterface: {
      if (v.x == 0) return "(0x0,0x0)";
      return fmt::format("(0x{:x},0x{:x})", exec::FakeAddr(r, exec::DynType(v)), exec::FakeAddr(r, v.p));
    }
    case Kind::kSlice: return fmt::format("[{}/{}]0x{:x}", exec::SliceLen(v), exec::SliceCap(v), v.p ? exec::FakeAddr(r, v.p) : 0);
    default:
      if (u->IsInteger()) return u->IsUnsigned() ? fmt::format("{}", v.u) : fmt::format("{}", v.i);
      return fmt::format("0x{:x}", v.p ? exec::FakeAddr(r, v.p) : 0);
  }
}

}  // namespace gostep::lang::std_pkg
