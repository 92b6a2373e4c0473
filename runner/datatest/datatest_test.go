package datatest

import (
	"github.com/flis-dk/flis/internal/golden"
	"path/filepath"
	"strings"
	"testing"
)

var sager = Relation{Schema: "dm", Name: "fact_ky_sager"}

var goldenCases = []struct {
	name string
	test Test
}{
	{"not_null", Test{Kind: NotNull, Relation: sager, Column: "sag_id"}},
	{"not_null_where", Test{Kind: NotNull, Relation: sager, Column: "sag_id", Where: "maaned >= '2024-01-01' -- kun i år"}},
	{"unique_column", Test{Kind: Unique, Relation: sager, Column: "sag_id"}},
	{"unique_columns", Test{Kind: Unique, Relation: sager, Columns: []string{"sag_id", "maaned"}}},
	{"unique_columns_arg", Test{Kind: Unique, Relation: sager, Args: map[string]any{"columns": []any{"sag_id", `Måned "x"`}}}},
	{"accepted_values", Test{Kind: AcceptedValues, Relation: sager, Column: "status",
		Args: map[string]any{"values": []any{"Åben", "Afbrudt", "Gennemført", "O'Brien"}}}},
	{"accepted_values_unquoted", Test{Kind: AcceptedValues, Relation: sager, Column: "niveau",
		Args: map[string]any{"values": []any{1, 2.5, -3, "4e2", true}, "quote": false}}},
	{"relationships", Test{Kind: Relationships, Relation: sager, Column: "sag_id",
		Args: map[string]any{"to": Relation{Schema: "dm", Name: "dim_ky_sag_oversigt"}, "field": "sag_id"}}},
	{"relationships_string_to", Test{Kind: Relationships, Relation: sager, Column: "sag_id", Where: "aktiv",
		Args: map[string]any{"to": "dsa.ky_sag", "field": "id"}}},
	{"expression_is_true", Test{Kind: ExpressionIsTrue, Relation: sager,
		Args: map[string]any{"expression": "fuldtidsperson BETWEEN 0 AND 1"}}},
	{"row_count", Test{Kind: RowCount, Relation: sager, Args: map[string]any{"min": 1, "max": 100000000}}},
	{"row_count_min_only", Test{Kind: RowCount, Relation: sager, Args: map[string]any{"min": float64(10)}}},
	{"recency", Test{Kind: Recency, Relation: sager, Args: map[string]any{"column": "maaned", "max_age": "62 days"}}},
	{"recency_column_level", Test{Kind: Recency, Relation: sager, Column: "oprettet", Args: map[string]any{"max_age": "1 day 12 hours"}}},
	{"singular", Test{Kind: Singular, SQL: "SELECT * FROM dm.x WHERE a < 0; -- negative\n"}},
	{"singular_where", Test{Kind: Singular, SQL: "SELECT a FROM dm.x -- all\n", Where: "a IS NOT NULL"}},
}

func TestGolden(t *testing.T) {
	audit := Relation{Schema: "flis_audit", Name: "not_null_fact_ky_sager_sag_id"}
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			q, err := SQL(c.test)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString("-- " + DefaultName(c.test) + "\n" + q + ";\n\n-- count\n")
			cq, err := CountSQL(c.test)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(cq + ";\n")
			if Scopable(c.test) {
				change := Relation{Schema: "dm", Name: "fact_ky_sager__flis_stage"}
				sq, err := ScopedCountSQL(c.test, change)
				if err != nil {
					t.Fatal(err)
				}
				b.WriteString("\n-- count over the change " + change.String() + "\n" + sq + ";\n")
				if c.test.Kind == Unique {
					b.WriteString("\n-- change has a NULL key\n" + ChangeKeyHasNullSQL(c.test, change) + ";\n")
				}
			} else if _, err := ScopedCountSQL(c.test, sager); err == nil {
				t.Errorf("%s: ScopedCountSQL accepted a kind that is not scopable", c.test.Kind)
			}
			if c.name == "not_null" {
				stmts, err := StoreFailuresSQL(c.test, audit)
				if err != nil {
					t.Fatal(err)
				}
				b.WriteString("\n-- store failures\n" + strings.Join(stmts, ";\n\n") + ";\n")
			}
			path := filepath.Join("testdata", c.name+".golden")
			golden.Check(t, path, b.String())
		})
	}
}

