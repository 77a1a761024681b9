#include "scheduler/frames.h"

#include <string_view>

#include <fmt/format.h>

namespace gostep::sched {

// RenderArgs expands an argument shape for profile p (see RtFrame::args).
std::string RenderArgs(const char* shape, const base::VersionProfile& p) {
  std::string out;
  bool words = p.traceback_args == base::TracebackArgs::kWords;
  const char* word = p.traceback_args == base::TracebackArgs::kPerArgUnsure ? "0x0?" : "0x0";
  for (const char* c = shape; *c != '\0'; ++c) {
    switch (*c) {
      case 'w': out += word; break;
      case ',': out += ", "; break;
      case '{':
      case '}':
        if (!words) out += *c;
        break;
      default: break;
    }
  }
  return out;
}

namespace {

// Before go1.19 the sync package threw instead of calling fatal
// (sync.throw -> runtime.throw; Go issue 51485, CL 390421).
std::string_view FrameName(const char* func, const base::VersionProfile& p) {
  std::string_view f = func;
  if (!p.user_fatal_style) {
    if (f == "runtime.fatal") return "runtime.throw";
    if (f == "sync.fatal") return "sync.throw";
  }
  return f;
}

}  // namespace

void AppendRtFrames(RtFrames chain, const base::VersionProfile& p, std::vector<base::GoFrame>* out) {
  for (const RtFrame* f = chain; f != nullptr && f->func != nullptr; ++f) {
    out->push_back(base::GoFrame{.func = std::string(FrameName(f->func, p)),
                                 .args = f->inlined ? "" : RenderArgs(f->args, p),
                                 .file = fmt::format("{}/src/{}", kGoroot, f->file),
                                 .line = f->line,
                                 .inlined = f->inlined});
  }
}

namespace frames {

// All lines: go1.19.8 (Debian golang-1.19-src), as a real binary prints them
// with GOTRACEBACK=system (tests/go/, tests/runtime/go_diff_test.cc).
#define GOPARK {"runtime.gopark", "runtime/proc.go", 363, "w,w,w,w,w", false}
#define GOPARKUNLOCK {"runtime.goparkunlock", "runtime/proc.go", 369, "", true}
#define SEMACQUIRE1 {"runtime.semacquire1", "runtime/sema.go", 150, "w,w,w,w", false}
#define SEMA_MUTEX {"sync.runtime_SemacquireMutex", "runtime/sema.go", 77, "w,w,w", false}
#define MUTEX_LOCKSLOW {"sync.(*Mutex).lockSlow", "sync/mutex.go", 171, "w", false}
#define MUTEX_LOCK {"sync.(*Mutex).Lock", "sync/mutex.go", 90, "", true}
#define FATAL {"runtime.fatal", "runtime/panic.go", 1066, "{w,w}", false}, \
              {"sync.fatal", "runtime/panic.go", 1031, "{w,w}", false}
#define END {nullptr, nullptr, 0, "", false}

const RtFrame kChanRecv[] = {GOPARK, {"runtime.chanrecv", "runtime/chan.go", 583, "w,w,w", false},
                             {"runtime.chanrecv1", "runtime/chan.go", 442, "w,w", false}, END};
const RtFrame kChanRecv2[] = {GOPARK, {"runtime.chanrecv", "runtime/chan.go", 583, "w,w,w", false},
                              {"runtime.chanrecv2", "runtime/chan.go", 447, "w,w", false}, END};
const RtFrame kChanRecvNil[] = {GOPARK, {"runtime.chanrecv", "runtime/chan.go", 469, "w,w,w", false},
                                {"runtime.chanrecv1", "runtime/chan.go", 442, "w,w", false}, END};
const RtFrame kChanSend[] = {GOPARK, {"runtime.chansend", "runtime/chan.go", 259, "w,w,w,w", false},
                             {"runtime.chansend1", "runtime/chan.go", 145, "w,w", false}, END};
const RtFrame kChanSendNil[] = {GOPARK, {"runtime.chansend", "runtime/chan.go", 165, "w,w,w,w", false},
                                {"runtime.chansend1", "runtime/chan.go", 145, "w,w", false}, END};
const RtFrame kSelect[] = {GOPARK, {"runtime.selectgo", "runtime/select.go", 328, "w,w,w,w,w,w", false}, END};
const RtFrame kSelectNoCases[] = {GOPARK, {"runtime.block", "runtime/select.go", 104, "", false}, END};
const RtFrame kSleep[] = {GOPARK, {"time.Sleep", "runtime/time.go", 195, "w", false}, END};
const RtFrame kMutexLock[] = {GOPARK, GOPARKUNLOCK, SEMACQUIRE1, SEMA_MUTEX, MUTEX_LOCKSLOW, MUTEX_LOCK, END};
const RtFrame kRWMutexRLock[] = {GOPARK, GOPARKUNLOCK, SEMACQUIRE1, SEMA_MUTEX,
                                 {"sync.(*RWMutex).RLock", "sync/rwmutex.go", 71, "", true}, END};
const RtFrame kRWMutexLockW[] = {GOPARK, GOPARKUNLOCK, SEMACQUIRE1, SEMA_MUTEX, MUTEX_LOCKSLOW, MUTEX_LOCK,
                                 {"sync.(*RWMutex).Lock", "sync/rwmutex.go", 147, "w", false}, END};
const RtFrame kRWMutexLockSem[] = {GOPARK, GOPARKUNLOCK, SEMACQUIRE1, SEMA_MUTEX,
                                   {"sync.(*RWMutex).Lock", "sync/rwmutex.go", 152, "w", false}, END};
const RtFrame kWaitGroupWait[] = {GOPARK, GOPARKUNLOCK, SEMACQUIRE1,
                                  {"sync.runtime_Semacquire", "runtime/sema.go", 62, "w", false},
                                  {"sync.(*WaitGroup).Wait", "sync/waitgroup.go", 139, "w", false}, END};
const RtFrame kCondWait[] = {GOPARK, GOPARKUNLOCK,
                             {"sync.runtime_notifyListWait", "runtime/sema.go", 517, "w,w", false},
                             {"sync.(*Cond).Wait", "sync/cond.go", 70, "w", false}, END};
const RtFrame kOnceDoLock[] = {GOPARK, GOPARKUNLOCK, SEMACQUIRE1, SEMA_MUTEX, MUTEX_LOCKSLOW, MUTEX_LOCK,
                               {"sync.(*Once).doSlow", "sync/once.go", 70, "w,w", false},
                               {"sync.(*Once).Do", "sync/once.go", 65, "", true}, END};
const RtFrame kSemacquire[] = {GOPARK, GOPARKUNLOCK, SEMACQUIRE1, END};

const RtFrame kGopanic[] = {{"runtime.gopanic", "runtime/panic.go", 987, "{w,w}", false}, END};
const RtFrame kWaitGroupAdd[] = {{"sync.(*WaitGroup).Add", "sync/waitgroup.go", 83, "w,w", false}, END};
const RtFrame kWaitGroupDone[] = {{"sync.(*WaitGroup).Add", "sync/waitgroup.go", 83, "w,w", false},
                                  {"sync.(*WaitGroup).Done", "sync/waitgroup.go", 108, "", true}, END};
const RtFrame kCloseChan[] = {{"runtime.closechan", "runtime/chan.go", 365, "w", false}, END};
const RtFrame kCloseNilChan[] = {{"runtime.closechan", "runtime/chan.go", 359, "w", false}, END};
const RtFrame kChanSendClosed[] = {{"runtime.chansend", "runtime/chan.go", 206, "w,w,w,w", false},
                                   {"runtime.chansend1", "runtime/chan.go", 145, "w,w", false}, END};
const RtFrame kChanSendClosedWoken[] = {{"runtime.chansend", "runtime/chan.go", 283, "w,w,w,w", false},
                                        {"runtime.chansend1", "runtime/chan.go", 145, "w,w", false}, END};
const RtFrame kSelectSendClosed[] = {{"runtime.selectgo", "runtime/select.go", 516, "w,w,w,w,w,w", false}, END};
const RtFrame kMutexUnlockFatal[] = {FATAL, {"sync.(*Mutex).unlockSlow", "sync/mutex.go", 229, "w,w", false},
                                     {"sync.(*Mutex).Unlock", "sync/mutex.go", 223, "", true}, END};
const RtFrame kRWMutexRUnlockFatal[] = {FATAL, {"sync.(*RWMutex).rUnlockSlow", "sync/rwmutex.go", 129, "w,w", false},
                                        {"sync.(*RWMutex).RUnlock", "sync/rwmutex.go", 119, "", true}, END};
const RtFrame kRWMutexUnlockFatal[] = {FATAL, {"sync.(*RWMutex).Unlock", "sync/rwmutex.go", 209, "w", false}, END};

// The map detector's fatal sites, go1.19.8 (the fatal call lines of map.go,
// map_fast32.go, map_fast64.go, map_faststr.go); entry check, exit check.
#define RT_FATAL {"runtime.fatal", "runtime/panic.go", 1066, "{w,w}", false}
#define MAP_SITE(name, fn, file, line, args) \
  const RtFrame name[] = {RT_FATAL, {fn, file, line, args, false}, END}
MAP_SITE(kMapaccess1, "runtime.mapaccess1", "runtime/map.go", 415, "w,w,w");
MAP_SITE(kMapaccess2, "runtime.mapaccess2", "runtime/map.go", 476, "w,w,w");
MAP_SITE(kMapassign, "runtime.mapassign", "runtime/map.go", 595, "w,w,w");
MAP_SITE(kMapassignExit, "runtime.mapassign", "runtime/map.go", 686, "w,w,w");
MAP_SITE(kMapdelete, "runtime.mapdelete", "runtime/map.go", 715, "w,w,w");
MAP_SITE(kMapdeleteExit, "runtime.mapdelete", "runtime/map.go", 806, "w,w,w");
MAP_SITE(kMapiternext, "runtime.mapiternext", "runtime/map.go", 873, "w");
MAP_SITE(kMapclear, "runtime.mapclear", "runtime/map.go", 1005, "w,w");
MAP_SITE(kMapclearExit, "runtime.mapclear", "runtime/map.go", 1036, "w,w");
MAP_SITE(kMapaccess1F32, "runtime.mapaccess1_fast32", "runtime/map_fast32.go", 22, "w,w,w");
MAP_SITE(kMapaccess2F32, "runtime.mapaccess2_fast32", "runtime/map_fast32.go", 62, "w,w,w");
MAP_SITE(kMapassignF32, "runtime.mapassign_fast32", "runtime/map_fast32.go", 102, "w,w,w");
MAP_SITE(kMapassignF32Exit, "runtime.mapassign_fast32", "runtime/map_fast32.go", 177, "w,w,w");
MAP_SITE(kMapdeleteF32, "runtime.mapdelete_fast32", "runtime/map_fast32.go", 282, "w,w,w");
MAP_SITE(kMapdeleteF32Exit, "runtime.mapdelete_fast32", "runtime/map_fast32.go", 358, "w,w,w");
MAP_SITE(kMapaccess1F64, "runtime.mapaccess1_fast64", "runtime/map_fast64.go", 22, "w,w,w");
MAP_SITE(kMapaccess2F64, "runtime.mapaccess2_fast64", "runtime/map_fast64.go", 62, "w,w,w");
MAP_SITE(kMapassignF64, "runtime.mapassign_fast64", "runtime/map_fast64.go", 102, "w,w,w");
MAP_SITE(kMapassignF64Exit, "runtime.mapassign_fast64", "runtime/map_fast64.go", 177, "w,w,w");
MAP_SITE(kMapdeleteF64, "runtime.mapdelete_fast64", "runtime/map_fast64.go", 282, "w,w,w");
MAP_SITE(kMapdeleteF64Exit, "runtime.mapdelete_fast64", "runtime/map_fast64.go", 360, "w,w,w");
MAP_SITE(kMapaccess1Str, "runtime.mapaccess1_faststr", "runtime/map_faststr.go", 22, "w,w,{w,w}");
MAP_SITE(kMapaccess2Str, "runtime.mapaccess2_faststr", "runtime/map_faststr.go", 117, "w,w,{w,w}");
MAP_SITE(kMapassignStr, "runtime.mapassign_faststr", "runtime/map_faststr.go", 212, "w,w,{w,w}");
MAP_SITE(kMapassignStrExit, "runtime.mapassign_faststr", "runtime/map_faststr.go", 295, "w,w,{w,w}");
MAP_SITE(kMapdeleteStr, "runtime.mapdelete_faststr", "runtime/map_faststr.go", 310, "w,w,{w,w}");
MAP_SITE(kMapdeleteStrExit, "runtime.mapdelete_faststr", "runtime/map_faststr.go", 386, "w,w,{w,w}");
#undef MAP_SITE
#undef RT_FATAL

#define GOEXIT {"runtime.goexit", "runtime/asm_amd64.s", 1594, "", false}
const RtFrame kGoexit[] = {GOEXIT, END};
const RtFrame kMainTail[] = {{"runtime.main", "runtime/proc.go", 250, "", false}, GOEXIT, END};
const RtFrame kForceGCHelper[] = {GOPARK, GOPARKUNLOCK, {"runtime.forcegchelper", "runtime/proc.go", 302, "", false},
                                  GOEXIT, END};
const RtFrame kBgSweep[] = {GOPARK, GOPARKUNLOCK, {"runtime.bgsweep", "runtime/mgcsweep.go", 278, "w", false},
                            {"runtime.gcenable.func1", "runtime/mgc.go", 178, "", false}, GOEXIT, END};
const RtFrame kBgScavenge[] = {GOPARK, GOPARKUNLOCK,
                               {"runtime.(*scavengerState).park", "runtime/mgcscavenge.go", 389, "w", false},
                               {"runtime.bgscavenge", "runtime/mgcscavenge.go", 617, "w", false},
                               {"runtime.gcenable.func2", "runtime/mgc.go", 179, "", false}, GOEXIT, END};
// The collector's blocking points (go1.19.8 lines).
const RtFrame kGcBgMarkWorker[] = {GOPARK, {"runtime.gcBgMarkWorker", "runtime/mgc.go", 1235, "", false}, GOEXIT,
                                   END};
const RtFrame kBgSweepLoop[] = {GOPARK, GOPARKUNLOCK, {"runtime.bgsweep", "runtime/mgcsweep.go", 297, "w", false},
                                {"runtime.gcenable.func1", "runtime/mgc.go", 178, "", false}, GOEXIT, END};
const RtFrame kGcAssistWait[] = {GOPARK, GOPARKUNLOCK, {"runtime.gcParkAssist", "runtime/mgcmark.go", 651, "", false},
                                 {"runtime.gcAssistAlloc", "runtime/mgcmark.go", 507, "w", false},
                                 {"runtime.mallocgc", "runtime/malloc.go", 906, "w,w,w", false}, END};
const RtFrame kGcWaitOnMark[] = {GOPARK, GOPARKUNLOCK, {"runtime.gcWaitOnMark", "runtime/mgc.go", 505, "w", false},
                                 {"runtime.GC", "runtime/mgc.go", 448, "", false}, END};
#undef GOEXIT
#define FATAL_AT(line) {"runtime.fatal", "runtime/panic.go", 1066, "{w,w}", false}, \
                       {"runtime.checkdead", "runtime/proc.go", line, "", false}, \
                       {"runtime.mput", "runtime/proc.go", 5544, "w", false}, \
                       {"runtime.stopm", "runtime/proc.go", 2245, "", false}, \
                       {"runtime.findRunnable", "runtime/proc.go", 2874, "", false}, \
                       {"runtime.schedule", "runtime/proc.go", 3214, "", false}
#define PARK_M {"runtime.park_m", "runtime/proc.go", 3363, "w", false}, {"runtime.mcall", "runtime/asm_amd64.s", 448, "", false}
#define GOEXIT0 {"runtime.goexit0", "runtime/proc.go", 3540, "w", false}, {"runtime.mcall", "runtime/asm_amd64.s", 448, "", false}
const RtFrame kCheckdeadAfterPark[] = {FATAL_AT(5117), PARK_M, END};
const RtFrame kCheckdeadAfterExit[] = {FATAL_AT(5117), GOEXIT0, END};
const RtFrame kCheckdeadNoGoroutinesAfterPark[] = {FATAL_AT(5077), PARK_M, END};
const RtFrame kCheckdeadNoGoroutinesAfterExit[] = {FATAL_AT(5077), GOEXIT0, END};
#undef FATAL_AT
#undef PARK_M
#undef GOEXIT0
const RtFrame kRunfinq[] = {GOPARK, GOPARKUNLOCK, {"runtime.runfinq", "runtime/mfinal.go", 180, "", false},
                            {"runtime.goexit", "runtime/asm_amd64.s", 1594, "", false}, END};
const RtFrame kRunfinqEntry[] = {{"runtime.runfinq", "runtime/mfinal.go", 162, "", false},
                                 {"runtime.goexit", "runtime/asm_amd64.s", 1594, "", false}, END};

#undef GOPARK
#undef GOPARKUNLOCK
#undef SEMACQUIRE1
#undef SEMA_MUTEX
#undef MUTEX_LOCKSLOW
#undef MUTEX_LOCK
#undef FATAL
#undef END

}  // namespace frames

RtFrames MapFatalFrames(std::string_view go_func, bool exit_check) {
  struct Site {
    std::string_view fn;
    RtFrames entry, exit;
  };
  using namespace frames;  // NOLINT(google-build-using-namespace): the table below
  static const Site kSites[] = {
      {"runtime.mapaccess1", kMapaccess1, kMapaccess1},
      {"runtime.mapaccess2", kMapaccess2, kMapaccess2},
      {"runtime.mapassign", kMapassign, kMapassignExit},
      {"runtime.mapdelete", kMapdelete, kMapdeleteExit},
      {"runtime.mapiternext", kMapiternext, kMapiternext},
      {"runtime.mapclear", kMapclear, kMapclearExit},
      {"runtime.mapaccess1_fast32", kMapaccess1F32, kMapaccess1F32},
      {"runtime.mapaccess2_fast32", kMapaccess2F32, kMapaccess2F32},
      {"runtime.mapassign_fast32", kMapassignF32, kMapassignF32Exit},
      {"runtime.mapdelete_fast32", kMapdeleteF32, kMapdeleteF32Exit},
      {"runtime.mapaccess1_fast64", kMapaccess1F64, kMapaccess1F64},
      {"runtime.mapaccess2_fast64", kMapaccess2F64, kMapaccess2F64},
      {"runtime.mapassign_fast64", kMapassignF64, kMapassignF64Exit},
      {"runtime.mapdelete_fast64", kMapdeleteF64, kMapdeleteF64Exit},
      {"runtime.mapaccess1_faststr", kMapaccess1Str, kMapaccess1Str},
      {"runtime.mapaccess2_faststr", kMapaccess2Str, kMapaccess2Str},
      {"runtime.mapassign_faststr", kMapassignStr, kMapassignStrExit},
      {"runtime.mapdelete_faststr", kMapdeleteStr, kMapdeleteStrExit},
  };
  for (const Site& s : kSites) {
    if (s.fn == go_func) return exit_check ? s.exit : s.entry;
  }
  return nullptr;
}
}  // namespace gostep::sched
