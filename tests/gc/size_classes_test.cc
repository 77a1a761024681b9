// Size classes against the Go sources and the real Go 1.19 runtime.
//
// The go1.16+ table is compared entry by entry with go1.19.8's
// runtime/sizeclasses.go, read at test time from the golang-1.19-src package
// (tools/bootstrap.sh installs it; without it those tests fail). The go1.14–1.15
// table is checked against values read from the go1.15.3 source (see
// gc/size_classes.h) and against the go1.19.8 file with the 24-byte class
// removed. The differential test builds tests/go/size_classes/main.go with
// the Go 1.19 toolchain (GOSTEP_GO119), runs it, and compares what the real
// runtime reports (MemStats.BySize, the allocs-by-size histogram, the address
// stride of consecutive allocations) with the go1.19 profile.
#include "gc/size_classes.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/go_programs.h"

namespace gostep::gc {
namespace {

namespace fs = std::filesystem;
using base::FindProfile;
using base::VersionProfile;

constexpr const char* kGo119Runtime = "/usr/lib/go-1.19/src/runtime";

const VersionProfile& Profile(const char* name) { return *FindProfile(name); }

// ==== Reading Go source =======================================================

// ReadGo119 returns the text of kGo119Runtime/<file>; the test fails if it is missing.
std::string ReadGo119(const std::string& file) {
  std::string path = std::string(kGo119Runtime) + "/" + file;
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), path << " not found: these tests need the Go 1.19 source "
                                  << "(Debian golang-1.19-src, installed by tools/bootstrap.sh)");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// GoArray returns the elements of `var <name> = [...]T{a, b, ...}`.
std::vector<uint64_t> GoArray(const std::string& src, const std::string& name) {
  std::smatch m;
  std::regex re("var " + name + " = \\[[^\\]]*\\]\\w+\\{([^}]*)\\}");
  REQUIRE_MESSAGE(std::regex_search(src, m, re), "no array " << name);
  std::vector<uint64_t> out;
  std::stringstream items(m[1].str());
  for (std::string item; std::getline(items, item, ',');) out.push_back(std::stoull(item));
  return out;
}

// GoConst returns the integer constant `<name> = N` (a line of a const block).
uint64_t GoConst(const std::string& src, const std::string& name) {
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_search(src, m, std::regex("\\n\\t" + name + " += (?:int8\\()?(\\d+)")),
                  "no constant " << name);
  return std::stoull(m[1].str());
}

// CommentRow is one line of the table comment: "//  class  bytes/obj  bytes/span  objects  tail waste ...".
struct CommentRow {
  uint64_t cls, bytes, span, objects, tail;
};

std::vector<CommentRow> GoCommentRows(const std::string& src) {
  std::vector<CommentRow> rows;
  std::regex re("\\n// +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +[\\d.]+%");
  for (auto it = std::sregex_iterator(src.begin(), src.end(), re); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    rows.push_back({std::stoull(m[1]), std::stoull(m[2]), std::stoull(m[3]), std::stoull(m[4]), std::stoull(m[5])});
  }
  return rows;
}

// Entries returns the first n entries of a table array, widened.
template <typename T>
std::vector<uint64_t> Entries(const T* array, int n) {
  return std::vector<uint64_t>(array, array + n);
}

// ==== The tables against the sources ==========================================

