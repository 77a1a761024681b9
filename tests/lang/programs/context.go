// Package context: cancellation trees, values, deadlines and timeouts on
// the virtual clock, the errors and their identities, the String forms and
// WithValue's panics. Deterministic in Go: goroutines are joined before
// their results are printed, and the timeouts are far apart.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

type key string

func worker(ctx context.Context, id int, out chan<- string) {
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			out <- fmt.Sprint("worker ", id, " stopped: ", ctx.Err())
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func main() {
	bg := context.Background()
	fmt.Println(bg, context.TODO(), bg.Err(), bg.Done() == nil)
	_, ok := bg.Deadline()
	fmt.Println("background has a deadline:", ok)

	ctx, cancel := context.WithCancel(bg)
	fmt.Println(ctx, ctx.Err())
	child, cancelChild := context.WithCancel(ctx)
	vctx := context.WithValue(child, key("user"), "gopher")
	fmt.Println(vctx)
	fmt.Println(vctx.Value(key("user")), vctx.Value("user"), vctx.Value(key("x")))
	var wg sync.WaitGroup
	results := make([]string, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-vctx.Done()
			results[i] = fmt.Sprint(i, " ", vctx.Err())
		}(i)
	}
	time.Sleep(time.Millisecond)
	cancel()
	wg.Wait()
	fmt.Println(results)
	fmt.Println(ctx.Err(), child.Err(), errors.Is(child.Err(), context.Canceled), child.Err() == context.Canceled)
	cancelChild()
	cancel()
	late, lateCancel := context.WithCancel(ctx)
	fmt.Println("child of a canceled parent:", late.Err())
	lateCancel()

	out := make(chan string)
	wctx, wcancel := context.WithTimeout(bg, 35*time.Millisecond)
	go worker(wctx, 1, out)
	fmt.Println(<-out)
	wcancel()

	tctx, tcancel := context.WithTimeout(bg, 50*time.Millisecond)
	defer tcancel()
	_, ok = tctx.Deadline()
	fmt.Println("timeout has a deadline:", ok)
	start := time.Now()
	select {
	case <-tctx.Done():
		fmt.Println("done:", tctx.Err(), tctx.Err() == context.DeadlineExceeded, time.Since(start) >= 50*time.Millisecond)
	case <-time.After(time.Second):
		fmt.Println("the timeout was not honoured")
	}
	past, pcancel := context.WithDeadline(bg, time.Now().Add(-time.Second))
	fmt.Println("past deadline:", past.Err())
	pcancel()
	short, scancel := context.WithTimeout(bg, 10*time.Millisecond)
	long, lcancel := context.WithTimeout(short, time.Hour)
	d1, _ := short.Deadline()
	d2, _ := long.Deadline()
	fmt.Println("a later child deadline keeps the parent's:", d1 == d2)
	<-long.Done()
	fmt.Println(long.Err(), errors.Is(long.Err(), context.DeadlineExceeded))
	scancel()
	lcancel()
	var te interface{ Timeout() bool }
	fmt.Println(errors.As(context.DeadlineExceeded, &te), te.Timeout(), context.DeadlineExceeded)
	fmt.Printf("%T %T %T\n", bg, vctx, context.CancelFunc(cancel))

	defer func() { fmt.Println("recovered:", recover()) }()
	context.WithValue(bg, nil, 1)
}
