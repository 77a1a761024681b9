// lang/types/type.cc — type construction, identity, predicates, printing.
#include "lang/types/type.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace gostep::lang::types {
namespace {

const char* const kBasicNames[] = {
    "invalid type", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
    "uint32", "uint64", "uintptr", "float32", "float64", "complex64", "complex128", "string", "unsafe.Pointer",
    "untyped bool", "untyped int", "untyped rune", "untyped float", "untyped complex", "untyped string", "untyped nil",
};
static_assert(std::size(kBasicNames) == static_cast<size_t>(Kind::kUntypedNil) + 1, "a name per basic kind");

bool InRange(Kind k, Kind lo, Kind hi) { return k >= lo && k <= hi; }

}  // namespace

bool Type::IsInteger() const {
  Kind k = UKind();
  return InRange(k, Kind::kInt, Kind::kUintptr) || k == Kind::kUntypedInt || k == Kind::kUntypedRune;
}
bool Type::IsUnsigned() const { return InRange(UKind(), Kind::kUint, Kind::kUintptr); }
bool Type::IsFloat() const {
  Kind k = UKind();
  return k == Kind::kFloat32 || k == Kind::kFloat64 || k == Kind::kUntypedFloat;
}
bool Type::IsComplex() const {
  Kind k = UKind();
  return k == Kind::kComplex64 || k == Kind::kComplex128 || k == Kind::kUntypedComplex;
}
bool Type::IsString() const { return UKind() == Kind::kString || UKind() == Kind::kUntypedString; }
bool Type::IsBoolean() const { return UKind() == Kind::kBool || UKind() == Kind::kUntypedBool; }
bool Type::IsUntyped() const { return InRange(kind_, Kind::kUntypedBool, Kind::kUntypedNil); }

bool Type::Comparable() const {
  const Type* u = Underlying();
  switch (u->kind_) {
    case Kind::kSlice: case Kind::kMap: case Kind::kFunc: return false;
    case Kind::kArray: return u->elem_->Comparable();
    case Kind::kStruct:
      return std::all_of(u->fields_.begin(), u->fields_.end(), [](const StructField& f) { return f.type->Comparable(); });
    default: return true;
  }
}

int64_t Type::Align() const {
  const Type* u = Underlying();
  switch (u->kind_) {
    case Kind::kBool: case Kind::kInt8: case Kind::kUint8: return 1;
    case Kind::kInt16: case Kind::kUint16: return 2;
    case Kind::kInt32: case Kind::kUint32: case Kind::kFloat32: case Kind::kComplex64: return 4;
    case Kind::kArray: return u->elem_->Align();
    case Kind::kStruct: {
      int64_t a = 1;
      for (const StructField& f : u->fields_) a = std::max(a, f.type->Align());
      return a;
    }
    default: return 8;
  }
}

int64_t Type::Size() const {
  const Type* u = Underlying();
  switch (u->kind_) {
    case Kind::kBool: case Kind::kInt8: case Kind::kUint8: return 1;
    case Kind::kInt16: case Kind::kUint16: return 2;
    case Kind::kInt32: case Kind::kUint32: case Kind::kFloat32: return 4;
    case Kind::kString: case Kind::kInterface: case Kind::kComplex128: return 16;
    case Kind::kSlice: return 24;
    case Kind::kArray: return u->elem_->Size() * u->len_;
    case Kind::kStruct: {
      int64_t off = 0;
      for (const StructField& f : u->fields_) {
        int64_t a = f.type->Align();
        off = (off + a - 1) / a * a + f.type->Size();
      }
      int64_t a = Align();
      return (off + a - 1) / a * a;
    }
    default: return 8;
  }
}

std::string Type::String() const {
  switch (kind_) {
    case Kind::kNamed: return pkg_.empty() ? name_ : pkg_ + "." + name_;
    case Kind::kSlice: return "[]" + elem_->String();
    case Kind::kArray: return fmt::format("[{}]{}", len_, elem_->String());
    case Kind::kPointer: return "*" + elem_->String();
    case Kind::kMap: return fmt::format("map[{}]{}", key_->String(), elem_->String());
    case Kind::kChan:
      if (dir_ == ChanDirKind::kSend) return "chan<- " + elem_->String();
      if (dir_ == ChanDirKind::kRecv) return "<-chan " + elem_->String();
      return "chan " + elem_->String();
    case Kind::kStruct: {
      std::string s = "struct {";
      for (size_t i = 0; i < fields_.size(); ++i) {
        s += i == 0 ? " " : "; ";
        s += fields_[i].embedded ? fields_[i].type->String() : fields_[i].name + " " + fields_[i].type->String();
      }
      return s + (fields_.empty() ? "}" : " }");
    }
    case Kind::kInterface: {
      if (methods_.empty()) return "interface {}";
      std::string s = "interface {";
      for (size_t i = 0; i < methods_.size(); ++i) {
        s += (i == 0 ? " " : "; ") + methods_[i].name + methods_[i].sig->String().substr(4);
      }
      return s + " }";
    }
    case Kind::kFunc: case Kind::kTuple: {
      std::string s = kind_ == Kind::kFunc ? "func(" : "(";
      for (size_t i = 0; i < params_.size(); ++i) {
        if (i > 0) s += ", ";
        s += variadic_ && i + 1 == params_.size() ? "..." + params_[i]->elem_->String() : params_[i]->String();
      }
      s += ")";
      if (kind_ == Kind::kTuple) return s;
      if (results_.size() == 1) return s + " " + results_[0]->String();
      if (!results_.empty()) {
        s += " (";
        for (size_t i = 0; i < results_.size(); ++i) s += (i ? ", " : "") + results_[i]->String();
        s += ")";
      }
      return s;
    }
    default: return kBasicNames[static_cast<int>(kind_)];
  }
}

