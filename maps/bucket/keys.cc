// maps/bucket/keys.cc — keys and elems in bucket slots: t.hasher,
// t.key.equal, typedmemmove and the memclr of map.go, per key kind.
//
// Integer and float keys are scalar bytes; a string key is {data, len} with
// data a traced pointer word; a struct or interface key (kStruct, kIface) is
// its Go layout, its pointer words those of MapType::key_ptr_words (hashing
// and equality: keys_struct.cc); an indirect key or elem slot holds a pointer
// to its own object (newobject(t.key)). Pointer words are always written with
// the write barrier (BucketMap::StorePtr).
#include <cstring>

#include "maps/bucket/hmap.h"
#include "maps/bucket/key_layout.h"

namespace gostep::maps {
namespace {

double AsDouble(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}
float AsFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

}  // namespace

Key Key::Float(double v) {
  Key k;
  std::memcpy(&k.bits, &v, 8);
  return k;
}

ElemSlot BucketMap::KeyAt(gc::Ref b, uint32_t i) {
  ElemSlot s{b, t_.KeyOff(i)};
  if (t_.indirectkey) return ElemSlot{gc_.LoadPtr(b, s.off), 0};
  return s;
}

ElemSlot BucketMap::ElemAt(gc::Ref b, uint32_t i) { return ElemSlot{b, t_.ElemOff(i)}; }

// The memhash fallback of this profile (alg.go / hash64.go).
static MemhashFallback Fallback(const base::VersionProfile& p) {
  if (p.map_hash_keyed_fallback) return MemhashFallback::kWyhashKeyed;
  return p.map_hash_wyhash ? MemhashFallback::kWyhash : MemhashFallback::kGo114;
}

// HashGoKey is t.hasher for a struct or interface key: genhash(K)
// (keys_struct.cc). An interface's dynamic value is hashed with
// runtime.typehash (go1.15+; go1.14's alg.hash is not selected here).
uint64_t BucketMap::HashGoKey(const uint8_t* key, uint64_t hash0) {
  auto draw = [this] { return static_cast<uint64_t>(rand_.Fastrand()); };
  KeyReader mem(gc_);
  KeyAlg alg(seeds_, Fallback(profile_), NanRandom::Of(draw), mem, *t_.go_types, /*runtime_typehash=*/true);
  return alg.Hash(t_.key_type, key, hash0);
}

// EqualGoKey is t.key.equal for a struct or interface key.
bool BucketMap::EqualGoKey(const uint8_t* a, const uint8_t* b) {
  KeyReader mem(gc_);
  KeyAlg alg(seeds_, Fallback(profile_), NanRandom{}, mem, *t_.go_types, true);
  return alg.Equal(t_.key_type, a, b);
}

// Models t.hasher for the key kinds: memhash8/16/32/64, f32hash, f64hash
// (alg.go), strhash. NaN hashes draw fastrand (rand() from go1.22).
uint64_t BucketMap::HashKey(const Key& k, uint32_t hash0) {
  MemhashFallback fb = Fallback(profile_);
  uint64_t h = hash0;
  switch (t_.key_kind) {
    case KeyKind::kInt8:
    case KeyKind::kInt16: {
      uint8_t b[2];
      std::memcpy(b, &k.bits, 2);
      return Memhash(seeds_, fb, b, t_.keysize, h);
    }
    case KeyKind::kInt32: return Memhash32(seeds_, fb, static_cast<uint32_t>(k.bits), h);
    case KeyKind::kInt64: return Memhash64(seeds_, fb, k.bits, h);
    case KeyKind::kFloat32:
    case KeyKind::kFloat64: {
      // f32hash / f64hash: a NaN draws fastrand (rand() from go1.22) per call.
      auto draw = [this] { return static_cast<uint64_t>(rand_.Fastrand()); };
      NanRandom rnd = NanRandom::Of(draw);
      if (t_.key_kind == KeyKind::kFloat32) {
        uint32_t v = static_cast<uint32_t>(k.bits);
        return F32hash(seeds_, fb, &v, h, rnd);
      }
      return F64hash(seeds_, fb, &k.bits, h, rnd);
    }
    case KeyKind::kString: {
      if (k.len == 0) return Strhash(seeds_, fb, nullptr, 0, h);
      const uint8_t* p = gc_.Raw(k.data, 0, k.len, "string key");
      return Strhash(seeds_, fb, p, k.len, h);
    }
    case KeyKind::kBytes:
      if (t_.keysize == 4) return Memhash32(seeds_, fb, k.bytes, h);  // AMEM32
      if (t_.keysize == 8) return Memhash64(seeds_, fb, k.bytes, h);  // AMEM64
      return Memhash(seeds_, fb, k.bytes, t_.keysize, h);
    case KeyKind::kStruct:
    case KeyKind::kIface: return HashGoKey(k.bytes, h);
  }
  return 0;
}

// LoadKey reads a stored key into the caller's form.
Key BucketMap::LoadKey(const ElemSlot& s) {
  Key k;
  switch (t_.key_kind) {
    case KeyKind::kString:
      k.data = gc_.LoadPtr(s.obj, s.off);
      k.len = gc_.LoadWord(s.obj, s.off + 8);
      return k;
    case KeyKind::kBytes:
      k.bytes = gc_.Raw(s.obj, s.off, t_.keysize, "map key");
      return k;
    case KeyKind::kStruct:
    case KeyKind::kIface:
      if (!t_.key_pointers) {
        k.bytes = gc_.Raw(s.obj, s.off, t_.keysize, "map key");
      } else {
        const uint64_t* shadow = nullptr;
        k.bytes = gc_.RawWithShadow(s.obj, s.off, t_.keysize, "map key", &shadow);
        k.ids = shadow;
      }
      return k;
    default: {
      const uint8_t* p = gc_.Raw(s.obj, s.off, t_.keysize, "map key");
      std::memcpy(&k.bits, p, t_.keysize);
      if (t_.key_kind == KeyKind::kInt8) k.bits = static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(k.bits)));
      if (t_.key_kind == KeyKind::kInt16) k.bits = static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(k.bits)));
      if (t_.key_kind == KeyKind::kInt32) k.bits = static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(k.bits)));
      return k;
    }
  }
}

