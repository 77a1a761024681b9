#include "tools/profile_fields.h"

#include <array>

namespace gostep::tools {
namespace {

using base::VersionProfile;

std::string TracebackArgsValue(const VersionProfile& p) {
  switch (p.traceback_args) {
    case base::TracebackArgs::kWords: return "words";
    case base::TracebackArgs::kPerArg: return "per-arg";
    case base::TracebackArgs::kPerArgUnsure: return "per-arg-unsure";
  }
  return "?";
}

std::string PacerValue(const VersionProfile& p) {
  switch (p.pacer) {
    case base::PacerModel::kTriggerRatio114: return "trigger-ratio-1.14.0";
    case base::PacerModel::kTriggerRatio: return "trigger-ratio";
    case base::PacerModel::kConsMarkPI118: return "cons-mark-pi-1.18";
    case base::PacerModel::kConsMarkPI119: return "cons-mark-pi-1.19";
    case base::PacerModel::kConsMarkAvg2: return "cons-mark-avg2";
    case base::PacerModel::kConsMarkMax4: return "cons-mark-max4";
  }
  return "?";
}

std::string LoadFactorValue(const VersionProfile& p) { return std::to_string(p.map_load_factor_num) + "/2"; }

const std::array kFields = {
    // Scheduler
    ProfileField{"async_preemption", "loops without calls are preempted asynchronously",
                 "[rn1.14]; design 24543; CL 201760/201762", &VersionProfile::async_preemption},
    ProfileField{"sync_timer_channels", "timer channels are unbuffered; Stop/Reset drop stale values",
                 "[rn1.23]; Go issues 37196, 61542", &VersionProfile::sync_timer_channels},
    ProfileField{"sync_wait_reasons", "sync.Mutex/RWMutex waits show their own wait reason",
                 "runtime2.go waitReasonSyncMutexLock, go1.20.6 source (go-gc-sched.md 6.5)",
                 &VersionProfile::sync_wait_reasons},
    // Crash output
    ProfileField{"user_fatal_style", "map/mutex misuse and deadlock go through runtime.fatal (no runtime frames)",
                 "Go issue 51485, CL 390421, [rn1.19]", &VersionProfile::user_fatal_style},
    ProfileField{"created_by_goroutine_id", "\"created by main.main in goroutine 1\"",
                 "Go issue 38651, CL 435337, [rn1.21]", &VersionProfile::created_by_goroutine_id},
    ProfileField{"traceback_args", "how traceback frames print arguments",
                 "[rn1.17] CL 304470 (register ABI); [rn1.18] CL 352057 (\"?\")", nullptr, &TracebackArgsValue},
    ProfileField{"traceback_elide_middle", "deep stacks print the top 50 and bottom 50 frames",
                 "[rn1.21], Go issue 7181", &VersionProfile::traceback_elide_middle},
    ProfileField{"panic_message_indented", "lines after the first of a panic message are tab-indented",
                 "Go issue 64590", &VersionProfile::panic_message_indented},
    // Allocator
    ProfileField{"size_class_24", "the 24-byte size class exists", "Go issue 8885; go1.14.6/1.15.3 vs 1.16.14 sources",
                 &VersionProfile::size_class_24},
    ProfileField{"malloc_headers", "pointerful objects > 512 B carry an 8-byte type header",
                 "[rn1.22], CL 543255, go1.23.5 mallocgc", &VersionProfile::malloc_headers},
    // Garbage collector
    ProfileField{"wbbuf_pointers_only", "the write-barrier buffer holds 512 pointers, filled by the caller",
                 "[1.21src] mwbbuf.go vs [1.19src]", &VersionProfile::wbbuf_pointers_only},
    ProfileField{"pacer", "the GC pacer model",
                 "Go issues 37927/37525 (CL 223937), design 44167, CL 417558 (53892), Go issue 56966", nullptr,
                 &PacerValue},
    ProfileField{"memory_limit", "GOMEMLIMIT and the GC CPU limiter", "[rn1.19], design 48409, CL 397018, CL 353989",
                 &VersionProfile::memory_limit},
    ProfileField{"periodic_gc_idle_limit", "periodic GC runs at most one idle mark worker",
                 "Go issue 44163, [rn1.19]", &VersionProfile::periodic_gc_idle_limit},
    ProfileField{"gctrace_roots", "gctrace prints \"# MB stacks, #MB globals\"",
                 "[1.19src] mgc.go gcMarkTermination; absent in go1.14.6, go1.17", &VersionProfile::gctrace_roots},
    // Maps
    ProfileField{"map_reseed_on_empty", "hash0 is reseeded by mapclear and by a delete that empties the map",
                 "Go issue 25237; CL 253020, CL 252940", &VersionProfile::map_reseed_on_empty},
    ProfileField{"map_hash_wyhash", "the no-AES memhash fallback is wyhash", "CL 279612",
                 &VersionProfile::map_hash_wyhash},
    ProfileField{"map_hash_keyed_fallback", "the wyhash fallback is keyed by hashkey", "Go issue 66841",
                 &VersionProfile::map_hash_keyed_fallback},
    ProfileField{"map_faststr_key_update", "mapassign_faststr overwrites the stored key on update",
                 "CL 305089, Go issue 45045", &VersionProfile::map_faststr_key_update},
    ProfileField{"map_iter_fastrand64", "mapiterinit draws r with fastrand64 when B > 28",
                 "go1.19–1.21 map.go mapiterinit", &VersionProfile::map_iter_fastrand64},
    ProfileField{"map_clear_builtin", "clear(m) (mapclear ends iterators), maps.Clone", "Go issue 59411, [rn1.21]",
                 &VersionProfile::map_clear_builtin},
    ProfileField{"map_load_factor_num", "load factor numerator (per 2 slots: 13 = 6.5 per bucket)", "Go issue 63438",
                 nullptr, &LoadFactorValue},
    ProfileField{"map_rand_chacha8", "map random draws come from ChaCha8 rand()", "[rn1.22]",
                 &VersionProfile::map_rand_chacha8},
    ProfileField{"slice_growth_256", "growslice grows by (newcap + 3*256)/4 past 256", "CL 347917",
                 &VersionProfile::slice_growth_256},
    // sync.Map
    ProfileField{"syncmap_load_and_delete", "sync.Map.LoadAndDelete exists", "CL 205899",
                 &VersionProfile::syncmap_load_and_delete},
    ProfileField{"syncmap_swap_cas", "sync.Map Swap, CompareAndSwap, CompareAndDelete", "CL 399094",
                 &VersionProfile::syncmap_swap_cas},
    ProfileField{"syncmap_clear", "sync.Map.Clear exists", "[rn1.23]", &VersionProfile::syncmap_clear},
    ProfileField{"syncmap_issue40999", "LoadAndDelete leaves deleted keys in the dirty map",
                 "Go issue 40999; fixed by CL 250197 (backport issue 41011, go1.15.2)",
                 &VersionProfile::syncmap_issue40999},
    ProfileField{"syncmap_range_escapes_read", "every sync.Map.Range allocates a readOnly",
                 "Go issue 62404 (CL 426074); golang/go PR 62408", &VersionProfile::syncmap_range_escapes_read},
};

}  // namespace

std::span<const ProfileField> ProfileFields() { return kFields; }

std::string FieldValue(const ProfileField& f, const base::VersionProfile& p) {
  if (f.flag != nullptr) return p.*f.flag ? "on" : "off";
  return f.value(p);
}

}  // namespace gostep::tools
