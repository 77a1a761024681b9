// runtime/chan.h — Go channels and select for C++ goroutines.
//
// Chan<T> is a channel handle, like a Go `chan T` value: copying it copies the
// reference; a default-constructed Chan is nil. T must be trivially copyable
// (values are copied bytewise, as typedmemmove does for pointer-free types).
//
//   auto ch = gostep::MakeChan<int>(0);
//   gostep::Go([ch] { ch.Send(42); });
//   int v = ch.Recv();
//
//   int got; bool ok;
//   switch (gostep::Select({gostep::RecvCase(a, &got, &ok), gostep::SendCase(b, 7)})) { … }
#pragma once

#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

#include "runtime/go.h"
#include "runtime/stack_home.h"
#include "scheduler/chan.h"

namespace gostep {

template <typename T>
class Chan : private detail::StackObject {
  static_assert(std::is_trivially_copyable_v<T>, "channel elements are copied bytewise");

 public:
  Chan() = default;  // nil
  explicit Chan(sched::Hchan* c) : c_(c) {}

  void Send(const T& v, SourcePos pos = SourcePos()) const {
    CheckHome("channel");
    sched::ChanSend(S(), c_, &v, true, pos);
  }
  T Recv(SourcePos pos = SourcePos()) const {
    CheckHome("channel");
    T v{};
    sched::ChanRecv(S(), c_, &v, true, pos);
    return v;
  }
  // Recv2 is `v, ok := <-c`: ok is false when the channel is closed and empty.
  std::pair<T, bool> Recv2(SourcePos pos = SourcePos()) const {
    CheckHome("channel");
    T v{};
    sched::RecvResult r = sched::ChanRecv(S(), c_, &v, true, pos, /*comma_ok=*/true);
    return {v, r.received};
  }
  // TrySend and TryRecv are a select with one case and a default.
  bool TrySend(const T& v) const {
    CheckHome("channel");
    return sched::ChanSend(S(), c_, &v, false, SourcePos());
  }
  // TryRecv reports whether the receive happened; *ok as for Recv2.
  bool TryRecv(T* out, bool* ok = nullptr) const {
    CheckHome("channel");
    sched::RecvResult r = sched::ChanRecv(S(), c_, out, false, SourcePos());
    if (ok != nullptr) *ok = r.received;
    return r.selected;
  }
  void Close(SourcePos pos = SourcePos()) const {
    CheckHome("channel");
    sched::CloseChan(S(), c_, pos);
  }
  int Len() const { return sched::ChanLen(S(), c_); }
  int Cap() const { return sched::ChanCap(S(), c_); }
  bool nil() const { return c_ == nullptr; }
  sched::Hchan* raw() const { return c_; }

 private:
  sched::Hchan* c_ = nullptr;
};

// MakeChan is make(chan T, size).
template <typename T>
Chan<T> MakeChan(int64_t size = 0) {
  return Chan<T>(sched::MakeChan(S(), sizeof(T), size));
}

// A select case. The pointers must stay valid until Select returns.
struct Case {
  sched::SelectCase c;
  bool* ok = nullptr;  // receive: set to false when the channel is closed
};

template <typename T>
Case SendCase(const Chan<T>& ch, const T& v) {
  return Case{.c = {.c = ch.raw(), .elem = const_cast<T*>(&v), .send = true}};
}

template <typename T>
Case RecvCase(const Chan<T>& ch, T* dst = nullptr, bool* ok = nullptr) {
  return Case{.c = {.c = ch.raw(), .elem = dst, .send = false}, .ok = ok};
}

// Select runs a select statement and returns the index of the chosen case in
// `cases`, or -1 for the default case (has_default).
int Select(std::initializer_list<Case> cases, bool has_default = false, SourcePos pos = SourcePos());
int Select(const std::vector<Case>& cases, bool has_default = false, SourcePos pos = SourcePos());

}  // namespace gostep
