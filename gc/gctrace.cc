#include "gc/gctrace.h"

#include <array>

namespace gostep::gc {

// Models mgc.go:itoaDiv (go1.14–1.23) on a 24-byte buffer, as the caller's sbuf.
std::string ItoaDiv(uint64_t val, int dec) {
  std::array<char, 24> buf{};
  int i = static_cast<int>(buf.size()) - 1;
  int idec = i - dec;
  while (val >= 10 || i >= idec) {
    buf[i] = static_cast<char>(val % 10 + '0');
    --i;
    if (i == idec) {
      buf[i] = '.';
      --i;
    }
    val /= 10;
  }
  buf[i] = static_cast<char>(val + '0');
  return std::string(buf.data() + i, buf.size() - i);
}

// Models mgc.go:fmtNSAsMS (go1.14–1.23).
std::string FmtNsAsMs(uint64_t ns) {
  if (ns >= 10'000'000) return ItoaDiv(ns / 1'000'000, 0);  // whole milliseconds
  uint64_t x = ns / 1000;
  if (x == 0) return "0";
  int dec = 3;
  while (x >= 100) {
    x /= 10;
    --dec;
  }
  return ItoaDiv(x, dec);
}

namespace {

// Ns formats one duration field; Go passes uint64(ns) of an int64.
std::string Ns(int64_t ns) { return FmtNsAsMs(static_cast<uint64_t>(ns)); }

std::string Mb(uint64_t bytes) { return std::to_string(bytes >> 20); }

}  // namespace

// Models the gctrace print of mgc.go:gcMarkTermination.
std::string FormatGcTrace(const base::VersionProfile& profile, const GcTraceLine& l) {
  std::string s = "gc " + std::to_string(l.num_gc) + " @" +
                  ItoaDiv(static_cast<uint64_t>(l.since_init_ns) / 1'000'000, 3) + "s " +
                  std::to_string(l.gc_cpu_percent) + "%: ";
  s += Ns(l.clock_sweep_term_ns) + "+" + Ns(l.clock_mark_ns) + "+" + Ns(l.clock_mark_term_ns) + " ms clock, ";
  s += Ns(l.cpu_sweep_term_ns) + "+" + Ns(l.cpu_assist_ns) + "/" + Ns(l.cpu_background_ns) + "/" +
       Ns(l.cpu_idle_ns) + "+" + Ns(l.cpu_mark_term_ns) + " ms cpu, ";
  s += Mb(l.heap0) + "->" + Mb(l.heap1) + "->" + Mb(l.heap2) + " MB, " + Mb(l.heap_goal) + " MB goal, ";
  if (profile.gctrace_roots) s += Mb(l.stacks) + " MB stacks, " + Mb(l.globals) + " MB globals, ";
  s += std::to_string(l.procs) + " P";
  if (l.forced) s += " (forced)";
  s += "\n";
  return s;
}

// Models the sched.totaltime bookkeeping of proc.go:procresize.
void GcCpuClock::ProcResize(int64_t now, int32_t old_procs) {
  if (proc_resize_time_ != 0) sched_total_time_ += static_cast<int64_t>(old_procs) * (now - proc_resize_time_);
  proc_resize_time_ = now;
}

// Models "Update work.totaltime" and gc_cpu_fraction in gcMarkTermination.
double GcCpuClock::EndCycle(const GcCycleTimes& t, int64_t now, int32_t gomaxprocs) {
  int64_t sweep_term_cpu = static_cast<int64_t>(t.stwprocs) * (t.t_mark - t.t_sweep_term);
  int64_t mark_cpu = t.assist + t.dedicated + t.fractional;  // idle is "free"
  int64_t mark_term_cpu = static_cast<int64_t>(t.stwprocs) * (t.t_end - t.t_mark_term);
  gc_total_time_ += sweep_term_cpu + mark_cpu + mark_term_cpu;
  int64_t total_cpu = sched_total_time_ + (now - proc_resize_time_) * gomaxprocs;
  return static_cast<double>(gc_total_time_) / static_cast<double>(total_cpu);
}

void FillCycleTimes(const GcCycleTimes& t, double gc_cpu_fraction, int64_t runtime_init_time,
                    GcTraceLine* line) {
  line->since_init_ns = t.t_sweep_term - runtime_init_time;
  line->gc_cpu_percent = static_cast<int>(gc_cpu_fraction * 100);
  line->clock_sweep_term_ns = t.t_mark - t.t_sweep_term;
  line->clock_mark_ns = t.t_mark_term - t.t_mark;
  line->clock_mark_term_ns = t.t_end - t.t_mark_term;
  line->cpu_sweep_term_ns = static_cast<int64_t>(t.stwprocs) * line->clock_sweep_term_ns;
  line->cpu_assist_ns = t.assist;
  line->cpu_background_ns = t.dedicated + t.fractional;
  line->cpu_idle_ns = t.idle;
  line->cpu_mark_term_ns = static_cast<int64_t>(t.stwprocs) * line->clock_mark_term_ns;
}

}  // namespace gostep::gc
