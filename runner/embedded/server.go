package embedded

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// confFile holds the settings flis owns. It is rewritten before every start (the socket
// directory follows the project if it moves) and included from postgresql.conf, so the
// user's own edits to postgresql.conf survive.
const confFile = "flis.conf"

// initdb creates the data directory. It initialises into data.init and renames it, so an
// interrupted initdb never leaves a half-made data directory that looks initialised.
func (c *Cluster) initdb(ctx context.Context, bins Binaries) error {
	if err := c.as.checkTraverse(c.stateDir); err != nil {
		return err
	}
	tmp := c.dataDir + ".init"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	if err := c.as.mkdirOwned(tmp, 0o700); err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	// C.UTF-8 sorts by code point like C but knows that upper('æ') is 'Æ'; systems without
	// that locale (macOS) fall back to C.
	var out []byte
	var err error
	for _, locale := range []string{"C.UTF-8", "C"} {
		args := []string{"-D", tmp, "-U", Superuser, "-E", "UTF8", "--locale=" + locale,
			"--no-sync", "--auth-local=trust", "--auth-host=reject"}
		out, err = c.as.command(ctx, bins.InitDB, args...).CombinedOutput()
		if err == nil {
			break
		}
		if !strings.Contains(string(out), "locale") {
			break
		}
		// initdb refuses a non-empty directory; clear what the failed attempt left.
		if err := clearDir(tmp); err != nil {
			return fmt.Errorf("embedded warehouse: %w", err)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("embedded warehouse: initdb interrupted: %w", ctx.Err())
		}
		return fmt.Errorf("embedded warehouse: initdb %s failed: %v\n%s", tmp, err, tail(string(out), 20))
	}
	include := fmt.Sprintf("\n# Settings managed by flis, rewritten at every start.\ninclude_if_exists = '%s'\n", confFile)
	if err := appendFile(filepath.Join(tmp, "postgresql.conf"), include); err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	if err := os.Rename(tmp, c.dataDir); err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	return nil
}

// settings are the server settings of a development warehouse. fsync stays on so a run
// killed halfway leaves a consistent database; synchronous_commit=off only risks losing the
// last few hundred milliseconds of commits in an OS crash, which a rebuild recovers.
func (c *Cluster) settings() [][2]string {
	return [][2]string{
		{"listen_addresses", ""}, // Unix socket only: nothing is reachable from the network
		{"unix_socket_directories", c.socketDir},
		// Only the server's user (and root) may connect: trust auth is safe because of this.
		{"unix_socket_permissions", "0700"},
		{"port", fmt.Sprint(Port)},
		{"max_connections", "200"}, // parallel test packages each hold a pool
		{"fsync", "on"},
		{"synchronous_commit", "off"},
		{"full_page_writes", "on"},
		{"jit", "off"}, // JIT compilation costs more than it saves on development data sizes
		{"shared_buffers", "128MB"},
		{"work_mem", "32MB"},
		{"maintenance_work_mem", "256MB"},
		{"max_wal_size", "2GB"},
		{"log_min_messages", "warning"},
		{"log_min_error_statement", "panic"}, // statement text may hold data; flis reports errors itself
		{"log_checkpoints", "off"},
		{"log_line_prefix", "%m [%p] "},
	}
}

// writeConf writes flis.conf into the data directory.
func (c *Cluster) writeConf() error {
	var b strings.Builder
	b.WriteString("# Written by flis before every start; edit postgresql.conf instead.\n")
	// Later lines win in postgresql.conf, so extra settings override the defaults.
	for _, kv := range append(c.settings(), c.extra...) {
		fmt.Fprintf(&b, "%s = '%s'\n", kv[0], strings.ReplaceAll(kv[1], "'", "''"))
	}
	path := filepath.Join(c.dataDir, confFile)
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return err
	}
	return c.as.chown(path)
}

// prepareSocketDir creates the socket directory. The /tmp fallback is shared space: a
// directory there owned by someone else could be a trap, so it is refused.
func (c *Cluster) prepareSocketDir() error {
	if err := c.as.mkdirOwned(c.socketDir, 0o700); err != nil {
		return err
	}
	st, err := os.Stat(c.socketDir)
	if err != nil {
		return err
	}
	want := os.Geteuid()
	if c.as.switchUser {
		want = c.as.uid
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != want {
		return fmt.Errorf("socket directory %s belongs to uid %d, not to the server's user (uid %d) "+
			"(hint: remove it, or move the project to a shorter path)", c.socketDir, sys.Uid, want)
	}
	return nil
}

func (c *Cluster) pgctlStart(ctx context.Context, bins Binaries) error {
	if err := c.prepareSocketDir(); err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	if err := c.writeConf(); err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	// The log file is opened by pg_ctl's shell as the server user.
	lf, err := os.OpenFile(c.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	logStart, _ := lf.Seek(0, io.SeekEnd)
	lf.Close()
	if err := c.as.chown(c.logFile); err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	cmd := c.as.command(ctx, bins.PgCtl, "start", "-D", c.dataDir, "-l", c.logFile, "-w", "-t", "60", "-s")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("embedded warehouse: start interrupted: %w", ctx.Err())
	}
	return fmt.Errorf("embedded warehouse: the server in %s did not start: %s\nlast lines of %s:\n%s",
		c.dataDir, strings.TrimSpace(firstNonEmpty(string(out), err.Error())), c.logFile,
		tail(readFrom(c.logFile, logStart), 15))
}

// checkVersion refuses to start a data directory with binaries of another major version:
// postgres would refuse too, with a message that does not say what to do.
func (c *Cluster) checkVersion(bins Binaries, dataVersion string) error {
	v, err := bins.Version()
	if err != nil {
		return fmt.Errorf("embedded warehouse: %w", err)
	}
	if major, _, _ := strings.Cut(v, "."); major != dataVersion {
		return fmt.Errorf("embedded warehouse: %s was made by PostgreSQL %s but the server found is %s (%s) "+
			"(hint: `flis warehouse reset` recreates it, losing its data; or set %s to a PostgreSQL %s bin directory)",
			c.dataDir, dataVersion, v, bins.Dir, BinDirEnv, dataVersion)
	}
	return nil
}

func clearDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func appendFile(path, s string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readFrom returns the file's content after offset, at most the last 64 KiB of it.
func readFrom(path string, offset int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size()-offset > 64<<10 {
		offset = st.Size() - 64<<10
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return ""
	}
	b, _ := io.ReadAll(f)
	return string(b)
}

// tail returns the last n non-empty lines of s, indented for inclusion in an error.
func tail(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, "  "+l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	if len(lines) == 0 {
		return "  (empty)"
	}
	return strings.Join(lines, "\n")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
