package e2e

import (
	"context"
	"regexp"
	"testing"
	"time"
)

// TestPublishLockTimeout: a report holds big open in a long transaction, so the swap cannot
// get its lock. flis must give up after --lock-timeout instead of queueing every later
// reader behind its waiting swap, report the model failed, leave the published table as it
// was, drop its stage, and exit 1.
func TestPublishLockTimeout(t *testing.T) {
	t.Parallel()
	dsn, d, dir := builtBig(t)

	// The report: a transaction that has read big and stays open.
	report := connect(t, dsn).conn
	ctx := context.Background()
	tx, err := report.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT count(*) FROM dm.big`); err != nil {
		t.Fatal(err)
	}

	began := time.Now()
	run := startFlis(t, "blocked run", dir, dsn, "run", "--select", "big", "--lock-timeout", "1s", "--vars", "{ver: 2}")
	code := run.wait(30 * time.Second)
	took := time.Since(began)
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s\n%s", code, run.stdout(), run.stderr())
	}
	if took > 15*time.Second {
		t.Errorf("flis waited %v for the lock; --lock-timeout 1s", took)
	}
	out := run.stdout()
	for _, want := range []string{
		`ERROR +table +dm\.big `,
		`lock timeout \(SQLSTATE 55P03\)`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	// The report still reads the old table, in its transaction and outside it.
	var n int64
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM dm.big WHERE ver = 1`).Scan(&n); err != nil || n != 5000 {
		t.Errorf("the report's transaction reads %d old rows (%v), want 5000", n, err)
	}
	tx.Rollback(ctx)
	if got := d.text(bigState); got != "5000|1|1" {
		t.Errorf("after the timed-out publish big holds %s, want the old table", got)
	}
	if got := d.text(`SELECT count(*) FROM pg_class WHERE strpos(relname, '__flis_') > 0`); got != "0" {
		t.Errorf("%s __flis_ relations left after the failed publish", got)
	}
}
