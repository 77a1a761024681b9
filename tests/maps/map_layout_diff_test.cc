// gostep's bucket map against the real Go 1.19 map, byte layout and
// iteration order (the maps issue's acceptance items 1 and 2).
//
// tests/differential/maplayout (a Go 1.19 program; its header has the
// protocol) runs random sequences of map operations — make with a hint, set,
// delete, the range-delete idiom (mapclear), m[NaN] = v — on a real
// map[K]int64 and prints each operation with the M's fastrand state just
// before it, then the map as it is in memory (maps/bucket/dump.cc's format).
// In iter mode it then ranges over the map with reflect.MapIter, printing the
// iterator's startBucket/offset and every key produced, and the sets and
// deletes it does between steps (some of them grow the map mid-iteration).
//
// This test replays every sequence on a fresh MapFixture (profile go1.19, the
// process's printed hash seeds): before each operation the fixture's
// FastrandMapRand is set to the printed state, so hash0, NaN hashes and any
// other draw come out as in Go. The dump must be equal as JSON, and the
// iteration must produce the same keys in the same order from the same
// start (IterInitAt). It runs once with GODEBUG=cpu.aes=off (the wyhash
// fallback) and once with the AES hash if the CPU has it.
//
// A mismatch prints the sequence, its operations and the first differing
// JSON path, and saves the Go output under <build>/go_differential/ so that
// GOSTEP_MAPDIFF_INPUT=<that file> replays it without running Go.
// GOSTEP_MAPDIFF_DUMPEACH=1 makes the Go program dump the map after every
// operation, and the first operation after which the maps differ is named.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/version_profile.h"
#include "tests/go_programs.h"
#include "tests/maps/map_fixture.h"

