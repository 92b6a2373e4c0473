package seed

import (
	"context"
	"fmt"
	"time"
)

// txn is the transaction a load runs in: its own, or a savepoint inside the caller's.
type txn struct {
	l         *loader
	savepoint bool
}

const savepointName = "flis_seed"

// begin opens the load's transaction. pgconn tracks the server's transaction status from
// every ReadyForQuery, so it tells us whether a caller already holds one open.
func (l *loader) begin(ctx context.Context) (*txn, error) {
	switch st := l.conn.PgConn().TxStatus(); st {
	case 'I':
		return &txn{l: l}, l.exec(ctx, "BEGIN")
	case 'T':
		return &txn{l: l, savepoint: true}, l.exec(ctx, "SAVEPOINT "+savepointName)
	default:
		return nil, fmt.Errorf("seed %s: the connection is in a failed transaction (status %q); roll it back first", l.seed.Name, st)
	}
}

func (t *txn) commit(ctx context.Context) error {
	if t.savepoint {
		return t.l.exec(ctx, "RELEASE SAVEPOINT "+savepointName)
	}
	return t.l.exec(ctx, "COMMIT")
}

// rollback undoes the load. It runs even when ctx is cancelled (that may be why we are
// here), with a short deadline of its own; if it fails the connection is broken anyway
// and the server rolls back when it closes.
func (t *txn) rollback(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	c := t.l.conn
	if t.savepoint {
		if _, err := c.Exec(ctx, "ROLLBACK TO SAVEPOINT "+savepointName); err == nil {
			_, _ = c.Exec(ctx, "RELEASE SAVEPOINT "+savepointName)
		}
		return
	}
	_, _ = c.Exec(ctx, "ROLLBACK")
}
