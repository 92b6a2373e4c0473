package embedded

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// stateDir returns a fresh state directory the server user can reach (t.TempDir makes
// 0700 directories, which the postgres user cannot traverse when tests run as root), and
// stops any cluster in it when the test ends.
func stateDir(t *testing.T) string {
	t.Helper()
	d := t.TempDir()
	for _, p := range []string{d, filepath.Dir(d)} {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(d, ".flis", "pg")
	t.Cleanup(func() { stopQuietly(dir) })
	return dir
}

func stopQuietly(dir string) {
	if c, err := Open(dir); err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c.Stop(ctx)
	}
}

func status(t *testing.T, c *Cluster) Status {
	t.Helper()
	st, err := c.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func query(t *testing.T, dsn, sql string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect %s: %v", dsn, err)
	}
	defer conn.Close(ctx)
	var s string
	if err := conn.QueryRow(ctx, sql).Scan(&s); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return s
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	c, err := Open(stateDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if st := status(t, c); st.State != NotInitialised || st.PID != 0 {
		t.Fatalf("fresh status = %+v", st)
	}
	start := time.Now()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("initdb + start: %v", time.Since(start))
	st := status(t, c)
	if st.State != Running || st.PID == 0 || st.Version == "" || st.SocketDir != filepath.Join(c.StateDir(), "run") {
		t.Fatalf("status after start = %+v", st)
	}
	start = time.Now()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 250*time.Millisecond { // ~0.1 ms unloaded
		t.Errorf("Start of a running cluster took %v", d)
	}
	if got := status(t, c).PID; got != st.PID {
		t.Errorf("second Start changed the postmaster: pid %d -> %d", st.PID, got)
	}

	for range 2 { // the second call finds it
		if err := c.EnsureDatabase(ctx, "flis dev"); err != nil {
			t.Fatal(err)
		}
	}
	if got := query(t, c.DSN("flis dev"), "SELECT current_database()"); got != "flis dev" {
		t.Errorf("connected to %q", got)
	}
	// The server is reachable only over the socket, and the settings file took effect.
	for setting, want := range map[string]string{"listen_addresses": "", "fsync": "on",
		"synchronous_commit": "off", "server_encoding": "UTF8", "lc_ctype": "C.UTF-8"} {
		if got := query(t, c.DSN("postgres"), "SELECT current_setting('"+setting+"')"); got != want {
			t.Errorf("%s = %q, want %q", setting, got, want)
		}
	}
	if got := query(t, c.DSN("postgres"), "SELECT upper('æøå')"); got != "ÆØÅ" {
		t.Errorf("upper('æøå') = %q: the locale does not know Danish letters", got)
	}

	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if st := status(t, c); st.State != Stopped || st.PID != 0 {
		t.Errorf("status after stop = %+v", st)
	}
	if err := c.Stop(ctx); err != nil {
		t.Errorf("stopping a stopped cluster: %v", err)
	}
	start = time.Now()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("start of an existing cluster: %v", time.Since(start))
	if got := query(t, c.DSN("flis dev"), "SELECT current_database()"); got != "flis dev" {
		t.Errorf("database lost across restart: %q", got)
	}

	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if st := status(t, c); st.State != Running {
		t.Errorf("status after reset = %+v", st)
	}
	if got := query(t, c.DSN("postgres"), "SELECT count(*)::text FROM pg_database WHERE datname = 'flis dev'"); got != "0" {
		t.Errorf("reset kept the database")
	}
}

func TestStartAfterPostmasterKilled(t *testing.T) {
	ctx := context.Background()
	c, err := Open(stateDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.EnsureDatabase(ctx, "kept"); err != nil {
		t.Fatal(err)
	}
	pid := status(t, c).PID
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// Wait for the signal to land, not for the reaping: Start must cope with a zombie.
	for i := 0; pidAlive(pid) && !isZombie(pid) && i < 200; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("killed postmaster is a zombie: %v", isZombie(pid))
	if _, err := os.Stat(filepath.Join(c.dataDir, "postmaster.pid")); err != nil {
		t.Fatalf("the killed server left no postmaster.pid to test with: %v", err)
	}
	if st := status(t, c); st.State != Stopped {
		t.Fatalf("status with a stale postmaster.pid = %+v, want stopped", st)
	}
	start := time.Now()
	if err := c.Start(ctx); err != nil {
		t.Fatalf("start after kill: %v", err)
	}
	t.Logf("start after SIGKILL (crash recovery): %v", time.Since(start))
	st := status(t, c)
	if st.State != Running || st.PID == pid {
		t.Errorf("status = %+v", st)
	}
	if got := query(t, c.DSN("kept"), "SELECT current_database()"); got != "kept" {
		t.Errorf("database lost in the crash: %q", got)
	}
}

func TestLongPathUsesShortSocketDir(t *testing.T) {
	base := stateDir(t)
	deep := filepath.Join(base, strings.Repeat("d", 60), strings.Repeat("e", 60), ".flis", "pg")
	t.Cleanup(func() { stopQuietly(deep) })
	c, err := Open(deep)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.SocketDir(), filepath.Join(os.TempDir(), "flis-")) {
		t.Fatalf("socket dir for a %d-byte path = %s", len(deep), c.SocketDir())
	}
	t.Cleanup(func() { os.RemoveAll(c.SocketDir()) })
	c2, _ := Open(deep)
	c3, _ := Open(base)
	if c2.SocketDir() != c.SocketDir() || c3.SocketDir() == c.SocketDir() {
		t.Errorf("socket dirs not stable per project: %s %s %s", c.SocketDir(), c2.SocketDir(), c3.SocketDir())
	}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := query(t, c.DSN("postgres"), "SELECT current_setting('unix_socket_directories')"); got != c.SocketDir() {
		t.Errorf("server listens in %q", got)
	}
}

func TestSocketDirFor(t *testing.T) {
	short := "/home/me/proj/.flis/pg"
	if got := socketDirFor(short); got != short+"/run" {
		t.Errorf("socketDirFor(%q) = %q", short, got)
	}
	// 103 bytes is the limit for the whole socket path, "/.s.PGSQL.5432" included.
	fits := "/" + strings.Repeat("a", 103-len("/run/.s.PGSQL.5432")-1)
	if got := socketDirFor(fits); got != fits+"/run" {
		t.Errorf("path of exactly the limit moved to %q", got)
	}
	if got := socketDirFor(fits + "a"); !strings.HasPrefix(got, filepath.Join(os.TempDir(), "flis-")) {
		t.Errorf("path one byte over the limit kept %q", got)
	}
}
