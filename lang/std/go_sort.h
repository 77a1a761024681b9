// lang/std/go_sort.h — Go's sort algorithms, call for call.
//
// sort.Sort and sort.Slice are not stable, so which of two equal elements
// ends first — and the order of the Less and Swap calls a program can
// observe — is the algorithm's. These are Go's, over any Data with
// Less(i, j) and Swap(i, j):
//   go1.19+       pdqsort (sort/zsortinterface.go; zsortfunc.go is the same
//                 code over lessSwap): insertion sort up to 12 elements,
//                 choosePivot, partialInsertionSort, breakPatterns with
//                 xorshift seeded by the length, heapSort at the limit
//                 bits.Len(n);
//   go1.14–1.18   quickSort (sort/sort.go): doPivot's ninther and
//                 duplicate protection, a gap-6 shell pass and insertion
//                 sort up to 12 elements, heapSort at depth 2*ceil(lg(n+1)).
//                 Transcribed from go1.18's sort.go; only the go1.19 side
//                 is checked against a real binary here.
//   Stable        insertion-sorted blocks of 20, then symMerge (all versions).
#pragma once

#include <bit>
#include <cstdint>

namespace gostep::lang::std_pkg::gosort {

template <typename D>
void InsertionSort(D& d, int64_t a, int64_t b) {
  for (int64_t i = a + 1; i < b; ++i) {
    for (int64_t j = i; j > a && d.Less(j, j - 1); --j) d.Swap(j, j - 1);
  }
}

template <typename D>
void SiftDown(D& d, int64_t lo, int64_t hi, int64_t first) {
  int64_t root = lo;
  for (;;) {
    int64_t child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && d.Less(first + child, first + child + 1)) ++child;
    if (!d.Less(first + root, first + child)) return;
    d.Swap(first + root, first + child);
    root = child;
  }
}

template <typename D>
void HeapSort(D& d, int64_t a, int64_t b) {
  int64_t first = a, lo = 0, hi = b - a;
  for (int64_t i = (hi - 1) / 2; i >= 0; --i) SiftDown(d, i, hi, first);
  for (int64_t i = hi - 1; i >= 0; --i) {
    d.Swap(first, first + i);
    SiftDown(d, lo, i, first);
  }
}

inline int64_t BitsLen(int64_t n) { return n <= 0 ? 0 : 64 - std::countl_zero(static_cast<uint64_t>(n)); }

// ---- go1.19+: pdqsort ----
enum Hint { kUnknownHint, kIncreasingHint, kDecreasingHint };

template <typename D>
int64_t Order2Median(D& d, int64_t a, int64_t b, int64_t c, int* swaps) {
  auto order2 = [&](int64_t& x, int64_t& y) {
    if (d.Less(y, x)) {
      ++*swaps;
      std::swap(x, y);
    }
  };
  order2(a, b);
  order2(b, c);
  order2(a, b);
  return b;
}

template <typename D>
int64_t ChoosePivot(D& d, int64_t a, int64_t b, Hint* hint) {
  const int64_t l = b - a;
  int swaps = 0;
  int64_t i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
  if (l >= 8) {
    if (l >= 50) {  // shortestNinther
      i = Order2Median(d, i - 1, i, i + 1, &swaps);
      j = Order2Median(d, j - 1, j, j + 1, &swaps);
      k = Order2Median(d, k - 1, k, k + 1, &swaps);
    }
    j = Order2Median(d, i, j, k, &swaps);
  }
  *hint = swaps == 0 ? kIncreasingHint : swaps == 12 ? kDecreasingHint : kUnknownHint;  // maxSwaps = 4*3
  return j;
}

template <typename D>
void ReverseRange(D& d, int64_t a, int64_t b) {
  for (int64_t i = a, j = b - 1; i < j; ++i, --j) d.Swap(i, j);
}

