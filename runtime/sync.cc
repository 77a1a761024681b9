#include "runtime/sync.h"

namespace gostep {

void Mutex::Lock(SourcePos pos) {
  CheckHome("sync.Mutex");
  sched::MutexLock(S(), &m_, pos);
}
bool Mutex::TryLock() {
  CheckHome("sync.Mutex");
  return sched::MutexTryLock(S(), &m_);
}
void Mutex::Unlock(SourcePos pos) {
  CheckHome("sync.Mutex");
  sched::MutexUnlock(S(), &m_, pos);
}

void RWMutex::Lock(SourcePos pos) {
  CheckHome("sync.RWMutex");
  sched::RWMutexLock(S(), &rw_, pos);
}
bool RWMutex::TryLock() {
  CheckHome("sync.RWMutex");
  return sched::RWMutexTryLock(S(), &rw_);
}
void RWMutex::Unlock(SourcePos pos) {
  CheckHome("sync.RWMutex");
  sched::RWMutexUnlock(S(), &rw_, pos);
}
void RWMutex::RLock(SourcePos pos) {
  CheckHome("sync.RWMutex");
  sched::RWMutexRLock(S(), &rw_, pos);
}
bool RWMutex::TryRLock() {
  CheckHome("sync.RWMutex");
  return sched::RWMutexTryRLock(S(), &rw_);
}
void RWMutex::RUnlock(SourcePos pos) {
  CheckHome("sync.RWMutex");
  sched::RWMutexRUnlock(S(), &rw_, pos);
}

void WaitGroup::Add(int64_t delta, SourcePos pos) {
  CheckHome("sync.WaitGroup");
  sched::WaitGroupAdd(S(), &wg_, delta, pos);
}
void WaitGroup::Done(SourcePos pos) {
  CheckHome("sync.WaitGroup");
  sched::WaitGroupAdd(S(), &wg_, -1, pos, /*done=*/true);
}
void WaitGroup::Wait(SourcePos pos) {
  CheckHome("sync.WaitGroup");
  sched::WaitGroupWait(S(), &wg_, pos);
}

void Once::Do(const std::function<void()>& f, SourcePos pos) {
  CheckHome("sync.Once");
  sched::OnceDo(S(), &o_, f, pos);
}

}  // namespace gostep
