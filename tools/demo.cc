#include "tools/demo.h"

#include <memory>

#include "runtime/chan.h"
#include "runtime/go.h"
#include "runtime/sync.h"
#include "runtime/time.h"

namespace gostep::tools {

void DemoMain() {
  auto jobs = MakeChan<int>(4);
  auto results = MakeChan<int>(0);
  struct Shared {
    Mutex mu;
    WaitGroup wg;
    int total = 0;
  };
  auto sh = std::make_shared<Shared>();
  for (int w = 1; w <= 3; ++w) {
    sh->wg.Add(1);
    Go([=] {
      for (;;) {
        auto [j, ok] = jobs.Recv2();
        if (!ok) break;
        sh->mu.Lock();
        sh->total += j;
        sh->mu.Unlock();
        Gosched();
        results.Send(j * j);
      }
      sh->wg.Done();
    }, {.name = "main.main.func1"});
  }
  Go([=] {
    for (int i = 1; i <= 6; ++i) jobs.Send(i);
    jobs.Close();
  }, {.name = "main.main.func2"});
  Go([=] {
    sh->wg.Wait();
    results.Close();
  }, {.name = "main.main.func3"});
  Ticker tick = NewTicker(50 * kMicrosecond);
  Chan<Nanos> timeout = After(kSecond);
  int sum = 0, ticks = 0;
  for (bool done = false; !done;) {
    int r = 0;
    bool ok = false;
    Nanos t = 0;
    switch (Select({RecvCase(results, &r, &ok), RecvCase(tick.C, &t), RecvCase(timeout, &t)})) {
      case 0:
        if (!ok) done = true;
        sum += r;
        break;
      case 1: ++ticks; break;
      case 2: Print("timeout\n"); return;
    }
  }
  tick.Stop();
  Printf("sum of squares {}, total {}\n", sum, sh->total);
}

}  // namespace gostep::tools
