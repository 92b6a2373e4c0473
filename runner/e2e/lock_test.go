package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/flis-dk/flis/internal/pgtest"
)

// TestAdvisoryLockSerialisesRuns starts run A, whose build of big takes two seconds, and
// while it builds starts run B on the same target from another checkout of the project. B
// must say that it waits, start only after A has finished, and then succeed; the logs
// written by both runs must not interleave.
func TestAdvisoryLockSerialisesRuns(t *testing.T) {
	t.Parallel()
	dsn := pgtest.DSN(t)
	d := connect(t, dsn)
	dirA, dirB := writeProject(t, slowProject), writeProject(t, slowProject)

	a := startFlis(t, "run A", dirA, dsn, "run", "--output", "json", "--vars", "{sleep: 2, run: A}")
	a.waitLine(`"event":"run_start"`, 60*time.Second)
	waitForQuery(t, d, "pg_sleep", 30*time.Second)

	b := startFlis(t, "run B", dirB, dsn, "run", "--output", "json", "--vars", "{sleep: 0, run: B, ver: 2}")
	b.waitLine(`"event":"waiting"`, 30*time.Second)
	if code := a.wait(60 * time.Second); code != 0 {
		t.Fatalf("run A exit %d\n%s\n%s", code, a.stdout(), a.stderr())
	}
	if code := b.wait(60 * time.Second); code != 0 {
		t.Fatalf("run B exit %d\n%s\n%s", code, b.stdout(), b.stderr())
	}

	evA, evB := a.events(), b.events()
	waiting := findEvent(t, evB, "waiting", "")
	if !strings.Contains(waiting.Message, "Waiting for another flis run on target dev") {
		t.Errorf("B's waiting message: %q", waiting.Message)
	}
	finishA := findEvent(t, evA, "run_finish", "")
	startB := findEvent(t, evB, "run_start", "")
	if !startB.Time.After(finishA.Time) {
		t.Errorf("B started at %v, before A finished at %v", startB.Time, finishA.Time)
	}
	if !waiting.Time.Before(finishA.Time) {
		t.Errorf("B's waiting event at %v is not before A's finish at %v: B never waited", waiting.Time, finishA.Time)
	}

	// The database's own record: each run's start and its pass over big, in time order.
	got := d.text(`SELECT string_agg(run || ':' || kind, ' ' ORDER BY t) FROM (
		SELECT run, 'start' AS kind, t FROM dm.log_start UNION ALL SELECT run, 'end', t FROM dm.log_end) l`)
	if got != "A:start A:end B:start B:end" {
		t.Errorf("runs interleaved; log in time order: %s", got)
	}
	if got := d.text(bigState); got != "5000|2|2" {
		t.Errorf("after both runs big holds %s, want B's 5000 rows of version 2", got)
	}
}

// TestAdvisoryLockNoWait: with --no-wait the second run fails at once, with exit code 1
// and a message saying why, and changes nothing.
func TestAdvisoryLockNoWait(t *testing.T) {
	t.Parallel()
	dsn := pgtest.DSN(t)
	d := connect(t, dsn)
	dirA, dirB := writeProject(t, slowProject), writeProject(t, slowProject)

	a := startFlis(t, "run A", dirA, dsn, "run", "--vars", "{sleep: 3, run: A}")
	a.waitLine(`^Running run on target dev`, 60*time.Second)

	began := time.Now()
	b := startFlis(t, "run B", dirB, dsn, "run", "--no-wait", "--vars", "{run: B}")
	code := b.wait(30 * time.Second)
	took := time.Since(began)
	if code != 1 {
		t.Errorf("run B --no-wait: exit %d, want 1\n%s", code, b.stderr())
	}
	if !strings.Contains(b.stderr(), "another flis run holds target dev") {
		t.Errorf("run B's message does not say why:\n%s", b.stderr())
	}
	select {
	case <-a.done:
		t.Fatalf("run A ended before B gave up (after %v): the test proves nothing", took)
	default:
	}
	if strings.Contains(b.stdout(), " OK ") {
		t.Errorf("run B built something:\n%s", b.stdout())
	}
	if code := a.wait(60 * time.Second); code != 0 {
		t.Fatalf("run A exit %d\n%s", code, a.stderr())
	}
	if got := d.text(`SELECT string_agg(run, ' ' ORDER BY t) FROM dm.log_start`); got != "A" {
		t.Errorf("log of started runs: %q, want only A", got)
	}
}
