// sync.Cond, sync.Locker and the method sets of std types: embedded
// mutexes, method values and expressions, interfaces satisfied by std
// types. The output is deterministic in Go: every wait is in a loop on its
// condition, and the results are printed after the goroutines are joined.
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// Queue is the textbook bounded queue over one Mutex and two Conds.
type Queue struct {
	mu       sync.Mutex
	notEmpty *sync.Cond
	notFull  *sync.Cond
	items    []int
	max      int
}

func NewQueue(max int) *Queue {
	q := &Queue{max: max}
	q.notEmpty = sync.NewCond(&q.mu)
	q.notFull = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Put(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == q.max {
		q.notFull.Wait()
	}
	q.items = append(q.items, v)
	q.notEmpty.Signal()
}

func (q *Queue) Get() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.notEmpty.Wait()
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.notFull.Signal()
	return v
}

// Counter embeds its lock, as SafeMap-style types do.
type Counter struct {
	sync.RWMutex
	n map[string]int
}

type PtrEmbed struct{ *sync.Mutex }

// countingLocker is a user Locker: Cond calls its methods through the interface.
type countingLocker struct {
	mu            sync.Mutex
	locks, unlock int
}

func (c *countingLocker) Lock()   { c.mu.Lock(); c.locks++ }
func (c *countingLocker) Unlock() { c.unlock++; c.mu.Unlock() }

func main() {
	// Producer/consumer over a bounded queue.
	q := NewQueue(2)
	var wg sync.WaitGroup
	sums := make([]int, 3)
	for c := 0; c < 3; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				sums[c] += q.Get()
			}
		}(c)
	}
	for i := 1; i <= 30; i++ {
		q.Put(i)
	}
	wg.Wait()
	fmt.Println("total", sums[0]+sums[1]+sums[2])

	// Broadcast wakes every waiter.
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	woken := 0
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			for !ready {
				c.Wait()
			}
			woken++
			mu.Unlock()
		}()
	}
	time.Sleep(time.Millisecond)
	mu.Lock()
	ready = true
	c.Broadcast()
	mu.Unlock()
	wg.Wait()
	fmt.Println("woken", woken)

	// A Cond over a user Locker, and over an RWMutex's read locker.
	cl := &countingLocker{}
	uc := sync.NewCond(cl)
	done := false
	wg.Add(1)
	go func() {
		defer wg.Done()
		cl.Lock()
		done = true
		uc.Signal()
		cl.Unlock()
	}()
	cl.Lock()
	for !done {
		uc.Wait()
	}
	cl.Unlock()
	wg.Wait()
	fmt.Println("user locker", cl.locks, cl.unlock)
	var rw sync.RWMutex
	rc := sync.NewCond(rw.RLocker())
	rc.L.Lock()
	fmt.Println("rlocker held; TryLock:", rw.TryLock())
	rc.L.Unlock()
	fmt.Println("rlocker released; TryLock:", rw.TryLock())
	rw.Unlock()
	zero := sync.Cond{L: &sync.Mutex{}}
	zero.Signal()
	zero.Broadcast()

	// Embedded locks, method values and expressions, std types in interfaces.
	ct := &Counter{n: map[string]int{}}
	for _, k := range []string{"b", "a", "b"} {
		ct.Lock()
		ct.n[k]++
		ct.Unlock()
	}
	ct.RLock()
	keys := make([]string, 0, len(ct.n))
	for k := range ct.n {
		keys = append(keys, k)
	}
	ct.RUnlock()
	sort.Strings(keys)
	fmt.Println(keys, ct.n["b"])
	pe := PtrEmbed{&sync.Mutex{}}
	pe.Lock()
	fmt.Println("embedded *Mutex TryLock:", pe.TryLock())
	pe.Unlock()
	lock, unlock := ct.Lock, ct.Unlock
	lock()
	fmt.Println("method value held:", ct.TryRLock())
	unlock()
	(*sync.RWMutex).RLock(&ct.RWMutex)
	fmt.Println("method expression RLock; TryLock:", ct.TryLock())
	(*sync.RWMutex).RUnlock(&ct.RWMutex)
	var l sync.Locker = &ct.RWMutex
	l.Lock()
	l.Unlock()
	var s fmt.Stringer = 90 * time.Second
	fmt.Println(s, s.String())
	var once sync.Once
	do := once.Do
	do(func() { fmt.Println("once") })
	do(func() { fmt.Println("twice") })
}