TEST_CASE("size classes: the go1.16+ table is go1.19.8's runtime/sizeclasses.go, entry by entry") {
  const std::string src = ReadGo119("sizeclasses.go");
  const SizeClassTable& t = SizeClassesWith24();
  CHECK(GoConst(src, "_NumSizeClasses") == uint64_t(t.num_classes));
  CHECK(GoConst(src, "_MaxSmallSize") == kMaxSmallSize);
  CHECK(GoConst(src, "smallSizeDiv") == kSmallSizeDiv);
  CHECK(GoConst(src, "smallSizeMax") == kSmallSizeMax);
  CHECK(GoConst(src, "largeSizeDiv") == kLargeSizeDiv);
  CHECK(GoConst(src, "_PageShift") == uint64_t(kPageShift));
  CHECK(t.num_classes == kNumSizeClassesMax);
  CHECK(GoArray(src, "class_to_size") == Entries(t.class_to_size, t.num_classes));
  CHECK(GoArray(src, "class_to_allocnpages") == Entries(t.class_to_allocnpages, t.num_classes));
  CHECK(GoArray(src, "size_to_class8") == Entries(t.size_to_class8, kSizeToClass8Len));
  CHECK(GoArray(src, "size_to_class128") == Entries(t.size_to_class128, kSizeToClass128Len));

  const std::string malloc = ReadGo119("malloc.go");
  CHECK(GoConst(malloc, "_TinySize") == kTinySize);
  CHECK(GoConst(malloc, "_TinySizeClass") == uint64_t(kTinySizeClass));
}

TEST_CASE("size classes: objects per span and tail waste are those of go1.19.8's table comment") {
  const std::vector<CommentRow> rows = GoCommentRows(ReadGo119("sizeclasses.go"));
  const SizeClassTable& t = SizeClassesWith24();
  REQUIRE(rows.size() == size_t(t.num_classes - 1));
  for (const CommentRow& r : rows) {
    CAPTURE(r.cls);
    REQUIRE(r.cls < uint64_t(t.num_classes));
    uint64_t size = t.class_to_size[r.cls];
    uint64_t span = t.class_to_allocnpages[r.cls] * kPageSize;
    CHECK(r.bytes == size);
    CHECK(r.span == span);
    CHECK(r.objects == span / size);
    CHECK(r.tail == span % size);
  }
}

// CheckInvariants checks what mksizeclasses.go guarantees of a table.
void CheckInvariants(const SizeClassTable& t) {
  CHECK(t.class_to_size[0] == 0);
  CHECK(t.class_to_size[t.num_classes - 1] == kMaxSmallSize);
  for (int c = 1; c < t.num_classes; ++c) {
    CAPTURE(c);
    uint64_t size = t.class_to_size[c], span = t.class_to_allocnpages[c] * kPageSize;
    CHECK(size > t.class_to_size[c - 1]);
    CHECK(size % 8 == 0);
    CHECK(span / size >= 1);
    CHECK(span % size <= span / 8);  // "the leftover is less than 1/8 of the total"
  }
  for (int c = t.num_classes; c < kNumSizeClassesMax; ++c) CHECK(t.class_to_size[c] == 0);
  int wrong = 0;
  for (uint64_t size = 1; size <= kMaxSmallSize; ++size) {
    int c = SizeToClass(t, size);
    bool fits = c >= 1 && c < t.num_classes && t.class_to_size[c] >= size;
    bool smallest = c == 1 || t.class_to_size[c - 1] < size;
    if (!fits || !smallest) ++wrong;
  }
  CHECK_MESSAGE(wrong == 0, "sizes whose class is not the smallest that holds them");
  CHECK(SizeToClass(t, 0) == 0);
  CHECK(SizeToClass(t, kMaxSmallSize + 1) == 0);
}

TEST_CASE("size classes: both tables keep mksizeclasses.go's invariants, lookup is the smallest fit") {
  SUBCASE("go1.16+") { CheckInvariants(SizeClassesWith24()); }
  SUBCASE("go1.14-1.15") { CheckInvariants(SizeClassesWithout24()); }
}