bool Identical(const Type* a, const Type* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr || a->kind() != b->kind() || a->kind() == Kind::kNamed) return false;
  switch (a->kind()) {
    case Kind::kSlice: case Kind::kPointer: return Identical(a->elem(), b->elem());
    case Kind::kArray: return a->len() == b->len() && Identical(a->elem(), b->elem());
    case Kind::kMap: return Identical(a->key(), b->key()) && Identical(a->elem(), b->elem());
    case Kind::kChan: return a->dir() == b->dir() && Identical(a->elem(), b->elem());
    default: return a->String() == b->String();
  }
}

// ---- TypeTable ---------------------------------------------------------------

Type* TypeTable::Make(Kind k) {
  Type& t = all_.emplace_back();
  t.kind_ = k;
  return &t;
}

TypeTable::TypeTable() {
  for (int k = 0; k <= static_cast<int>(Kind::kUntypedNil); ++k) {
    Type* t = Make(static_cast<Kind>(k));
    t->name_ = kBasicNames[k];
    basic_.push_back(t);
  }
  any_ = Interface({});
  Type* err = NewNamed("", "error");
  Type* sig = Make(Kind::kFunc);
  sig->results_ = {String()};
  SetUnderlying(err, Interface({Method{"Error", sig, false, -1}}));
  error_ = err;
}

const Type* TypeTable::Slice(const Type* elem) {
  std::string k = fmt::format("[]{}", static_cast<const void*>(elem));
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kSlice);
  t->elem_ = elem;
  return interned_[k] = t;
}

const Type* TypeTable::Array(const Type* elem, int64_t len) {
  std::string k = fmt::format("[{}]{}", len, static_cast<const void*>(elem));
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kArray);
  t->elem_ = elem;
  t->len_ = len;
  return interned_[k] = t;
}

const Type* TypeTable::Pointer(const Type* elem) {
  std::string k = fmt::format("*{}", static_cast<const void*>(elem));
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kPointer);
  t->elem_ = elem;
  return interned_[k] = t;
}

const Type* TypeTable::Map(const Type* key, const Type* value) {
  std::string k = fmt::format("map[{}]{}", static_cast<const void*>(key), static_cast<const void*>(value));
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kMap);
  t->key_ = key;
  t->elem_ = value;
  return interned_[k] = t;
}

const Type* TypeTable::Chan(const Type* elem, ChanDirKind dir) {
  std::string k = fmt::format("chan{}{}", static_cast<int>(dir), static_cast<const void*>(elem));
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kChan);
  t->elem_ = elem;
  t->dir_ = dir;
  return interned_[k] = t;
}

namespace {
std::string Sig(const char* tag, const std::vector<const Type*>& a, const std::vector<const Type*>& b, bool v) {
  std::string k = tag;
  for (const Type* t : a) k += fmt::format("{},", static_cast<const void*>(t));
  k += "|";
  for (const Type* t : b) k += fmt::format("{},", static_cast<const void*>(t));
  return k + (v ? "..." : "");
}
}  // namespace

const Type* TypeTable::Func(std::vector<const Type*> params, std::vector<const Type*> results, bool variadic) {
  std::string k = Sig("func", params, results, variadic);
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kFunc);
  t->params_ = std::move(params);
  t->results_ = std::move(results);
  t->variadic_ = variadic;
  return interned_[k] = t;
}

const Type* TypeTable::Tuple(std::vector<const Type*> members) {
  std::string k = Sig("tuple", members, {}, false);
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kTuple);
  t->params_ = std::move(members);
  return interned_[k] = t;
}

const Type* TypeTable::Struct(std::vector<StructField> fields) {
  std::string k = "struct{";
  for (const StructField& f : fields) k += fmt::format("{}{} {};", f.embedded ? "!" : "", f.name, static_cast<const void*>(f.type));
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kStruct);
  t->fields_ = std::move(fields);
  return interned_[k] = t;
}

const Type* TypeTable::Interface(std::vector<Method> methods) {
  std::sort(methods.begin(), methods.end(), [](const Method& a, const Method& b) { return a.name < b.name; });
  std::string k = "iface{";
  for (const Method& m : methods) k += fmt::format("{} {};", m.name, static_cast<const void*>(m.sig));
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = Make(Kind::kInterface);
  t->methods_ = std::move(methods);
  return interned_[k] = t;
}

