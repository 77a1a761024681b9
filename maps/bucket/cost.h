// maps/bucket/cost.h — virtual time charged by map operations.
//
// Calibrated on real Go 1.19 on the reference 2-core machine (make bench,
// docs/PERFORMANCE.md: map[int64]int64 at 8–1k entries): a lookup hit about
// 10–16 ns, an update about 20 ns, a delete+insert pair about 60 ns, one
// produced entry of a range about 15–25 ns. Allocation and pointer stores
// inside map code charge their own gc/cost.h time. These constants only move
// virtual clocks (so a busy P lets other Ps start, timers fire, sysmon tick);
// they never change what a map does.
#pragma once

#include <cstdint>

namespace gostep::maps::cost {

constexpr int64_t kAccessNs = 12;      // mapaccess: hash, chain walk
constexpr int64_t kAssignNs = 20;      // mapassign
constexpr int64_t kDeleteNs = 25;      // mapdelete
constexpr int64_t kIterNextNs = 15;    // mapiternext: one entry (or the end)
constexpr int64_t kEvacuateNs = 100;   // evacuate: one old bucket
constexpr int64_t kClearPerBucketNs = 5;  // mapclear: zeroing, per bucket

}  // namespace gostep::maps::cost
