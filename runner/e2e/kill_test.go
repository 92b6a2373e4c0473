package e2e

import (
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKillMidBuild kills flis with SIGKILL while it builds big's stage (held there by the
// gate). No cleanup code runs in the process. Throughout, a reader polling big must only ever see the old table or the
// new one; after the kill the old rows are still published; the next run converges to the
// new result and leaves no __flis_ relation behind.
func TestKillMidBuild(t *testing.T) {
	t.Parallel()
	dsn, d, dir := builtBig(t)
	if got := d.text(bigState); got != "5000|1|1" {
		t.Fatalf("after the first run big holds %s", got)
	}

	w := watch(t, dsn, bigState)
	eventually(t, 10*time.Second, "the reader sees the old table", func() bool { return w.saw("5000|1|1") })
	open := closeGate(t, dsn)
	killed := startFlis(t, "killed run", dir, dsn, "run", "--select", "big", "--vars", "{ver: 2}")
	waitBlocked(t, d)
	killed.signal(syscall.SIGKILL)
	if code := killed.wait(10 * time.Second); code != -1 {
		t.Fatalf("killed run: exit %d, want death by signal", code)
	}
	// The killed run's statement is still on the server, waiting for the gate; once the
	// gate opens it may finish its part of the build, which changes nothing readers see.
	open()
	if got := d.text(bigState); got != "5000|1|1" {
		t.Errorf("after the kill big holds %s, want the old 5000 rows of version 1", got)
	}
	// What the kill may leave: the stage, never anything under big's own name.
	left := d.text(`SELECT coalesce(string_agg(relname, ','), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE nspname = 'dm' AND relname NOT IN ('big')`)
	for _, rel := range strings.Split(left, ",") {
		if rel != "" && rel != "big__flis_stage" {
			t.Errorf("after the kill dm holds %q; only the stage big__flis_stage may be left over", rel)
		}
	}

	rerun := startFlis(t, "re-run", dir, dsn, "run", "--select", "big", "--vars", "{ver: 2}")
	if code := rerun.wait(60 * time.Second); code != 0 {
		t.Fatalf("re-run: exit %d\n%s\n%s", code, rerun.stdout(), rerun.stderr())
	}
	if !strings.Contains(rerun.stdout(), "[5,000 rows in") {
		t.Errorf("re-run output:\n%s", rerun.stdout())
	}
	if got := d.text(bigState); got != "5000|2|2" {
		t.Errorf("after the re-run big holds %s, want 5000 rows of version 2", got)
	}
	if got := d.text(`SELECT count(*) FROM pg_class WHERE strpos(relname, '__flis_') > 0`); got != "0" {
		t.Errorf("%s __flis_ relations remain after the re-run", got)
	}

	// The reader polls on its own schedule: let it catch up with the re-run's result.
	eventually(t, 10*time.Second, "the reader sees the new table", func() bool { return w.saw("5000|2|2") })
	seen, errs := w.answers()
	for state, n := range seen {
		if state != "5000|1|1" && state != "5000|2|2" {
			t.Errorf("a reader saw big as %q (%d times): neither the old nor the new table", state, n)
		}
	}
	if seen["5000|1|1"] == 0 || seen["5000|2|2"] == 0 {
		t.Errorf("the reader did not see both versions (%v): the test watched nothing", seen)
	}
	for _, e := range errs {
		// A reader may wait for the swap's lock but must never find big missing.
		t.Errorf("a reader of big got an error: %s", e)
	}
}
