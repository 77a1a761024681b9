// scheduler/frames.h — the Go frames a blocked or crashing goroutine shows.
//
// A goroutine dump lists the goroutine's frames. Its user frames come from a
// FrameSource (the interpreter's frames; for C++ API goroutines a single
// frame: the goroutine's function at its last blocking call). The frames of
// the runtime and std functions it is blocked in come from the tables here:
// each blocking primitive names the chain of Go functions it models, exactly
// as a real go1.19.8 binary prints it (verified: the differential tests of
// tests/go/, run with GOTRACEBACK=system). Traceback's own filter (base::ShowFrame) hides the
// runtime.* frames at the default GOTRACEBACK level, as Go does.
//
// Line numbers are go1.19.8's in every profile: the other releases' sources are
// not available to verify them. docs/DUMPS.md records this limitation.
#pragma once

#include <cstdint>
#include <vector>

#include "base/go_output.h"
#include "base/version_profile.h"

namespace gostep::sched {

struct RtFrame {
  const char* func;  // Go function name
  const char* file;  // path below $GOROOT/src
  int line;          // go1.19.8 line of the call in this frame
  // Argument shape: 'w' is one word, {…} an aggregate ("w,w", "{w,w}"). The
  // words are not modelled and print as 0x0 (0x0? from go1.18); go1.14–1.16
  // print aggregates as bare words.
  const char* args;
  bool inlined;
};

// RtFrames is an innermost-first chain, terminated by a null func.
using RtFrames = const RtFrame*;

// RenderArgs expands an argument shape ("w,{w,w}") as profile p prints a
// frame's arguments (0x0, 0x0? from go1.18; aggregates in braces from go1.17).
std::string RenderArgs(const char* shape, const base::VersionProfile& p);

// AppendRtFrames renders `chain` into `out` (innermost first) for profile p.
void AppendRtFrames(RtFrames chain, const base::VersionProfile& p, std::vector<base::GoFrame>* out);

// Runtime file paths start with this placeholder; dumps print Config::goroot
// in its place (by default /usr/local/go, where go.dev/doc/install puts Go).
inline constexpr const char* kGoroot = "$GOROOT";

namespace frames {
// Blocked in …
extern const RtFrame kChanRecv[];         // <-c
extern const RtFrame kChanRecv2[];        // v, ok := <-c
extern const RtFrame kChanRecvNil[];
extern const RtFrame kChanSend[];
extern const RtFrame kChanSendNil[];
extern const RtFrame kSelect[];
extern const RtFrame kSelectNoCases[];
extern const RtFrame kSleep[];
extern const RtFrame kMutexLock[];        // sync.(*Mutex).Lock
extern const RtFrame kRWMutexRLock[];     // sync.(*RWMutex).RLock on readerSem
extern const RtFrame kRWMutexLockW[];     // sync.(*RWMutex).Lock on rw.w
extern const RtFrame kRWMutexLockSem[];   // sync.(*RWMutex).Lock on writerSem
extern const RtFrame kWaitGroupWait[];
extern const RtFrame kOnceDoLock[];       // sync.(*Once).doSlow on o.m
extern const RtFrame kSemacquire[];       // a bare runtime semaphore
extern const RtFrame kCondWait[];         // sync.(*Cond).Wait
// Panicking (after runtime.gopanic) in …
extern const RtFrame kWaitGroupAdd[];     // sync.(*WaitGroup).Add
extern const RtFrame kWaitGroupDone[];    // sync.(*WaitGroup).Done -> Add
extern const RtFrame kCloseChan[];        // close of closed channel
extern const RtFrame kCloseNilChan[];
extern const RtFrame kChanSendClosed[];   // send on a closed channel
extern const RtFrame kChanSendClosedWoken[];  // … found after blocking
extern const RtFrame kSelectSendClosed[];
extern const RtFrame kGopanic[];          // runtime.gopanic itself
// The bottom of every goroutine's stack (shown from GOTRACEBACK=system).
extern const RtFrame kGoexit[];           // runtime.goexit
extern const RtFrame kMainTail[];         // runtime.main, runtime.goexit
// The runtime's own goroutines 2–4, parked for the whole run.
extern const RtFrame kForceGCHelper[];
extern const RtFrame kBgSweep[];
extern const RtFrame kBgSweepLoop[];     // bgsweep parked again after sweeping
extern const RtFrame kGcBgMarkWorker[];  // a mark worker in the pool
extern const RtFrame kGcAssistWait[];    // mallocgc -> gcAssistAlloc -> gcParkAssist
extern const RtFrame kGcWaitOnMark[];    // runtime.GC -> gcWaitOnMark
extern const RtFrame kBgScavenge[];
// The g0 stack of the last M going idle, when checkdead finds a deadlock:
// after a goroutine parked (park_m) or exited (goexit0), and for the two
// messages of checkdead.
extern const RtFrame kCheckdeadAfterPark[];
extern const RtFrame kCheckdeadAfterExit[];
extern const RtFrame kCheckdeadNoGoroutinesAfterPark[];
extern const RtFrame kCheckdeadNoGoroutinesAfterExit[];
extern const RtFrame kRunfinq[];          // the finalizer goroutine, parked
extern const RtFrame kRunfinqEntry[];     // … before it first ran
// Dying in runtime.fatal (runtime.throw before go1.19) from …
extern const RtFrame kMutexUnlockFatal[];
extern const RtFrame kRWMutexRUnlockFatal[];
extern const RtFrame kRWMutexUnlockFatal[];
}  // namespace frames

// MapFatalFrames: runtime.fatal (runtime.throw before go1.19) called by the
// map function go_func ("runtime.mapassign_fast64") at its entry check or at
// its exit check (the writers' second check). Lines are go1.19.8's; nullptr
// for a function gostep has no line for.
RtFrames MapFatalFrames(std::string_view go_func, bool exit_check);

}  // namespace gostep::sched