Type* TypeTable::NewNamed(std::string pkg, std::string name) {
  Type* t = Make(Kind::kNamed);
  t->pkg_ = std::move(pkg);
  t->name_ = std::move(name);
  t->underlying_ = Invalid();
  return t;
}

const Type* TypeTable::Std(const std::string& pkg, const std::string& name, const std::function<const Type*()>& underlying) {
  std::string k = "std:" + pkg + "." + name;
  if (auto it = interned_.find(k); it != interned_.end()) return it->second;
  Type* t = NewNamed(pkg, name);
  interned_[k] = t;
  SetUnderlying(t, underlying());
  if (std_methods_) {
    for (Method& m : std_methods_(*this, pkg, name)) AddMethod(t, std::move(m));
  }
  return t;
}

const Type* Default(TypeTable& t, const Type* x) {
  switch (x->kind()) {
    case Kind::kUntypedBool: return t.Bool();
    case Kind::kUntypedInt: return t.Int();
    case Kind::kUntypedRune: return t.Basic(Kind::kInt32);
    case Kind::kUntypedFloat: return t.Float64();
    case Kind::kUntypedComplex: return t.Basic(Kind::kComplex128);
    case Kind::kUntypedString: return t.String();
    default: return x;
  }
}

// ---- Method and field lookup ------------------------------------------------------

namespace {

// Search does a depth-ordered search: the shallowest match wins (spec
// "Selectors"); ambiguity at one depth is not diagnosed (a gostep limit).
void Search(const Type* t, const std::string& name, std::vector<int>& path, bool indirect, int depth,
            MethodLookup* best, int* best_depth) {
  if (depth > 8 || depth >= *best_depth) return;
  const Type* base = t;
  if (base->kind() == Kind::kPointer) {
    base = base->elem();
    indirect = true;
  }
  if (base->kind() == Kind::kNamed) {
    for (const Method& m : base->methods()) {
      if (m.name == name) {
        *best = MethodLookup{&m, base, path, indirect};
        *best_depth = depth;
        return;
      }
    }
  }
  const Type* u = base->Underlying();
  if (u->kind() == Kind::kInterface && depth > 0) {
    for (const Method& m : u->methods()) {
      if (m.name == name) {
        *best = MethodLookup{&m, base, path, indirect};
        *best_depth = depth;
        return;
      }
    }
  }
  if (u->kind() != Kind::kStruct) return;
  for (size_t i = 0; i < u->fields().size(); ++i) {
    if (!u->fields()[i].embedded) continue;
    path.push_back(static_cast<int>(i));
    Search(u->fields()[i].type, name, path, indirect, depth + 1, best, best_depth);
    path.pop_back();
  }
}

}  // namespace

MethodLookup LookupMethod(const Type* t, const std::string& name) {
  MethodLookup best;
  if (t->UKind() == Kind::kInterface && t->kind() != Kind::kPointer) {
    for (const Method& m : t->Underlying()->methods()) {
      if (m.name == name) return MethodLookup{&m, t, {}, false};
    }
    return best;
  }
  int best_depth = 1 << 30;
  std::vector<int> path;
  Search(t, name, path, false, 0, &best, &best_depth);
  return best;
}

bool LookupField(const Type* t, const std::string& name, std::vector<int>* path, const Type** field_type) {
  // x.f through a pointer, also of a defined pointer type (spec, Selectors:
  // "if the type of x is a defined pointer type and (*x).f is a valid
  // selector expression denoting a field (but not a method)").
  if (t->UKind() == Kind::kPointer) t = t->Underlying()->elem();
  const Type* u = t->Underlying();
  if (u->kind() != Kind::kStruct) return false;
  for (size_t i = 0; i < u->fields().size(); ++i) {
    if (u->fields()[i].name == name) {
      path->push_back(static_cast<int>(i));
      *field_type = u->fields()[i].type;
      return true;
    }
  }
  for (size_t i = 0; i < u->fields().size(); ++i) {
    if (!u->fields()[i].embedded) continue;
    path->push_back(static_cast<int>(i));
    if (LookupField(u->fields()[i].type, name, path, field_type)) return true;
    path->pop_back();
  }
  return false;
}

bool Implements(const Type* t, const Type* iface, std::string* missing, bool* pointer_needed) {
  *pointer_needed = false;
  for (const Method& want : iface->Underlying()->methods()) {
    MethodLookup got = LookupMethod(t, want.name);
    if (got.method == nullptr || !Identical(got.method->sig, want.sig)) {
      *missing = want.name;
      return false;
    }
    // A pointer-receiver method is not in the method set of the value type.
    if (got.method->pointer_recv && t->kind() != Kind::kPointer && !got.indirect && !t->IsInterface()) {
      *missing = want.name;
      *pointer_needed = true;
      return false;
    }
  }
  return true;
}

}  // namespace gostep::lang::types
