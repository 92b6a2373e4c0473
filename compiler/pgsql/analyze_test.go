package pgsql

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// rels renders relations as "schema.name@text" with text = src[Off:End], so a test sees
// both the resolved name and the exact span.
func rels(src string, rs []Relation) string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s@%s", r, src[r.Off:r.End]))
	}
	return strings.Join(out, " ")
}

func TestRelations(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"qualified", "SELECT a FROM dm.fact_x", "dm.fact_x@dm.fact_x"},
		{"quoted keeps case", `SELECT a FROM "dm"."Fact" f`, `dm.Fact@"dm"."Fact"`},
		{"unquoted folds", "SELECT a FROM DM.Fact_X", "dm.fact_x@DM.Fact_X"},
		{"spaces in name", "SELECT a FROM dm . fact_x", "dm.fact_x@dm . fact_x"},
		{"joins in order", "SELECT 1 FROM a JOIN s.b ON true LEFT JOIN c USING (x), d", "a@a s.b@s.b c@c d@d"},
		{"each occurrence", "SELECT 1 FROM t a JOIN t b ON a.x = b.x", "t@t t@t"},
		{"subqueries everywhere", "SELECT (SELECT 1 FROM a) FROM b WHERE EXISTS (SELECT 1 FROM c) AND x IN (SELECT y FROM d)", "a@a b@b c@c d@d"},
		{"set operations", "SELECT 1 FROM a UNION SELECT 2 FROM b EXCEPT SELECT 3 FROM c", "a@a b@b c@c"},
		{"cte not a relation", "WITH x AS (SELECT 1 FROM t) SELECT * FROM x", "t@t"},
		{"cte shadows only in scope", "SELECT * FROM (WITH t AS (SELECT 1 FROM u) SELECT * FROM t) q JOIN t ON true", "u@u t@t"},
		{"qualified name is not the cte", "WITH t AS (SELECT 1) SELECT * FROM s.t", "s.t@s.t"},
		{"cte body sees earlier ctes", "WITH a AS (SELECT 1 FROM b), b AS (SELECT 1 FROM a) SELECT 1 FROM b", "b@b"},
		{"recursive sees itself", "WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT 1 FROM r) SELECT * FROM r", ""},
		{"non-recursive does not see itself", "WITH r AS (SELECT 1 FROM r) SELECT * FROM r", "r@r"},
		{"lateral", "SELECT * FROM a, LATERAL (SELECT * FROM b WHERE b.x = a.x) l", "a@a b@b"},
		{"function in from", "SELECT * FROM generate_series(1, 3) g(x) JOIN t ON true", "t@t"},
		{"function args keep subqueries", "SELECT * FROM unnest(ARRAY(SELECT x FROM t)) u", "t@t"},
		{"values in from", "SELECT * FROM (VALUES (1), ((SELECT 2 FROM t))) v(a)", "t@t"},
		{"extract is not a table", "SELECT extract(year FROM d) FROM t", "t@t"},
		{"is distinct from", "SELECT 1 FROM t WHERE a IS DISTINCT FROM b", "t@t"},
		{"comments and strings", "SELECT 'FROM x', $$FROM y$$ /* FROM z */ FROM t -- FROM w", "t@t"},
		{"full join", "SELECT 1 FROM a FULL JOIN b ON true", "a@a b@b"},
		{"filter subquery", "SELECT count(*) FILTER (WHERE x IN (SELECT y FROM f)) FROM t", "f@f t@t"},
		{"table statement", "TABLE dm.x", "dm.x@dm.x"},
		{"only", "SELECT * FROM ONLY p", "p@p"},
		{"parenthesized join", "SELECT * FROM (a JOIN b ON true) JOIN c ON true", "a@a b@b c@c"},
		{"var in where", "SELECT 1 FROM t WHERE d <= ${data_tom}::date", "t@t"},
		{"pg catalog", "SELECT 1 FROM pg_catalog.pg_class", "pg_catalog.pg_class@pg_catalog.pg_class"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Analyze(tt.src)
			if err != nil {
				t.Fatalf("Analyze: %v", err)
			}
			if got := rels(tt.src, a.Relations); got != tt.want {
				t.Errorf("relations\n got  %s\n want %s", got, tt.want)
			}
			if a.Fallback {
				t.Errorf("unexpected fallback: %s", a.Warning)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	tests := []struct {
		src, want string
		star      bool
	}{
		{"SELECT a, t.b, s.t.c FROM t", "a b c", false},
		{"SELECT a AS x, b y, c AS \"Z z\" FROM t", "x y Z z", false},
		{"SELECT x::int, CAST(y AS text), '1'::int, 2::text, CAST(3 AS numeric(4,1)) FROM t", "x y int4 text numeric", false},
		{"SELECT 1::double precision, 'x'::varchar(3), now()::timestamp with time zone", "float8 varchar now", false},
		{"SELECT '1'::timestamp with time zone, '1'::character varying, true, false::boolean", "timestamptz varchar bool bool", false},
		{"SELECT count(*), sum(x) OVER (), pg_catalog.lower(y), row_number() OVER w FROM t", "count sum lower row_number", false},
		{"SELECT CASE WHEN a THEN 1 END, CASE WHEN a THEN 1 ELSE b END, CASE WHEN a THEN 1 ELSE 2 END::text", "case b text", false},
		{"SELECT 1, 'a', NULL, a + b, -a, a IS NULL, NOT a, a AND b", "?column? ?column? ?column? ?column? ?column? ?column? ?column? ?column?", false},
		{"SELECT (a), ((b)), (SELECT max(c) FROM t), (SELECT 1), EXISTS (SELECT 1), ARRAY[1], ARRAY(SELECT 1), (a, b)", "a b max ?column? exists array array row", false},
		{"SELECT a[1], (a).f, a COLLATE \"C\", x AT TIME ZONE 'UTC', a || b", "a f a timezone ?column?", false},
		{"SELECT current_date, current_timestamp(0), localtime, current_user", "current_date current_timestamp localtime current_user", false},
		{"SELECT date '2024-01-01', interval '1' month, timestamp with time zone 'x', numeric '1'", "date interval timestamptz numeric", false},
		{"SELECT trim(both 'x' FROM a), trim(leading FROM a), substring(a FROM 1), extract(year FROM d), coalesce(a, b), nullif(a, b), greatest(a, b)", "btrim ltrim substring extract coalesce nullif greatest", false},
		{"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) p, count(*) FILTER (WHERE a) AS n FROM t", "p n", false},
		{"SELECT *, a FROM t", "a", true},
		{"SELECT t.*, b FROM t", "b", true},
		{"SELECT DISTINCT ON (a) a, b FROM t ORDER BY a", "a b", false},
		{"WITH x AS (SELECT 1 AS q) SELECT q FROM x", "q", false},
		{"(SELECT a FROM t) UNION SELECT b FROM u", "a", false},
		{"VALUES (1, 2, 3)", "column1 column2 column3", false},
		{"SELECT a BETWEEN 1 AND 2, a NOT IN (1), a LIKE 'x' ESCAPE '!', a IS DISTINCT FROM b FROM t", "?column? ?column? ?column? ?column?", false},
		{"SELECT ${x}, ${x}::date, $1::int", "?column? date int4", false},
	}
	for _, tt := range tests {
		a, err := Analyze(tt.src)
		if err != nil {
			t.Errorf("Analyze(%q): %v", tt.src, err)
			continue
		}
		var names []string
		for _, c := range a.Columns {
			names = append(names, c.Name)
		}
		if got := strings.Join(names, " "); got != tt.want || a.Star != tt.star {
			t.Errorf("Analyze(%q) columns\n got  %s (star %v)\n want %s (star %v)", tt.src, got, a.Star, tt.want, tt.star)
		}
	}
}

func TestColumnOffsets(t *testing.T) {
	src := "SELECT a,\n  count(*) AS n FROM t"
	a, err := Analyze(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Columns) != 2 || !strings.HasPrefix(src[a.Columns[1].Off:], "count(*)") || a.Columns[0].Off != 7 {
		t.Errorf("column offsets %+v", a.Columns)
	}
}

func TestVars(t *testing.T) {
	src := "SELECT ${a}, '${not_a_var}', $$${nor_this}$$ -- ${nor}\nFROM t WHERE x = ${b.c}"
	a, err := Analyze(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range a.Vars {
		got = append(got, v.Name+"@"+src[v.Off:v.End])
	}
	if want := "a@${a} b.c@${b.c}"; strings.Join(got, " ") != want {
		t.Errorf("vars = %v, want %s", got, want)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		off       int
		msg       string
	}{
		{"empty", "  -- only a comment\n", 0, "empty model"},
		{"only semicolon", ";", 0, "empty model"},
		{"two statements", "SELECT 1; SELECT 2", 10, "more than one statement in a model"},
		{"unclosed paren", "SELECT (1 FROM t", 7, `"(" is never closed`},
		{"extra paren", "SELECT 1) FROM t", 8, `unbalanced ")"`},
		{"mismatched bracket", "SELECT a[1) FROM t", 10, `unbalanced ")"`},
		{"not a query", "INSERT INTO t VALUES (1)", 0, "a model must be a query, not INSERT"},
		{"dml after with", "WITH x AS (SELECT 1) DELETE FROM t", 21, "a model must be a query, not DELETE"},
		{"create", "create table x as select 1", 0, "a model must be a query, not CREATE"},
		{"trailing comma", "SELECT a, b, FROM t", 11, "trailing comma before FROM"},
		{"comma before paren", "SELECT f(a,) FROM t", 10, `trailing comma before ")"`},
		{"missing table", "SELECT a FROM WHERE x", 9, "missing table after FROM"},
		{"missing table at end", "SELECT a FROM", 9, "missing table after FROM"},
		{"dangling operator", "SELECT a + FROM t", 9, `missing operand after "+" before FROM`},
		{"dangling and", "SELECT a FROM t WHERE x = 1 AND", 28, "missing expression after AND"},
		{"empty where", "SELECT a FROM t WHERE ORDER BY a", 16, "missing expression after WHERE"},
		{"missing type", "SELECT a:: FROM t", 8, "missing type after ::"},
		{"case without end", "SELECT CASE WHEN a THEN 1 FROM t", 7, "CASE without END"},
		{"case without end in parens", "SELECT (CASE WHEN a THEN 1) FROM t", 8, "CASE without END"},
		{"end without case", "SELECT a END FROM t", 9, "END without CASE"},
		{"tokenizer error", "SELECT 'abc", 7, "unterminated string literal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Analyze(tt.src)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Analyze(%q) = %v, want *Error", tt.src, err)
			}
			if e.Off != tt.off || e.Msg != tt.msg {
				t.Errorf("Analyze(%q) = %d %q, want %d %q", tt.src, e.Off, e.Msg, tt.off, tt.msg)
			}
		})
	}
}

