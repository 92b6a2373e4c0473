package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/internal/cli"
)

// beFlis, set in a child's environment, makes the test binary run flis's main instead of
// the tests: the processes under test are real flis processes with real signal handling,
// without a separate `go build`.
const beFlis = "FLIS_E2E_BE_FLIS"

func TestMain(m *testing.M) {
	if os.Getenv(beFlis) == "1" {
		os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// writeProject writes files (path → content) into a new temporary folder.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// proc is a running flis process. Its stdout is kept line by line, so a test can wait for
// the moment a run reaches a given point.
type proc struct {
	t     *testing.T
	name  string
	cmd   *exec.Cmd
	mu    sync.Mutex
	out   []string
	seen  *sync.Cond
	err   bytes.Buffer
	done  chan struct{}
	code  int
	ended time.Time
}

// startFlis starts flis with args in dir against dsn.
func startFlis(t *testing.T, name, dir, dsn string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), beFlis+"=1", "FLIS_DSN="+dsn, "NO_COLOR=1", "FLIS_PSEUDONYM_KEY=test-key")
	p := &proc{t: t, name: name, cmd: cmd, done: make(chan struct{})}
	p.seen = sync.NewCond(&p.mu)
	cmd.Stderr = &syncWriter{mu: &p.mu, w: &p.err}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			p.mu.Lock()
			p.out = append(p.out, sc.Text())
			p.seen.Broadcast()
			p.mu.Unlock()
		}
		io.Copy(io.Discard, stdout)
		err := cmd.Wait()
		p.mu.Lock()
		p.code = 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			p.code = ee.ExitCode() // -1 when killed by a signal
		} else if err != nil {
			p.code = -2
		}
		p.ended = time.Now()
		p.seen.Broadcast()
		p.mu.Unlock()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

type syncWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

// waitLine blocks until a stdout line matches re and returns it; it fails the test when
// the process ends first or the timeout passes.
func (p *proc) waitLine(re string, timeout time.Duration) string {
	p.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, func() { p.mu.Lock(); p.seen.Broadcast(); p.mu.Unlock() })
	defer timer.Stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := 0; ; {
		for ; i < len(p.out); i++ {
			if rx.MatchString(p.out[i]) {
				return p.out[i]
			}
		}
		if !p.ended.IsZero() || time.Now().After(deadline) {
			p.t.Fatalf("%s: no stdout line matching %q within %v (exited: %v)\nstdout:\n%s\nstderr:\n%s",
				p.name, re, timeout, !p.ended.IsZero(), strings.Join(p.out, "\n"), p.err.String())
		}
		p.seen.Wait()
	}
}

// wait waits for the process to end and returns its exit code.
func (p *proc) wait(timeout time.Duration) int {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(timeout):
		p.cmd.Process.Kill()
		<-p.done
		p.t.Fatalf("%s did not end within %v\nstdout:\n%s\nstderr:\n%s", p.name, timeout, p.stdout(), p.stderr())
	}
	return p.code
}

func (p *proc) stdout() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.out, "\n")
}

func (p *proc) stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err.String()
}

func (p *proc) signal(sig syscall.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("signal %v to %s: %v", sig, p.name, err)
	}
}

// event is the part of a JSON event line the tests read.
type event struct {
	Type     string    `json:"event"`
	Time     time.Time `json:"ts"`
	ID       string    `json:"unique_id"`
	Status   string    `json:"status"`
	Message  string    `json:"message"`
	Relation string    `json:"relation"`
}

// events parses the JSON event lines of a run with --output json.
func (p *proc) events() []event {
	p.t.Helper()
	var out []event
	for _, l := range strings.Split(p.stdout(), "\n") {
		if l == "" {
			continue
		}
		var e event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			p.t.Fatalf("%s: stdout line is not a JSON event: %v\n%s", p.name, err, l)
		}
		out = append(out, e)
	}
	return out
}

func findEvent(t *testing.T, evs []event, typ, id string) event {
	t.Helper()
	for _, e := range evs {
		if e.Type == typ && (id == "" || e.ID == id) {
			return e
		}
	}
	t.Fatalf("no %s event for %q in %+v", typ, id, evs)
	return event{}
}

// db is a connection for set-up and for watching what readers see.
type db struct {
	t    *testing.T
	conn *pgx.Conn
}

func connect(t *testing.T, dsn string) *db {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return &db{t: t, conn: conn}
}

func (d *db) exec(sql string) {
	d.t.Helper()
	if _, err := d.conn.Exec(context.Background(), sql); err != nil {
		d.t.Fatalf("%s: %v", sql, err)
	}
}

// text runs a query returning one row and renders its columns as "a|b".
func (d *db) text(sql string) string {
	d.t.Helper()
	s, err := queryText(context.Background(), d.conn, sql)
	if err != nil {
		d.t.Fatalf("%s: %v", sql, err)
	}
	return s
}

func queryText(ctx context.Context, conn *pgx.Conn, sql string) (string, error) {
	rows, err := conn.Query(ctx, sql)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return "", err
		}
		cells := make([]string, len(vals))
		for i, v := range vals {
			cells[i] = fmt.Sprint(v)
		}
		lines = append(lines, strings.Join(cells, "|"))
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// eventually polls cond until it holds or timeout passes.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// activeFlisQueries lists the statements flis sessions are running in the current database.
const activeFlisQueries = `SELECT coalesce(string_agg(left(query, 60), ' ; '), '') FROM pg_stat_activity
	WHERE datname = current_database() AND application_name = 'flis' AND state = 'active'
	AND pid <> pg_backend_pid()`

// watcher reads a relation over and over from its own session while a run goes on, the way
// a report would, and keeps every distinct answer it saw.
type watcher struct {
	stop chan struct{}
	done chan struct{}
	mu   sync.Mutex
	seen map[string]int
	errs []string
}

func watch(t *testing.T, dsn, sql string) *watcher {
	t.Helper()
	conn := connect(t, dsn).conn
	w := &watcher{stop: make(chan struct{}), done: make(chan struct{}), seen: map[string]int{}}
	go func() {
		defer close(w.done)
		for {
			select {
			case <-w.stop:
				return
			default:
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			s, err := queryText(ctx, conn, sql)
			cancel()
			w.mu.Lock()
			if err != nil {
				w.errs = append(w.errs, err.Error())
			} else {
				w.seen[s]++
			}
			w.mu.Unlock()
			time.Sleep(5 * time.Millisecond)
		}
	}()
	t.Cleanup(w.halt)
	return w
}

func (w *watcher) halt() {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	<-w.done
}

// saw reports whether the watcher has seen state yet.
func (w *watcher) saw(state string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seen[state] > 0
}

// answers stops the watcher and returns what it saw.
func (w *watcher) answers() (map[string]int, []string) {
	w.halt()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seen, w.errs
}
