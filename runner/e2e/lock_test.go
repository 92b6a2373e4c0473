package e2e

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flis-dk/flis/internal/pgtest"
)

// heldRun is run A of a lock test, held inside the gate while it builds big, with a second
// checkout of the same project for run B.
type heldRun struct {
	d    *db
	dsn  string
	dirB string
	a    *proc
	open func()
}

// holdRunA writes files twice, starts run A (flis args...) on the first copy and returns
// once A is blocked at the gate, holding the target's lock.
func holdRunA(t *testing.T, files map[string]string, name string, args ...string) heldRun {
	t.Helper()
	h := heldRun{dsn: pgtest.DSN(t)}
	h.d = connect(t, h.dsn)
	dirA := writeProject(t, files)
	h.dirB = writeProject(t, files)
	setupGate(h.d)
	h.open = closeGate(t, h.dsn)
	h.a = startFlis(t, name, dirA, h.dsn, args...)
	waitBlocked(t, h.d)
	return h
}

// finishA lets run A go on and requires it to succeed.
func (h heldRun) finishA(t *testing.T) {
	t.Helper()
	h.open()
	if code := h.a.wait(60 * time.Second); code != 0 {
		t.Fatalf("run A exit %d\n%s\n%s", code, h.a.stdout(), h.a.stderr())
	}
}

// TestAdvisoryLockSerialisesRuns starts run A and holds it in the middle of building big,
// and meanwhile starts run B on the same target from another checkout of the project. B
// must say that it waits, start only after A has finished, and then succeed; the logs
// written by both runs must not interleave.
func TestAdvisoryLockSerialisesRuns(t *testing.T) {
	t.Parallel()
	h := holdRunA(t, slowProject, "run A", "run", "--output", "json", "--vars", "{run: A}")
	d, a := h.d, h.a
	b := startFlis(t, "run B", h.dirB, h.dsn, "run", "--output", "json", "--vars", "{run: B, ver: 2}")
	b.waitLine(`"event":"waiting"`, 60*time.Second)
	// B waits for as long as A runs, not for some timeout of its own.
	time.Sleep(500 * time.Millisecond)
	if strings.Contains(b.stdout(), `"event":"run_start"`) {
		t.Fatalf("run B started while A held the target:\n%s", b.stdout())
	}
	h.finishA(t)
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

	// The database's own record: when each run's two log models ran (in either order within
	// a run: they are independent), in time order. All of A's come before all of B's.
	got := d.text(`SELECT string_agg(run, ' ' ORDER BY t) FROM (
		SELECT run, t FROM dm.log_start UNION ALL SELECT run, t FROM dm.log_end) l`)
	if got != "A A B B" {
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
	h := holdRunA(t, slowProject, "run A", "run", "--vars", "{run: A}")
	began := time.Now()
	b := startFlis(t, "run B", h.dirB, h.dsn, "run", "--no-wait", "--vars", "{run: B}")
	code := b.wait(30 * time.Second)
	took := time.Since(began)
	if code != 1 {
		t.Errorf("run B --no-wait: exit %d, want 1\n%s", code, b.stderr())
	}
	if !strings.Contains(b.stderr(), "another flis run holds target dev") {
		t.Errorf("run B's message does not say why:\n%s", b.stderr())
	}
	if took > 10*time.Second {
		t.Errorf("run B --no-wait took %v to give up", took)
	}
	if strings.Contains(b.stdout(), " OK ") {
		t.Errorf("run B built something:\n%s", b.stdout())
	}
	h.finishA(t)
	if got := h.d.text(`SELECT string_agg(run, ' ' ORDER BY t) FROM dm.log_start`); got != "A" {
		t.Errorf("log of started runs: %q, want only A", got)
	}
}

// TestInterruptWhileWaitingForLock: Ctrl-C on a run that waits for the lock ends it at once
// with exit code 130, and the run holding the lock carries on undisturbed.
func TestInterruptWhileWaitingForLock(t *testing.T) {
	t.Parallel()
	h := holdRunA(t, slowProject, "run A", "run", "--vars", "{run: A}")
	b := startFlis(t, "run B", h.dirB, h.dsn, "run", "--vars", "{run: B}")
	b.waitLine(`^Waiting for another flis run on target dev to finish\.\.\.$`, 30*time.Second)
	sent := time.Now()
	b.signal(syscall.SIGINT)
	if code := b.wait(10 * time.Second); code != 130 {
		t.Errorf("run B interrupted while waiting: exit %d, want 130\n%s", code, b.stderr())
	}
	if took := time.Since(sent); took > 5*time.Second {
		t.Errorf("run B took %v to stop", took)
	}
	h.finishA(t)
	if got := h.d.text(`SELECT string_agg(run, ' ' ORDER BY t) FROM dm.log_start`); got != "A" {
		t.Errorf("log of started runs: %q, want only A", got)
	}
}

// TestLockIsPerTarget: the lock belongs to a target, so a run on target ci proceeds while a
// run on dev holds dev's lock.
func TestLockIsPerTarget(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	for k, v := range slowProject {
		files[k] = v
	}
	files["flis.yaml"] += `targets:
  dev: {}
  ci: {dsn: "${env:FLIS_DSN}", schema_suffix: _ci}
`
	h := holdRunA(t, files, "run A on dev", "run", "--vars", "{run: A}")
	b := startFlis(t, "run B on ci", h.dirB, h.dsn, "run", "--target", "ci", "--select", "log_start", "--vars", "{run: B}")
	if code := b.wait(30 * time.Second); code != 0 {
		t.Fatalf("run B on ci: exit %d\n%s\n%s", code, b.stdout(), b.stderr())
	}
	if strings.Contains(b.stdout(), "Waiting") {
		t.Errorf("run B on ci waited for dev's lock:\n%s", b.stdout())
	}
	if got := h.d.text(`SELECT string_agg(run, ' ') FROM dm_ci.log_start`); got != "B" {
		t.Errorf("ci's log: %q, want B", got)
	}
	h.finishA(t)
}