uint64_t BucketMap::HashStored(const ElemSlot& s, uint32_t hash0) { return HashKey(LoadKey(s), hash0); }

// t.key.equal: memequal for integers and [N]byte, f32equal/f64equal (IEEE
// ==: ±0 equal, NaN unequal), strequal (length, then bytes).
bool BucketMap::KeyEqual(const Key& k, const ElemSlot& s) {
  switch (t_.key_kind) {
    case KeyKind::kString: {
      uint64_t len = gc_.LoadWord(s.obj, s.off + 8);
      if (len != k.len) return false;
      if (len == 0) return true;
      gc::Ref data = gc_.LoadPtr(s.obj, s.off);
      if (data.addr == k.data.addr) return true;
      const uint8_t* a = gc_.Raw(k.data, 0, len, "string key");
      std::string_view av(reinterpret_cast<const char*>(a), len);
      const uint8_t* b = gc_.Raw(data, 0, len, "map key");
      return av == std::string_view(reinterpret_cast<const char*>(b), len);
    }
    case KeyKind::kBytes: return std::memcmp(k.bytes, gc_.Raw(s.obj, s.off, t_.keysize, "map key"), t_.keysize) == 0;
    case KeyKind::kStruct:
    case KeyKind::kIface: return EqualGoKey(k.bytes, gc_.Raw(s.obj, s.off, t_.keysize, "map key"));
    case KeyKind::kFloat64: return AsDouble(k.bits) == AsDouble(LoadKey(s).bits);
    case KeyKind::kFloat32:
      return AsFloat(static_cast<uint32_t>(k.bits)) == AsFloat(static_cast<uint32_t>(LoadKey(s).bits));
    default: {
      uint64_t mask = t_.keysize == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * t_.keysize)) - 1;
      return ((k.bits ^ LoadKey(s).bits) & mask) == 0;
    }
  }
}