// Valid PostgreSQL must never be refused, even where the analyser falls back.
func TestValidNeverRefused(t *testing.T) {
	for _, src := range []string{
		"SELECT FROM t",
		"SELECT",
		"SELECT by FROM t",
		"SELECT a FROM t ORDER BY a USING <",
		"SELECT a FROM t FOR UPDATE",
		"SELECT * FROM ROWS FROM (generate_series(1, 2), generate_series(1, 3)) r(a, b)",
		"SELECT (x).* FROM t",
		"SELECT a FROM t OFFSET 2 LIMIT 1",
		"SELECT xmlelement(name foo, a) FROM t",
		"SELECT 1 FROM t WHERE a = OPERATOR(pg_catalog.=) b",
		"SELECT a FROM t GROUP BY DISTINCT a",
		"SELECT array_agg(a) OVER () FROM t",
		"SELECT ((SELECT 1))",
		"SELECT 1;;",
	} {
		if _, err := Analyze(src); err != nil {
			t.Errorf("Analyze(%q) refused valid SQL: %v", src, err)
		}
	}
}

func TestFallbackWarning(t *testing.T) {
	src := "SELECT a FROM dm.t FOR UPDATE OF t SKIP LOCKED"
	a, err := Analyze(src)
	if err != nil {
		t.Fatal(err)
	}
	if !a.Fallback || a.Warning == "" {
		t.Fatalf("want a fallback with a warning, got %+v", a)
	}
	if got := rels(src, a.Relations); got != "dm.t@dm.t" {
		t.Errorf("fallback relations = %s", got)
	}
	if a.WarningOff < 0 || a.WarningOff >= len(src) {
		t.Errorf("warning offset %d outside the text", a.WarningOff)
	}
}
