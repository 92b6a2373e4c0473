package materialize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDerivedName(t *testing.T) {
	long := strings.Repeat("x", 60)
	for _, c := range []struct{ base, suffix, want string }{
		{"fact", stageSuffix, "fact__flis_stage"},
		{strings.Repeat("a", 51), stageSuffix, strings.Repeat("a", 51) + stageSuffix}, // exactly 63
		{long, stageSuffix, strings.Repeat("x", 42) + "_42f2d973" + stageSuffix},
		{long, oldSuffix, strings.Repeat("x", 44) + "_42f2d973" + oldSuffix},
	} {
		if got := derivedName(c.base, c.suffix); got != c.want {
			t.Errorf("derivedName(%q, %q) = %q, want %q", c.base, c.suffix, got, c.want)
		}
	}
}

func FuzzDerivedName(f *testing.F) {
	f.Add("fact_ky_sager", false)
	f.Add(strings.Repeat("æ", 40), true)
	f.Fuzz(func(t *testing.T, base string, old bool) {
		if !utf8.ValidString(base) {
			t.Skip() // identifiers come from UTF-8 YAML
		}
		suffix := stageSuffix
		if old {
			suffix = oldSuffix
		}
		got := derivedName(base, suffix)
		if len(got) > maxIdentLen {
			t.Fatalf("%q is %d bytes", got, len(got))
		}
		if !utf8.ValidString(got) || !strings.HasSuffix(got, suffix) {
			t.Fatalf("derivedName(%q, %q) = %q: invalid UTF-8 or lost suffix", base, suffix, got)
		}
		// Two different long bases never derive the same name (the hash tells them apart).
		if other := derivedName(base+"_", suffix); other == got {
			t.Fatalf("%q and %q both derive %q", base, base+"_", got)
		}
	})
}

func TestRangeStart(t *testing.T) {
	m := Model{ID: "m", Materialized: KindIncremental, Range: &Range{Column: "d", Granularity: "month"}}
	for _, c := range []struct {
		gran     string
		lookback int
		max      string
		want     string
	}{
		{"day", 0, "2024-03-01", "2024-03-01"},
		{"day", 3, "2024-03-01 10:00:00", "2024-02-27"}, // leap year
		{"week", 0, "2024-03-31", "2024-03-25"},         // Sunday → Monday before
		{"week", 1, "2024-03-25T00:00:00Z", "2024-03-18"},
		{"month", 0, "2024-03-31", "2024-03-01"},
		{"month", 3, "2024-01-15", "2023-10-01"},
		{"quarter", 0, "2024-06-30", "2024-04-01"},
		{"quarter", 2, "2024-02-10", "2023-07-01"},
		{"year", 1, "2024-12-31 23:59:59.999+01", "2023-01-01"},
	} {
		m.Range.Granularity, m.Range.Lookback = c.gran, c.lookback
		got, err := RangeStart(m, State{Kind: KindTable, RangeMax: c.max})
		if err != nil || got != c.want {
			t.Errorf("%s lookback %d from %s: got %q, %v; want %q", c.gran, c.lookback, c.max, got, err, c.want)
		}
	}
	for _, st := range []State{{}, {Kind: KindView, RangeMax: "2024-01-01"}, {Kind: KindTable}, {Kind: KindTable, FullRefresh: true, RangeMax: "2024-01-01"}} {
		if got, err := RangeStart(m, st); got != "-infinity" || err != nil {
			t.Errorf("RangeStart(%+v) = %q, %v; want -infinity (full build)", st, got, err)
		}
	}
	// A range reaching back to the table's first row rebuilds the table; one that starts
	// after it is a change.
	m.Range.Granularity, m.Range.Lookback = "month", 1
	for _, c := range []struct {
		min, want string
		all       bool
	}{
		{"2024-02-01", "-infinity", true},
		{"2024-02-15 08:00:00", "-infinity", true},
		{"2024-01-31", "2024-02-01", false},
		{"", "2024-02-01", false},
	} {
		st := State{Kind: KindTable, RangeMax: "2024-03-31", RangeMin: c.min}
		got, err := RangeStart(m, st)
		if err != nil || got != c.want || RebuildsAll(m, st) != c.all {
			t.Errorf("RangeStart with min %q = %q, %v (RebuildsAll %t); want %q (%t)", c.min, got, err, RebuildsAll(m, st), c.want, c.all)
		}
	}
	for _, bad := range []string{"infinity", "2024-13-01", "2024-03-01x", "20240301"} {
		if _, err := RangeStart(m, State{Kind: KindTable, RangeMax: bad}); err == nil {
			t.Errorf("RangeMax %q: want an error", bad)
		}
	}
	if _, err := RangeStart(Model{ID: "v", Materialized: KindView}, State{}); err == nil {
		t.Error("RangeStart of a view: want an error")
	}
}
