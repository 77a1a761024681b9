// tests/tools/racy_program.h — lang::Programs written in C++ against the
// runtime API, standing in for compiled scenarios while the front end is
// being written. They really race: RacyMapProgram ranges over a map in one
// goroutine while another writes it (tests/runtime/map_misuse_test.cc), and
// dies with "fatal error: concurrent map iteration and map write" on the
// schedules where the two overlap.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "lang/program.h"
#include "runtime/chan.h"
#include "runtime/go.h"
#include "runtime/map.h"
#include "runtime/runtime.h"

namespace gostep::testing {

// The body of a program: main.main on the runtime API.
using ProgramBody = void (*)();

// RangeWhileWriting: goroutine A inserts WRITES keys, goroutine B ranges
// over the map once; main waits for both and prints "done".
constexpr int64_t kRacyWrites = 2;
constexpr int kRacyRanges = 1;

inline void RangeWhileWriting() {
  GoMap m = GoMap::Make(maps::KeyKind::kInt64);
  for (int64_t k = 0; k < 16; ++k) m.Set(k, k);
  auto done = MakeChan<int>(2);
  Go([m, done]() mutable {
    for (int64_t i = 0; i < kRacyWrites; ++i) m.Set(100 + i, i);
    done.Send(1);
  });
  Go([m, done]() mutable {
    for (int i = 0; i < kRacyRanges; ++i) m.Range([](const maps::Key&, int64_t) { return true; });
    done.Send(1);
  });
  done.Recv();
  done.Recv();
  Print("done\n");
}

// Hello prints one line and exits 0, on every schedule.
inline void Hello() { Print("hello\n"); }

class CxxProgram : public lang::Program {
 public:
  CxxProgram(std::string name, std::string version, ProgramBody body)
      : name_(std::move(name)), version_(std::move(version)), body_(body) {}
  const std::string& name() const override { return name_; }
  const std::string& version() const override { return version_; }
  runtime::Result Run(runtime::Options options) const override {
    options.program = name_;
    runtime::Runtime rt(std::move(options));
    return rt.Run(body_);
  }

 private:
  std::string name_;
  std::string version_;
  ProgramBody body_;
};

// CompileCxx is a stand-in for lang::Compile: the source's body names the
// program ("racy" or "hello"); a source calling clear() does not compile
// before go1.21, as with gc ("undefined: clear").
inline std::unique_ptr<lang::Program> CompileCxx(std::string name, std::string_view source, std::string_view version,
                                                 lang::DiagList* diags) {
  const base::VersionProfile* p = base::FindProfile(version);
  if (source.find("clear(") != std::string_view::npos && p->minor < 21) {
    diags->Error(lang::Pos{5, 2}, "undefined: clear");
    return nullptr;
  }
  ProgramBody body = source.find("racy") != std::string_view::npos ? &RangeWhileWriting : &Hello;
  return std::make_unique<CxxProgram>(std::move(name), std::string(p->name), body);
}

}  // namespace gostep::testing
