package embedded

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// BinDirEnv names a directory holding initdb, pg_ctl and postgres. It wins over PATH and the
// well-known install locations, for machines with several PostgreSQL versions.
const BinDirEnv = "FLIS_PG_BINDIR"

// ErrNoBinaries is wrapped by the error FindBinaries returns when no PostgreSQL server
// installation can be found.
var ErrNoBinaries = errors.New("no PostgreSQL server binaries found")

// Binaries are the server programs the embedded warehouse runs.
type Binaries struct {
	Dir      string // the directory holding them
	InitDB   string
	PgCtl    string
	Postgres string
}

// serverPrograms must all sit in one directory: mixing an initdb of one version with a
// postgres of another produces a data directory the server refuses.
var serverPrograms = []string{"initdb", "pg_ctl", "postgres"}

// installGlobs are where distributions put versioned server binaries that are not on PATH
// (Debian/Ubuntu keep them out of PATH on purpose; Homebrew keys them by formula).
var installGlobs = []string{
	"/usr/lib/postgresql/*/bin",
	"/usr/pgsql-*/bin",
	"/opt/homebrew/opt/postgresql@*/bin",
	"/usr/local/opt/postgresql@*/bin",
	"/opt/homebrew/opt/postgresql/bin",
	"/usr/local/opt/postgresql/bin",
}

// FindBinaries locates initdb, pg_ctl and postgres: first in $FLIS_PG_BINDIR, then next to
// pg_ctl on PATH, then in the well-known install locations, highest major version first.
func FindBinaries() (Binaries, error) {
	if dir := os.Getenv(BinDirEnv); dir != "" {
		b, err := binariesIn(dir)
		if err != nil {
			return Binaries{}, fmt.Errorf("%s=%s: %w", BinDirEnv, dir, err)
		}
		return b, nil
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		// Resolve symlinks so /usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin/pg_ctl
		// finds the matching initdb and postgres even when only pg_ctl is linked.
		if real, err := filepath.EvalSymlinks(p); err == nil {
			if b, err := binariesIn(filepath.Dir(real)); err == nil {
				return b, nil
			}
		}
		if b, err := binariesIn(filepath.Dir(p)); err == nil {
			return b, nil
		}
	}
	var dirs []string
	for _, g := range installGlobs {
		m, _ := filepath.Glob(g)
		dirs = append(dirs, m...)
	}
	sortByVersionDesc(dirs)
	for _, d := range dirs {
		if b, err := binariesIn(d); err == nil {
			return b, nil
		}
	}
	return Binaries{}, fmt.Errorf("%w on PATH or under /usr/lib/postgresql/*/bin "+
		"(hint: install the server with `apt-get install postgresql` or `brew install postgresql`, "+
		"set %s to its bin directory, or set FLIS_DSN to use an existing PostgreSQL server)",
		ErrNoBinaries, BinDirEnv)
}

func binariesIn(dir string) (Binaries, error) {
	var paths [3]string
	for i, name := range serverPrograms {
		p := filepath.Join(dir, name)
		st, err := os.Stat(p)
		if err != nil {
			return Binaries{}, fmt.Errorf("no %s in %s", name, dir)
		}
		if st.IsDir() || st.Mode()&0o111 == 0 {
			return Binaries{}, fmt.Errorf("%s is not executable", p)
		}
		paths[i] = p
	}
	return Binaries{Dir: dir, InitDB: paths[0], PgCtl: paths[1], Postgres: paths[2]}, nil
}

// sortByVersionDesc orders install directories so the highest PostgreSQL version comes first.
// The version is the first all-digit run in the path ("/usr/lib/postgresql/16/bin",
// "postgresql@14"); directories without one sort last.
func sortByVersionDesc(dirs []string) {
	sort.SliceStable(dirs, func(i, j int) bool {
		return versionOf(dirs[i]) > versionOf(dirs[j])
	})
}

func versionOf(dir string) float64 {
	for _, part := range strings.FieldsFunc(dir, func(r rune) bool {
		return r == '/' || r == '@' || r == '-'
	}) {
		if v, err := strconv.ParseFloat(part, 64); err == nil {
			return v
		}
	}
	return -1
}

// Version runs `postgres -V` and returns the version number ("15.18").
func (b Binaries) Version() (string, error) {
	out, err := exec.Command(b.Postgres, "-V").Output()
	if err != nil {
		return "", fmt.Errorf("%s -V: %w", b.Postgres, err)
	}
	// "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
	f := strings.Fields(string(out))
	if len(f) < 3 {
		return "", fmt.Errorf("%s -V: unexpected output %q", b.Postgres, out)
	}
	return f[2], nil
}
