package e2e

import (
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flis-dk/flis/internal/pgtest"
)

// TestInterrupt sends SIGINT (Ctrl-C) while building big's stage waits for the gate, which
// stays closed. The statement must be cancelled on the server at once, flis must exit 130
// (it could not end otherwise), big must be unchanged, the nodes that did not run
// must be reported SKIP, and no stage may be left behind.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	dsn := pgtest.DSN(t)
	d := connect(t, dsn)
	dir := writeProject(t, slowProject)
	setupGate(d)

	first := startFlis(t, "first run", dir, dsn, "run")
	if code := first.wait(60 * time.Second); code != 0 {
		t.Fatalf("first run: exit %d\n%s\n%s", code, first.stdout(), first.stderr())
	}

	closeGate(t, dsn)
	run := startFlis(t, "interrupted run", dir, dsn, "run", "--threads", "1", "--vars", "{ver: 2}")
	waitBlocked(t, d)
	sent := time.Now()
	run.signal(syscall.SIGINT)
	code := run.wait(20 * time.Second)
	took := time.Since(sent)
	if code != 130 {
		t.Errorf("exit %d after Ctrl-C, want 130\n%s\n%s", code, run.stdout(), run.stderr())
	}
	if took > 10*time.Second {
		t.Errorf("flis took %v to stop after Ctrl-C", took)
	}
	// The server is not left running flis's query: the cancel reached it.
	var last string
	eventually(t, 3*time.Second, "no active flis query after Ctrl-C", func() bool {
		last = d.text(activeFlisQueries)
		return last == ""
	})
	if got := d.text(bigState); got != "5000|1|1" {
		t.Errorf("after Ctrl-C big holds %s, want the old 5000 rows of version 1", got)
	}
	if got := d.text(`SELECT n || '|' || ver FROM dm.after`); got != "5000|1" {
		t.Errorf("after Ctrl-C dm.after holds %s, want the first run's 5000|1", got)
	}
	if got := d.text(`SELECT count(*) FROM pg_class WHERE strpos(relname, '__flis_') > 0`); got != "0" {
		t.Errorf("%s __flis_ relations left after Ctrl-C", got)
	}

	out := run.stdout()
	t.Logf("interrupted run:\n%s", out)
	for _, want := range []string{
		`(?m)^\d of 4 ERROR +table +dm\.big `,
		`(?m)^\d of 4 SKIP +table +dm\.after .*\[SKIP: upstream model\.big ERROR\]`,
		`(?m)^  interrupted: the running statement was cancelled on the server; nothing of dm\.big was published$`,
		`(?m)^Interrupted in [0-9.]+s: `,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	// Every node got a line, and the summary counts them all.
	if n := strings.Count(out, " of 4 "); n != 4 {
		t.Errorf("%d node lines, want 4:\n%s", n, out)
	}
	if !regexp.MustCompile(`SKIP=[1-3] TOTAL=4`).MatchString(out) {
		t.Errorf("summary:\n%s", out)
	}
}
