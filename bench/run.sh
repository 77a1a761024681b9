#!/usr/bin/env bash
# bench/run.sh BUILD_DIR — gostep's benchmarks beside real Go 1.19.
#
# Runs BUILD_DIR/bin/gostep_bench (Google Benchmark), builds and runs the Go
# counterparts in bench/go/ (once more for gc_full under GODEBUG=gctrace=1),
# runs gostep_parked and bench/go/parked under /usr/bin/time -f %M (peak RSS),
# builds each interpreter program of bench/go/lang/ with Go 1.19 (beside
# harness.go) and times it, times `gostep explore` (schedules per second at
# --jobs 1 and 2), then prints one Markdown report: each gostep figure, the real Go 1.19 figure
# measured in this run, their ratio, and the project's targets with PASS/FAIL
# marks. The report is also written to BUILD_DIR/bench/report.md; raw outputs
# stay in BUILD_DIR/bench/.
#
# `make bench` builds the release preset and calls `./bench/run.sh build/release`.
# It takes about 3 minutes on the 2-core reference machine (5.4 minutes at a
# load of 8–10); the map benchmarks (BM_Map, go_bench map_*) are about 45 s of that.
#
# Environment:
#   GO119                 the Go 1.19 command (default /usr/lib/go-1.19/bin/go)
#   GOSTEP_PARKED_N       goroutines in the parked programs (default 1000000)
#   GOSTEP_BENCH_FILTER   passed to gostep_bench --benchmark_filter (default: all)
#   GOSTEP_GO_MATCH       passed to go_bench -match, a regexp on its names (default: all)
#   GOSTEP_EXPLORE_RUNS   runs of bench/go/lang/explore_map100.go per explore timing (default 4000)
#   GOSTEP_EXPLORE_RUNS_IWW  runs of traces/article/iter_while_write.go (default 1000)
#   GOSTEP_BENCH_STRICT=1 exit 1 when a target is missed (default: report only)
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: bench/run.sh BUILD_DIR   (e.g. bench/run.sh build/release)" >&2
  exit 2
fi

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "$1" && pwd)
BIN=$BUILD/bin
OUT=$BUILD/bench
GO=${GO119:-/usr/lib/go-1.19/bin/go}
PARKED_N=${GOSTEP_PARKED_N:-1000000}
FILTER=${GOSTEP_BENCH_FILTER:-.}
EXPLORE_RUNS=${GOSTEP_EXPLORE_RUNS:-4000}
EXPLORE_RUNS_IWW=${GOSTEP_EXPLORE_RUNS_IWW:-1000}
GO_MATCH=${GOSTEP_GO_MATCH:-}
TIME=/usr/bin/time
mkdir -p "$OUT"

die() { echo "bench/run.sh: $*" >&2; exit 1; }
step() { echo "==> $*" >&2; }

for b in gostep_bench gostep_parked gostep; do
  [[ -x $BIN/$b ]] || die "$BIN/$b not found: build first (cmake --preset release && cmake --build --preset release)"
done
[[ -x $GO ]] || die "Go 1.19 not found at $GO (apt-get install golang-1.19-go, or set GO119)"
[[ -x $TIME ]] || die "GNU time not found at $TIME (apt-get install time)"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date '+%Y-%m-%d %H:%M:%S %Z')
SECONDS=0

# ---- 1. gostep_bench ---------------------------------------------------------
step "gostep_bench (Google Benchmark; about 2 minutes)"
"$BIN/gostep_bench" --benchmark_filter="$FILTER" \
  --benchmark_out="$OUT/gostep_bench.json" --benchmark_out_format=json \
  --benchmark_counters_tabular=true >"$OUT/gostep_bench.txt" 2>&1 ||
  { cat "$OUT/gostep_bench.txt" >&2; die "gostep_bench failed"; }
if grep -q '"error_occurred": true' "$OUT/gostep_bench.json"; then
  grep '"error_message"' "$OUT/gostep_bench.json" >&2 || true
  die "a gostep benchmark reported an error (see $OUT/gostep_bench.txt)"
fi

# ---- 2. real Go 1.19 counterparts ----------------------------------------------
step "building bench/go with $("$GO" version | cut -d' ' -f3)"
export GOCACHE=$OUT/gocache GO111MODULE=off GOFLAGS='' GOPATH=$OUT/gopath
(cd "$SRC/bench/go/bench" && "$GO" build -o "$OUT/go_bench" .)
(cd "$SRC/bench/go/parked" && "$GO" build -o "$OUT/go_parked" .)
step "go_bench (testing.Benchmark; about 70 s)"
"$OUT/go_bench" -count 5 -benchtime 300ms -mapbenchtime 50ms -match "$GO_MATCH" >"$OUT/go_bench.txt" 2>"$OUT/go_bench.err" ||
  { cat "$OUT/go_bench.err" >&2; die "go_bench failed"; }
step "go_bench gc_full under GODEBUG=gctrace=1 (a few seconds)"
GODEBUG=gctrace=1 "$OUT/go_bench" -only gc_full -count 1 -benchtime 100ms >"$OUT/go_gctrace.txt" 2>&1

