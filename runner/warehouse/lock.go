package warehouse

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrLocked is returned (wrapped in *LockedError) by Lock without wait when another
// session holds the lock.
var ErrLocked = errors.New("locked by another flis run")

// LockedError names the key that was taken.
type LockedError struct{ Key string }

func (e *LockedError) Error() string {
	return fmt.Sprintf("another flis run holds the lock on %s (hint: wait for it to finish, or pass --wait)", e.Key)
}

func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// lockNamespace keeps flis's advisory lock keys apart from other applications' on the same
// server; the key is hashed server-side with hashtextextended into the bigint space.
const lockNamespace = "flis:"

// Lock takes a session advisory lock for key (a target, say "dev" or "prod:dm") on a
// dedicated connection, held until unlock is called or the process dies (the server
// releases session locks when the connection ends, so a killed run never leaves a stale
// lock). When the lock is taken: with wait, onWait is called once and Lock blocks until
// the lock is free or ctx ends; without wait, it fails at once with an error matching
// ErrLocked.
func (db *DB) Lock(ctx context.Context, key string, wait bool, onWait func()) (unlock func(), err error) {
	// Not from the pool: the lock lives as long as the run, and must not occupy a slot
	// the run's statements need, nor be released by the pool recycling the connection.
	conn, err := pgx.ConnectConfig(ctx, db.ConnConfig())
	if err != nil {
		return nil, connectError(db.config.ConnConfig, err)
	}
	fail := func(err error) (func(), error) {
		conn.Close(context.Background())
		return nil, err
	}
	full := lockNamespace + key
	var got bool
	const try = `SELECT pg_try_advisory_lock(hashtextextended($1, 0))`
	if err := conn.QueryRow(ctx, try, full).Scan(&got); err != nil {
		return fail(fmt.Errorf("lock %s: %w", key, stmtError(ctx, try, err)))
	}
	if !got {
		if !wait {
			return fail(&LockedError{Key: key})
		}
		if onWait != nil {
			onWait()
		}
		const block = `SELECT pg_advisory_lock(hashtextextended($1, 0))`
		if _, err := conn.Exec(ctx, block, full); err != nil {
			if ctx.Err() != nil {
				return fail(fmt.Errorf("waiting for the lock on %s: %w", key, ctx.Err()))
			}
			return fail(fmt.Errorf("lock %s: %w", key, stmtError(ctx, block, err)))
		}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			// Closing the session releases the lock; unlocking first makes it visible at
			// once even if the close is slow.
			conn.Exec(ctx, `SELECT pg_advisory_unlock(hashtextextended($1, 0))`, full)
			conn.Close(ctx)
		})
	}, nil
}