TEST_CASE("size classes: go1.14–1.15 lack the 24-byte class (go1.15.3 source)") {
  const SizeClassTable& t = SizeClassesWithout24();
  CHECK(t.num_classes == 67);
  for (int c = 0; c < t.num_classes; ++c) CHECK(t.class_to_size[c] != 24);
  for (uint64_t size = 17; size <= 32; ++size) CHECK(SizeToClass(t, size) == 3);
  CHECK(t.class_to_size[3] == 32);
  // Spot values of the go1.15.3 file.
  CHECK(t.class_to_size[4] == 48);
  CHECK(t.class_to_size[34] == 1408);
  CHECK(t.class_to_allocnpages[34] == 2);
  CHECK(t.class_to_size[59] == 18432);
  CHECK(t.class_to_allocnpages[59] == 9);
  CHECK(t.class_to_size[66] == 32768);
  CHECK(t.size_to_class8[4] == 3);
  CHECK(t.size_to_class8[128] == 31);
  CHECK(t.size_to_class128[0] == 31);
  CHECK(t.size_to_class128[248] == 66);
  // Otherwise the go1.19.8 table: the same classes with 24 removed.
  const std::string src = ReadGo119("sizeclasses.go");
  std::vector<uint64_t> sizes = GoArray(src, "class_to_size"), pages = GoArray(src, "class_to_allocnpages");
  REQUIRE(sizes.size() == 68);
  sizes.erase(sizes.begin() + 3);
  pages.erase(pages.begin() + 3);
  CHECK(Entries(t.class_to_size, t.num_classes) == sizes);
  CHECK(Entries(t.class_to_allocnpages, t.num_classes) == pages);
}

TEST_CASE("size classes: a profile's table follows size_class_24 (go1.16+)") {
  for (const VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    CHECK(&SizeClasses(p) == (p.minor >= 16 ? &SizeClassesWith24() : &SizeClassesWithout24()));
  }
  CHECK(ClassFor(Profile("1.15"), 17, false).elemsize == 32);
  CHECK(ClassFor(Profile("1.16"), 17, false).elemsize == 24);
}

// ==== mallocgc's choice =======================================================

TEST_CASE("ClassFor: zerobase, tiny, small and large requests (go1.19)") {
  const VersionProfile& p = Profile("1.19");
  AllocSize zero = ClassFor(p, 0, true);
  CHECK(zero.zerobase);
  CHECK(zero.elemsize == 0);
  CHECK(zero.sizeclass == 0);
  CHECK(!zero.large);
  for (uint64_t size : {1, 8, 15}) {
    AllocSize a = ClassFor(p, size, /*noscan=*/true);
    CHECK(a.tiny);
    CHECK(a.sizeclass == kTinySizeClass);
    CHECK(a.elemsize == 16);
  }
  CHECK(!ClassFor(p, 16, true).tiny);                // 16 is not < _TinySize
  CHECK(!ClassFor(p, 8, /*noscan=*/false).tiny);     // pointers are never tiny
  CHECK(ClassFor(p, 8, false).elemsize == 8);
  CHECK(ClassFor(p, 1017, true).elemsize == 1024);   // the wrapped size_to_class128 index
  CHECK(ClassFor(p, 1025, true).elemsize == 1152);
  AllocSize max_small = ClassFor(p, kMaxSmallSize, false);
  CHECK(!max_small.large);
  CHECK(max_small.sizeclass == 67);
  CHECK(max_small.npages == 4);
  AllocSize large = ClassFor(p, kMaxSmallSize + 1, false);
  CHECK(large.large);
  CHECK(large.sizeclass == 0);
  CHECK(large.npages == 5);
  CHECK(large.elemsize == 40960);
  CHECK(ClassFor(p, uint64_t{1} << 40, true).npages == uint64_t{1} << 27);
  CHECK(ClassFor(p, 513, false).header == 0);        // no malloc headers before go1.22
}

