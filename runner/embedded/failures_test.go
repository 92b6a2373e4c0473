package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStartFailureShowsLogTail(t *testing.T) {
	ctx := context.Background()
	c, err := Open(stateDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := appendFile(filepath.Join(c.dataDir, "postgresql.conf"), "\nshared_buffers = 'lots'\n"); err != nil {
		t.Fatal(err)
	}
	err = c.Start(ctx)
	if err == nil {
		t.Fatal("start with a broken postgresql.conf succeeded")
	}
	for _, want := range []string{"did not start", "last lines of " + c.logFile, `"shared_buffers"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
}

func TestVersionMismatchSaysReset(t *testing.T) {
	c, err := Open(stateDir(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(c.dataDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dataDir, "PG_VERSION"), []byte("9\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = c.Start(context.Background())
	if err == nil || !strings.Contains(err.Error(), "made by PostgreSQL 9") || !strings.Contains(err.Error(), "flis warehouse reset") {
		t.Errorf("err = %v", err)
	}
}

func TestNoBinariesSaysHowToInstall(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	saved := installGlobs
	installGlobs = nil
	t.Cleanup(func() { installGlobs = saved })
	_, err := FindBinaries()
	if !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"apt-get install postgresql", "brew install postgresql", "FLIS_DSN"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q: %v", want, err)
		}
	}

	t.Setenv(BinDirEnv, t.TempDir())
	if _, err := FindBinaries(); err == nil || !strings.Contains(err.Error(), BinDirEnv) {
		t.Errorf("bad %s: err = %v", BinDirEnv, err)
	}
}

func TestSortByVersionDesc(t *testing.T) {
	dirs := []string{"/usr/lib/postgresql/9.6/bin", "/usr/lib/postgresql/16/bin", "/opt/homebrew/opt/postgresql/bin",
		"/usr/lib/postgresql/15/bin", "/opt/homebrew/opt/postgresql@17/bin"}
	sortByVersionDesc(dirs)
	want := "/opt/homebrew/opt/postgresql@17/bin /usr/lib/postgresql/16/bin /usr/lib/postgresql/15/bin " +
		"/usr/lib/postgresql/9.6/bin /opt/homebrew/opt/postgresql/bin"
	if got := strings.Join(dirs, " "); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestUnreachableStateDirSaysWhy(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("the server runs as the current user; only root switches to the postgres user")
	}
	d := t.TempDir() // 0700 and root's: the postgres user cannot enter
	c, err := Open(filepath.Join(d, "proj", ".flis", "pg"))
	if err != nil {
		t.Fatal(err)
	}
	err = c.Start(context.Background())
	if err == nil || !strings.Contains(err.Error(), "cannot reach") || !strings.Contains(err.Error(), "chmod o+x") {
		t.Errorf("err = %v", err)
	}
}

// TestConcurrentStartAcrossProcesses starts one cluster from several processes at once, as
// `go test ./...` does with pgtest: exactly one initdb must run and all must succeed.
func TestConcurrentStartAcrossProcesses(t *testing.T) {
	dir := stateDir(t)
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	outs := make([][]byte, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperStart$", "-test.count=1")
			cmd.Env = append(os.Environ(), "FLIS_EMBEDDED_HELPER_DIR="+dir)
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Errorf("process %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	c, _ := Open(dir)
	if st := status(t, c); st.State != Running {
		t.Errorf("status = %+v", st)
	}
	if _, err := os.Stat(c.dataDir + ".init"); !os.IsNotExist(err) {
		t.Errorf("initdb scratch dir left behind: %v", err)
	}
	// Concurrent Start and Stop in one process are serialised too.
	var wg2 sync.WaitGroup
	for i := range 6 {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var err error
			if i%2 == 0 {
				err = c.Start(ctx)
			} else {
				err = c.Stop(ctx)
			}
			if err != nil {
				t.Errorf("goroutine %d: %v", i, err)
			}
		}()
	}
	wg2.Wait()
}

func TestHelperStart(t *testing.T) {
	dir := os.Getenv("FLIS_EMBEDDED_HELPER_DIR")
	if dir == "" {
		t.Skip("helper process for TestConcurrentStartAcrossProcesses")
	}
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := query(t, c.DSN("postgres"), "SELECT 'ok'"); got != "ok" {
		t.Fatal(fmt.Sprint("query: ", got))
	}
}