// TestGoldenBatch: the shared scan of every golden case that can share one.
func TestGoldenBatch(t *testing.T) {
	var shared []Test
	for _, c := range goldenCases {
		if Batchable(c.test) {
			shared = append(shared, c.test)
		} else if _, err := BatchCountSQL([]Test{c.test}); err == nil {
			t.Errorf("%s: BatchCountSQL accepted a kind that cannot share a scan", c.name)
		}
	}
	q, err := BatchCountSQL(shared)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "batch.golden"), q+";\n")
	other := Test{Kind: NotNull, Relation: Relation{Schema: "dm", Name: "other"}, Column: "x"}
	if _, err := BatchCountSQL(append(shared, other)); err == nil {
		t.Error("BatchCountSQL accepted tests of two relations")
	}
	sub := Test{Kind: ExpressionIsTrue, Relation: sager, Args: map[string]any{"expression": "n IN (SELECT 1)"}}
	if Batchable(sub) {
		t.Error("an expression with a subquery may not share a scan")
	}
}

func TestValidationErrors(t *testing.T) {
	col := func(kind string, args map[string]any) Test {
		return Test{Kind: kind, Relation: sager, Column: "c", Args: args}
	}
	tbl := func(kind string, args map[string]any) Test {
		return Test{Kind: kind, Relation: sager, Args: args}
	}
	for _, c := range []struct {
		name string
		test Test
		want string
	}{
		{"unknown kind", tbl("uniq", nil), `uniq test: unknown test kind "uniq" (known: accepted_values, expression_is_true, not_null, recency, relationships, row_count, singular, unique)`},
		{"bad severity", Test{Kind: NotNull, Relation: sager, Column: "c", Severity: "fatal"}, `not_null test: severity: "fatal" is neither error nor warn`},
		{"unknown arg", col(NotNull, map[string]any{"valus": 1}), `not_null test: valus: unknown argument (it takes no arguments)`},
		{"unknown arg listed", col(AcceptedValues, map[string]any{"valus": []any{"a"}}), `accepted_values test: valus: unknown argument (known: values, quote)`},
		{"no relation", Test{Kind: NotNull, Column: "c"}, `not_null test: no relation to test`},
		{"not_null without column", tbl(NotNull, nil), `not_null test: column: a not_null test belongs under a column`},
		{"unique without key", tbl(Unique, nil), `unique test: columns: put the test under a column or list the key's columns`},
		{"unique columns not a list", tbl(Unique, map[string]any{"columns": "a,b"}), `unique test: columns: want a list of column names`},
		{"unique column twice", Test{Kind: Unique, Relation: sager, Columns: []string{"a", "a"}}, `unique test: columns: column "a" is empty or listed twice`},
		{"values missing", col(AcceptedValues, nil), `accepted_values test: values: missing: list the accepted values`},
		{"values empty", col(AcceptedValues, map[string]any{"values": []any{}}), `accepted_values test: values: the list is empty, so every value would fail`},
		{"values null", col(AcceptedValues, map[string]any{"values": []any{"a", nil}}), `accepted_values test: values: value 2 is null; NULL is never in a list (use not_null)`},
		{"values not number", col(AcceptedValues, map[string]any{"values": []any{1, "1); DROP TABLE x; --"}, "quote": false}),
			`accepted_values test: values: value 2 ("1); DROP TABLE x; --") is not a number or boolean, which quote: false needs`},
		{"values NaN", col(AcceptedValues, map[string]any{"values": []any{"NaN"}, "quote": false}), `accepted_values test: values: value 1 ("NaN") is not a number or boolean, which quote: false needs`},
		{"quote not bool", col(AcceptedValues, map[string]any{"values": []any{1}, "quote": "no"}), `accepted_values test: quote: want true or false, got no`},
		{"values map", col(AcceptedValues, map[string]any{"values": []any{map[string]any{"a": 1}}}), `accepted_values test: values: value 1: want a string, number or boolean, got map[string]interface {}`},
		{"to missing", col(Relationships, map[string]any{"field": "id"}), `relationships test: to: missing: the parent relation`},
		{"to bad", col(Relationships, map[string]any{"to": "a.b.c", "field": "id"}), `relationships test: to: want a relation name, got a.b.c`},
		{"field missing", col(Relationships, map[string]any{"to": "dim"}), `relationships test: field: missing: the parent's column the values must appear in`},
		{"expression missing", tbl(ExpressionIsTrue, map[string]any{"expression": " "}), `expression_is_true test: expression: missing: a SQL boolean expression every row must satisfy`},
		{"row_count empty", tbl(RowCount, nil), `row_count test: min: set min, max or both`},
		{"row_count negative", tbl(RowCount, map[string]any{"min": -1}), `row_count test: min: must not be negative, got -1`},
		{"row_count fraction", tbl(RowCount, map[string]any{"max": 1.5}), `row_count test: max: want a whole number, got 1.5`},
		{"row_count text", tbl(RowCount, map[string]any{"max": "10"}), `row_count test: max: want a whole number, got 10`},
		{"row_count inverted", tbl(RowCount, map[string]any{"min": 10, "max": 5}), `row_count test: max: max 5 is below min 10`},
		{"recency no column", tbl(Recency, map[string]any{"max_age": "1 day"}), `recency test: column: missing: the timestamp or date column to measure`},
		{"recency no age", tbl(Recency, map[string]any{"column": "d"}), `recency test: max_age: missing: an interval such as "62 days"`},
		{"recency bad age", tbl(Recency, map[string]any{"column": "d", "max_age": "62 dage"}), `recency test: max_age: "62 dage" is not an interval such as "62 days" or "1 month 15 days"`},
		{"recency injected age", tbl(Recency, map[string]any{"column": "d", "max_age": "1 day'::interval; --"}), `recency test: max_age: "1 day'::interval; --" is not an interval such as "62 days" or "1 month 15 days"`},
		{"singular empty", Test{Kind: Singular, SQL: " ;\n"}, `singular test: sql: the test file holds no query`},
		{"singular two statements", Test{Kind: Singular, SQL: "SELECT 1; SELECT 2"}, `singular test: sql: more than one statement; a singular test is one SELECT`},
		{"singular unterminated", Test{Kind: Singular, SQL: "SELECT 'x"}, `singular test: sql: unterminated string literal at byte 7 (close it with '; a quote inside a string is written '')`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := SQL(c.test)
			if err == nil {
				t.Fatalf("want error %q, got none", c.want)
			}
			if err.Error() != c.want {
				t.Errorf("got  %s\nwant %s", err, c.want)
			}
			if _, ok := err.(*ArgError); !ok {
				t.Errorf("want *ArgError, got %T", err)
			}
		})
	}
}