namespace gostep::maps {
namespace {

using nlohmann::json;

constexpr const char* kDir = "tests/differential";

// ==== The Go program's output ===================================================

// Line is one record of a sequence, as printed.
struct Line {
  std::string tag;               // "o", "it", "start", "k", "itend"
  std::vector<std::string> arg;  // the words after the tag
};

// A sequence's records; the last is a dump (with -dumpeach, every operation
// is followed by one).
struct Sequence {
  int index = -1;
  std::vector<Line> lines;
};

struct GoRun {
  HashSeeds seeds;
  int seen_seeds = 0;  // of useAeshash, hashkey, aeskeysched
  std::vector<Sequence> seqs;
  int midgrow = -1, end = -1;
};

uint64_t Hex(const std::string& s) { return std::stoull(s, nullptr, 16); }

GoRun Parse(const std::string& out) {
  GoRun r;
  std::istringstream in(out);
  for (std::string text; std::getline(in, text);) {
    if (text.empty()) continue;
    size_t sp = text.find(' ');
    std::string tag = text.substr(0, sp), rest = sp == std::string::npos ? "" : text.substr(sp + 1);
    if (tag == "dump") {  // the JSON is one argument
      REQUIRE(!r.seqs.empty());
      r.seqs.back().lines.push_back(Line{tag, {std::move(rest)}});
      continue;
    }
    std::istringstream words(rest);
    std::vector<std::string> arg;
    for (std::string w; words >> w;) arg.push_back(w);
    if (tag == "useAeshash") {
      r.seeds.use_aes = arg.at(0) == "1";
      ++r.seen_seeds;
    } else if (tag == "hashkey") {
      for (int i = 0; i < 4; ++i) r.seeds.hashkey[i] = Hex(arg.at(i));
      ++r.seen_seeds;
    } else if (tag == "aeskeysched") {
      const std::string& h = arg.at(0);
      REQUIRE(h.size() == 2 * kHashRandomBytes);
      for (size_t i = 0; i < kHashRandomBytes; ++i) {
        r.seeds.aeskeysched[i] = static_cast<uint8_t>(std::stoul(h.substr(2 * i, 2), nullptr, 16));
      }
      ++r.seen_seeds;
    } else if (tag == "seq") {
      r.seqs.push_back(Sequence{.index = std::stoi(arg.at(0))});
    } else if (tag == "midgrow") {
      r.midgrow = std::stoi(arg.at(0));
    } else if (tag == "end") {
      r.end = std::stoi(arg.at(0));
    } else {
      REQUIRE_MESSAGE(!r.seqs.empty(), "a record before the first seq: " << text);
      r.seqs.back().lines.push_back(Line{tag, std::move(arg)});
    }
  }
  return r;
}

// ==== A small JSON diff ========================================================

// FirstDiff returns "" if got == want, else the first differing path and the
// two values there.
std::string FirstDiff(const json& got, const json& want, const std::string& path = "") {
  if (got == want) return "";
  auto show = [](const json& j) {
    std::string s = j.dump();
    return s.size() > 300 ? s.substr(0, 300) + "…" : s;
  };
  if (got.is_object() && want.is_object()) {
    // Scalar members first (B, count, next_overflow… before the buckets).
    for (bool structured : {false, true}) {
      for (auto it = want.begin(); it != want.end(); ++it) {
        if (it.value().is_structured() != structured) continue;
        std::string p = path + "/" + it.key();
        if (!got.contains(it.key())) return p + ": missing in gostep's dump";
        std::string d = FirstDiff(got[it.key()], it.value(), p);
        if (!d.empty()) return d;
      }
    }
    for (auto it = got.begin(); it != got.end(); ++it) {
      if (!want.contains(it.key())) return path + "/" + it.key() + ": not in Go's dump";
    }
  } else if (got.is_array() && want.is_array()) {
    for (size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
      std::string d = FirstDiff(got[i], want[i], path + "/" + std::to_string(i));
      if (!d.empty()) return d;
    }
    if (got.size() != want.size()) {
      return fmt::format("{}: gostep has {} elements, Go {}", path.empty() ? "/" : path, got.size(), want.size());
    }
  }
  return fmt::format("{}: gostep {} but Go {}", path.empty() ? "/" : path, show(got), show(want));
}

// ==== Replaying a sequence on gostep =============================================

struct Config {
  KeyKind kind;
  const char* go_kind;  // -kind of the Go program
  bool aes;             // run with the AES hash (else GODEBUG=cpu.aes=off)
  bool iter;            // -mode iter
  int n;                // sequences
  uint64_t seed;        // -seed
};

// Replayer is one sequence on a fresh fixture.
class Replayer {
 public:
  Replayer(const Config& cfg, const HashSeeds& seeds)
      : cfg_(cfg), f_(*base::FindProfile("go1.19"), cfg.kind, seeds), h_slot_(f_.Root(gc::Ref{})) {}

  // Run replays `s`; on a mismatch returns why (and where), else "".
  std::string Run(const Sequence& s) {
    for (size_t i = 0; i < s.lines.size(); ++i) {
      std::string err = Step(s.lines[i]);
      if (!err.empty()) return fmt::format("at record {} ({}): {}", i, Show(s.lines[i]), err);
    }
    if (iterating_) return "the iteration did not end (no itend)";
    if (s.lines.empty() || s.lines.back().tag != "dump") return "the sequence does not end with a dump";
    return "";
  }
  bool ended_growing() const { return growing_; }
  // iter mode: the iteration started while the map was growing (the
  // checkBucket path), or the map grew during it (the iterator then walks
  // the old array it.buckets).
  bool iter_started_growing() const { return iter_started_growing_; }
  bool iter_grew() const { return iter_grew_; }
  int keys_compared() const { return keys_; }

  static std::string Show(const Line& l) {
    std::string s = l.tag;
    for (const auto& a : l.arg) s += " " + a;
    return s.size() > 200 ? s.substr(0, 200) + "…" : s;
  }

 private:
  gc::Ref h() { return f_.Rooted(h_slot_); }

