package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMainCommandOnEmbeddedDefault is the README's first command on a fresh clone: with no
// connection configured, `flis build` creates the embedded cluster, loads the sample data,
// and builds and tests the whole FLIS warehouse; it exits 0. A second build is incremental
// and still exits 0.
func TestMainCommandOnEmbeddedDefault(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := traversableTempDir(t, repo)
	for _, p := range []string{"flis.yaml", "models", "seeds", "tests"} {
		if out, err := exec.Command("cp", "-r", filepath.Join(repo, p), dir).CombinedOutput(); err != nil {
			t.Fatalf("copy %s: %v\n%s", p, err, out)
		}
	}
	getenv := func(k string) string {
		switch k {
		case "FLIS_DSN", "FLIS_PSEUDONYM_KEY", "FLIS_TEST_DSN":
			return ""
		}
		return os.Getenv(k)
	}
	flis := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), append(args, "--project-dir", dir),
			&IOStreams{In: strings.NewReader(""), Out: &out, Err: &errb}, getenv)
		return code, out.String(), errb.String()
	}
	t.Cleanup(func() { flis("warehouse", "stop") })

	code, out, errOut := flis("build")
	if code != 0 {
		t.Fatalf("flis build exited %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "Loading sample data into the embedded warehouse") {
		t.Errorf("the sample data was not loaded on a fresh warehouse; stderr:\n%s", errOut)
	}
	for _, want := range []string{`OK +incremental range +dm\.fact_ky_sager .*\[[0-9,]+ rows`, `OK +table +dm\.dim_borger `,
		"Completed", "ERROR=0", "FAIL=0", "SKIP=0"} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("build output lacks %q:\n%s", want, out)
		}
	}
	// The pseudonym key was generated once, privately, outside the repository's files.
	st, err := os.Stat(filepath.Join(dir, ".flis", "secrets", "pseudonym_key"))
	if err != nil {
		t.Fatalf("generated key: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", st.Mode().Perm())
	}

	code, out, errOut = flis("build", "--select", "fact_ky_sager")
	if code != 0 {
		t.Fatalf("second build exited %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(errOut, "Loading sample data") {
		t.Errorf("sample data loaded again into a filled warehouse")
	}
	code, out, _ = flis("show", "--inline", "SELECT count(*) AS n FROM fact_ky_sager WHERE maaned > ${data_tom}::date")
	if code != 0 || !strings.Contains(out, "| 0 ") {
		t.Errorf("months after data_tom in fact_ky_sager (exit %d):\n%s", code, out)
	}
}

// traversableTempDir makes a folder the postgres user can reach (t.TempDir is mode 0700, and
// the embedded cluster runs as postgres when the tests run as root), removed afterwards.
func traversableTempDir(t *testing.T, repo string) string {
	b := make([]byte, 4)
	rand.Read(b)
	dir := filepath.Join(repo, ".flis", "e2e-"+hex.EncodeToString(b))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(repo, ".flis"), 0o755)
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}