# ---- 2b. the interpreter's programs compiled by Go 1.19 ---------------------------
# Each bench/go/lang/NAME.go is built unchanged beside harness.go (its
# "//go:build ignore" line dropped), which runs main 9 times at GOMAXPROCS=1
# in-process and prints one RESULT line (lang_NAME).
LANG_PROGRAMS="fib maploop pingpong"
step "bench/go/lang with Go 1.19 (fib, maploop, pingpong; a few seconds)"
: >"$OUT/go_lang.txt"
for p in $LANG_PROGRAMS; do
  d=$OUT/golang/$p
  rm -rf "$d" && mkdir -p "$d"
  cp "$SRC/bench/go/lang/$p.go" "$d/"
  grep -v '^//go:build ignore$' "$SRC/bench/go/lang/harness.go" >"$d/harness.go"
  (cd "$d" && "$GO" build -o "$OUT/go_lang_$p" .)
  GOSTEP_LANG_REPS=9 GOSTEP_LANG_NAME=lang_$p "$OUT/go_lang_$p" >>"$OUT/go_lang.txt" ||
    die "go_lang_$p failed"
done

# ---- 2c. exploration throughput ------------------------------------------------------
# explore_time NAME JOBS RUNS GOMAXPROCS FILE: times `gostep explore` (wall
# and user+system CPU, GNU time) and keeps its output in NAME.out; exit 1
# (a failure found) is expected for iter_while_write at GOMAXPROCS=2.
explore_time() {
  local name=$1 jobs=$2 runs=$3 procs=$4 file=$5 rc=0
  "$TIME" -f '%e %U %S' -o "$OUT/$name.time" "$BIN/gostep" explore "$file" --go 1.19 --gomaxprocs "$procs" \
    --runs "$runs" --jobs "$jobs" --schedule-dir "$OUT" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
  [[ $rc -le 1 ]] || { cat "$OUT/$name.err" >&2; die "gostep explore ($name) failed"; }
  grep -q "^--- $runs runs ---" "$OUT/$name.out" || die "gostep explore ($name) did not do $runs runs"
}
MAP100=$SRC/bench/go/lang/explore_map100.go
IWW=$SRC/traces/article/iter_while_write.go
step "gostep explore explore_map100.go, $EXPLORE_RUNS runs, --jobs 1 and 2"
explore_time explore_map100_j1 1 "$EXPLORE_RUNS" 2 "$MAP100"
explore_time explore_map100_j2 2 "$EXPLORE_RUNS" 2 "$MAP100"
step "gostep explore iter_while_write.go, $EXPLORE_RUNS_IWW runs, GOMAXPROCS 1 and 2, --jobs 1 and 2"
explore_time explore_iww_p1_j1 1 "$EXPLORE_RUNS_IWW" 1 "$IWW"
explore_time explore_iww_p1_j2 2 "$EXPLORE_RUNS_IWW" 1 "$IWW"
explore_time explore_iww_p2_j1 1 "$EXPLORE_RUNS_IWW" 2 "$IWW"
explore_time explore_iww_p2_j2 2 "$EXPLORE_RUNS_IWW" 2 "$IWW"