TEST_CASE("ClassFor: go1.22+ malloc headers move pointerful objects over 512 bytes up a class") {
  const VersionProfile& old = Profile("1.21");
  for (const char* v : {"1.22", "1.23"}) {
    CAPTURE(v);
    const VersionProfile& p = Profile(v);
    CHECK(ClassFor(p, 512, false).header == 0);      // exclusive minimum
    CHECK(ClassFor(p, 512, false).elemsize == 512);
    CHECK(ClassFor(p, 513, false).header == kMallocHeaderSize);
    CHECK(ClassFor(p, 513, false).elemsize == 576);
    CHECK(ClassFor(p, 1024, false).elemsize == 1152);  // 1024 + 8 > 1024
    CHECK(ClassFor(old, 1024, false).elemsize == 1024);
    CHECK(ClassFor(p, 1024, true).elemsize == 1024);   // noscan: no header
    CHECK(ClassFor(p, 1024, true).header == 0);
    // The small/large window (32760, 32768]: large, with or without pointers.
    AllocSize edge = ClassFor(p, 32760, false);
    CHECK(!edge.large);
    CHECK(edge.elemsize == 32768);
    CHECK(edge.header == kMallocHeaderSize);
    for (bool noscan : {false, true}) {
      AllocSize w = ClassFor(p, 32761, noscan);
      CHECK(w.large);
      CHECK(w.npages == 4);
      CHECK(w.header == 0);  // a large object's type lives in span.largeType
      CHECK(ClassFor(p, 32768, noscan).large);
      CHECK(!ClassFor(old, 32768, noscan).large);
    }
  }
}

TEST_CASE("ClassFor: every size of every profile gets a slot that holds it") {
  for (const VersionProfile& p : base::AllProfiles()) {
    CAPTURE(p.name);
    int bad = 0;
    for (uint64_t size = 1; size <= kMaxSmallSize + 2 * kPageSize; ++size) {
      for (bool noscan : {false, true}) {
        AllocSize a = ClassFor(p, size, noscan);
        bool header_ok = a.header == 0 || (p.malloc_headers && !noscan && size > kMinSizeForMallocHeader);
        bool holds = a.elemsize >= size + a.header;
        bool large_ok = a.large == (a.sizeclass == 0) &&
                        (!a.large || (a.elemsize == a.npages * kPageSize && a.elemsize - size < kPageSize));
        bool small_ok = a.large || a.npages == SizeClasses(p).class_to_allocnpages[a.sizeclass];
        if (!header_ok || !holds || !large_ok || !small_ok) ++bad;
      }
    }
    CHECK_MESSAGE(bad == 0, "requests with a wrong slot");
  }
}

// ==== Differential: the real Go 1.19 runtime ==================================

// RunRealGo runs tests/go/size_classes (built by tests/go_programs.h) at
// GOMAXPROCS=1 and returns what it prints.
std::string RunRealGo() {
  REQUIRE_MESSAGE(testing::GoBuildError().empty(), testing::GoBuildError());
  testing::Proc run = testing::RunGoCase("size_classes", {"GOMAXPROCS=1"});
  REQUIRE_MESSAGE(run.status == 0, "size_classes failed:\n" << run.err << run.out);
  return run.out + run.err;  // it prints with println (stderr)
}

TEST_CASE("differential: real Go 1.19 reports the go1.19 size classes and slot sizes") {
  const std::string out = RunRealGo();
  const SizeClassTable& t = SizeClasses(Profile("1.19"));
  int bysize = 0, buckets = 0, strides = 0;
  std::stringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    CAPTURE(line);
    std::stringstream f(line);
    std::string kind, a, b;
    f >> kind >> a >> b;
    if (kind == "bysize") {  // MemStats.BySize[i].Size: classes 0..60
      ++bysize;
      CHECK(std::stoull(b) == t.class_to_size[std::stoi(a)]);
    } else if (kind == "bucket") {  // 1, class_to_size[i]+1 for i = 1..67, +Inf
      int i = std::stoi(a);
      ++buckets;
      if (i == 0) CHECK(b == "1");
      else if (i < t.num_classes) CHECK(std::stoull(b) == t.class_to_size[i] + 1u);
      else CHECK(b == "inf");
    } else if (kind == "stride") {  // "stride noscan|scan <size> <bytes>"
      ++strides;
      std::string d;
      f >> d;
      CHECK(std::stoull(d) == ClassFor(Profile("1.19"), std::stoull(b), a == "noscan").elemsize);
    } else {
      FAIL("unexpected output line");
    }
  }
  CHECK(bysize == 61);
  CHECK(buckets == t.num_classes + 1);
  CHECK(strides == 31);
}

}  // namespace
}  // namespace gostep::gc
