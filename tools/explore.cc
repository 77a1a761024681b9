// tools/explore.cc — Explore: workers on lock-free queues, an in-order fold.
//
// The calling thread is the only one that decides anything: it hands out run
// indices and folds finished runs strictly in index order (a finished run
// waits in `pending` until every lower index is folded). Workers only run.
#include "tools/explore.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/lockfree/queue.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace gostep::tools {
namespace {

using WorkQueue = boost::lockfree::queue<uint64_t>;
using DoneQueue = boost::lockfree::queue<RunRecord*>;

// Signal wakes the threads waiting for a queue: the queues carry the data
// (lock-free), a Signal only says "something was pushed" (a counter, so a
// push between a failed pop and the wait is never missed). Waiting blocks
// instead of spinning: with --jobs N on N cores a spinning waiter would take
// CPU from the runs.
class Signal {
 public:
  uint64_t seen() {
    std::lock_guard<std::mutex> l(mu_);
    return count_;
  }
  void Post() {
    {
      std::lock_guard<std::mutex> l(mu_);
      ++count_;
    }
    cv_.notify_all();
  }
  // WaitPast waits until a Post after `seen`, or for at most `timeout`.
  void WaitPast(uint64_t seen, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait_for(l, timeout, [&] { return count_ != seen; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t count_ = 0;
};

void Worker(const lang::Program& program, const ExploreConfig& cfg, WorkQueue& work, DoneQueue& done,
            Signal& work_posted, Signal& done_posted, const std::atomic<bool>& quit) {
  while (!quit.load(std::memory_order_acquire)) {
    uint64_t index;
    uint64_t seen = work_posted.seen();
    if (!work.pop(index)) {
      work_posted.WaitPast(seen, std::chrono::milliseconds(100));
      continue;
    }
    auto rec = std::make_unique<RunRecord>();
    rec->index = index;
    rec->seed = cfg.base_seed + index;
    runtime::Options o = cfg.options;
    o.seed = rec->seed;
    o.schedule_text = false;  // formatted again only for the runs the report shows (Explore)
    try {
      rec->result = program.Run(std::move(o));
      rec->outcome = OutcomeLine(rec->result);
    } catch (const std::exception& e) {
      rec->error = e.what();
    }
    RunRecord* raw = rec.release();
    while (!done.push(raw)) std::this_thread::yield();  // fails only if a node cannot be allocated
    done_posted.Post();
  }
}

// Fold keeps the report, folding runs in index order.
class Fold {
 public:
  Fold(const ExploreConfig& cfg, ExploreReport* report) : cfg_(cfg), report_(report) {}
  uint64_t next() const { return next_; }
  bool ended() const { return report_->stopped || !report_->error.empty(); }

  void Add(std::unique_ptr<RunRecord> rec) {
    if (!rec->error.empty() || !report_->counts.contains(rec->outcome)) {
      pending_.emplace(rec->index, std::move(rec));
    } else {
      pending_.emplace(rec->index, std::make_unique<RunRecord>(Strip(*rec)));  // not a first: keep the outcome only
    }
    for (auto it = pending_.find(next_); it != pending_.end() && !ended(); it = pending_.find(next_)) {
      FoldOne(std::move(it->second));
      pending_.erase(it);
    }
  }

 private:
  static RunRecord Strip(const RunRecord& r) { return RunRecord{.index = r.index, .seed = r.seed, .outcome = r.outcome}; }

  void FoldOne(std::unique_ptr<RunRecord> rec) {
    if (!rec->error.empty()) {
      report_->error = rec->error;
      return;
    }
    ++next_;
    report_->runs_done = next_;
    uint64_t& n = report_->counts[rec->outcome];
    bool stop = cfg_.stop && cfg_.stop(rec->outcome);
    if (n++ == 0) report_->firsts.push_back(std::move(*rec));
    // A stop run is always a first: later runs of that outcome never fold.
    if (stop) report_->stopped = true;
  }

  const ExploreConfig& cfg_;
  ExploreReport* report_;
  uint64_t next_ = 0;
  std::map<uint64_t, std::unique_ptr<RunRecord>> pending_;
};

}  // namespace

ExploreReport Explore(const lang::Program& program, const ExploreConfig& cfg) {
  ExploreReport report;
  const int jobs = std::max(1, cfg.jobs);
  const uint64_t window = static_cast<uint64_t>(jobs) * 4;
  WorkQueue work(window);
  DoneQueue done(window);
  Signal work_posted, done_posted;
  std::atomic<bool> quit{false};
  std::vector<std::thread> workers;
  for (int j = 0; j < jobs; ++j) {
    workers.emplace_back(Worker, std::cref(program), std::cref(cfg), std::ref(work), std::ref(done),
                         std::ref(work_posted), std::ref(done_posted), std::cref(quit));
  }
  const auto start = std::chrono::steady_clock::now();
  Fold fold(cfg, &report);
  uint64_t issued = 0;
  bool issuing = true;
  while (!fold.ended() && (fold.next() < issued || (issuing && issued < cfg.runs))) {
    if (cfg.time_budget_s > 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= cfg.time_budget_s) {
      if (issuing && issued < cfg.runs) report.out_of_time = true;
      issuing = false;
    }
    bool pushed = false;
    while (issuing && issued < cfg.runs && issued < fold.next() + window) {
      work.push(issued++);
      pushed = true;
    }
    if (pushed) work_posted.Post();
    uint64_t seen = done_posted.seen();
    RunRecord* raw;
    if (done.pop(raw)) {
      fold.Add(std::unique_ptr<RunRecord>(raw));
    } else {
      // Woken by a finished run; the timeout bounds the --time check.
      done_posted.WaitPast(seen, std::chrono::milliseconds(20));
    }
  }
  quit.store(true, std::memory_order_release);
  work_posted.Post();
  for (std::thread& t : workers) t.join();
  RunRecord* raw;
  while (done.pop(raw)) delete raw;  // runs past a stop
  // The runs skipped formatting their schedules; the report's first runs are
  // run again with it (a run is a function of its seed, so it is the same run).
  for (RunRecord& first : report.firsts) {
    if (!first.error.empty()) continue;
    runtime::Options o = cfg.options;
    o.seed = first.seed;
    first.result = program.Run(std::move(o));
    if (OutcomeLine(first.result) != first.outcome) {
      report.error = fmt::format("run {} (seed {}) did not repeat: {} then {} (a determinism bug)", first.index,
                                 first.seed, first.outcome, OutcomeLine(first.result));
    }
  }
  return report;
}

std::string OutcomeLine(const runtime::Result& r) {
  if (r.outcome == runtime::OutcomeKind::kExit && r.exit_code == 0) return "ok";
  std::string text = runtime::OutcomeText(r);
  return text.substr(0, text.find('\n'));
}

std::string FormatHistogram(const ExploreReport& report) {
  std::vector<std::pair<std::string, uint64_t>> rows(report.counts.begin(), report.counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (const auto& [text, n] : rows) {
    double pct = report.runs_done == 0 ? 0 : 100.0 * static_cast<double>(n) / static_cast<double>(report.runs_done);
    out += fmt::format("{} {:.1f}% ({})\n", text, pct, n);
  }
  return out;
}

std::string OutcomeSlug(const std::string& outcome) {
  std::string slug;
  for (char c : outcome) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (alnum) {
      slug += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= 64) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "outcome" : slug;
}

}  // namespace gostep::tools
