// lang/exec/map_keys.cc — struct, array, complex and interface map keys (see map_keys.h).
#include "lang/exec/map_keys.h"

#include <cstring>

#include <fmt/format.h>

#include "runtime/heap.h"
#include "runtime/map_binding.h"

namespace gostep::lang::exec {

using types::Kind;
using types::Type;

namespace {

bool PointerShaped(Kind k) { return k == Kind::kPointer || k == Kind::kUnsafePointer || k == Kind::kChan; }

const char* BasicTypeName(const Type* t);

// BasicName is the maps::GoTypes name of a scalar field's layout: its
// predeclared type's, a pointer-shaped value's uintptr.
const char* BasicName(const Type* u) {
  if (PointerShaped(u->kind())) return "uintptr";
  const char* name = BasicTypeName(u);
  return name != nullptr ? name : "int64";
}

bool ComplexKind(Kind k) { return k == Kind::kComplex64 || k == Kind::kComplex128; }

const maps::GoType* Translate(maps::GoTypes& gt, RunState& r, const Type* t) {
  const Type* u = t->Underlying();
  if (u->kind() == Kind::kArray) return gt.Array(KeyType(r, u->elem()), static_cast<uint32_t>(u->len()));
  // complex64/128 are laid out and hashed as [2]float32/[2]float64:
  // runtime/alg.go c64hash/c128hash hash the real then the imaginary part
  // with f32hash/f64hash, as genhash does an array of two floats, and ==
  // compares the parts as floats (±0 equal, NaN never).
  if (ComplexKind(u->kind())) return gt.Array(gt.Basic(u->kind() == Kind::kComplex64 ? "float32" : "float64"), 2);
  if (u->kind() == Kind::kInterface) return gt.Basic("any");  // an eface {_type, data} (see DynKeyType)
  if (u->kind() != Kind::kStruct) return gt.Basic(BasicName(u));
  std::vector<std::pair<std::string, const maps::GoType*>> fields;
  for (const types::StructField& f : u->fields()) fields.emplace_back(f.name, KeyType(r, f.type));
  // A registry name identifies a layout: number each translated struct, so
  // two lang types that print alike never share one.
  return gt.Struct(fmt::format("{}#{}", t->String(), r.key_types.size()), fields);
}

// BasicTypeName is the predeclared type's name in maps::GoTypes ("int",
// "uint8", …), or null for other types.
const char* BasicTypeName(const Type* t) {
  if (t->kind() == Kind::kNamed) return nullptr;
  switch (t->kind()) {
    case Kind::kBool: return "bool";
    case Kind::kInt: return "int";
    case Kind::kInt8: return "int8";
    case Kind::kInt16: return "int16";
    case Kind::kInt32: return "int32";
    case Kind::kInt64: return "int64";
    case Kind::kUint: return "uint";
    case Kind::kUint8: return "uint8";
    case Kind::kUint16: return "uint16";
    case Kind::kUint32: return "uint32";
    case Kind::kUint64: return "uint64";
    case Kind::kUintptr: return "uintptr";
    case Kind::kFloat32: return "float32";
    case Kind::kFloat64: return "float64";
    case Kind::kString: return "string";
    default: return nullptr;
  }
}

bool Wrapped(const Type* t);

// DynKeyType is the GoType of an interface key's dynamic type: one
// descriptor per Go type, so that its rodata address (the eface's type word)
// tells types apart as Go's does. A predeclared type is GoTypes' own; a
// defined or pointer-shaped type is a one-field struct named after it, laid
// out and hashed as its underlying type (typehash of a one-field struct of
// regular memory, a float or a string is that field's hash); a struct or
// array type is KeyType's.
const maps::GoType* DynKeyType(RunState& r, const Type* t) {
  if (auto it = r.dyn_key_types.find(t); it != r.dyn_key_types.end()) return it->second;
  maps::GoTypes& gt = runtime::MapBinding::Current()->GoTypes();
  const maps::GoType* g;
  Kind uk = t->Underlying()->kind();
  if (const char* name = BasicTypeName(t)) {
    g = gt.Basic(name);
  } else if (!Wrapped(t)) {
    g = KeyType(r, t);
  } else {
    const maps::GoType* field = PointerShaped(uk) ? gt.Basic("uintptr") : KeyType(r, t->Underlying());
    g = gt.Struct(fmt::format("{}#dyn{}", t->String(), r.dyn_key_types.size()), {{"v", field}});
  }
  r.dyn_key_types.emplace(t, g);
  r.dyn_key_langs.emplace(g, t);
  return g;
}

// Wrapped: DynKeyType gave t a one-field struct around its underlying type.
bool Wrapped(const Type* t) {
  Kind uk = t->Underlying()->kind();
  return BasicTypeName(t) == nullptr && !((uk == Kind::kStruct || uk == Kind::kArray) && t->kind() != Kind::kNamed);
}

// AsIface wraps a T value as an interface value (value.h: a slice or a
// complex payload in a cell of its own).
Value AsIface(RunState& r, const Type* t, Value v) {
  if (BoxedInIface(t)) {
    Value* cell = r.heap.Cells(1);
    *cell = v;
    v = Value::Ptr(cell);
  }
  v.x = reinterpret_cast<uint64_t>(t);
  return v;
}

void Encode(Frame& f, MapObj& m, const Type* t, const maps::GoType* g, const Value& v, maps::KeyImage* img,
            uint32_t off, std::deque<gostep::Local>* roots);

// EncodeIface writes an interface key as Go's eface: the dynamic type's
// descriptor address and the data word convT* gives (maps::Box: a new heap
// object, staticuint64s, zeroVal or zerobase), rooted while in use.
void EncodeIface(Frame& f, MapObj& m, const Value& v, maps::KeyImage* img, uint32_t off,
                 std::deque<gostep::Local>* roots) {
  if (v.x == 0) {
    img->PutEface(off, 0, gc::Ref{});
    return;
  }
  const Type* dt = DynType(v);
  // runtime/alg.go typehash: "hash of unhashable type T" (a runtime.Error).
  if (!dt->Comparable() || !(ScalarKey(dt->Underlying()) || CompositeKey(dt))) {
    if (!dt->Comparable()) RuntimePanic(f, fmt::format("hash of unhashable type {}", dt->String()));
    RuntimePanic(f, fmt::format("gostep: an interface map key holding a {} is not supported yet", dt->String()));
  }
  const maps::GoType* gd = DynKeyType(*m.run, dt);
  maps::KeyImage inner(gd->size);
  if (Wrapped(dt)) {
    Encode(f, m, dt->Underlying(), gd->fields[0].type, Unbox(dt, v), &inner, 0, roots);
  } else {
    Encode(f, m, dt, gd, Unbox(dt, v), &inner, 0, roots);
  }
  maps::Eface e = maps::Box(Gc(), gd, inner);
  if (e.data.id != 0) roots->emplace_back(e.data);
  img->PutEface(off, e.type, e.data);
}

void Encode(Frame& f, MapObj& m, const Type* t, const maps::GoType* g, const Value& v, maps::KeyImage* img,
            uint32_t off, std::deque<gostep::Local>* roots) {
  const Type* u = t->Underlying();
  switch (u->kind()) {
    case Kind::kInterface: EncodeIface(f, m, v, img, off, roots); return;
    case Kind::kStruct: {
      const Value* cells = static_cast<const Value*>(v.p);
      for (size_t i = 0; i < u->fields().size(); ++i) {
        Encode(f, m, u->fields()[i].type, g->fields[i].type, cells[i], img, off + g->fields[i].offset, roots);
      }
      return;
    }
    case Kind::kArray: {
      const Value* cells = static_cast<const Value*>(v.p);
      for (int64_t i = 0; i < u->len(); ++i) {
        Encode(f, m, u->elem(), g->elem, cells[i], img, off + static_cast<uint32_t>(i) * g->elem->size, roots);
      }
      return;
    }
    case Kind::kString: {
      maps::Key s = m.code->NewString(Str(v));
      roots->emplace_back(s.data);
      img->PutString(off, s.data, s.len);
      return;
    }
    case Kind::kFloat32: img->Put<float>(off, static_cast<float>(v.f)); return;
    case Kind::kFloat64: img->Put<double>(off, v.f); return;
    case Kind::kComplex64:
      img->Put<float>(off, static_cast<float>(v.f));
      img->Put<float>(off + 4, static_cast<float>(Imag(v)));
      return;
    case Kind::kComplex128:
      img->Put<double>(off, v.f);
      img->Put<double>(off + 8, Imag(v));
      return;
    default: break;
  }
  if (PointerShaped(u->kind())) {
    img->Put<uint64_t>(off, FakeAddr(*m.run, v.p));
    return;
  }
  switch (g->size) {
    case 1: img->Put<uint8_t>(off, static_cast<uint8_t>(v.i)); return;
    case 2: img->Put<uint16_t>(off, static_cast<uint16_t>(v.i)); return;
    case 4: img->Put<uint32_t>(off, static_cast<uint32_t>(v.i)); return;
    default: img->Put<uint64_t>(off, v.u); return;
  }
}

template <typename T>
T Read(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

Value Decode(Frame& f, MapObj& m, const Type* t, const maps::GoType* g, const uint8_t* bytes,
             const gc::ObjectId* ids, uint32_t off);

// DecodeIface reads an eface back: the type word names the dynamic type
// (DynKeyType's descriptor), the data word its boxed value (a heap object,
// read with its pointer words' ids, or runtime's static data).
Value DecodeIface(Frame& f, MapObj& m, const uint8_t* bytes, const gc::ObjectId* ids, uint32_t off) {
  uint64_t type = Read<uint64_t>(bytes + off);
  if (type == 0) return Value();
  RunState& r = Run(f);
  const maps::GoType* gd = runtime::MapBinding::Current()->GoTypes().ByAddr(type);
  const Type* dt = r.dyn_key_langs.at(gd);
  uint64_t addr = Read<uint64_t>(bytes + off + 8);
  gc::ObjectId id = ids != nullptr ? ids[(off + 8) / 8] : 0;
  const uint8_t* p = nullptr;
  const gc::ObjectId* pids = nullptr;
  if (gd->size > 0 && id != 0) {
    const uint64_t* shadow = nullptr;
    p = Gc().RawWithShadow(gc::Ref{addr, id}, 0, gd->size, "map key", &shadow);
    pids = shadow;
  } else if (gd->size > 0) {
    maps::KeyReader reader(Gc());
    p = reader.Read(addr, gd->size, "map key");
  }
  Value v = Wrapped(dt) ? Decode(f, m, dt->Underlying(), gd->fields[0].type, p, pids, 0) : Decode(f, m, dt, gd, p, pids, 0);
  return AsIface(r, dt, v);
}

Value Decode(Frame& f, MapObj& m, const Type* t, const maps::GoType* g, const uint8_t* bytes,
             const gc::ObjectId* ids, uint32_t off) {
  const Type* u = t->Underlying();
  RunState& r = Run(f);
  switch (u->kind()) {
    case Kind::kInterface: return DecodeIface(f, m, bytes, ids, off);
    case Kind::kStruct: {
      Value block = Zero(r, t);
      Value* cells = static_cast<Value*>(block.p);
      for (size_t i = 0; i < u->fields().size(); ++i) {
        cells[i] = Decode(f, m, u->fields()[i].type, g->fields[i].type, bytes, ids, off + g->fields[i].offset);
      }
      return block;
    }
    case Kind::kArray: {
      Value block = Zero(r, t);
      Value* cells = static_cast<Value*>(block.p);
      for (int64_t i = 0; i < u->len(); ++i) {
        cells[i] = Decode(f, m, u->elem(), g->elem, bytes, ids, off + static_cast<uint32_t>(i) * g->elem->size);
      }
      return block;
    }
    case Kind::kString: {
      uint64_t len = Read<uint64_t>(bytes + off + 8);
      if (len == 0) return Value();
      gc::Ref data{Read<uint64_t>(bytes + off), ids != nullptr ? ids[off / 8] : 0};
      return Value::Ptr(const_cast<StrObj*>(r.heap.NewStr(m.code->StringOf(data, len))));
    }
    case Kind::kFloat32: return Value::Float(Read<float>(bytes + off));
    case Kind::kFloat64: return Value::Float(Read<double>(bytes + off));
    case Kind::kComplex64: return Value::Complex(Read<float>(bytes + off), Read<float>(bytes + off + 4));
    case Kind::kComplex128: return Value::Complex(Read<double>(bytes + off), Read<double>(bytes + off + 8));
    default: break;
  }
  if (PointerShaped(u->kind())) return Value::Ptr(const_cast<void*>(FakeObj(r, Read<uint64_t>(bytes + off))));
  switch (g->size) {
    case 1: return Value::Int(Wrap(u->kind(), Read<uint8_t>(bytes + off)));
    case 2: return Value::Int(Wrap(u->kind(), Read<uint16_t>(bytes + off)));
    case 4: return Value::Int(Wrap(u->kind(), Read<uint32_t>(bytes + off)));
    default: return Value::Int(Read<int64_t>(bytes + off));
  }
}

}  // namespace

bool PointerShaped(const Type* t) { return PointerShaped(t->UKind()); }

bool ScalarKey(const Type* u) {
  return u->IsInteger() || u->IsBoolean() || u->IsFloat() || u->IsString() || PointerShaped(u->kind());
}

bool CompositeKey(const Type* t) {
  const Type* u = t->Underlying();
  if (ComplexKind(u->kind()) || u->kind() == Kind::kInterface) return true;
  if (u->kind() == Kind::kArray) return ScalarKey(u->elem()->Underlying()) || CompositeKey(u->elem());
  if (u->kind() != Kind::kStruct) return false;
  for (const types::StructField& f : u->fields()) {
    if (!ScalarKey(f.type->Underlying()) && !CompositeKey(f.type)) return false;
  }
  return true;
}

uint64_t DynTypeAddr(RunState& r, const Type* t) { return DynKeyType(r, t)->addr; }

const maps::GoType* KeyType(RunState& r, const Type* t) {
  if (auto it = r.key_types.find(t); it != r.key_types.end()) return it->second;
  const maps::GoType* g = Translate(runtime::MapBinding::Current()->GoTypes(), r, t);
  r.key_types.emplace(t, g);
  return g;
}

void EncodeKey(Frame& f, MapObj& m, const Value& v, maps::KeyImage* img, std::deque<gostep::Local>* roots) {
  *img = maps::KeyImage(m.key_type->size);
  Encode(f, m, m.type->Underlying()->key(), m.key_type, v, img, 0, roots);
}

Value DecodeKey(Frame& f, MapObj& m, const uint8_t* bytes, const gc::ObjectId* ids) {
  return Decode(f, m, m.type->Underlying()->key(), m.key_type, bytes, ids, 0);
}

}  // namespace gostep::lang::exec