template <typename D>
bool PartialInsertionSort(D& d, int64_t a, int64_t b) {
  const int kMaxSteps = 5;
  const int64_t kShortestShifting = 50;
  int64_t i = a + 1;
  for (int step = 0; step < kMaxSteps; ++step) {
    while (i < b && !d.Less(i, i - 1)) ++i;
    if (i == b) return true;
    if (b - a < kShortestShifting) return false;
    d.Swap(i, i - 1);
    if (i - a >= 2) {
      for (int64_t j = i - 1; j >= 1; --j) {
        if (!d.Less(j, j - 1)) break;
        d.Swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (int64_t j = i + 1; j < b; ++j) {
        if (!d.Less(j, j - 1)) break;
        d.Swap(j, j - 1);
      }
    }
  }
  return false;
}

template <typename D>
void BreakPatterns(D& d, int64_t a, int64_t b) {
  const int64_t length = b - a;
  if (length < 8) return;
  uint64_t random = static_cast<uint64_t>(length);  // xorshift(length)
  const uint64_t modulus = uint64_t{1} << BitsLen(length);  // nextPowerOfTwo
  for (int64_t idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; ++idx) {
    random ^= random << 13;
    random ^= random >> 17;
    random ^= random << 5;
    int64_t other = static_cast<int64_t>(random & (modulus - 1));
    if (other >= length) other -= length;
    d.Swap(idx, a + other);
  }
}

template <typename D>
int64_t PartitionEqual(D& d, int64_t a, int64_t b, int64_t pivot) {
  d.Swap(a, pivot);
  int64_t i = a + 1, j = b - 1;
  for (;;) {
    while (i <= j && !d.Less(a, i)) ++i;
    while (i <= j && d.Less(a, j)) --j;
    if (i > j) break;
    d.Swap(i, j);
    ++i;
    --j;
  }
  return i;
}

template <typename D>
int64_t Partition(D& d, int64_t a, int64_t b, int64_t pivot, bool* already) {
  d.Swap(a, pivot);
  int64_t i = a + 1, j = b - 1;
  while (i <= j && d.Less(i, a)) ++i;
  while (i <= j && !d.Less(j, a)) --j;
  if (i > j) {
    d.Swap(j, a);
    *already = true;
    return j;
  }
  d.Swap(i, j);
  ++i;
  --j;
  for (;;) {
    while (i <= j && d.Less(i, a)) ++i;
    while (i <= j && !d.Less(j, a)) --j;
    if (i > j) break;
    d.Swap(i, j);
    ++i;
    --j;
  }
  d.Swap(j, a);
  *already = false;
  return j;
}

template <typename D>
void Pdqsort(D& d, int64_t a, int64_t b, int64_t limit) {
  const int64_t kMaxInsertion = 12;
  bool was_balanced = true, was_partitioned = true;
  for (;;) {
    const int64_t length = b - a;
    if (length <= kMaxInsertion) {
      InsertionSort(d, a, b);
      return;
    }
    if (limit == 0) {
      HeapSort(d, a, b);
      return;
    }
    if (!was_balanced) {
      BreakPatterns(d, a, b);
      --limit;
    }
    Hint hint;
    int64_t pivot = ChoosePivot(d, a, b, &hint);
    if (hint == kDecreasingHint) {
      ReverseRange(d, a, b);
      pivot = (b - 1) - (pivot - a);
      hint = kIncreasingHint;
    }
    if (was_balanced && was_partitioned && hint == kIncreasingHint && PartialInsertionSort(d, a, b)) return;
    if (a > 0 && !d.Less(a - 1, pivot)) {
      a = PartitionEqual(d, a, b, pivot);
      continue;
    }
    bool already;
    int64_t mid = Partition(d, a, b, pivot, &already);
    was_partitioned = already;
    const int64_t left = mid - a, right = b - mid, balance = length / 8;
    if (left < right) {
      was_balanced = left >= balance;
      Pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      was_balanced = right >= balance;
      Pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

// ---- go1.14–1.18: quickSort ----
template <typename D>
void MedianOfThree(D& d, int64_t m1, int64_t m0, int64_t m2) {
  if (d.Less(m1, m0)) d.Swap(m1, m0);
  if (d.Less(m2, m1)) {
    d.Swap(m2, m1);
    if (d.Less(m1, m0)) d.Swap(m1, m0);
  }
}

template <typename D>
void DoPivot(D& d, int64_t lo, int64_t hi, int64_t* midlo, int64_t* midhi) {
  const int64_t m = static_cast<int64_t>(static_cast<uint64_t>(lo + hi) >> 1);
  if (hi - lo > 40) {  // Tukey's ninther
    const int64_t s = (hi - lo) / 8;
    MedianOfThree(d, lo, lo + s, lo + 2 * s);
    MedianOfThree(d, m, m - s, m + s);
    MedianOfThree(d, hi - 1, hi - 1 - s, hi - 1 - 2 * s);
  }
  MedianOfThree(d, lo, m, hi - 1);
  const int64_t pivot = lo;
  int64_t a = lo + 1, c = hi - 1;
  for (; a < c && d.Less(a, pivot); ++a) {
  }
  int64_t b = a;
  for (;;) {
    for (; b < c && !d.Less(pivot, b); ++b) {
    }
    for (; b < c && d.Less(pivot, c - 1); --c) {
    }
    if (b >= c) break;
    d.Swap(b, c - 1);
    ++b;
    --c;
  }
  bool protect = hi - c < 5;
  if (!protect && hi - c < (hi - lo) / 4) {
    int dups = 0;
    if (!d.Less(pivot, hi - 1)) {
      d.Swap(c, hi - 1);
      ++c;
      ++dups;
    }
    if (!d.Less(b - 1, pivot)) {
      --b;
      ++dups;
    }
    if (!d.Less(m, pivot)) {
      d.Swap(m, b - 1);
      --b;
      ++dups;
    }
    protect = dups > 1;
  }
  if (protect) {
    for (;;) {
      for (; a < b && !d.Less(b - 1, pivot); --b) {
      }
      for (; a < b && d.Less(a, pivot); ++a) {
      }
      if (a >= b) break;
      d.Swap(a, b - 1);
      ++a;
      --b;
    }
  }
  d.Swap(pivot, b - 1);
  *midlo = b - 1;
  *midhi = c;
}

template <typename D>
void QuickSort(D& d, int64_t a, int64_t b, int64_t max_depth) {
  while (b - a > 12) {
    if (max_depth == 0) {
      HeapSort(d, a, b);
      return;
    }
    --max_depth;
    int64_t mlo, mhi;
    DoPivot(d, a, b, &mlo, &mhi);
    if (mlo - a < b - mhi) {
      QuickSort(d, a, mlo, max_depth);
      a = mhi;
    } else {
      QuickSort(d, mhi, b, max_depth);
      b = mlo;
    }
  }
  if (b - a > 1) {
    for (int64_t i = a + 6; i < b; ++i) {  // a ShellSort pass with gap 6
      if (d.Less(i, i - 6)) d.Swap(i, i - 6);
    }
    InsertionSort(d, a, b);
  }
}

// Sort is sort.Sort / sort.Slice's algorithm for go1.<minor>.
template <typename D>
void Sort(D& d, int64_t n, int minor) {
  if (minor >= 19) {
    if (n <= 1) return;  // sort.Sort; sort.Slice's pdqsort_func returns at once too
    Pdqsort(d, 0, n, BitsLen(n));
    return;
  }
  QuickSort(d, 0, n, 2 * BitsLen(n));  // maxDepth: 2*ceil(lg(n+1))
}

// ---- Stable ----
template <typename D>
void SwapRange(D& d, int64_t a, int64_t b, int64_t n) {
  for (int64_t i = 0; i < n; ++i) d.Swap(a + i, b + i);
}

template <typename D>
void Rotate(D& d, int64_t a, int64_t m, int64_t b) {
  int64_t i = m - a, j = b - m;
  while (i != j) {
    if (i > j) {
      SwapRange(d, m - i, m, j);
      i -= j;
    } else {
      SwapRange(d, m - i, m + j - i, i);
      j -= i;
    }
  }
  SwapRange(d, m - i, m, i);
}

template <typename D>
void SymMerge(D& d, int64_t a, int64_t m, int64_t b) {
  auto mid_of = [](int64_t x, int64_t y) { return static_cast<int64_t>(static_cast<uint64_t>(x + y) >> 1); };
  if (m - a == 1) {
    int64_t i = m, j = b;
    while (i < j) {
      int64_t h = mid_of(i, j);
      if (d.Less(h, a)) i = h + 1; else j = h;
    }
    for (int64_t k = a; k < i - 1; ++k) d.Swap(k, k + 1);
    return;
  }
  if (b - m == 1) {
    int64_t i = a, j = m;
    while (i < j) {
      int64_t h = mid_of(i, j);
      if (!d.Less(m, h)) i = h + 1; else j = h;
    }
    for (int64_t k = m; k > i; --k) d.Swap(k, k - 1);
    return;
  }
  const int64_t mid = mid_of(a, b), n = mid + m;
  int64_t start, r;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  const int64_t p = n - 1;
  while (start < r) {
    int64_t c = mid_of(start, r);
    if (!d.Less(p - c, c)) start = c + 1; else r = c;
  }
  const int64_t end = n - start;
  if (start < m && m < end) Rotate(d, start, m, end);
  if (a < start && start < mid) SymMerge(d, a, start, mid);
  if (mid < end && end < b) SymMerge(d, mid, end, b);
}

template <typename D>
void Stable(D& d, int64_t n) {
  int64_t block = 20, a = 0, b = block;
  while (b <= n) {
    InsertionSort(d, a, b);
    a = b;
    b += block;
  }
  InsertionSort(d, a, n);
  while (block < n) {
    a = 0;
    b = 2 * block;
    while (b <= n) {
      SymMerge(d, a, a + block, b);
      a = b;
      b += 2 * block;
    }
    if (int64_t m = a + block; m < n) SymMerge(d, a, m, n);
    block *= 2;
  }
}

}  // namespace gostep::lang::std_pkg::gosort
