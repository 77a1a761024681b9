// gc/cost.h — virtual time charged by heap and collector work.
//
// Calibrated against real Go 1.19 on the reference 2-core machine
// (../shared/reference/toolchain-notes.md): runtime.GC() over 1M small live
// objects takes 56–76 ms at GOMAXPROCS=1, i.e. about 60 ns of mark work per
// object, of which scanning (findObject + greyobject per pointer) dominates.
// These constants only move virtual clocks (the pacer's utilisation, gctrace
// times); they never change what is marked or freed.
#pragma once

#include <cstdint>

namespace gostep::gc::cost {

constexpr int64_t kMallocNs = 20;         // mallocgc fast path (nextFreeFast)
constexpr int64_t kRefillNs = 300;        // mcache.refill → mcentral.cacheSpan
constexpr int64_t kZeroPerKiBNs = 20;     // memclrNoHeapPointers
constexpr int64_t kScanObjectNs = 30;     // scanobject: per object
constexpr int64_t kScanWordNs = 2;        // scanobject: per pointer word
constexpr int64_t kGreyObjectNs = 15;     // greyobject: findObject + mark bit + put
constexpr int64_t kScanStackNs = 200;     // scanstack: per stack
constexpr int64_t kSweepSpanNs = 150;     // sweepLocked.sweep: per span
constexpr int64_t kSweepObjectNs = 2;     // …per slot
constexpr int64_t kBarrierNs = 3;         // gcWriteBarrier: append to the buffer
constexpr int64_t kWbFlushPerEntryNs = 10;  // wbBufFlush1: per entry
constexpr int64_t kStwNs = 20000;         // stop/start-the-world handshakes

}  // namespace gostep::gc::cost
