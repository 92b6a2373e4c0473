package pgsql

import (
	"math"
	"testing"
	"time"
)

func TestLiteral(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		v    any
		want string
	}{
		{nil, "NULL"},
		{"2024-03-31", "'2024-03-31'"},
		{"it's", "'it''s'"},
		{`back\slash`, `'back\slash'`},
		{true, "TRUE"},
		{false, "FALSE"},
		{42, "42"},
		{-5, "(-5)"},
		{int64(7), "7"},
		{uint8(3), "3"},
		{1.5, "1.5"},
		{-0.25, "(-0.25)"},
		{1e21, "1e+21"},
		{math.NaN(), "'NaN'::float8"},
		{math.Inf(1), "'Infinity'::float8"},
		{time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), "'2024-03-31'::date"},
		{time.Date(2024, 3, 31, 12, 30, 0, 0, time.UTC), "'2024-03-31 12:30:00'::timestamp"},
		{time.Date(2024, 3, 31, 12, 30, 0, 5000, cet), "'2024-03-31 12:30:00.000005+01:00'::timestamptz"},
		{[]int{1}, "'[1]'"},
	}
	for _, tt := range tests {
		if got := Literal(tt.v); got != tt.want {
			t.Errorf("Literal(%#v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

func TestQuoteIdent(t *testing.T) {
	for in, want := range map[string]string{"dm": `"dm"`, "Fact": `"Fact"`, `a"b`: `"a""b"`, "": `""`, "select": `"select"`} {
		if got := QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestApplyEdits(t *testing.T) {
	src := "SELECT a FROM dm.x JOIN y ON true"
	got, err := ApplyEdits(src, []Edit{
		{Off: 24, End: 25, Text: `"dm_ci"."y"`},
		{Off: 14, End: 18, Text: `"dm_ci"."x"`},
		{Off: 0, End: 0, Text: "/* flis */ "},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := `/* flis */ SELECT a FROM "dm_ci"."x" JOIN "dm_ci"."y" ON true`; got != want {
		t.Errorf("ApplyEdits = %s, want %s", got, want)
	}
	for _, bad := range [][]Edit{
		{{Off: 2, End: 5}, {Off: 4, End: 6}},
		{{Off: 5, End: 4}},
		{{Off: 0, End: len(src) + 1}},
		{{Off: -1, End: 0}},
	} {
		if _, err := ApplyEdits(src, bad); err == nil {
			t.Errorf("ApplyEdits(%v) accepted bad edits", bad)
		}
	}
}

// The compiler's use: rewrite every relation of a model by its span.
func TestRewriteRelations(t *testing.T) {
	src := `WITH x AS (SELECT * FROM "dm"."Fact") SELECT * FROM x JOIN stg_y s USING (id) -- FROM q`
	a, err := Analyze(src)
	if err != nil {
		t.Fatal(err)
	}
	var edits []Edit
	for _, r := range a.Relations {
		schema := r.Schema
		if schema == "" {
			schema = "stg"
		}
		edits = append(edits, Edit{Off: r.Off, End: r.End, Text: QuoteIdent(schema+"_ci") + "." + QuoteIdent(r.Name)})
	}
	got, err := ApplyEdits(src, edits)
	if err != nil {
		t.Fatal(err)
	}
	want := `WITH x AS (SELECT * FROM "dm_ci"."Fact") SELECT * FROM x JOIN "stg_ci"."stg_y" s USING (id) -- FROM q`
	if got != want {
		t.Errorf("rewritten\n got  %s\n want %s", got, want)
	}
}
