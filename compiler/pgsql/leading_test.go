package pgsql

import (
	"testing"
)

func TestLeadingTokens(t *testing.T) {
	for _, c := range loadCorpus(t) {
		all, err := Tokenize(c.src)
		if err != nil {
			continue
		}
		var want []Token
		for _, tok := range all {
			if tok.Kind != Comment {
				want = append(want, tok)
			}
		}
		for _, n := range []int{0, 1, 2, 5} {
			got, err := LeadingTokens(c.src, n)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			w := want[:min(n, len(want))]
			if len(got) != len(w) {
				t.Fatalf("%s n=%d: got %d tokens, want %d", c.name, n, len(got), len(w))
			}
			for i := range w {
				if got[i] != w[i] {
					t.Errorf("%s n=%d token %d: got %+v, want %+v", c.name, n, i, got[i], w[i])
				}
			}
		}
	}
}

func FuzzLeadingTokens(f *testing.F) {
	for _, s := range []string{"WITH RECURSIVE x AS (SELECT 1) SELECT * FROM x", "/* a /* b */ */ -- c\nwith\ty",
		"SELECT 'it''s' FROM t", "$$x$$ e'\\''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		all, err := Tokenize(src)
		if err != nil {
			return
		}
		var want []Token
		for _, tok := range all {
			if tok.Kind != Comment {
				want = append(want, tok)
			}
		}
		got, err := LeadingTokens(src, 2)
		if err != nil {
			t.Fatalf("LeadingTokens failed where Tokenize did not: %v", err)
		}
		w := want[:min(2, len(want))]
		if len(got) != len(w) {
			t.Fatalf("got %d tokens, want %d", len(got), len(w))
		}
		for i := range w {
			if got[i] != w[i] {
				t.Fatalf("token %d: got %+v, want %+v", i, got[i], w[i])
			}
		}
	})
}
