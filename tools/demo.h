// tools/demo.h — the built-in example program of `gostep demo`.
//
// A small concurrent Go program written against the C++ API: a producer feeds
// jobs through a buffered channel to three workers, which update a
// mutex-protected total and report through an unbuffered channel; main
// collects the reports with a select that also watches a timeout and a
// ticker. It exercises channels, select, sync.Mutex, sync.WaitGroup, timers,
// Gosched and preemption, so its recorded schedule shows every kind of
// decision. The Go program it mirrors is in tools/demo.go.
#pragma once

namespace gostep::tools {

// DemoMain is the demo's main goroutine.
void DemoMain();

}  // namespace gostep::tools
