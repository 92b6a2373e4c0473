package diag

import (
	"testing"
)

func TestLineCol(t *testing.T) {
	src := "SELECT æ,\n  ø FROM t\n"
	tests := []struct {
		name      string
		off       int
		line, col int
	}{
		{"start", 0, 1, 1},
		{"after multibyte", len("SELECT æ"), 1, 9},
		{"second line", len("SELECT æ,\n  "), 2, 3},
		{"past end is clamped", 1000, 3, 1},
		{"negative is clamped", -5, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, c := LineCol(src, tt.off)
			if l != tt.line || c != tt.col {
				t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
			}
		})
	}
}

func TestDiagError(t *testing.T) {
	tests := []struct {
		name string
		d    Diag
		want string
	}{
		{"full", Errorf(Pos{"models/a.sql", 3, 7}, "unknown relation %q", "x").WithHint("did you mean %q?", "y"),
			`models/a.sql:3:7: unknown relation "x" (did you mean "y"?)`},
		{"warning", Warnf(Pos{File: "models/a.sql"}, "fallback"), "models/a.sql: warning: fallback"},
		{"line only", Errorf(Pos{"flis.yaml", 2, 0}, "bad"), "flis.yaml:2: bad"},
		{"no position", Errorf(Pos{}, "bad"), "bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestListSortAndErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	l.Add(Warnf(Pos{"b.sql", 1, 1}, "w"), Errorf(Pos{"b.sql", 2, 1}, "e2"), Errorf(Pos{"a.sql", 9, 1}, "e1"))
	l.Sort()
	if l[0].Msg != "e1" || l[1].Msg != "w" || l[2].Msg != "e2" {
		t.Errorf("sorted = %v", l)
	}
	if len(l.Errors()) != 2 || len(l.Warnings()) != 1 {
		t.Errorf("errors/warnings split wrong: %v", l)
	}
	if got, want := l.Err().Error(), "a.sql:9:1: e1\nb.sql:1:1: warning: w\nb.sql:2:1: e2"; got != want {
		t.Errorf("Err() = %q, want %q", got, want)
	}
	if (List{Warnf(Pos{}, "only a warning")}).Err() != nil {
		t.Error("a list of warnings must not be an error")
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"fact_ky_sager", "fact_ky_opgaver", "dim_kommune", "ky_sag"}
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"typo", "fact_ky_sagr", `did you mean "fact_ky_sager"?`},
		{"case", "DIM_KOMMUNE", `did you mean "dim_kommune"?`},
		{"substring", "opgaver", `did you mean "fact_ky_opgaver"?`},
		{"nothing close", "zzzzzz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DidYouMean(tt.in, cands); got != tt.want {
				t.Errorf("DidYouMean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLevenshtein(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"sag", "såg", 1}} {
		if got := Levenshtein(tt.a, tt.b); got != tt.d {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}
