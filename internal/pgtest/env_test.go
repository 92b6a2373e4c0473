package pgtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// helper runs this test binary again, running only TestHelper with the given mode and
// environment, from dir.
func helper(t *testing.T, dir, mode string, env ...string) (string, error) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestHelper$", "-test.count=1", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append(env, "PGTEST_HELPER="+mode)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestFlisTestDSNChoosesTheServer(t *testing.T) {
	srv, err := get()
	if err != nil {
		t.Fatal(err)
	}
	cfg := srv.admin.Config().ConnConfig
	url := "postgres:///postgres?host=" + cfg.Host + "&user=" + cfg.User + "&sslmode=disable"
	out, err := helper(t, ".", "dsn", EnvDSN+"="+url)
	if err != nil {
		t.Fatalf("helper failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, "DSN postgres:///t_testhelper_") {
		t.Errorf("the database was not made on %s:\n%s", url, out)
	}
}

func TestMissingPostgresFailsWithInstallHint(t *testing.T) {
	// A repository of its own, so no cluster is running there yet and one must be started.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := helper(t, dir, "dsn", "FLIS_PG_BINDIR="+filepath.Join(dir, "nowhere"), EnvDSN+"=")
	if err == nil {
		t.Fatalf("helper passed without PostgreSQL:\n%s", out)
	}
	for _, want := range []string{"--- FAIL: TestHelper", "FLIS_PG_BINDIR", "tests need PostgreSQL", EnvDSN} {
		if !strings.Contains(out, want) {
			t.Errorf("output does not contain %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "SKIP") {
		t.Errorf("test skipped instead of failing:\n%s", out)
	}
}

func TestHelper(t *testing.T) {
	switch os.Getenv("PGTEST_HELPER") {
	case "":
		t.Skip("helper process for the tests above")
	case "dsn":
		dsn := DSN(t)
		t.Logf("DSN %s", dsn)
		conn := Conn(t)
		if err := conn.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}