func TestDefaultName(t *testing.T) {
	for _, c := range []struct {
		test Test
		want string
	}{
		{Test{Kind: NotNull, Relation: sager, Column: "sag_id"}, "not_null_fact_ky_sager_sag_id"},
		{Test{Kind: Unique, Relation: sager, Columns: []string{"sag_id", "maaned"}}, "unique_fact_ky_sager_sag_id__maaned"},
		{Test{Kind: Relationships, Relation: sager, Column: "sag_id", Args: map[string]any{"to": Relation{"dm", "dim"}}}, "relationships_fact_ky_sager_sag_id_dim"},
		{Test{Kind: RowCount, Relation: sager, Name: "mindst_en"}, "mindst_en"},
		{Test{Kind: RowCount, Relation: sager}, "row_count_fact_ky_sager"},
	} {
		if got := DefaultName(c.test); got != c.want {
			t.Errorf("DefaultName(%+v) = %q, want %q", c.test, got, c.want)
		}
	}
}

func TestScopable(t *testing.T) {
	expr := func(e, where string) Test {
		return Test{Kind: ExpressionIsTrue, Relation: sager, Where: where, Args: map[string]any{"expression": e}}
	}
	for _, c := range []struct {
		test Test
		want bool
	}{
		{Test{Kind: NotNull, Relation: sager, Column: "a"}, true},
		{Test{Kind: Unique, Relation: sager, Column: "a"}, true},
		{Test{Kind: RowCount, Relation: sager, Args: map[string]any{"min": 1}}, false},
		{Test{Kind: Recency, Relation: sager, Args: map[string]any{"column": "d", "max_age": "1 day"}}, false},
		{Test{Kind: Singular, SQL: "SELECT 1"}, false},
		{expr("n BETWEEN 0 AND 1", ""), true},
		{expr("n <= 'select'", ""), true}, // a string is no subquery
		{expr("n IN (SELECT id FROM dm.dim)", ""), false},
		{expr("n > 0", "id IN (select id FROM dm.aktive)"), false},
		{expr("EXISTS (TABLE dm.x)", ""), false},
		{expr("n > 'unterminated", ""), false},
	} {
		if got := Scopable(c.test); got != c.want {
			t.Errorf("Scopable(%s %v where %q) = %t, want %t", c.test.Kind, c.test.Args, c.test.Where, got, c.want)
		}
	}
}
