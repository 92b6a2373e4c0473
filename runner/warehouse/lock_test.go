package warehouse

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// heldByA opens two clients of one database, a and b, and takes the "dev" lock with a.
func heldByA(t *testing.T) (a, b *DB, unlock func()) {
	t.Helper()
	dsn := open(t, Config{}).ConnConfig().ConnString()
	a, b = open(t, Config{DSN: dsn}), open(t, Config{DSN: dsn})
	unlock, err := a.Lock(context.Background(), "dev", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a, b, unlock
}

func TestLockNoWaitFailsWhileHeld(t *testing.T) {
	t.Parallel()
	_, b, unlock := heldByA(t)
	ctx := context.Background()
	_, err := b.Lock(ctx, "dev", false, func() { t.Error("onWait called without wait") })
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Lock = %v, want ErrLocked", err)
	}
	if want := "another flis run holds the lock on dev"; err.Error()[:len(want)] != want {
		t.Errorf("error = %q", err)
	}
	// Another key is independent.
	other, err := b.Lock(ctx, "prod", false, nil)
	if err != nil {
		t.Fatalf("Lock on another key: %v", err)
	}
	other()
	unlock()
	unlock() // idempotent
	again, err := b.Lock(ctx, "dev", false, nil)
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	again()
}

func TestLockWaitBlocksUntilReleased(t *testing.T) {
	t.Parallel()
	_, b, unlock := heldByA(t)
	ctx := context.Background()
	var waited atomic.Int32
	waiting := make(chan struct{})
	got := make(chan error, 1)
	go func() {
		unlockB, err := b.Lock(ctx, "dev", true, func() {
			if waited.Add(1) == 1 {
				close(waiting)
			}
		})
		if err == nil {
			unlockB()
		}
		got <- err
	}()
	select {
	case <-waiting:
	case err := <-got:
		t.Fatalf("waiting Lock returned while the lock was held: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("onWait was not called")
	}
	select {
	case err := <-got:
		t.Fatalf("waiting Lock returned while the lock was held: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	if waited.Load() != 1 {
		t.Errorf("onWait called %d times, want 1", waited.Load())
	}
	released := time.Now()
	unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Since(released); d > time.Second {
			t.Errorf("waiter got the lock %v after release", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("waiter did not get the lock after release")
	}
}

func TestLockWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	unlock, err := db.Lock(context.Background(), "dev", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = db.Lock(ctx, "dev", true, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancelled wait returned after %v", d)
	}
}

func TestLockReleasedWhenSessionDies(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	_, err := db.Lock(ctx, "dev", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Simulate a killed flis: terminate the lock's backend from outside.
	if _, err := db.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks
		WHERE locktype = 'advisory' AND pid <> pg_backend_pid()
		  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		unlock, err := db.Lock(ctx, "dev", false, nil)
		if err == nil {
			unlock()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("lock still held after its session died: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
