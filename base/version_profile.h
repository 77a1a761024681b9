// base/version_profile.h — what each Go release's runtime really does, as data.
//
// A VersionProfile is one constexpr struct per release, go1.14 … go1.23. A
// profile named by a minor release ("1.17") models that release's last point
// release (DESIGN.md, "Truth comes from the Go source"). Every field is a fact
// with evidence; its comment names the source. Citations use the tags of
// ../shared/reference/go-gc-sched.md: [rnX] release notes of go1.X, [1.19src]
// the go1.19.8 source (Debian golang-1.19-src), CL/issue numbers from those.
//
// Rules:
//  - Only facts with evidence go here. A behaviour nobody has checked is not a
//    field; it is a note in docs/ until someone checks it.
//  - Version differences are data, never copied code: callers branch on a field
//    (`if (profile.sync_wait_reasons) …`), never on `minor`.
//  - Adding a Go version: copy the nearest profile in version_profile.cc, change
//    the fields whose evidence differs, add it to kProfiles, extend the
//    conformance tests' profile list (tests/base/version_profile_test.cc).
//
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace gostep::base {

// How traceback prints function arguments.
enum class TracebackArgs : uint8_t {
  kWords,          // go1.14–1.16: raw stack words, "f(0xc000012345, 0x5)".
  kPerArg,         // go1.17: one entry per source argument, "{...}" for aggregates
                   // ([rn1.17], CL 304470, register ABI).
  kPerArgUnsure,   // go1.18+: as kPerArg plus a trailing "?" on values that may be
                   // stale ([rn1.18], CL 352057).
};

// Which pacer (runtime/mgcpacer.go, before go1.18 mgc.go) computes the GC
// trigger and heap goal. gc/pacer.h implements each; its comments hold the
// formulas and their sources.
enum class PacerModel : uint8_t {
  kTriggerRatio114,  // go1.14.0–go1.14.1: Go 1.5 trigger-ratio controller, with the
                     // unscaled minTriggerRatio = 0.6 (Go issue 37927; fixed in
                     // go1.14.2 by CL 223937, Go issue 37525).
  kTriggerRatio,     // go1.14.2–1.17: the same controller, trigger bounds scaled by GOGC/100.
  kConsMarkPI118,    // go1.18: the redesign of design 44167 (GOGC counts stacks and
                     // globals), cons/mark smoothed by a PI controller; commit
                     // stores the goal and trigger.
  kConsMarkPI119,    // go1.19: as go1.18, but the goal and trigger are computed on
                     // demand (for the memory limit) from the stack actually scanned.
  kConsMarkAvg2,     // go1.20: cons/mark averaged over 2 cycles (CL 417558, Go issue 53892).
  kConsMarkMax4,     // go1.21+: cons/mark = max of the last 4 (Go issue 56966).
};

struct VersionProfile {
  std::string_view name;  // "go1.19", or a point release "go1.14.1"
  int minor;              // 19

  // ---- Scheduler -------------------------------------------------------------

  // Asynchronous (signal-based) preemption of loops without calls. go1.14+
  // ([rn1.14]; design 24543; CL 201760/201762). GODEBUG=asyncpreemptoff=1 turns
  // it off at run time, which restores the pre-1.14 behaviour of Go issue 10958.
  bool async_preemption;

  // Timer channels are synchronous (unbuffered): cap(t.C) == 0, and Stop/Reset
  // guarantee that no stale value is received afterwards. go1.23 ([rn1.23],
  // Go issues 37196 and 61542). GODEBUG=asynctimerchan=1 restores the old
  // buffered (cap 1) channels.
  bool sync_timer_channels;

  // Blocking in sync.Mutex / sync.RWMutex shows its own wait reason
  // ("sync.Mutex.Lock", "sync.RWMutex.RLock", "sync.RWMutex.Lock") instead of
  // "semacquire". go1.20+ (runtime2.go waitReasonSyncMutexLock, verified in the
  // go1.20.6 source per go-gc-sched.md §6.5). sync.WaitGroup.Wait keeps
  // "semacquire" through go1.23 (its own reason arrived in go1.24).
  bool sync_wait_reasons;

  // ---- Crash output ------------------------------------------------------------

  // User-caused fatal errors (map misuse, mutex misuse, deadlock) go through
  // runtime.fatal, which prints all user goroutines without runtime frames, and
  // not through runtime.throw, which prints the throwing goroutine with runtime
  // frames and fp/sp/pc. go1.19+ (Go issue 51485, CL 390421, [rn1.19]).
  // The "fatal error: " line is the same either way.
  bool user_fatal_style;

  // "created by main.main in goroutine 1" instead of "created by main.main".
  // go1.21+ (Go issue 38651, CL 435337, [rn1.21]).
  bool created_by_goroutine_id;

  // Argument format of traceback frames (see TracebackArgs).
  TracebackArgs traceback_args;

  // Deep stacks: go1.21+ print the top 50 and the bottom 50 frames ([rn1.21],
  // Go issue 7181); earlier releases print the first 100 and then
  // "...additional frames elided...".
  bool traceback_elide_middle;

  // Lines after the first of a multi-line panic message are indented with a tab
  // (runtime.printindented). go1.23+ (Go issue 64590).
  bool panic_message_indented;

  // ---- Allocator ---------------------------------------------------------------

  // The 24-byte size class exists (Go issue 8885). Without it there are 67
  // classes and 17–32-byte objects take 32 bytes. Absent in the go1.14.6 and
  // go1.15.3 sources; present from go1.16 (a go1.16.14 tree) through go1.23.5
  // and in go1.19.8. Evidence in gc/size_classes.h.
  bool size_class_24;

  // Allocation headers: a pointerful object larger than 512 bytes starts with an
  // 8-byte type header, so it may take a larger size class. go1.22+ ([rn1.22],
  // CL 543255; the go1.23.5 mallocgc; see gc/size_classes.h).
  bool malloc_headers;

  // ---- Garbage collector -------------------------------------------------------

  // The per-P write-barrier buffer (mwbbuf.go) records pointers only: 512 words,
  // filled by the caller (gcWriteBarrier1..8). go1.21+ ([1.21src]). Before: 256
  // (new, old) pairs written by gcWriteBarrier / putFast ([1.19src]).
  bool wbbuf_pointers_only;

  // The pacer (see PacerModel).
  PacerModel pacer;

  // GOMEMLIMIT / debug.SetMemoryLimit and the GC CPU limiter. go1.19+
  // ([rn1.19], design 48409, CL 397018, CL 353989).
  bool memory_limit;

  // Periodic (time-triggered) GC cycles run at most one idle mark worker, and
  // none when there are dedicated workers. go1.19+ (Go issue 44163, [rn1.19]).
  bool periodic_gc_idle_limit;

  // The gctrace line prints "# MB stacks, #MB globals" after the goal.
  // Present in go1.19.8 ([1.19src] mgc.go:gcMarkTermination) and the 1.20+
  // sources, absent from go1.14.6 and go1.17; set from go1.18, the pacer
  // redesign that counts them (1.18 itself not verified; see gc/gctrace.h).
  bool gctrace_roots;

  // ---- Maps (../shared/reference/go-map.md §3; evidence on each field) ----------
  // (throw vs fatal at the misuse checks is user_fatal_style.)

  // hash0 is reseeded by mapclear and by a mapdelete that empties the map
  // (Go issue 25237; CL 253020, CL 252940). go1.16+.
  bool map_reseed_on_empty;

  // The memhash fallback (no AES) is wyhash on 64-bit: memhashFallback,
  // memhash32/64Fallback (CL 279612). go1.17+; before, the go1.14 aeshash-less
  // mixing of hash64.go.
  bool map_hash_wyhash;
  // The wyhash fallback keyed by hashkey[0..3] instead of the constants
  // m1..m4 (Go issue 66841, reported against go1.22.2: the fixed constants
  // allowed hash flooding). go1.23+.
  bool map_hash_keyed_fallback;

  // mapassign_faststr overwrites the stored key string on update (CL 305089,
  // Go issue 45045). go1.17+.
  bool map_faststr_key_update;

  // mapiterinit: r = fastrand64() when B > 28 (go1.19–1.21); before,
  // r = fastrand() + fastrand()<<31 when B > 28; go1.22+ r = rand().
  bool map_iter_fastrand64;

  // clear(m) / mapclear first marks every old and new chain emptyRest, which
  // ends running iterators (Go issue 59411); the clear builtin, maps.Clone
  // (mapclone, "concurrent map clone and map write"). go1.21+.
  bool map_clear_builtin;

  // loadFactorNum: 13 (6.5 per bucket), except go1.21.x where
  // (bucketCnt*13/16)*loadFactorDen evaluates to 12 (6.0; Go issue 63438).
  uint8_t map_load_factor_num;

  // The map's random draws (hash0, iterator start, NaN hashes) come from
  // ChaCha8 rand() instead of fastrand (go1.22+, [rn1.22]). gostep draws
  // them from the decision stream either way; the differential tests of go1.19
  // set the per-M wyrand state explicitly.
  bool map_rand_chacha8;

  // growslice grows a slice past 256 elements by (newcap + 3*256)/4 per step
  // (go1.18+, CL 347917); before, doubling up to 1024 then 1.25x.
  bool slice_growth_256;

  // sync.Map API: LoadAndDelete (go1.15+, CL 205899), Swap/CompareAndSwap/
  // CompareAndDelete (go1.20+, CL 399094), Clear (go1.23+).
  bool syncmap_load_and_delete;
  bool syncmap_swap_cas;
  bool syncmap_clear;

  // ---- sync.Map (helper) -------------------------------------------------------
  // (maps/syncmap/syncmap.h models sync/map.go; these are its behaviour deltas
  // beyond the API fields above.)

  // LoadAndDelete, and so Delete, finds a key that is only in the dirty map
  // and deletes its value (entry.p = nil) but not the key: the line
  // `delete(m.dirty, key)` is missing from the locked path. The entry stays
  // in m.dirty, so len(m.dirty) grows with every such delete and keeps ahead
  // of the miss count: the dirty map is never promoted and the deleted keys
  // are never freed (Go issue 40999, "sync.Map keys will never be garbage
  // collected"). A regression of go1.15's LoadAndDelete (CL 205899, Go issue
  // 33762); go1.14's Delete did `delete(m.dirty, key)`. Fixed on master by
  // CL 250197 ("sync: delete dirty keys inside Map.LoadAndDelete", adds
  // TestIssue40999) and in go1.15.2 (release history: go1.15.2 "includes
  // fixes to ... the ... sync ... packages"; go1.15.1 was security fixes only;
  // the 1.15 backport, issue 41011, is in go1.15.2's fix list as quoted by
  // SUSE-SU-2020:2776-1). True only in the point-release profile go1.15.0
  // (go1.15.0–go1.15.1). maps/README-syncmap.md has the evidence.
  bool syncmap_issue40999;

  // Range's local `read` escapes to the heap (`m.read.Store(&read)`), so
  // every Range call allocates a readOnly, whether or not it promotes the
  // dirty map (Go issue 62404, "sync: map.Range has started allocating as of
  // Go 1.20": the atomic.Pointer change of CL 426074). go1.20–go1.21 (the
  // go1.21 sync/map.go equals go1.20.2's); go1.22+ stores a copy
  // (`copyRead := read; m.read.Store(&copyRead)`, golang/go PR 62408) and
  // allocates only when it promotes. go1.14–go1.19 box the readOnly into
  // the atomic.Value only when promoting.
  bool syncmap_range_escapes_read;
};

// The profiles, oldest first: go1.14.1 (a point release), go1.14, go1.15.0
// (a point release), go1.15 … go1.23.
std::span<const VersionProfile> AllProfiles();

// The newest profile (the default of every tool).
const VersionProfile& NewestProfile();

// FindProfile returns the profile named "1.17" or "go1.17", or nullptr.
const VersionProfile* FindProfile(std::string_view name);

// ProfileNames returns "go1.14, go1.15, …" for error messages.
std::string ProfileNames();

}  // namespace gostep::base
