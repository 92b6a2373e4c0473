package project

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flis-dk/flis/internal/golden"
)

// TestErrorCases loads every project under testdata/errors and compares its diagnostics, one
// per line, with want.txt.
func TestErrorCases(t *testing.T) {
	dirs, err := os.ReadDir("testdata/errors")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 22 {
		t.Errorf("only %d error cases", len(dirs))
	}
	for _, e := range dirs {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata", "errors", e.Name())
			_, ds := Load(dir, Options{})
			if !ds.HasErrors() {
				t.Errorf("no error diagnostics")
			}
			var b strings.Builder
			for _, d := range ds {
				b.WriteString(d.Error())
				b.WriteByte('\n')
			}
			golden.Check(t, filepath.Join(dir, "want.txt"), b.String())
		})
	}
}

// TestValidProject loads a project using every feature of the format and compares the
// Project, as JSON, with want.json.
func TestValidProject(t *testing.T) {
	dir := filepath.Join("testdata", "valid")
	p, ds := Load(dir, Options{})
	for _, d := range ds {
		t.Errorf("unexpected diagnostic: %s", d.Error())
	}
	if p == nil {
		t.Fatal("nil project")
	}
	p.Root = "" // the path the test runs from is not part of the result
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join(dir, "want.json"), string(b)+"\n")
}

// TestLoadDeterministic loads the valid project with different worker counts: the result
// must not depend on scheduling.
func TestLoadDeterministic(t *testing.T) {
	dir := filepath.Join("testdata", "valid")
	var first []byte
	for _, w := range []int{1, 2, 7, 64} {
		p, _ := Load(dir, Options{Workers: w})
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if string(b) != string(first) {
			t.Fatalf("workers=%d gave a different project", w)
		}
	}
}