  // K converts a printed key to the caller's form; strings are interned and
  // rooted, so the same text is the same bytes object (as in the Go program).
  Key K(const std::string& tok) {
    switch (cfg_.kind) {
      case KeyKind::kFloat64: return Key{.bits = Hex(tok)};
      case KeyKind::kString: {
        std::string text = tok.substr(1);  // "s<text>"
        auto it = strings_.find(text);
        if (it != strings_.end()) return it->second;
        Key k = f_.m->NewString(text);
        f_.Root(k.data);
        return strings_.emplace(text, k).first->second;
      }
      default: return Key::Int(std::stoll(tok));
    }
  }

  // Token prints a stored key as the Go program does.
  std::string Token(const ElemSlot& slot) {
    Key k = f_.m->LoadKey(slot);
    switch (cfg_.kind) {
      case KeyKind::kFloat64: return fmt::format("{:016x}", k.bits);
      case KeyKind::kString: return "s" + f_.m->StringOf(k.data, k.len);
      default: return std::to_string(static_cast<int64_t>(k.bits));
    }
  }

  std::string Step(const Line& l) {
    if (l.tag == "dump") {
      json want = json::parse(l.arg.at(0), nullptr, false);
      if (want.is_discarded()) return "Go's dump is not valid JSON";
      json got = h().nil() ? json() : f_.m->Dump(h());
      std::string d = FirstDiff(got, want);
      if (!d.empty()) return "the dump differs: " + d;
      growing_ = !want["oldbuckets"].is_null();
      return "";
    }
    if (l.tag == "o") {
      f_.rand.set_state(Hex(l.arg.at(0)));
      const std::string& op = l.arg.at(1);
      if (op == "make") {
        f_.SetRooted(h_slot_, f_.m->MakeMap(std::stoll(l.arg.at(2))));
      } else if (op == "set") {
        f_.m->Set(h(), K(l.arg.at(2)), std::stoll(l.arg.at(3)));
      } else if (op == "del") {
        f_.m->Delete(h(), K(l.arg.at(2)));
      } else if (op == "clear") {
        f_.m->Clear(h());
      } else if (op == "nan") {
        f_.m->Set(h(), Key{.bits = Hex(l.arg.at(2))}, std::stoll(l.arg.at(3)));
      } else {
        return "unknown op " + op;
      }
      return "";
    }
    if (l.tag == "it") {
      iter_state_ = Hex(l.arg.at(0));
      return "";
    }
    if (l.tag == "start") {
      uint64_t start = std::stoull(l.arg.at(0));
      auto offset = static_cast<uint8_t>(std::stoul(l.arg.at(1)));
      f_.rand.set_state(iter_state_);
      bool empty = f_.m->Len(h()) == 0;
      if (!empty) {
        json d = f_.m->Dump(h());
        iter_started_growing_ = !d["oldbuckets"].is_null();
        iter_B_ = d["B"].get<int>();
      }
      f_.m->IterInitAt(h(), &it_, start, offset);
      iterating_ = true;
      need_next_ = false;
      if (!empty) {
        // mapiterinit's draw (B <= 28: r = fastrand()) from the same state
        // gives the start Go read from its hiter.
        FastrandMapRand r(iter_state_);
        uint64_t x = r.Fastrand();
        uint64_t want_start = x & ((uint64_t{1} << it_.B) - 1);
        auto want_offset = static_cast<uint8_t>((x >> it_.B) & (kBucketCnt - 1));
        if (want_start != start || want_offset != offset) {
          return fmt::format("mapiterinit from state {:x} gives start {} offset {}; Go's hiter has {} {}",
                             iter_state_, want_start, want_offset, start, offset);
        }
      }
      return "";
    }
    if (l.tag == "k" || l.tag == "itend") {
      if (!iterating_) return "a key outside an iteration";
      if (need_next_) f_.m->IterNext(&it_);
      need_next_ = true;
      if (l.tag == "itend") {
        iterating_ = false;
        if (iter_B_ >= 0) {
          json d = f_.m->Dump(h());
          iter_grew_ = d["B"].get<int>() != iter_B_ || (!iter_started_growing_ && !d["oldbuckets"].is_null());
        }
        bool more = it_.has_key;
        std::string tok = more ? Token(it_.key) : "";
        f_.m->IterEnd(&it_);
        if (more) return "gostep's iteration goes on with key " + tok + "; Go's has ended";
        return "";
      }
      ++keys_;
      if (!it_.has_key) return "gostep's iteration has ended; Go's produces " + l.arg.at(0);
      std::string tok = Token(it_.key);
      if (tok != l.arg.at(0)) return "gostep produces key " + tok + ", Go " + l.arg.at(0);
      return "";
    }
    return "unknown record " + l.tag;
  }

