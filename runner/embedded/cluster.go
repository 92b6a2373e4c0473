package embedded

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Port is the port number of the embedded server. With TCP off it only names the socket
// file (.s.PGSQL.5432); each cluster has its own socket directory, so all may share it.
const Port = 5432

// Superuser is the role initdb creates and flis connects as.
const Superuser = "postgres"

// maxSocketPath is the longest usable Unix socket path: sun_path is 108 bytes on Linux
// (104 on macOS) including the terminating NUL; we keep the smaller limit.
const maxSocketPath = 103

// flockPoll is how often a waiting process retries the start lock.
const flockPoll = 50 * time.Millisecond

// State is the life stage of an embedded cluster.
type State int

const (
	NotInitialised State = iota // no data directory yet
	Stopped                     // initialised, no server running
	Running                     // a server answers on the socket directory
)

func (s State) String() string {
	switch s {
	case NotInitialised:
		return "not initialised"
	case Stopped:
		return "stopped"
	case Running:
		return "running"
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// Status describes a cluster for `flis warehouse status` and `flis debug`.
type Status struct {
	State     State  `json:"state"`
	PID       int    `json:"pid,omitempty"`     // postmaster pid when running
	Version   string `json:"version,omitempty"` // major version of the data directory ("15")
	DataDir   string `json:"data_dir"`
	SocketDir string `json:"socket_dir"`
	LogFile   string `json:"log_file"`
}

// Cluster is a private PostgreSQL cluster in a project's state directory
// (`<project>/.flis/pg`). The zero value is not usable; call Open.
//
// Layout of the state directory:
//
//	data/        the PGDATA directory (owned by the postgres user when flis runs as root)
//	run/         the Unix socket directory, unless its path is too long (see SocketDir)
//	server.log   the server's log
//	lock         flock taken around initdb/start/stop so concurrent flis processes do not race
type Cluster struct {
	stateDir  string
	dataDir   string
	socketDir string
	logFile   string
	lockFile  string
	as        runAs
	extra     [][2]string // settings from WithSetting, applied after flis's own
}

// Option adjusts a Cluster.
type Option func(*Cluster)

// WithSetting sets a server setting in flis.conf, overriding flis's default for it. It
// takes effect when the server starts. pgtest uses it to turn fsync off on the throwaway
// test cluster.
func WithSetting(name, value string) Option {
	return func(c *Cluster) { c.extra = append(c.extra, [2]string{name, value}) }
}

// Open prepares a handle on the cluster in stateDir. It touches nothing on disk: Start
// creates what is missing.
func Open(stateDir string, opts ...Option) (*Cluster, error) {
	abs, err := filepath.Abs(stateDir)
	if err != nil {
		return nil, fmt.Errorf("embedded warehouse: %w", err)
	}
	as, err := newRunAs()
	if err != nil {
		return nil, err
	}
	c := &Cluster{
		stateDir:  abs,
		dataDir:   filepath.Join(abs, "data"),
		socketDir: socketDirFor(abs),
		logFile:   filepath.Join(abs, "server.log"),
		lockFile:  filepath.Join(abs, "lock"),
		as:        as,
	}
	for _, o := range opts {
		o(c)
	}
	return c, nil
}

// socketDirFor picks the socket directory: `<state>/run` when the socket path fits the
// kernel's limit, else a short directory under /tmp named by a hash of the state directory,
// so one project always maps to the same socket and two projects never share one.
func socketDirFor(stateDir string) string {
	dir := filepath.Join(stateDir, "run")
	if len(dir)+len("/.s.PGSQL.")+len(strconv.Itoa(Port)) <= maxSocketPath {
		return dir
	}
	sum := sha256.Sum256([]byte(stateDir))
	return filepath.Join(os.TempDir(), "flis-"+hex.EncodeToString(sum[:6]))
}

// StateDir returns the cluster's state directory.
func (c *Cluster) StateDir() string { return c.stateDir }

// SocketDir returns the directory holding the server's Unix socket.
func (c *Cluster) SocketDir() string { return c.socketDir }

// DSN returns a keyword/value connection string for database dbname over the Unix socket.
func (c *Cluster) DSN(dbname string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable",
		dsnQuote(c.socketDir), Port, Superuser, dsnQuote(dbname))
}

// dsnQuote quotes a keyword/value connection string value when needed (libpq rules:
// single quotes, backslash escapes).
func dsnQuote(v string) string {
	if v != "" && !strings.ContainsAny(v, " '\\\t\n") {
		return v
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

// Status reports the cluster's state without starting anything. It reads files only, so
// it is cheap enough to call before every command.
func (c *Cluster) Status(ctx context.Context) (Status, error) {
	st := Status{DataDir: c.dataDir, SocketDir: c.socketDir, LogFile: c.logFile}
	v, err := os.ReadFile(filepath.Join(c.dataDir, "PG_VERSION"))
	if errors.Is(err, os.ErrNotExist) {
		st.State = NotInitialised
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("embedded warehouse: %w", err)
	}
	st.Version = strings.TrimSpace(string(v))
	st.State = Stopped
	pid, ready, err := c.readPostmasterPID()
	if err != nil {
		return st, err
	}
	// A postmaster.pid whose process is gone is stale (the server was killed); the next
	// start replaces it. "ready" excludes a server that is still starting or shutting down.
	// The socket check catches a killed postmaster that is still a zombie (kill -0 succeeds
	// until its parent reaps it, and containers often have no init to do so).
	if pid > 0 && pidAlive(pid) && ready && c.socketAnswers() {
		st.State = Running
		st.PID = pid
	}
	return st, nil
}

// clearZombieLocks removes the lock files of a killed postmaster that is still a zombie.
// postgres treats a lock file whose pid exists as a running server and refuses to start;
// a zombie exists until reaped, which in a container without an init may be never. A
// zombie runs no code, so its locks are safe to remove. Other stale locks (dead pid) are
// left to postgres, which handles them.
func (c *Cluster) clearZombieLocks() error {
	pid, _, err := c.readPostmasterPID()
	if err != nil || pid <= 0 || !isZombie(pid) {
		return err
	}
	for _, f := range []string{
		filepath.Join(c.dataDir, "postmaster.pid"),
		filepath.Join(c.socketDir, ".s.PGSQL."+strconv.Itoa(Port)+".lock"),
	} {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("embedded warehouse: remove stale %s: %w", f, err)
		}
	}
	return nil
}

// socketAnswers reports whether something accepts connections on the server's socket.
func (c *Cluster) socketAnswers() bool {
	conn, err := net.DialTimeout("unix", filepath.Join(c.socketDir, ".s.PGSQL."+strconv.Itoa(Port)), time.Second)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

// readPostmasterPID reads the pid (line 1) and status (line 8) of postmaster.pid.
func (c *Cluster) readPostmasterPID() (pid int, ready bool, err error) {
	f, err := os.Open(filepath.Join(c.dataDir, "postmaster.pid"))
	if errors.Is(err, os.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("embedded warehouse: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		switch line {
		case 1:
			pid, _ = strconv.Atoi(strings.TrimSpace(sc.Text()))
		case 8:
			ready = strings.TrimSpace(sc.Text()) == "ready"
		}
	}
	return pid, ready, nil
}

// Start initialises the cluster when absent and starts the server when stopped. It is
// idempotent and returns in microseconds when the server already runs. Concurrent calls
// from several processes are serialised by a file lock in the state directory.
func (c *Cluster) Start(ctx context.Context) error {
	if st, err := c.Status(ctx); err == nil && st.State == Running {
		return nil
	}
	unlock, err := c.lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	return c.startLocked(ctx)
}

func (c *Cluster) startLocked(ctx context.Context) error {
	st, err := c.Status(ctx)
	if err != nil {
		return err
	}
	if st.State == Running {
		return nil // another process started it while we waited for the lock
	}
	bins, err := FindBinaries()
	if err != nil {
		return err
	}
	if err := c.clearZombieLocks(); err != nil {
		return err
	}
	if st.State == NotInitialised {
		if err := c.initdb(ctx, bins); err != nil {
			return err
		}
	} else if err := c.checkVersion(bins, st.Version); err != nil {
		return err
	}
	return c.pgctlStart(ctx, bins)
}

// Stop shuts the server down (fast mode: running queries are cancelled, data is safe).
// Stopping a stopped or absent cluster is not an error.
func (c *Cluster) Stop(ctx context.Context) error {
	unlock, err := c.lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	return c.stopLocked(ctx)
}

func (c *Cluster) stopLocked(ctx context.Context) error {
	st, err := c.Status(ctx)
	if err != nil {
		return err
	}
	if st.State != Running {
		return nil
	}
	bins, err := FindBinaries()
	if err != nil {
		return err
	}
	out, err := c.as.command(ctx, bins.PgCtl, "stop", "-D", c.dataDir, "-m", "fast", "-w", "-t", "60").CombinedOutput()
	if err != nil {
		return fmt.Errorf("embedded warehouse: pg_ctl stop: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// Reload rewrites flis.conf (with settings from WithSetting) and makes a running server
// re-read it. Settings that need a restart (shared_buffers, max_connections) wait for the
// next start; the others (fsync, work_mem, ...) apply at once.
func (c *Cluster) Reload(ctx context.Context) error {
	unlock, err := c.lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	st, err := c.Status(ctx)
	if err != nil || st.State == NotInitialised {
		return err
	}
	if err := c.writeConf(); err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	if st.State != Running {
		return nil
	}
	bins, err := FindBinaries()
	if err != nil {
		return err
	}
	out, err := c.as.command(ctx, bins.PgCtl, "reload", "-D", c.dataDir, "-s").CombinedOutput()
	if err != nil {
		return fmt.Errorf("embedded warehouse: pg_ctl reload: %v: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// Reset stops the server, deletes the cluster with all its data, initialises a new one and
// starts it.
func (c *Cluster) Reset(ctx context.Context) error {
	unlock, err := c.lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	if err := c.stopLocked(ctx); err != nil {
		return err
	}
	if err := os.RemoveAll(c.dataDir); err != nil {
		return fmt.Errorf("embedded warehouse: delete %s: %w", c.dataDir, err)
	}
	return c.startLocked(ctx)
}

// lock creates the state directory and takes the cross-process start lock.
func (c *Cluster) lock(ctx context.Context) (func(), error) {
	if err := os.MkdirAll(c.stateDir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded warehouse: %w", err)
	}
	unlock, err := flock(ctx, c.lockFile)
	if err != nil {
		return nil, fmt.Errorf("embedded warehouse: %w", err)
	}
	return unlock, nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
