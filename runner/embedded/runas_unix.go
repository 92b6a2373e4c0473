//go:build unix

package embedded

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// serverUser is the account the server runs as when flis runs as root. initdb and postgres
// refuse to run as root (a compromised server must not own the machine), and CI containers
// usually run as root, so flis switches to the conventional account the PostgreSQL packages
// create.
const serverUser = "postgres"

// runAs says as whom the server programs run. When flis is not root, they run as the
// current user and every method is a no-op.
type runAs struct {
	switchUser bool
	name       string
	uid, gid   int
}

func newRunAs() (runAs, error) {
	if os.Geteuid() != 0 {
		return runAs{}, nil
	}
	u, err := user.Lookup(serverUser)
	if err != nil {
		return runAs{}, fmt.Errorf("flis runs as root, and PostgreSQL refuses to run as root, "+
			"but there is no %q user to run it as (hint: create one with `useradd --system %s`, "+
			"run flis as a normal user, or set FLIS_DSN to use an existing server)", serverUser, serverUser)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return runAs{switchUser: true, name: u.Username, uid: uid, gid: gid}, nil
}

// command builds a command that runs as the server user. The working directory is "/"
// because the caller's directory may not be readable by that user, and postgres complains
// about an unreadable working directory.
func (r runAs) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = "/"
	// A clean, small environment: the caller's PG* variables (PGDATA, PGPORT, PGHOST) would
	// otherwise redirect pg_ctl and initdb to another cluster.
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C", "LANG=C"}
	if home := os.Getenv("HOME"); home != "" && !r.switchUser {
		cmd.Env = append(cmd.Env, "HOME="+home)
	}
	if tz := os.Getenv("TZ"); tz != "" {
		cmd.Env = append(cmd.Env, "TZ="+tz)
	}
	if r.switchUser {
		cmd.SysProcAttr = &syscall.SysProcAttr{
			Credential: &syscall.Credential{Uid: uint32(r.uid), Gid: uint32(r.gid)},
		}
	}
	// pg_ctl start leaves the postmaster running in the background; it must not die with
	// flis, nor receive the terminal's Ctrl-C meant for flis.
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	return cmd
}

// mkdirOwned creates dir (and parents) and hands it to the server user.
func (r runAs) mkdirOwned(dir string, perm os.FileMode) error {
	if err := os.MkdirAll(dir, perm); err != nil {
		return err
	}
	return r.chown(dir)
}

func (r runAs) chown(path string) error {
	if !r.switchUser {
		return nil
	}
	if err := os.Chown(path, r.uid, r.gid); err != nil {
		return fmt.Errorf("hand %s to the %s user: %w", path, r.name, err)
	}
	return nil
}

// checkTraverse verifies the server user can reach dir: every ancestor must be searchable
// by it. A root-owned home directory (mode 0700 /root) is the usual culprit in CI.
func (r runAs) checkTraverse(dir string) error {
	if !r.switchUser {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			return err
		}
		if !r.canSearch(st) {
			return fmt.Errorf("the %s user, which runs the embedded PostgreSQL because flis runs "+
				"as root, cannot reach %s: directory %s is mode %04o "+
				"(hint: `chmod o+x %s`, move the project out of %s, run flis as a normal user, "+
				"or set FLIS_DSN to use an existing server)",
				r.name, abs, d, st.Mode().Perm(), d, d)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

func (r runAs) canSearch(st os.FileInfo) bool {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	perm := st.Mode().Perm()
	switch {
	case int(sys.Uid) == r.uid:
		return perm&0o100 != 0
	case int(sys.Gid) == r.gid:
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

// pidAlive reports whether a process exists. EPERM means it exists but belongs to someone
// else, which is the case for a server started as the postgres user by another account.
func pidAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}

// isZombie reports whether pid is a terminated process not yet reaped. It reads Linux's
// /proc; elsewhere it says no and a zombie postmaster keeps blocking the start as before.
func isZombie(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// "1234 (postgres) Z ...": the state follows the last ')' (the name may hold one).
	i := bytes.LastIndexByte(b, ')')
	return i >= 0 && i+2 < len(b) && b[i+2] == 'Z'
}

// flock takes an exclusive lock on path, blocking until it is free or ctx ends. The lock
// dies with the process, so a killed flis never leaves the warehouse locked.
func flock(ctx context.Context, path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if err != syscall.EWOULDBLOCK && err != syscall.EINTR {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if err := sleepCtx(ctx, flockPoll); err != nil {
			f.Close()
			return nil, fmt.Errorf("waiting for another flis process to finish starting the warehouse (%s): %w", path, err)
		}
	}
}
