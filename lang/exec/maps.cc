// lang/exec/maps.cc — Go maps of the interpreter on the bucket model
// (maps/bucket): every m[k], m[k] = v, delete, len, clear, range and
// maps.Clone is the modelled runtime function, with its yield points and
// its misuse detector. See run_state.h (MapObj) for how elems are stored.
#include <fmt/format.h>

#include "lang/exec/map_keys.h"
#include "lang/exec/run_state.h"
#include "runtime/go.h"
#include "runtime/map_binding.h"

namespace gostep::lang::exec {

using types::Kind;
using types::Type;

namespace {

maps::KeyKind KindOf(const Type* k) {
  if (PointerShaped(k)) return maps::KeyKind::kInt64;
  if (CompositeKey(k)) return maps::KeyKind::kStruct;
  switch (k->UKind()) {
    case Kind::kString: return maps::KeyKind::kString;
    case Kind::kFloat64: return maps::KeyKind::kFloat64;
    case Kind::kFloat32: return maps::KeyKind::kFloat32;
    default: break;
  }
  switch (k->Size()) {
    case 1: return maps::KeyKind::kInt8;
    case 2: return maps::KeyKind::kInt16;
    case 4: return maps::KeyKind::kInt32;
    default: return maps::KeyKind::kInt64;
  }
}

bool DirectElem(const Type* e) {
  const Type* u = e->Underlying();
  return u->IsInteger() || u->IsFloat() || u->IsBoolean();
}

// KeyRoot holds a key and roots its string bytes on the goroutine's stack
// while map code may allocate (mapassign's growth) or yield.
struct KeyRoot {
  maps::Key key;
  gostep::Local root;
  maps::KeyImage image;                 // a struct or array key's bytes
  std::deque<gostep::Local> strings;    // the string objects in the image
};

void MakeKey(Frame& f, MapObj& m, const Value& k, KeyRoot* out) {
  const Type* kt = m.type->Underlying()->key();
  if (m.key_type != nullptr) {
    EncodeKey(f, m, k, &out->image, &out->strings);
    out->key = maps::Key::Image(out->image.bytes.data(), out->image.ids.data());
    return;
  }
  switch (kt->UKind()) {
    case Kind::kString: {
      out->key = m.code->NewString(Str(k));
      out->root = out->key.data;
      return;
    }
    case Kind::kFloat64: out->key = maps::Key::Float(k.f); return;
    case Kind::kFloat32: {
      float x = static_cast<float>(k.f);
      uint32_t bits;
      std::memcpy(&bits, &x, 4);
      out->key = maps::Key{.bits = bits};
      return;
    }
    default:
      if (PointerShaped(kt)) {
        out->key = maps::Key::Int(static_cast<int64_t>(FakeAddr(*m.run, k.p)));
        return;
      }
      out->key = maps::Key::Int(k.i);
      return;
  }
}

Value KeyValue(Frame& f, MapObj& m, const maps::Key& k) {
  const Type* kt = m.type->Underlying()->key();
  if (m.key_type != nullptr) return DecodeKey(f, m, k.bytes, k.ids);
  switch (kt->UKind()) {
    case Kind::kString: {
      std::string s = m.code->StringOf(k.data, k.len);
      if (s.empty()) return Value();
      return Value::Ptr(const_cast<StrObj*>(Run(f).heap.NewStr(std::move(s))));
    }
    case Kind::kFloat64: {
      double d;
      std::memcpy(&d, &k.bits, 8);
      return Value::Float(d);
    }
    case Kind::kFloat32: {
      float x;
      uint32_t bits = static_cast<uint32_t>(k.bits);
      std::memcpy(&x, &bits, 4);
      return Value::Float(x);
    }
    default:
      if (PointerShaped(kt)) return Value::Ptr(const_cast<void*>(FakeObj(Run(f), k.bits)));
      return Value::Int(Wrap(kt->UKind(), static_cast<int64_t>(k.bits)));
  }
}

Value LoadElem(Frame& f, MapObj& m, const maps::ElemSlot& e) {
  int64_t bits = m.code->LoadInt(e);
  if (m.elem_direct) {
    Value v;
    v.i = bits;
    return v;
  }
  if (bits == 0) return Zero(Run(f), m.type->Underlying()->elem());
  return Run(f).elem_cells[bits - 1];
}

// IterFrame is a range loop's frame: its hiter's roots go when the loop is
// left, also by a panic out of the body.
struct IterFrame {
  maps::BucketMap* code;
  maps::Hiter it;
  ~IterFrame() { code->IterEnd(&it); }
};

MapObj& Obj(Frame& f, const Value& m) { return *static_cast<MapObj*>(m.p); }

}  // namespace

bool MapKeySupported(const Type* t) {
  const Type* u = t->Underlying();
  return ScalarKey(u) || CompositeKey(u);
}

Value MakeMap(Frame& f, const Type* t, int64_t hint) {
  RunState& r = Run(f);
  auto* m = r.heap.New<MapObj>();
  m->type = t;
  m->run = &r;
  m->elem_direct = DirectElem(t->Underlying()->elem());
  const Type* kt = t->Underlying()->key();
  if (CompositeKey(kt)) {
    m->key_type = KeyType(r, kt);
    m->code = &runtime::MapBinding::Current()->ForKey(m->key_type, maps::ElemShape::Scalar(8));
  } else {
    m->code = &runtime::MapBinding::Current()->For(KindOf(kt), maps::ElemShape::Scalar(8));
  }
  m->root = std::make_unique<gostep::Global>();
  // makemap_small for a hint <= bucketCnt, as the compiler picks for a
  // constant hint (walk/builtin.go: walkMakeMap).
  gostep::Local h = hint <= 8 ? m->code->MakeMapSmall() : m->code->MakeMap(hint);
  *m->root = h;
  return Value::Ptr(m);
}

bool MapGet(Frame& f, const Value& mv, const Value& key, Value* out) {
  if (mv.p == nullptr) return false;  // a nil map reads as empty
  MapObj& m = Obj(f, mv);
  KeyRoot k;
  MakeKey(f, m, key, &k);
  maps::ElemSlot e;
  if (!m.code->Access(m.root->ref(), k.key, &e)) return false;
  *out = LoadElem(f, m, e);
  return true;
}

void MapSet(Frame& f, const Value& mv, const Value& key, const Value& v) {
  if (mv.p == nullptr) PlainRuntimePanic(f, "assignment to entry in nil map");
  MapObj& m = Obj(f, mv);
  KeyRoot k;
  MakeKey(f, m, key, &k);
  maps::ElemSlot e = m.code->Assign(m.root->ref(), k.key);
  if (m.elem_direct) {
    m.code->StoreInt(e, v.i);
    return;
  }
  RunState& r = Run(f);
  int64_t h = m.code->LoadInt(e);
  if (h == 0) {
    r.elem_cells.push_back(v);
    m.code->StoreInt(e, static_cast<int64_t>(r.elem_cells.size()));
  } else {
    r.elem_cells[h - 1] = v;
  }
}

void MapDelete(Frame& f, const Value& mv, const Value& key) {
  if (mv.p == nullptr) return;
  MapObj& m = Obj(f, mv);
  KeyRoot k;
  MakeKey(f, m, key, &k);
  m.code->Delete(m.root->ref(), k.key);
}

int64_t MapLen(const Value& mv) {
  if (mv.p == nullptr) return 0;
  auto* m = static_cast<MapObj*>(mv.p);
  return m->code->Len(m->root->ref());
}

void MapClear(Frame& f, const Value& mv) {
  if (mv.p == nullptr) return;
  MapObj& m = Obj(f, mv);
  m.code->Clear(m.root->ref());
}

Value MapClone(Frame& f, const Value& mv) {
  if (mv.p == nullptr) return Value();
  MapObj& src = Obj(f, mv);
  RunState& r = Run(f);
  auto* m = r.heap.New<MapObj>();
  m->type = src.type;
  m->run = src.run;
  m->key_type = src.key_type;
  m->elem_direct = src.elem_direct;
  m->code = src.code;
  m->root = std::make_unique<gostep::Global>();
  gostep::Local h = src.code->Clone(src.root->ref());
  *m->root = h;
  if (!m->elem_direct) {
    // The clone shares no elem cells with the source: each entry's handle
    // gets a new cell holding a copy of the value.
    const Type* et = m->type->Underlying()->elem();
    IterFrame fr{m->code, {}};
    for (m->code->IterInit(m->root->ref(), &fr.it); fr.it.has_key; m->code->IterNext(&fr.it)) {
      int64_t handle = m->code->LoadInt(fr.it.elem);
      if (handle == 0) continue;
      Value v = Copy(r, et, r.elem_cells[handle - 1]);
      r.elem_cells.push_back(v);
      m->code->StoreInt(fr.it.elem, static_cast<int64_t>(r.elem_cells.size()));
    }
  }
  return Value::Ptr(m);
}

void MapRange(Frame& f, const Value& mv, const std::function<bool(const Value&, const Value&)>& fn) {
  if (mv.p == nullptr) return;
  MapObj& m = Obj(f, mv);
  IterFrame fr{m.code, {}};
  for (m.code->IterInit(m.root->ref(), &fr.it); fr.it.has_key; m.code->IterNext(&fr.it)) {
    Value k = KeyValue(f, m, m.code->LoadKey(fr.it.key));
    Value v = LoadElem(f, m, fr.it.elem);
    if (!fn(k, v)) break;
  }
}

// SortLess orders map keys as internal/fmtsort does.
bool SortLess(RunState& r, const Type* t, const Value& a, const Value& b) {
  const Type* u = t->Underlying();
  // fmtsort compares pointers and channels by address, structs field by
  // field and arrays element by element (internal/fmtsort: compare).
  if (PointerShaped(u)) return FakeAddr(r, a.p) < FakeAddr(r, b.p);
  if (u->kind() == Kind::kInterface) {  // nil first, then by type (its descriptor's address), then value
    if (a.x == 0 || b.x == 0) return a.x == 0 && b.x != 0;
    const Type* at = DynType(a);
    const Type* bt = DynType(b);
    if (at != bt) return DynTypeAddr(r, at) < DynTypeAddr(r, bt);
    return SortLess(r, at, Unbox(at, a), Unbox(bt, b));
  }
  if (u->kind() == Kind::kStruct || u->kind() == Kind::kArray) {
    const Value* x = static_cast<const Value*>(a.p);
    const Value* y = static_cast<const Value*>(b.p);
    size_t n = u->kind() == Kind::kStruct ? u->fields().size() : static_cast<size_t>(u->len());
    for (size_t i = 0; i < n; ++i) {
      const Type* et = u->kind() == Kind::kStruct ? u->fields()[i].type : u->elem();
      if (SortLess(r, et, x[i], y[i])) return true;
      if (SortLess(r, et, y[i], x[i])) return false;
    }
    return false;
  }
  if (u->IsString()) return Str(a) < Str(b);
  auto float_less = [](double x, double y) {  // fmtsort floatCompare: NaN first
    if (std::isnan(x)) return !std::isnan(y);
    if (std::isnan(y)) return false;
    return x < y;
  };
  if (u->IsFloat()) return float_less(a.f, b.f);
  if (u->IsComplex()) {  // real parts, then imaginary parts
    if (float_less(a.f, b.f)) return true;
    if (float_less(b.f, a.f)) return false;
    return float_less(Imag(a), Imag(b));
  }
  if (u->IsUnsigned()) return a.u < b.u;
  return a.i < b.i;
}

}  // namespace gostep::lang::exec
