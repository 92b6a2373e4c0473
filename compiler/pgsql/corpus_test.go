package pgsql

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type corpusCase struct {
	name    string
	src     string
	deps    []string
	columns []string // nil: not checked
}

func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	files, err := filepath.Glob("testdata/corpus/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	var cases []corpusCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := corpusCase{name: filepath.Base(f), src: string(b)}
		for _, line := range strings.Split(c.src, "\n") {
			if v, ok := strings.CutPrefix(line, "-- deps:"); ok {
				c.deps = splitList(v)
			} else if v, ok := strings.CutPrefix(line, "-- columns:"); ok {
				c.columns = splitList(v)
				if c.columns == nil {
					c.columns = []string{}
				}
			} else {
				break
			}
		}
		cases = append(cases, c)
	}
	return cases
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func depSet(rels []Relation) []string {
	var out []string
	for _, r := range rels {
		out = append(out, r.String())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestCorpus measures how often the analyser gets a real-world model's dependency set
// exactly right, and requires 98%.
func TestCorpus(t *testing.T) {
	cases := loadCorpus(t)
	exact, fallbacks, colsOK, colsChecked, fbExact := 0, 0, 0, 0, 0
	for _, c := range cases {
		a, err := Analyze(c.src)
		if err != nil {
			t.Errorf("%s: refused valid SQL: %v", c.name, err)
			continue
		}
		want := slices.Clone(c.deps)
		slices.Sort(want)
		got := depSet(a.Relations)
		if slices.Equal(got, want) {
			exact++
		} else {
			t.Errorf("%s: deps = %v, want %v (fallback=%v %s)", c.name, got, want, a.Fallback, a.Warning)
		}
		if a.Fallback {
			fallbacks++
			t.Logf("%s: fallback: %s", c.name, a.Warning)
		}
		for _, r := range a.Relations {
			if r.Off < 0 || r.End > len(c.src) || r.Off >= r.End {
				t.Errorf("%s: bad span %d:%d for %s", c.name, r.Off, r.End, r)
			}
		}
		if c.columns != nil {
			colsChecked++
			var names []string
			for _, col := range a.Columns {
				names = append(names, col.Name)
			}
			if slices.Equal(names, c.columns) {
				colsOK++
			} else {
				t.Errorf("%s: columns = %q, want %q", c.name, names, c.columns)
			}
		}
		// The token fallback alone, for the record: how good is the safety net?
		if s, err := scanFor(c.src); err == nil && slices.Equal(depSet(fallbackRelations(s)), want) {
			fbExact++
		}
	}
	pct := 100 * float64(exact) / float64(len(cases))
	summary := fmt.Sprintf("corpus: %d/%d exact (%.1f%%), %d needed the token fallback; columns %d/%d; fallback alone exact on %d/%d",
		exact, len(cases), pct, fallbacks, colsOK, colsChecked, fbExact, len(cases))
	t.Log(summary)
	fmt.Println(summary)
	if pct < 98 {
		t.Errorf("dependency accuracy %.1f%% is below 98%%", pct)
	}
}

// scanFor runs the checks and the structural scan without a parse.
func scanFor(src string) (*scan, error) {
	all, err := Tokenize(src)
	if err != nil {
		return nil, err
	}
	var toks []Token
	for _, t := range all {
		if t.Kind != Comment {
			toks = append(toks, t)
		}
	}
	s, err := checkStatement(src, toks)
	if err != nil {
		return nil, err
	}
	s.run()
	return s, nil
}
