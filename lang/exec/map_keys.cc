// lang/exec/map_keys.cc — struct and array map keys (see map_keys.h).
#include "lang/exec/map_keys.h"

#include <cstring>

#include <fmt/format.h>

#include "runtime/map_binding.h"

namespace gostep::lang::exec {

using types::Kind;
using types::Type;

namespace {

bool PointerShaped(Kind k) { return k == Kind::kPointer || k == Kind::kUnsafePointer || k == Kind::kChan; }

// BasicName is the maps::GoTypes name of a scalar field's layout.
const char* BasicName(const Type* u) {
  switch (u->kind()) {
    case Kind::kBool: return "bool";
    case Kind::kInt8: return "int8";
    case Kind::kInt16: return "int16";
    case Kind::kInt32: return "int32";
    case Kind::kUint8: return "uint8";
    case Kind::kUint16: return "uint16";
    case Kind::kUint32: return "uint32";
    case Kind::kUint: case Kind::kUint64: return "uint64";
    case Kind::kUintptr: return "uintptr";
    case Kind::kFloat32: return "float32";
    case Kind::kFloat64: return "float64";
    case Kind::kString: return "string";
    default: return PointerShaped(u->kind()) ? "uintptr" : "int64";
  }
}

bool ScalarKey(const Type* u) {
  return u->IsInteger() || u->IsBoolean() || u->IsFloat() || u->IsString() || PointerShaped(u->kind());
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
  if (u->kind() != Kind::kStruct) return gt.Basic(BasicName(u));
  std::vector<std::pair<std::string, const maps::GoType*>> fields;
  for (const types::StructField& f : u->fields()) fields.emplace_back(f.name, KeyType(r, f.type));
  // A registry name identifies a layout: number each translated struct, so
  // two lang types that print alike never share one.
  return gt.Struct(fmt::format("{}#{}", t->String(), r.key_types.size()), fields);
}

void Encode(MapObj& m, const Type* t, const maps::GoType* g, const Value& v, maps::KeyImage* img, uint32_t off,
            std::deque<gostep::Local>* roots) {
  const Type* u = t->Underlying();
  switch (u->kind()) {
    case Kind::kStruct: {
      const Value* cells = static_cast<const Value*>(v.p);
      for (size_t i = 0; i < u->fields().size(); ++i) {
        Encode(m, u->fields()[i].type, g->fields[i].type, cells[i], img, off + g->fields[i].offset, roots);
      }
      return;
    }
    case Kind::kArray: {
      const Value* cells = static_cast<const Value*>(v.p);
      for (int64_t i = 0; i < u->len(); ++i) {
        Encode(m, u->elem(), g->elem, cells[i], img, off + static_cast<uint32_t>(i) * g->elem->size, roots);
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
             const gc::ObjectId* ids, uint32_t off) {
  const Type* u = t->Underlying();
  RunState& r = Run(f);
  switch (u->kind()) {
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

bool CompositeKey(const Type* t) {
  const Type* u = t->Underlying();
  if (ComplexKind(u->kind())) return true;
  if (u->kind() == Kind::kArray) return ScalarKey(u->elem()->Underlying()) || CompositeKey(u->elem());
  if (u->kind() != Kind::kStruct) return false;
  for (const types::StructField& f : u->fields()) {
    if (!ScalarKey(f.type->Underlying()) && !CompositeKey(f.type)) return false;
  }
  return true;
}

const maps::GoType* KeyType(RunState& r, const Type* t) {
  if (auto it = r.key_types.find(t); it != r.key_types.end()) return it->second;
  const maps::GoType* g = Translate(runtime::MapBinding::Current()->GoTypes(), r, t);
  r.key_types.emplace(t, g);
  return g;
}

void EncodeKey(MapObj& m, const Value& v, maps::KeyImage* img, std::deque<gostep::Local>* roots) {
  *img = maps::KeyImage(m.key_type->size);
  Encode(m, m.type->Underlying()->key(), m.key_type, v, img, 0, roots);
}

Value DecodeKey(Frame& f, MapObj& m, const uint8_t* bytes, const gc::ObjectId* ids) {
  return Decode(f, m, m.type->Underlying()->key(), m.key_type, bytes, ids, 0);
}

}  // namespace gostep::lang::exec