# ---- 3. parked goroutines under /usr/bin/time -----------------------------------
# peak_rss PROGRAM... : runs it under GNU time, checks it printed "parked N",
# prints the peak RSS in KiB.
peak_rss() {
  local name=$1
  shift
  "$TIME" -f '%M' -o "$OUT/$name.rss" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" ||
    { cat "$OUT/$name.err" >&2; die "$name failed"; }
  grep -qx "parked $PARKED_N" "$OUT/$name.out" || die "$name did not print \"parked $PARKED_N\""
  tail -n 1 "$OUT/$name.rss"
}
step "gostep_parked $PARKED_N (peak RSS; about 15 s)"
RSS_GOSTEP=$(peak_rss gostep_parked "$BIN/gostep_parked" "$PARKED_N")
step "go_parked $PARKED_N (peak RSS; about 10 s)"
RSS_GO=$(peak_rss go_parked "$OUT/go_parked" "$PARKED_N")
step "gostep_parked $PARKED_N --diag (where the memory goes; about 15 s)"
RSS_DIAG=$(peak_rss gostep_parked_diag "$BIN/gostep_parked" "$PARKED_N" --diag)

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 4. the report ---------------------------------------------------------------
# bm PREFIX FIELD: a field (real_time, cpu_time or a counter name) of the
# median row of the benchmark whose name starts with PREFIX, from
# gostep_bench's JSON output (one "key": value per line; times in ns).
bm() {
  awk -v pre="$1" -v key="\"$2\":" '
    $1 == "\"name\":" { n = $2; gsub(/[",]/, "", n); hit = index(n, pre) == 1 && n ~ /_median$/; next }
    hit && $1 == key { v = $2; gsub(/[",]/, "", v); print v + 0; exit }
  ' "$OUT/gostep_bench.json"
}
# bm1 PREFIX FIELD: as bm, for a benchmark run once (no aggregate rows: the
# map benchmarks take their medians over rounds inside the run).
bm1() {
  awk -v pre="$1" -v key="\"$2\":" '
    $1 == "\"name\":" { n = $2; gsub(/[",]/, "", n); hit = index(n, pre) == 1; next }
    hit && $1 == key { v = $2; gsub(/[",]/, "", v); print v + 0; exit }
  ' "$OUT/gostep_bench.json"
}
# gob NAME PROCS FIELD: a field (ns_op, cpu_ns_op) of go_bench's RESULT line.
gob() {
  awk -v name="$1" -v procs="procs=$2" -v f="$3" '
    $1 == "RESULT" && $2 == name && $3 == procs {
      for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) { print kv[2]; exit } }
    }' "$OUT/go_bench.txt" "$OUT/go_lang.txt"
}
# fmtn X: a figure for the table (3 significant digits), "—" if missing.
fmtn() {
  awk -v x="${1:-}" 'BEGIN {
    if (x !~ /^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$/) { print "—"; exit }
    if (x + 0 >= 100) printf "%.0f\n", x; else if (x + 0 >= 10) printf "%.1f\n", x; else printf "%.2f\n", x }'
}
# div A B: A/B unrounded (for unit changes), "" if either is missing.
div() {
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print ""; else printf "%.6g\n", a / b }'
}
# gctrace_go P: the last "(forced)" gctrace line of real Go's gc_full run at
# GOMAXPROCS=P (the one printed just before its RESULT line).
gctrace_go() {
  awk -v procs="procs=$1" '
    /^gc [0-9]+ @.*\(forced\)$/ { last = $0; next }
    $1 == "RESULT" && $2 == "gc_full" && $3 == procs { print last; exit }
  ' "$OUT/go_gctrace.txt"
}
# ratio A B: A/B with two decimals, "—" if either is missing.
ratio() {
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "—"; else printf "%.2f\n", a / b }'
}
# maplabel N: go_bench's size label (8, 1k, 1M).
maplabel() { case $1 in 1000) echo 1k ;; 1000000) echo 1M ;; *) echo "$1" ;; esac; }
# mapworst MODE KIND N CLOCK: the largest gostep/Go ratio over the five map
# operations of one shape, on the wall (ns) or cpu clock, and its operation:
# "RATIO OP", or nothing if no operation has both figures.
mapworst() {
  local op g o r gf of best="" bop=""
  if [[ $4 == wall ]]; then gf=ns; of=ns_op; else gf=cpu_ns; of=cpu_ns_op; fi
  for op in insert lookup iter delete update; do
    g=$(bm1 "BM_Map/$1_$2/n:$3/" "${op}_${gf}")
    o=$(gob "map_${op}_$2_$(maplabel "$3")" 1 "$of")
    r=$(ratio "$g" "$o")
    [[ $r == "—" ]] && continue
    if [[ -z $best || $(awk -v a="$r" -v b="$best" 'BEGIN{print (a > b) ? 1 : 0}') == 1 ]]; then best=$r; bop=$op; fi
  done
  [[ -n $best ]] && echo "$best $bop"
  return 0  # nothing to print is not an error (set -e; a filtered run)
}
# le A LIMIT: "yes" if A <= LIMIT.
le() { awk -v a="${1:-}" -v l="$2" 'BEGIN { print (a ~ /^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$/ && a + 0 <= l + 0) ? "yes" : "no" }'; }

CPU_MODEL=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
GO_VERSION=$(sed -n 's/^# \(go[^ ]*\).*/\1/p' "$OUT/go_bench.txt")
GIT_REV=$(git -C "$SRC" describe --always --dirty 2>/dev/null || echo unknown)

REPORT=$OUT/report.md
{
  echo "# gostep benchmarks"
  echo
  echo "- run: $STARTED, $(nproc) CPUs ($CPU_MODEL), $(uname -r), gostep $GIT_REV, real Go $GO_VERSION"
  echo "- load average (1/5/15 min): $LOAD_START at the start, $LOAD_END at the end; other processes inflate the wall figures"
  echo "- gostep: median of 5 runs of each Google Benchmark (\`$OUT/gostep_bench.txt\`); Go: median of 5 \`testing.Benchmark\` runs of 300 ms (\`$OUT/go_bench.txt\`)"
  echo "- wall = elapsed time per operation (Go's ns/op); CPU = CPU time per operation (gostep: the simulator thread; Go: the whole process, all threads, getrusage)"
  echo "- ratio = gostep / Go: how many times more the simulator spends than real Go on the same operation (lower is better)"
  echo
  echo "## gostep beside real Go 1.19"
  echo
  echo "| operation | unit | gostep wall | Go wall | ratio | gostep CPU | Go CPU | ratio (CPU) | gostep CPU, whole run |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|"
  row() { # label unit gostep_prefix go_name procs
    local gw gc ow oc
    gw=$(bm "$3" real_time)
    gc=$(bm "$3" cpu_ns)
    ow=$(gob "$4" "$5" ns_op)
    oc=$(gob "$4" "$5" cpu_ns_op)
    echo "| $1 | $2 | $(fmtn "$gw") | $(fmtn "$ow") | $(ratio "$gw" "$ow") | $(fmtn "$gc") | $(fmtn "$oc") | $(ratio "$gc" "$oc") | $(fmtn "$(bm "$3" cpu_time)") |"
  }
  row "runtime.Gosched ping-pong, GOMAXPROCS=1" "ns / round trip" "BM_GoschedPingPong/procs:1/" gosched_pingpong 1
  row "unbuffered channel ping-pong, GOMAXPROCS=1" "ns / round trip" "BM_ChanPingPong/procs:1/" chan_pingpong 1
  row "unbuffered channel ping-pong, GOMAXPROCS=2" "ns / round trip" "BM_ChanPingPong/procs:2/" chan_pingpong 2
  row "goroutine create+exit, GOMAXPROCS=1" "ns / goroutine" "BM_GoroutineCreateExit/procs:1/" spawn_exit 1
  row "goroutine create+exit, GOMAXPROCS=2" "ns / goroutine" "BM_GoroutineCreateExit/procs:2/" spawn_exit 2
  echo "| $PARKED_N parked goroutines, peak RSS | MiB | $(fmtn "$(awk -v k="$RSS_GOSTEP" 'BEGIN{print k/1024}')") | $(fmtn "$(awk -v k="$RSS_GO" 'BEGIN{print k/1024}')") | $(ratio "$RSS_GOSTEP" "$RSS_GO") | | | | |"
  echo
  echo "The last column is Google Benchmark's process CPU time over the whole benchmark run per operation: building the Runtime, warm-up, tearing the goroutines down and formatting the schedule file included."
  echo
  echo "## The heap and the collector beside real Go 1.19"
  echo
  echo "The object is \`type node struct { next *node; val int }\` (16 bytes, one pointer) on both sides. Full cycle: a live list of 1,000,000 nodes (16 MB, built as \`head = &node{next: head, val: i}\`), one whole cycle including its sweep, gostep \`Gc().RunCycle()\` (manual mode) or \`gostep::GC()\` (automatic mode) beside \`runtime.GC()\`. gostep simulates every GOMAXPROCS on one host thread."
  echo
  echo "| operation | unit | gostep wall | Go wall | ratio | gostep CPU | Go CPU | ratio (CPU) | gostep CPU, whole run |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|--:|"
  # rowx label unit gostep_prefix go_name procs scale [whole]: as row, figures
  # divided by scale; the last column only with whole=1 (the full-cycle
  # benchmarks run their Google Benchmark loop inside the program, after the
  # build, so their whole-run CPU is the timed loop's).
  rowx() {
    local gw gc ow oc ga=""
    gw=$(div "$(bm "$3" real_time)" "$6")
    gc=$(div "$(bm "$3" cpu_ns)" "$6")
    [[ ${7:-1} == 1 ]] && ga=$(fmtn "$(div "$(bm "$3" cpu_time)" "$6")")
    ow=$(div "$(gob "$4" "$5" ns_op)" "$6")
    oc=$(div "$(gob "$4" "$5" cpu_ns_op)" "$6")
    echo "| $1 | $2 | $(fmtn "$gw") | $(fmtn "$ow") | $(ratio "$gw" "$ow") | $(fmtn "$gc") | $(fmtn "$oc") | $(ratio "$gc" "$oc") | $ga |"
  }
  rowx "full GC cycle, 1M live nodes: gostep manual \`RunCycle\` / Go GOMAXPROCS=1" "ms / cycle" "BM_GcFullCycle/manual/procs:1/" gc_full 1 1e6 0
  rowx "full GC cycle, 1M live nodes: gostep manual \`RunCycle\` / Go GOMAXPROCS=2" "ms / cycle" "BM_GcFullCycle/manual/procs:1/" gc_full 2 1e6 0
  rowx "full GC cycle, 1M live nodes: gostep auto \`GC()\` GOMAXPROCS=1 / Go GOMAXPROCS=1" "ms / cycle" "BM_GcFullCycle/auto/procs:1/" gc_full 1 1e6 0
  rowx "full GC cycle, 1M live nodes: gostep auto \`GC()\` GOMAXPROCS=2 / Go GOMAXPROCS=2" "ms / cycle" "BM_GcFullCycle/auto/procs:2/" gc_full 2 1e6 0
  rowx "allocation \`sink = new(node)\`, GOGC=100: gostep GOMAXPROCS=1 / Go GOMAXPROCS=1" "ns / alloc" "BM_GcAlloc/gogc100/procs:1/" alloc_node 1 1
  rowx "allocation \`sink = new(node)\`, GOGC=100: gostep GOMAXPROCS=1 / Go GOMAXPROCS=2" "ns / alloc" "BM_GcAlloc/gogc100/procs:1/" alloc_node 2 1
  rowx "allocation \`sink = new(node)\`, GOGC=off, GOMAXPROCS=1" "ns / alloc" "BM_GcAlloc/gogcoff/procs:1/" alloc_node_gcoff 1 1
  rowx "pointer store \`ns[i&mask].next = ns[j]\`, barrier off (no cycle), GOMAXPROCS=1" "ns / store" "BM_GcPtrStore/hybrid_off/" ptr_store 1 1
  echo
  perm() { # cycles per 1M allocations: gostep counter, or Go gcs/n
    awk -v c="${1:-}" -v n="${2:-}" 'BEGIN { if (c == "" || n == "" || n + 0 == 0) print "—"; else printf "%.1f\n", c * 1e6 / n }'
  }
  echo "GC cycles per 1M allocations in the GOGC=100 allocation rows: gostep $(perm "$(bm BM_GcAlloc/gogc100/procs:1/ gc_cycles)" 2000000), Go GOMAXPROCS=1 $(perm "$(gob alloc_node 1 gcs)" "$(gob alloc_node 1 n)"), Go GOMAXPROCS=2 $(perm "$(gob alloc_node 2 gcs)" "$(gob alloc_node 2 n)") (both runtimes start a cycle about every 4 MB with a tiny live heap)."
  echo
  echo "### Pointer stores with the barrier on"
  echo
  echo "gostep: manual mode, a cycle started and stepped to the mark phase, then left there while 5M stores run (no collector step in the window; every full barrier buffer is flushed, shading what it recorded); median of 9 runs. Go cannot be held in the mark phase: one goroutine runs \`runtime.GC()\` back to back over the 1M-node list at GOMAXPROCS=2 while another runs the store loop in chunks of 4096, classified by \`runtime.gcphase\` before and after each chunk; figures are chunk medians, so the mark worker's preemptions of the storing goroutine are left out."
  echo
  echo "| write barrier | barrier off (ns / store) | mark phase (ns / store) | mark / off | buffer flushes per 1000 stores |"
  echo "|---|--:|--:|--:|--:|"
  for k in hybrid dijkstra yuasa none; do
    off=$(bm "BM_GcPtrStore/${k}_off/" real_time)
    on=$(bm "BM_GcPtrStore/${k}_mark/" real_time)
    echo "| gostep \`$k\` | $(fmtn "$off") | $(fmtn "$on") | $(ratio "$on" "$off") | $(fmtn "$(bm "BM_GcPtrStore/${k}_mark/" flushes_per_kop)") |"
  done
  GOOFF=$(gob ptr_store_bgoff 2 ns_op)
  GOON=$(gob ptr_store_mark 2 ns_op)
  echo "| real Go 1.19 (hybrid), GOMAXPROCS=2 with \`runtime.GC()\` looping; $(gob ptr_store_mark 2 chunks) chunks in mark, $(gob ptr_store_bgoff 2 chunks) off (mark fraction $(gob ptr_store_mark 2 mark_frac)) | $(fmtn "$GOOFF") | $(fmtn "$GOON") | $(ratio "$GOON" "$GOOFF") | 3.91 (one per 256 stores) |"
  echo "| real Go 1.19, no GC running, GOMAXPROCS=1 (\`testing.Benchmark\`) | $(fmtn "$(gob ptr_store 1 ns_op)") | | | |"
  echo
  echo "gostep / Go in the mark phase (hybrid): $(ratio "$(bm BM_GcPtrStore/hybrid_mark/ real_time)" "$GOON") (wall). gostep's figures are wall time; their CPU figures are in \`gostep_bench.txt\` (cpu_ns)."
  echo
  echo "### Virtual time of the simulated cycle (informative)"
  echo
  echo "gostep charges virtual time for heap work (\`gc/cost.h\`, calibrated on real Go); its gctrace clock fields (STW 1 + concurrent mark + STW 2) for the last timed cycle, beside the gctrace line of real Go's last forced cycle over the same list (\`$OUT/go_gctrace.txt\`). The virtual cycle time includes the sweep."
  echo
  echo "| run | gctrace clock (ms) | virtual cycle incl. sweep (ms) | marked (MB) |"
  echo "|---|---|--:|--:|"
  vrow() {
    echo "| $1 | $(fmtn "$(bm "$2" vclock_stw1_ms)")+$(fmtn "$(bm "$2" vclock_mark_ms)")+$(fmtn "$(bm "$2" vclock_stw2_ms)") | $(fmtn "$(bm "$2" virt_cycle_ms)") | $(fmtn "$(bm "$2" marked_mb)") |"
  }
  vrow "gostep manual \`RunCycle\`, GOMAXPROCS=1" "BM_GcFullCycle/manual/procs:1/"
  vrow "gostep auto \`GC()\`, GOMAXPROCS=1" "BM_GcFullCycle/auto/procs:1/"
  vrow "gostep auto \`GC()\`, GOMAXPROCS=2" "BM_GcFullCycle/auto/procs:2/"
  echo
  echo '```'
  echo "Go GOMAXPROCS=1: $(gctrace_go 1)"
  echo "Go GOMAXPROCS=2: $(gctrace_go 2)"
  echo '```'
  echo
  echo "## Go maps beside real Go 1.19"
  echo
  echo "\`map[int64]int64\` and \`map[string]int\` (keys \`\"key-0\"\` … made once and reused; key j holds j) at n = 8, 1k and 1M entries, GOMAXPROCS=1 on both sides. **off**: the map code alone (\`maps::BucketMap\` on a \`gc::NullWorld\`, manual collector, no yield points, no event log). **on**: \`gostep::GoMap\` inside a simulation (one P, go policy, runtime granularity, event log on, automatic GC). Operations: **insert** = one new key while building maps of n entries from \`make\` (no hint; growth and the makes included; Go's GC runs in its figure, and in on's; off collects outside its window; at 1M one whole build: off one timed build, Go the median of 5, on not measured, see bench/README.md); **lookup** = \`v, ok := m[k]\`, a hit; **iter** = one entry produced by \`for _, v := range m\`; **delete** = one \`delete(m, k); m[k] = v\` pair (size kept); **update** = \`m[k] = v\` of an existing key. gostep: median of 5 timed rounds of about 40 ms after a probe (\`BM_Map\`); Go: median of 5 \`testing.Benchmark\` runs of 50 ms (\`map_*\`). Ratios are gostep / Go; steps and event bytes are per operation, in on."
  echo
  for kind in int64 string; do
    if [[ $kind == int64 ]]; then echo "### map[int64]int64"; else echo "### map[string]int"; fi
    echo
    echo "| n | operation | Go wall | off wall | off / Go | on wall | on / Go | Go CPU | off CPU | off / Go (CPU) | on CPU | on / Go (CPU) | on steps | on event bytes |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for n in 8 1000 1000000; do
      lbl=$(maplabel "$n")
      for op in insert lookup iter delete update; do
        ow=$(gob "map_${op}_${kind}_${lbl}" 1 ns_op)
        oc=$(gob "map_${op}_${kind}_${lbl}" 1 cpu_ns_op)
        fw=$(bm1 "BM_Map/off_${kind}/n:${n}/" "${op}_ns")
        fc=$(bm1 "BM_Map/off_${kind}/n:${n}/" "${op}_cpu_ns")
        nw=$(bm1 "BM_Map/on_${kind}/n:${n}/" "${op}_ns")
        nc=$(bm1 "BM_Map/on_${kind}/n:${n}/" "${op}_cpu_ns")
        echo "| $lbl | $op | $(fmtn "$ow") | $(fmtn "$fw") | $(ratio "$fw" "$ow") | $(fmtn "$nw") | $(ratio "$nw" "$ow") | $(fmtn "$oc") | $(fmtn "$fc") | $(ratio "$fc" "$oc") | $(fmtn "$nc") | $(ratio "$nc" "$oc") | $(fmtn "$(bm1 "BM_Map/on_${kind}/n:${n}/" "${op}_steps")") | $(fmtn "$(bm1 "BM_Map/on_${kind}/n:${n}/" "${op}_ev_bytes")") |"
      done
    done
    echo
  done
  echo "Figures in ns per operation. Collector cycles started per 1M inserts in on's insert rows (n = 8, 1k): int64 $(fmtn "$(bm1 BM_Map/on_int64/n:8/ insert_gc_per_M)"), $(fmtn "$(bm1 BM_Map/on_int64/n:1000/ insert_gc_per_M)"); string $(fmtn "$(bm1 BM_Map/on_string/n:8/ insert_gc_per_M)"), $(fmtn "$(bm1 BM_Map/on_string/n:1000/ insert_gc_per_M)"). Go's map_insert cycles per run: see \`gcs=\` in \`$OUT/go_bench.txt\`."
  echo
  echo "## The interpreter beside \`go build\`"
  echo
  echo "Each program of \`bench/go/lang/\` is one Go source run both ways. gostep: \`lang::Compile\` once, then one \`Program::Run\` per iteration (a fresh Runtime each: GOMAXPROCS 1, go policy, statement granularity, no event log), median of 5 runs (\`BM_Lang/<name>\`). Go 1.19: the same file built with \`harness.go\`, which calls \`main\` 9 times in-process at GOMAXPROCS=1 after a warm-up call (\`runtime.GC()\` before each) and reports the median (\`$OUT/go_lang.txt\`). Figures per whole run of the program."
  echo
  echo "| program | unit | gostep wall | Go wall | ratio | gostep CPU | Go CPU | ratio (CPU) |"
  echo "|---|---|--:|--:|--:|--:|--:|--:|"
  langrow() { # label program
    local gw gc ow oc
    gw=$(bm "BM_Lang/$2/" real_time)
    gc=$(div "$(bm "BM_Lang/$2/" cpu_ns)" 1e6)
    ow=$(div "$(gob "lang_$2" 1 ns_op)" 1e6)
    oc=$(div "$(gob "lang_$2" 1 cpu_ns_op)" 1e6)
    echo "| $1 | ms / run | $(fmtn "$gw") | $(fmtn "$ow") | $(ratio "$gw" "$ow") | $(fmtn "$gc") | $(fmtn "$oc") | $(ratio "$gc" "$oc") |"
  }
  langrow "\`fib.go\`: recursive fib(30)" fib
  langrow "\`maploop.go\`: 1M inserts then 1M lookups, map[int]int" maploop
  langrow "\`pingpong.go\`: 100k round trips, two goroutines, unbuffered channels" pingpong
  echo
  echo "Go's CPU is the process's (\`clock_gettime(CLOCK_PROCESS_CPUTIME_ID)\`, all threads: its collector's workers too); gostep's is the benchmark thread's."
  echo
  echo "## Exploration throughput"
  echo
  echo "\`gostep explore FILE --go 1.19 --gomaxprocs P --runs N --jobs J\` (random policy, runtime granularity, the command's defaults), timed whole by GNU time (compile, start-up and the report included). \`explore_map100.go\`: two goroutines each write 100 keys into one map under a \`sync.Mutex\` (every run exits 0). \`iter_while_write.go\`: the §2.4 scenario (main's 1000 insert/delete pairs beside a goroutine ranging over the map in a loop); at GOMAXPROCS 2 some runs end in \`fatal error: concurrent map iteration and map write\`."
  echo
  echo "| scenario | GOMAXPROCS | runs | jobs | wall (s) | CPU (s) | schedules / s | CPU ms / schedule | jobs 2 / jobs 1 | outcomes |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|"
  # exrow label procs runs name_j1 name_j2
  exrow() {
    local j w c rate r1="" name
    for j in 1 2; do
      if [[ $j == 1 ]]; then name=$4; else name=$5; fi
      w=$(awk '{print $1}' "$OUT/$name.time" 2>/dev/null | tail -n 1)
      c=$(awk '{print $2 + $3}' "$OUT/$name.time" 2>/dev/null | tail -n 1)
      rate=$(div "$3" "$w")
      [[ $j == 1 ]] && r1=$rate
      local sc=""
      [[ $j == 2 ]] && sc=$(ratio "$rate" "$r1")
      local hist
      hist=$(awk '/^--- [0-9]+ runs/ {on = 1; next} on && NF {gsub(/^ +/, ""); printf "%s%s", sep, $0; sep = "; "}' "$OUT/$name.out" 2>/dev/null)
      echo "| $1 | $2 | $3 | $j | $(fmtn "$w") | $(fmtn "$c") | $(fmtn "$rate") | $(fmtn "$(div "$(awk -v c="$c" 'BEGIN{print c * 1000}')" "$3")") | $sc | $hist |"
    done
  }
  exrow "\`bench/go/lang/explore_map100.go\`" 2 "$EXPLORE_RUNS" explore_map100_j1 explore_map100_j2
  exrow "\`traces/article/iter_while_write.go\`" 1 "$EXPLORE_RUNS_IWW" explore_iww_p1_j1 explore_iww_p1_j2
  exrow "\`traces/article/iter_while_write.go\`" 2 "$EXPLORE_RUNS_IWW" explore_iww_p2_j1 explore_iww_p2_j2
  echo
  echo "## gostep's own mechanisms"
  echo
  echo "| measure | unit | wall | CPU | checks |"
  echo "|---|---|--:|--:|---|"
  SW_PER_YIELD=$(bm "BM_YieldPointSwitch/procs:2/" switches_per_op)
  STEPS_PER_YIELD=$(bm "BM_YieldPointSwitch/procs:2/" steps_per_op)
  echo "| raw Boost.Context \`fiber\` switch (two fibers ping-pong) | ns / switch | $(fmtn "$(bm BM_BoostFiberSwitch/depth:0/ real_time)") | $(fmtn "$(bm BM_BoostFiberSwitch/depth:0/ cpu_ns)") | |"
  for d in 1 4 8; do
    echo "| the same switch, resumed from $d nested call(s) | ns / switch | $(fmtn "$(bm "BM_BoostFiberSwitch/depth:$d/" real_time)") | $(fmtn "$(bm "BM_BoostFiberSwitch/depth:$d/" cpu_ns)") | |"
  done
  echo "| yield-point switch: \`gostep::Loop()\`, go policy, GOMAXPROCS=2 | ns / yield point | $(fmtn "$(bm BM_YieldPointSwitch/procs:2/ real_time)") | $(fmtn "$(bm BM_YieldPointSwitch/procs:2/ cpu_ns)") | switches per yield point $(awk -v x="$SW_PER_YIELD" 'BEGIN{printf "%.4f", x}'), steps per yield point $(awk -v x="$STEPS_PER_YIELD" 'BEGIN{printf "%.4f", x}') |"
  echo "| yield-point step without a switch: one goroutine, GOMAXPROCS=1 | ns / yield point | $(fmtn "$(bm BM_YieldPointNoSwitch/procs:1/ real_time)") | $(fmtn "$(bm BM_YieldPointNoSwitch/procs:1/ cpu_ns)") | |"
  echo "| random policy step, GOMAXPROCS=2 | ns / step | $(fmtn "$(bm BM_RandomPolicyStep/procs:2/ real_time)") | $(fmtn "$(bm BM_RandomPolicyStep/procs:2/ cpu_ns)") | recording bytes per step $(awk -v x="$(bm BM_RandomPolicyStep/procs:2/ rec_bytes_per_step)" 'BEGIN{printf "%.2f", x}'), switches per step $(awk -v x="$(bm BM_RandomPolicyStep/procs:2/ switches_per_op)" 'BEGIN{printf "%.2f", x}'), steps per op $(awk -v x="$(bm BM_RandomPolicyStep/procs:2/ steps_per_op)" 'BEGIN{printf "%.4f", x}') |"
  echo "| \`DecisionPath::RandN\`, recording | ns / draw | $(fmtn "$(bm BM_DecisionPathRandN/ real_time)") | $(fmtn "$(bm BM_DecisionPathRandN/ cpu_ns)") | recording bytes per draw $(awk -v x="$(bm BM_DecisionPathRandN/ rec_bytes_per_draw)" 'BEGIN{printf "%.2f", x}') |"
  echo "| \`Wyrand::FastrandN\` alone | ns / draw | $(fmtn "$(bm BM_WyrandFastrandN/ real_time)") | $(fmtn "$(bm BM_WyrandFastrandN/ cpu_ns)") | |"
  echo
  if [[ $(le "$(awk -v x="${SW_PER_YIELD:-0}" 'BEGIN{print 1 - x}')" 0.001) == yes && $(le "$(awk -v x="${STEPS_PER_YIELD:-0}" 'BEGIN{x -= 1; print x < 0 ? -x : x}')" 0.001) == yes ]]; then
    echo "Checked in this run: under the go policy at GOMAXPROCS=2 with two busy goroutines, consecutive yield points came from different goroutines (one fiber switch per yield point) and each yield point was one scheduler step."
  else
    echo "**Not confirmed in this run:** switches per yield point = $SW_PER_YIELD, steps per yield point = $STEPS_PER_YIELD (expected 1 and 1); the yield-point figure is not a pure switch cost."
  fi
  echo
  echo "## Targets"
  echo
  echo "| target | wall | CPU | limit | result |"
  echo "|---|--:|--:|--:|---|"
  FAILED=0
  target() { # label wall cpu limit
    local r
    if [[ $(le "$2" "$4") == yes && $(le "$3" "$4") == yes ]]; then
      r=PASS
    elif [[ $(le "$2" "$4") == yes || $(le "$3" "$4") == yes ]]; then
      r="FAIL (passes on one clock only)"
      FAILED=1
    else
      r=FAIL
      FAILED=1
    fi
    echo "| $1 | $(fmtn "$2") | $(fmtn "$3") | $4 | **$r** |"
  }
  target "yield-point switch / raw Boost.Context switch (x)" \
    "$(ratio "$(bm BM_YieldPointSwitch/procs:2/ real_time)" "$(bm BM_BoostFiberSwitch/depth:0/ real_time)")" \
    "$(ratio "$(bm BM_YieldPointSwitch/procs:2/ cpu_ns)" "$(bm BM_BoostFiberSwitch/depth:0/ cpu_ns)")" 3
  target "random-policy decision: one step at GOMAXPROCS=2 (ns)" \
    "$(bm BM_RandomPolicyStep/procs:2/ real_time)" "$(bm BM_RandomPolicyStep/procs:2/ cpu_ns)" 100
  for p in 1 2; do
    target "full GC cycle, 1M live objects: gostep manual \`RunCycle\` / Go \`runtime.GC()\` GOMAXPROCS=$p (x)" \
      "$(ratio "$(bm BM_GcFullCycle/manual/procs:1/ real_time)" "$(gob gc_full $p ns_op)")" \
      "$(ratio "$(bm BM_GcFullCycle/manual/procs:1/ cpu_ns)" "$(gob gc_full $p cpu_ns_op)")" 3
  done
  for p in 1 2; do
    target "full GC cycle, 1M live objects: gostep auto \`GC()\` / Go \`runtime.GC()\`, both GOMAXPROCS=$p (x)" \
      "$(ratio "$(bm "BM_GcFullCycle/auto/procs:$p/" real_time)" "$(gob gc_full $p ns_op)")" \
      "$(ratio "$(bm "BM_GcFullCycle/auto/procs:$p/" cpu_ns)" "$(gob gc_full $p cpu_ns_op)")" 3
  done
  # Maps (acceptance 7): every operation at most 2x real Go with the map
  # code alone (off), at most 10x inside a simulation with events (on); one
  # row per shape, the worst operation on each clock.
  for mode in off on; do
    if [[ $mode == off ]]; then lim=2; else lim=10; fi
    for kind in int64 string; do
      for n in 8 1000 1000000; do
        w=$(mapworst "$mode" "$kind" "$n" wall)
        c=$(mapworst "$mode" "$kind" "$n" cpu)
        if [[ $kind == int64 ]]; then t="map[int64]int64"; else t="map[string]int"; fi
        target "map $mode: $t, n = $(maplabel "$n"), slowest operation / real Go (x; wall: ${w#* }, CPU: ${c#* })" "${w%% *}" "${c%% *}" "$lim"
      done
    done
  done
  # The interpreter (scenario acceptance 6): each program at most 30x its
  # `go build` binary; exploration at least 2000 schedules/s on one job.
  for p in fib maploop pingpong; do
    target "interpreter: \`$p.go\`, gostep / \`go build\` (x)" "$(ratio "$(bm "BM_Lang/${p}/" real_time)" "$(div "$(gob "lang_$p" 1 ns_op)" 1e6)")" "$(ratio "$(div "$(bm "BM_Lang/${p}/" cpu_ns)" 1e6)" "$(div "$(gob "lang_$p" 1 cpu_ns_op)" 1e6)")" 30
  done
  EXW=$(awk '{print $1}' "$OUT/explore_map100_j1.time" 2>/dev/null | tail -n 1)
  EXC=$(awk '{print $2 + $3}' "$OUT/explore_map100_j1.time" 2>/dev/null | tail -n 1)
  EXRATE_W=$(div "$EXPLORE_RUNS" "$EXW")
  EXRATE_C=$(div "$EXPLORE_RUNS" "$EXC")
  if [[ $(awk -v a="${EXRATE_W:-0}" -v b="${EXRATE_C:-0}" 'BEGIN{print (a >= 2000 && b >= 2000) ? 1 : 0}') == 1 ]]; then r=PASS; else r=FAIL; FAILED=1; fi
  echo "| exploration: \`explore_map100.go\`, --jobs 1, schedules per second (at least; CPU: runs / CPU seconds) | $(fmtn "$EXRATE_W") | $(fmtn "$EXRATE_C") | 2000 | **$r** |"
  RSS_RATIO=$(ratio "$RSS_GOSTEP" "$RSS_GO")
  if [[ $(le "$RSS_RATIO" 1.5) == yes ]]; then r=PASS; else r=FAIL; FAILED=1; fi
  echo "| $PARKED_N parked goroutines: peak RSS gostep / Go (x) | $RSS_RATIO | | 1.5 | **$r** |"
  echo
  echo "## Where gostep_parked's memory goes (\`gostep_parked $PARKED_N --diag\`, peak RSS $(awk -v k="$RSS_DIAG" 'BEGIN{printf "%.1f", k/1024}') MiB)"
  echo
  echo '```'
  grep '^diag:' "$OUT/gostep_parked_diag.err" || true
  echo '```'
  echo
  echo "Total time of this run: ${SECONDS} s."
  echo "$FAILED" >"$OUT/targets_failed"
} >"$REPORT"

cat "$REPORT"
echo
echo "report: $REPORT" >&2
if [[ ${GOSTEP_BENCH_STRICT:-0} == 1 && $(cat "$OUT/targets_failed") != 0 ]]; then
  exit 1
fi
