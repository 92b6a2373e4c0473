package pgsql

import (
	"errors"
	"testing"
)

func seedCorpus(f *testing.F) {
	for _, c := range loadCorpus(f) {
		f.Add(c.src)
	}
	for _, s := range []string{"", "${", "$$", "/*", "'", `"`, "E'\\", "SELECT (", "SELECT ARRAY[", "WITH", "SELECT a::", "SELECT CASE"} {
		f.Add(s)
	}
}

// FuzzTokenize: no input panics; tokens tile the text in order with exact spans; errors
// point into the text.
func FuzzTokenize(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, src string) {
		toks, err := Tokenize(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Off < 0 || e.Off > len(src) {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		prev := 0
		for _, tk := range toks {
			if tk.Off < prev || tk.End <= tk.Off || tk.End > len(src) || src[tk.Off:tk.End] != tk.Text {
				t.Fatalf("bad token %+v after %d", tk, prev)
			}
			for _, c := range []byte(src[prev:tk.Off]) {
				if !isSpace(c) {
					t.Fatalf("non-space %q skipped before %+v", c, tk)
				}
			}
			prev = tk.End
		}
	})
}

// FuzzAnalyze: no input panics, every span the analysis reports lies in the text, and
// unknown columns (Star) come with no partial list.
func FuzzAnalyze(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, src string) {
		a, err := Analyze(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Off < 0 || e.Off > len(src) {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		for _, r := range a.Relations {
			if r.Off < 0 || r.End > len(src) || r.Off >= r.End {
				t.Fatalf("bad relation span %+v", r)
			}
		}
		for _, v := range a.Vars {
			if src[v.Off:v.End] != "${"+v.Name+"}" {
				t.Fatalf("bad var %+v", v)
			}
		}
		if a.Star && len(a.Columns) > 0 {
			t.Fatalf("Star with a partial column list %+v", a.Columns)
		}
		for _, c := range a.Columns {
			if c.Off < 0 || c.Off >= len(src) || c.Name == "" {
				t.Fatalf("bad column %+v", c)
			}
		}
		if a.Fallback && (a.WarningOff < 0 || a.WarningOff > len(src)) {
			t.Fatalf("bad warning offset %d", a.WarningOff)
		}
	})
}