// KeyEqualAt is KeyEqual for slot i of a pinned bucket: the common key
// kinds compare in place.
bool BucketMap::KeyEqualAt(const Key& k, const Pinned& b, uint32_t i) {
  if (t_.indirectkey) return KeyEqual(k, ElemSlot{b.PtrAt(t_.KeyOff(i)), 0});
  const uint8_t* slot = b.p + t_.KeyOff(i);
  switch (t_.key_kind) {
    case KeyKind::kInt64: {
      uint64_t v;
      std::memcpy(&v, slot, 8);
      return v == k.bits;
    }
    case KeyKind::kInt32: {
      uint32_t v;
      std::memcpy(&v, slot, 4);
      return v == static_cast<uint32_t>(k.bits);
    }
    case KeyKind::kFloat64: {
      uint64_t v;
      std::memcpy(&v, slot, 8);
      return AsDouble(v) == AsDouble(k.bits);
    }
    case KeyKind::kString: {
      uint64_t len;
      std::memcpy(&len, slot + 8, 8);
      if (len != k.len) return false;
      if (len == 0) return true;
      gc::Ref data = b.PtrAt(t_.KeyOff(i));
      if (data.addr == k.data.addr) return true;
      const uint8_t* a = gc_.Raw(k.data, 0, len, "string key");
      const uint8_t* s = gc_.Raw(data, 0, len, "map key");
      return std::memcmp(a, s, len) == 0;
    }
    case KeyKind::kBytes: return std::memcmp(slot, k.bytes, t_.keysize) == 0;
    case KeyKind::kStruct:
    case KeyKind::kIface: return EqualGoKey(k.bytes, slot);
    default: {  // int8, int16, float32
      Key stored;
      std::memcpy(&stored.bits, slot, t_.keysize);
      if (t_.key_kind == KeyKind::kFloat32) {
        return AsFloat(static_cast<uint32_t>(stored.bits)) == AsFloat(static_cast<uint32_t>(k.bits));
      }
      uint64_t mask = (uint64_t{1} << (8 * t_.keysize)) - 1;
      return ((stored.bits ^ k.bits) & mask) == 0;
    }
  }
}

bool BucketMap::StoredSelfEqual(const ElemSlot& s) {
  if (t_.reflexivekey) return true;
  return KeyEqual(LoadKey(s), s);
}

// typedmemmove(t.key, dst, key) from the caller's key.
void BucketMap::StoreKey(const ElemSlot& dst, const Key& k) {
  switch (t_.key_kind) {
    case KeyKind::kString:
      StorePtr(dst.obj, dst.off, k.data);
      std::memcpy(gc_.Raw(dst.obj, dst.off + 8, 8, "map key"), &k.len, 8);
      return;
    case KeyKind::kBytes: std::memcpy(gc_.Raw(dst.obj, dst.off, t_.keysize, "map key"), k.bytes, t_.keysize); return;
    case KeyKind::kStruct:
    case KeyKind::kIface: {
      // typedmemmove: the scalar bytes, then each pointer word with the barrier.
      uint8_t* p = gc_.Raw(dst.obj, dst.off, t_.keysize, "map key");
      size_t w = 0;
      for (uint32_t pw : t_.key_ptr_words) {
        std::memcpy(p + 8 * w, k.bytes + 8 * w, 8 * (pw - w));
        w = pw + 1;
      }
      std::memcpy(p + 8 * w, k.bytes + 8 * w, t_.keysize - 8 * w);
      for (uint32_t pw : t_.key_ptr_words) {
        uint64_t a;
        std::memcpy(&a, k.bytes + 8 * pw, 8);
        StorePtr(dst.obj, dst.off + 8 * pw, gc::Ref{a, k.ids != nullptr ? k.ids[pw] : 0});
      }
      return;
    }
    default: std::memcpy(gc_.Raw(dst.obj, dst.off, t_.keysize, "map key"), &k.bits, t_.keysize); return;
  }
}

void BucketMap::CopyKey(const ElemSlot& dst, const ElemSlot& src) {
  if (t_.key_kind == KeyKind::kString) {
    StoreKey(dst, LoadKey(src));
    return;
  }
  if (t_.key_pointers) {  // a struct or interface with pointers: copy out, then store (StorePtr yields)
    Key k = LoadKey(src);
    std::vector<uint8_t> bytes(k.bytes, k.bytes + t_.keysize);
    std::vector<gc::ObjectId> ids(k.ids, k.ids + (t_.keysize + 7) / 8);
    StoreKey(dst, Key::Image(bytes.data(), ids.data()));
    return;
  }
  std::memcpy(gc_.Raw(dst.obj, dst.off, t_.keysize, "map key"), gc_.Raw(src.obj, src.off, t_.keysize, "map key"),
              t_.keysize);
}

