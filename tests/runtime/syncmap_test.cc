// gostep::SyncMap (runtime/syncmap.h) under the scheduler: goroutines racing
// on one sync.Map at the runtime grain (every atomic of sync/map.go a yield
// point), with the real mutex model and the collector running.
#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <vector>

#include "runtime/heap.h"
#include "runtime/syncmap.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

Options Racy(const char* version, uint64_t seed) {
  Options o = testing::Opts(version, 4, "random", seed);
  o.granularity = "runtime";
  return o;
}

TEST_CASE("runtime sync.Map: racing LoadOrStore of one key stores exactly once, under every interleaving tried") {
  for (const char* version : {"1.14", "1.19", "1.20", "1.23"}) {
    for (uint64_t seed = 1; seed <= 60; ++seed) {
      CAPTURE(version);
      CAPTURE(seed);
      auto stored = std::make_shared<std::vector<int64_t>>();
      auto actual = std::make_shared<std::set<int64_t>>();
      Result r = testing::Run(Racy(version, seed), [=] {
        auto m = std::make_shared<SyncMap>();
        m->Store(1, SyncValue::Int(1));
        m->Load(1);    // 1 miss ≥ len(dirty) = 1: promoted
        m->Delete(1);  // a read hit: e.p = nil, the entry stays in read.m
        REQUIRE(m->raw().StateOf(maps::Key::Int(1)).p == maps::EntryP::kNil);
        auto wg = std::make_shared<WaitGroup>();
        for (int64_t g = 0; g < 6; ++g) {
          wg->Add(1);
          Go([=] {
            // Key 1 is in read.m with p == nil: every goroutine takes the
            // lock-free path and they meet in tryLoadOrStore's CAS(nil, &ic).
            SyncResult res = m->LoadOrStore(1, SyncValue::Int(1000 + g));
            if (!res.ok) stored->push_back(g);
            actual->insert(res.value.i);
            m->Store(10 + g, SyncValue::Int(g));  // new keys: dirtyLocked under mu
            m->Load(10 + g);                      // misses: promotions race with the others
            wg->Done();
          });
        }
        wg->Wait();
        SyncResult final = m->Load(1);
        Printf("{} {}\n", final.ok, final.value.i);
      });
      CHECK(r.outcome == OutcomeKind::kExit);
      REQUIRE(stored->size() == 1);  // exactly one LoadOrStore stored
      CHECK(actual->size() == 1);    // and every caller saw that value
      CHECK(*actual->begin() == 1000 + stored->front());
      CHECK(r.stdout_text == fmt::format("true {}\n", 1000 + stored->front()));
    }
  }
}

TEST_CASE("runtime sync.Map: Range visits each key at most once while others store, delete and collect") {
  // The verifier runs after every collector step: an object reachable from
  // the Map (readOnly, hmaps, entries, values) freed, or a missing barrier on
  // the CAS/Swap of entry.p, is reported as a lost object.
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    CAPTURE(seed);
    Options o = Racy("1.21", seed);
    o.gogc = "1";          // collect often: the values live only in the map
    o.gc_verify = true;    // the verifier after every collector step
    Result r = testing::Run(o, [] {
      auto m = std::make_shared<SyncMap>();
      const gc::Type* node = Types().Struct("main.node", 16, {0});
      for (int64_t k = 0; k < 32; ++k) {
        Local obj = New(node);
        StoreInt(obj, 8, static_cast<uint64_t>(k));
        m->Store(k, SyncValue::Ptr(obj));
      }
      auto wg = std::make_shared<WaitGroup>();
      wg->Add(3);
      Go([=] {  // runtime.GC: concurrent marks while the others run
        for (int i = 0; i < 3; ++i) GC();
        wg->Done();
      });
      Go([=] {  // writers: new keys, updates, deletes
        for (int64_t k = 0; k < 64; ++k) {
          Local obj = New(node);
          StoreInt(obj, 8, static_cast<uint64_t>(k));
          m->Store(k % 48, SyncValue::Ptr(obj));
          m->Delete((k * 7) % 48);
        }
        wg->Done();
      });
      Go([=] {  // readers
        for (int round = 0; round < 4; ++round) {
          std::set<int64_t> seen;
          m->Range([&](int64_t k, const SyncValue& v) {
            if (!seen.insert(k).second) Panic("Range visited a key twice");
            if (static_cast<int64_t>(LoadInt(v.p, 8)) % 48 != k) Panic("a value under the wrong key");
            return true;
          });
        }
        wg->Done();
      });
      wg->Wait();
      GC();
      int n = 0;
      m->Range([&](int64_t k, const SyncValue& v) {
        ++n;
        return static_cast<int64_t>(LoadInt(v.p, 8)) % 48 == k;
      });
      Printf("ok {} {}\n", n > 0, Gc().cycles() >= 4);
    });
    CHECK(r.outcome == OutcomeKind::kExit);
    CHECK(r.message.empty());
    CHECK(r.stdout_text == "ok true true\n");
  }
}

TEST_CASE("runtime sync.Map: a method the profile lacks ends the run with a clear error, not a crash") {
  Result r = testing::Run(testing::Opts("1.19"), [] {
    SyncMap m;
    m.Store(1, SyncValue::Int(1));
    m.Swap(1, SyncValue::Int(2));
    Print("not reached\n");
  });
  CHECK(r.outcome == OutcomeKind::kPanic);
  CHECK(r.stdout_text.empty());
  CHECK(r.message.find("sync.Map.Swap needs go1.20+ (profile go1.19)") != std::string::npos);

  r = testing::Run(testing::Opts("1.20"), [] {
    SyncMap m;
    m.Store(1, SyncValue::Int(1));
    SyncResult prev = m.Swap(1, SyncValue::Int(2));
    Printf("{} {} {}\n", prev.ok, prev.value.i, m.Load(1).value.i);
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(r.stdout_text == "true 1 2\n");
}

TEST_CASE("runtime sync.Map: string keys, and the same seed gives the same run") {
  auto run = [](uint64_t seed) {
    return testing::Run(Racy("1.23", seed), [] {
      auto m = std::make_shared<SyncMap>(maps::KeyKind::kString);
      auto wg = std::make_shared<WaitGroup>();
      for (int g = 0; g < 3; ++g) {
        wg->Add(1);
        Go([=] {
          for (int i = 0; i < 5; ++i) m->StoreString("k" + std::to_string(g * 5 + i), SyncValue::Int(g * 5 + i));
          m->DeleteString("k" + std::to_string(g * 5));
          wg->Done();
        });
      }
      wg->Wait();
      std::string keys;
      m->RangeStrings([&](const std::string& k, const SyncValue& v) {
        if (k != "k" + std::to_string(v.i)) Panic("key and value disagree");
        keys += k + " ";
        return true;
      });
      Printf("{}|{}\n", keys.size(), m->LoadString("k7").value.i);
    });
  };
  Result a = run(3), b = run(3);
  CHECK(a.outcome == OutcomeKind::kExit);
  // 15 keys stored, k0, k5 and k10 deleted: 8 keys of 2 characters and 4 of
  // 3, each with a space: 8×3 + 4×4 = 40.
  CHECK(a.stdout_text == "40|7\n");
  CHECK(a.stdout_text == b.stdout_text);
  CHECK(a.schedule == b.schedule);
}

}  // namespace
}  // namespace gostep
