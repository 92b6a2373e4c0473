// Package golden compares test output with files under testdata and rewrites them with
// `go test -update`. One implementation for every package's golden tests, so the flag, the
// messages and the write behave the same everywhere.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Update is the -update flag of every test binary that imports this package.
var Update = flag.Bool("update", false, "rewrite golden files from the current output")

// Check compares got with the file at path; with -update it writes got there instead. A
// mismatch shows the first differing line with some context, not both files whole: golden
// files can be large.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (go test -update rewrites it; review the diff):\n%s", path, Diff(string(want), got))
	}
}

// Diff describes where two texts first differ: the line number and a few lines of each.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	from := max(0, i-2)
	excerpt := func(lines []string) string {
		var b strings.Builder
		for j := from; j < len(lines) && j < i+4; j++ {
			mark := "  "
			if j == i {
				mark = "> "
			}
			fmt.Fprintf(&b, "%s%4d | %s\n", mark, j+1, lines[j])
		}
		return b.String()
	}
	return fmt.Sprintf("first difference at line %d (want %d lines, got %d)\n--- want\n%s--- got\n%s",
		i+1, len(w), len(g), excerpt(w), excerpt(g))
}