void BucketMap::CopyElem(const ElemSlot& dst, const ElemSlot& src) {
  if (t_.elem_pointers) {
    StorePtr(dst.obj, dst.off, gc_.LoadPtr(src.obj, src.off));
    return;
  }
  std::memmove(gc_.Raw(dst.obj, dst.off, t_.elemsize, "map elem"), gc_.Raw(src.obj, src.off, t_.elemsize, "map elem"),
               t_.elemsize);
}

// mapdelete's key clearing: an indirect key's pointer is nilled, a key with
// pointers is memclrHasPointers'd, a scalar key is left as it was. faststr
// (mapdelete_faststr) clears only the data pointer (`k.str = nil`).
void BucketMap::ClearKey(gc::Ref b, uint32_t i, bool faststr) {
  uint64_t off = t_.KeyOff(i);
  if (t_.indirectkey) {
    StorePtr(b, off, gc::Ref{});
  } else if (t_.key_pointers && (faststr || t_.key_kind == KeyKind::kString)) {
    StorePtr(b, off, gc::Ref{});
    if (!faststr) std::memset(gc_.Raw(b, off + 8, 8, "map key"), 0, 8);
  } else if (t_.key_pointers) {  // memclrHasPointers(k, t.key.size): every byte
    for (uint32_t w : t_.key_ptr_words) StorePtr(b, off + 8 * w, gc::Ref{});
    uint8_t* p = gc_.Raw(b, off, t_.keysize, "map key");
    for (uint32_t w = 0; w < t_.keysize / 8; ++w) {
      if (!t_.bucket->IsPointerWord(off / 8 + w)) std::memset(p + 8 * w, 0, 8);
    }
  }
}

// mapdelete's elem clearing: indirect → nil, pointers → memclrHasPointers,
// otherwise memclrNoHeapPointers: the elem is always zeroed.
void BucketMap::ClearElem(gc::Ref b, uint32_t i) {
  uint64_t off = t_.ElemOff(i);
  if (t_.indirectelem || t_.elem_pointers) {
    StorePtr(b, off, gc::Ref{});
    return;
  }
  std::memset(gc_.Raw(b, off, t_.elemsize, "map elem"), 0, t_.elemsize);
}

// evacuate's `memclrHasPointers(add(b, dataOffset), bucketsize-dataOffset)`:
// keys, elems and the overflow pointer, tophash kept.
void BucketMap::ClearSlotPointers(gc::Ref b) {
  for (uint32_t i = 0; i < kBucketCnt; ++i) {
    if (t_.indirectkey) StorePtr(b, t_.KeyOff(i), gc::Ref{});
    if (!t_.indirectkey) {
      for (uint32_t w : t_.key_ptr_words) StorePtr(b, t_.KeyOff(i) + 8 * w, gc::Ref{});
    }
    if (t_.indirectelem || t_.elem_pointers) StorePtr(b, t_.ElemOff(i), gc::Ref{});
  }
  StorePtr(b, t_.overflow_off, gc::Ref{});
  uint8_t* p = Bk(b);
  for (uint32_t w = kDataOffset / 8; w < t_.overflow_off / 8; ++w) {
    if (!t_.bucket->IsPointerWord(w)) std::memset(p + 8 * w, 0, 8);
  }
}

// ==== Values ==================================================================

int64_t BucketMap::LoadInt(const ElemSlot& e) {
  int64_t v = 0;
  std::memcpy(&v, gc_.Raw(e.obj, e.off, 8, "map elem"), 8);
  return v;
}

void BucketMap::StoreInt(const ElemSlot& e, int64_t v) { std::memcpy(gc_.Raw(e.obj, e.off, 8, "map elem"), &v, 8); }

gc::Ref BucketMap::LoadElemPtr(const ElemSlot& e) { return gc_.LoadPtr(e.obj, e.off); }

void BucketMap::StoreElemPtr(const ElemSlot& e, gc::Ref v) { StorePtr(e.obj, e.off, v); }

Key BucketMap::NewString(std::string_view s) {
  if (s.empty()) return Key::String(gc::Ref{}, 0);
  gc::Ref data = gc_.New(string_bytes_type_, static_cast<uint32_t>(s.size()));
  std::memcpy(gc_.Raw(data, 0, s.size(), "string"), s.data(), s.size());
  return Key::String(data, s.size());
}

std::string BucketMap::StringOf(gc::Ref data, uint64_t len) {
  if (len == 0) return {};
  return std::string(reinterpret_cast<const char*>(gc_.Raw(data, 0, len, "string")), len);
}

}  // namespace gostep::maps
