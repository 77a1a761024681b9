// maps/bucket/dump.cc — the map as the differential test sees it.
//
// The format (tests/differential/maplayout prints the same from a real Go
// 1.19 map through unsafe):
//   {"B", "count", "flags", "noverflow", "hash0", "nevacuate",
//    "next_overflow": index of h.extra.nextOverflow in h.buckets, or -1,
//    "overflow", "oldoverflow": len(*h.extra.overflow / oldoverflow), or -1,
//    "buckets": [chain × 2^B], "oldbuckets": null or [chain × 2^oldB]}
//   chain  = [bucket, …]: the main bucket, then its overflow buckets
//   bucket = {"at": "n<i>" (bucket i of h.buckets), "o<i>" (of h.oldbuckets)
//             or "h" (its own object), "tophash": [8], "keys": [8], "elems": [8]}
//            (i may be past 2^B: a pre-allocated overflow bucket of the array)
//   key    = integer: its value; float64: "0x<bits>" (16 hex digits);
//            string: [data is nil ? 1 : 0, len, text ("" when nil)]
//   elem   = an 8-byte scalar: its int64 value
// Every slot is printed, empty or not: stale keys are part of the layout.
#include <fmt/format.h>

#include "maps/bucket/hmap.h"

namespace gostep::maps {

// DumpArrays are h.buckets and h.oldbuckets with the number of buckets each
// array holds (BucketArrayLen: pre-allocated overflow buckets included).
struct BucketMap::DumpArrays {
  gc::Ref buckets, old;
  uint64_t nbuckets = 0, nold = 0;
};

nlohmann::json BucketMap::DumpChain(gc::Ref b, const DumpArrays& a) {
  nlohmann::json chain = nlohmann::json::array();
  // By address, as the Go side does: an overflow link in a noscan bucket is a
  // uintptr and carries no object id (gc::Collector::LoadUintptr).
  auto in = [&](gc::Ref x, gc::Ref array, uint64_t n) {
    return !array.nil() && x.addr >= array.addr && x.addr < array.addr + n * t_.bucketsize;
  };
  auto where = [&](gc::Ref x) -> std::string {
    if (in(x, a.buckets, a.nbuckets)) return fmt::format("n{}", (x.addr - a.buckets.addr) / t_.bucketsize);
    if (in(x, a.old, a.nold)) return fmt::format("o{}", (x.addr - a.old.addr) / t_.bucketsize);
    return "h";
  };
  for (; !b.nil(); b = Overflow(b)) {
    nlohmann::json tophash = nlohmann::json::array(), keys = nlohmann::json::array(), elems = nlohmann::json::array();
    for (uint32_t i = 0; i < kBucketCnt; ++i) {
      tophash.push_back(TopHashAt(b, i));
      ElemSlot ks{b, t_.KeyOff(i)};
      switch (t_.key_kind) {
        case KeyKind::kString: {
          gc::Ref data = gc_.LoadPtr(b, ks.off);
          uint64_t len = gc_.LoadWord(b, ks.off + 8);
          keys.push_back({data.nil() ? 1 : 0, len, data.nil() ? std::string() : StringOf(data, len)});
          break;
        }
        case KeyKind::kFloat64: keys.push_back(fmt::format("0x{:016x}", LoadKey(ks).bits)); break;
        default: keys.push_back(static_cast<int64_t>(LoadKey(ks).bits)); break;
      }
      elems.push_back(t_.elem_pointers || t_.indirectelem ? 0 : LoadInt(ElemAt(b, i)));
    }
    chain.push_back({{"at", where(b)}, {"tophash", tophash}, {"keys", keys}, {"elems", elems}});
  }
  return chain;
}

nlohmann::json BucketMap::Dump(gc::Ref h) {
  nlohmann::json j;
  j["B"] = B(h);
  j["count"] = Count(h);
  j["flags"] = Flags(h);
  j["noverflow"] = Noverflow(h);
  j["hash0"] = Hash0(h);
  j["nevacuate"] = Nevacuate(h);
  gc::Ref buckets = Buckets(h), old = Oldbuckets(h), extra = Extra(h);
  DumpArrays arrays{buckets, old, BucketArrayLen(B(h)), 0};
  if (!old.nil()) arrays.nold = BucketArrayLen(static_cast<uint8_t>(B(h) - (SameSizeGrow(h) ? 0 : 1)));
  int64_t next = -1, ovf = -1, oldovf = -1;
  if (!extra.nil()) {
    gc::Ref n = gc_.LoadPtr(extra, hmap_off::kExtraNextOverflow);
    if (!n.nil()) next = static_cast<int64_t>((n.addr - buckets.addr) / t_.bucketsize);
    gc::Ref o = gc_.LoadPtr(extra, hmap_off::kExtraOverflow);
    if (!o.nil()) ovf = static_cast<int64_t>(gc_.LoadWord(o, 8));
    gc::Ref oo = gc_.LoadPtr(extra, hmap_off::kExtraOldoverflow);
    if (!oo.nil()) oldovf = static_cast<int64_t>(gc_.LoadWord(oo, 8));
  }
  j["next_overflow"] = next;
  j["overflow"] = ovf;
  j["oldoverflow"] = oldovf;
  nlohmann::json bs = nlohmann::json::array();
  if (!buckets.nil()) {
    for (uint64_t i = 0; i < (uint64_t{1} << B(h)); ++i) bs.push_back(DumpChain(BucketAt(buckets, i), arrays));
  }
  j["buckets"] = bs;
  if (old.nil()) {
    j["oldbuckets"] = nullptr;
  } else {
    nlohmann::json os = nlohmann::json::array();
    for (uint64_t i = 0; i < NoldBuckets(h); ++i) os.push_back(DumpChain(BucketAt(old, i), arrays));
    j["oldbuckets"] = os;
  }
  return j;
}

uint64_t BucketMap::Hash(const Key& k, uint32_t seed) { return HashKey(k, seed); }

}  // namespace gostep::maps