  const Config& cfg_;
  MapFixture f_;
  uint32_t h_slot_;
  std::unordered_map<std::string, Key> strings_;
  Hiter it_;
  uint64_t iter_state_ = 0;
  bool iterating_ = false, need_next_ = false, growing_ = false;
  bool iter_started_growing_ = false, iter_grew_ = false;
  int iter_B_ = -1;  // h.B when a non-empty iteration started
  int keys_ = 0;
};

// ==== The test driver ===========================================================

std::string Describe(const Config& c) {
  return fmt::format("map[{}]int64, {} hash, -mode {}", c.go_kind, c.aes ? "AES" : "fallback",
                     c.iter ? "iter" : "layout");
}

// GoOutput runs the Go program (or reads GOSTEP_MAPDIFF_INPUT) and returns
// what it printed.
std::string GoOutput(const Config& c) {
  if (const char* in = std::getenv("GOSTEP_MAPDIFF_INPUT")) {
    std::ifstream f(in);
    REQUIRE_MESSAGE(f, "cannot read GOSTEP_MAPDIFF_INPUT=" << in);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  const std::string& err = testing::GoProgramsBuildError(kDir);
  REQUIRE_MESSAGE(err.empty(), err);
  std::string godebug = "GODEBUG=asyncpreemptoff=1";
  if (!c.aes) godebug += ",cpu.aes=off";
  std::vector<std::string> args = {"-kind", c.go_kind, "-n", std::to_string(c.n), "-seed", std::to_string(c.seed),
                                   "-mode", c.iter ? "iter" : "layout"};
  if (std::getenv("GOSTEP_MAPDIFF_DUMPEACH") != nullptr) args.push_back("-dumpeach");
  testing::Proc p = testing::RunGoProgram(kDir, "maplayout", args, {"GOMAXPROCS=1", "GOGC=off", godebug}, 120);
  REQUIRE_MESSAGE(p.failure.empty(), p.failure);
  REQUIRE_MESSAGE(p.status == 0, "maplayout exited with " << p.status << ": " << p.err);
  return std::move(p.out);
}

void SaveOutput(const Config& c, const std::string& out, std::string* path) {
  *path = fmt::format("{}/go_differential/maplayout_{}_{}_{}.out", GOSTEP_BINARY_DIR, c.go_kind,
                      c.aes ? "aes" : "fallback", c.iter ? "iter" : "layout");
  std::ofstream(*path) << out;
}

void RunDiff(const Config& c) {
  const std::string out = GoOutput(c);
  GoRun run = Parse(out);
  REQUIRE(run.seen_seeds == 3);
  REQUIRE(run.end == c.n);
  REQUIRE(static_cast<int>(run.seqs.size()) == c.n);
  if (c.aes && !run.seeds.use_aes) {
    MESSAGE("the CPU has no AES (Go's useAeshash is false): the AES run is skipped");
    return;
  }
  REQUIRE(run.seeds.use_aes == c.aes);
  int mismatches = 0, ended_growing = 0, keys = 0, iter_started_growing = 0, iter_grew = 0;
  for (const Sequence& s : run.seqs) {
    Replayer r(c, run.seeds);
    std::string err = r.Run(s);
    keys += r.keys_compared();
    if (err.empty()) {
      ended_growing += r.ended_growing();
      iter_started_growing += r.iter_started_growing();
      iter_grew += r.iter_grew();
      continue;
    }
    if (++mismatches <= 3) {
      std::string ops;
      for (const Line& l : s.lines) ops += "  " + Replayer::Show(l) + "\n";
      std::string saved;
      SaveOutput(c, out, &saved);
      FAIL_CHECK(Describe(c) << ": sequence " << s.index << " differs from Go 1.19: " << err << "\nits records:\n"
                             << ops << "(Go's whole output: " << saved << ")");
    }
  }
  CHECK_MESSAGE(mismatches == 0, Describe(c) << ": " << mismatches << " of " << c.n << " sequences differ");
  if (mismatches != 0) return;
  CHECK(ended_growing == run.midgrow);
  if (!c.iter) {
    MESSAGE(Describe(c) << ": " << c.n << " sequences, " << run.midgrow << " end mid-grow");
    // The sequences are biased to stop while the map is growing.
    CHECK(run.midgrow * 10 >= c.n);
    return;
  }
  MESSAGE(Describe(c) << ": " << c.n << " iterations, " << keys << " keys compared; " << iter_started_growing
                      << " start mid-grow, in " << iter_grew << " the map grows");
  CHECK(iter_started_growing * 10 >= c.n);
  CHECK(iter_grew * 10 >= c.n);
}

constexpr int kSeqs = 1000;

}  // namespace

// ---- Acceptance item 1: the layout after random operations ----

TEST_CASE("map layout vs Go 1.19: int64 keys and the fallback hash") {
  RunDiff({KeyKind::kInt64, "int64", false, false, kSeqs, 1});
}
TEST_CASE("map layout vs Go 1.19: int64 keys and the AES hash") {
  RunDiff({KeyKind::kInt64, "int64", true, false, kSeqs, 2});
}
TEST_CASE("map layout vs Go 1.19: int32 keys and the fallback hash") {
  RunDiff({KeyKind::kInt32, "int32", false, false, kSeqs, 3});
}
TEST_CASE("map layout vs Go 1.19: int32 keys and the AES hash") {
  RunDiff({KeyKind::kInt32, "int32", true, false, kSeqs, 4});
}
TEST_CASE("map layout vs Go 1.19: string keys and the fallback hash") {
  RunDiff({KeyKind::kString, "string", false, false, kSeqs, 5});
}
TEST_CASE("map layout vs Go 1.19: string keys and the AES hash") {
  RunDiff({KeyKind::kString, "string", true, false, kSeqs, 6});
}
TEST_CASE("map layout vs Go 1.19: float64 keys with NaN and the fallback hash") {
  RunDiff({KeyKind::kFloat64, "float64", false, false, kSeqs, 7});
}
TEST_CASE("map layout vs Go 1.19: float64 keys with NaN and the AES hash") {
  RunDiff({KeyKind::kFloat64, "float64", true, false, kSeqs, 8});
}

// ---- Acceptance item 2: iteration order, with growth mid-iteration ----

TEST_CASE("map iteration vs Go 1.19: int64 keys and the fallback hash") {
  RunDiff({KeyKind::kInt64, "int64", false, true, 600, 11});
}
TEST_CASE("map iteration vs Go 1.19: int64 keys and the AES hash") {
  RunDiff({KeyKind::kInt64, "int64", true, true, 600, 12});
}
TEST_CASE("map iteration vs Go 1.19: string keys and the fallback hash") {
  RunDiff({KeyKind::kString, "string", false, true, 600, 13});
}
TEST_CASE("map iteration vs Go 1.19: string keys and the AES hash") {
  RunDiff({KeyKind::kString, "string", true, true, 600, 14});
}
TEST_CASE("map iteration vs Go 1.19: float64 keys with NaN and the fallback hash") {
  RunDiff({KeyKind::kFloat64, "float64", false, true, 600, 15});
}
TEST_CASE("map iteration vs Go 1.19: float64 keys with NaN and the AES hash") {
  RunDiff({KeyKind::kFloat64, "float64", true, true, 600, 16});
}

}  // namespace gostep::maps
