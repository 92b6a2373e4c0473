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
		{"search and cycle", "WITH RECURSIVE r(n) AS (SELECT n FROM t UNION ALL SELECT n + 1 FROM r) SEARCH DEPTH FIRST BY n SET o CYCLE n SET c TO 'y' DEFAULT 'n' USING p SELECT * FROM r", "t@t"},
		{"cycle alone", "WITH RECURSIVE r AS (SELECT n FROM t UNION ALL SELECT n FROM r) CYCLE n SET c USING p, q AS (SELECT 1 FROM u) SELECT * FROM r, q", "t@t u@u"},
		{"table only", "TABLE ONLY dsa.p", "dsa.p@dsa.p"},
		{"inheritance star", "SELECT a FROM p * JOIN ONLY q ON true", "p@p q@q"},
		{"limit and offset subqueries", "SELECT a FROM t ORDER BY a LIMIT (SELECT count(*) FROM u) OFFSET (SELECT 1 FROM v)", "t@t u@u v@v"},
		{"offset before limit", "SELECT a FROM t OFFSET 2 ROWS LIMIT 1", "t@t"},
		{"fetch first subquery", "SELECT a FROM t ORDER BY a FETCH FIRST (SELECT 1 FROM u) ROWS WITH TIES", "t@t u@u"},
		{"limit subquery without from", "SELECT 1 LIMIT (SELECT 1 FROM u)", "u@u"},
		{"group by distinct", "SELECT a FROM t GROUP BY DISTINCT ROLLUP (a, b), CUBE (a)", "t@t"},
		{"tablesample", "SELECT a FROM t TABLESAMPLE BERNOULLI (5) REPEATABLE (42) JOIN u ON true", "t@t u@u"},
		{"join using alias", "SELECT j.a FROM t JOIN u USING (a) AS j", "t@t u@u"},
		{"aliased join", "SELECT j.a FROM (t JOIN u USING (a)) AS j JOIN v ON true", "t@t u@u v@v"},
		{"field access", "SELECT (s).a, (s).*, (f(s)).b.c FROM t AS s", "t@t"},
		{"uescape", "SELECT 1 FROM t WHERE n <> U&'!00C6' UESCAPE '!'", "t@t"},
		{"like any subquery", "SELECT 1 FROM t WHERE n LIKE ANY (SELECT p FROM u) OR n NOT ILIKE ALL (SELECT p FROM v)", "t@t u@u v@v"},
		{"rows from", "SELECT * FROM t CROSS JOIN LATERAL ROWS FROM (f(t.x) AS (a int), generate_series(1, (SELECT 2 FROM u))) WITH ORDINALITY AS r(a, b, n)", "t@t u@u"},
		{"rows from without alias", "SELECT * FROM ROWS FROM (generate_series(1, 2))", ""},
		{"xmltable", "SELECT t.c FROM d, XMLTABLE('/r' PASSING d.x COLUMNS c text PATH 'c', n FOR ORDINALITY) AS t", "d@d"},
		{"empty select list", "SELECT FROM t WHERE EXISTS (SELECT FROM u)", "t@t u@u"},
		{"aliases tidb reserves", "SELECT a AS interval, b AS schema, c AS key FROM t", "t@t"},
		{"operator syntax", "SELECT a OPERATOR(pg_catalog.*) 2, OPERATOR(pg_catalog.-) b FROM t", "t@t"},
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
		{"SELECT *, a FROM t", "", true},
		{"SELECT t.*, b FROM t", "", true},
		{"SELECT DISTINCT ON (a) a, b FROM t ORDER BY a", "a b", false},
		{"WITH x AS (SELECT 1 AS q) SELECT q FROM x", "q", false},
		{"(SELECT a FROM t) UNION SELECT b FROM u", "a", false},
		{"VALUES (1, 2, 3)", "column1 column2 column3", false},
		{"SELECT a BETWEEN 1 AND 2, a NOT IN (1), a LIKE 'x' ESCAPE '!', a IS DISTINCT FROM b FROM t", "?column? ?column? ?column? ?column?", false},
		{"SELECT ${x}, ${x}::date, $1::int", "?column? date int4", false},
		{"SELECT 'a'\n  'b' AS msg, 'x'\n-- c\n'y' FROM t", "msg ?column?", false},
		{"SELECT 2 OPERATOR(pg_catalog.*) 3, OPERATOR(pg_catalog.-) 4, 5 OPERATOR(pg_catalog.+) 6 AS s", "?column? ?column? s", false},
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

// TestStarColumns: * is expanded where the statement defines the columns, and left
// unknown (Star, no columns) where it covers a table. The names were checked on
// PostgreSQL 15 (\gdesc).
func TestStarColumns(t *testing.T) {
	tests := []struct {
		src, want string // want "": Star and no columns
	}{
		{"WITH c AS (SELECT 1 AS a, 2 AS b) SELECT * FROM c", "a b"},
		{"WITH c(x) AS (SELECT 1 AS a, 2 AS b) SELECT * FROM c", "x b"},
		{"SELECT * FROM (VALUES (1, 2)) v", "column1 column2"},
		{"SELECT * FROM (VALUES (1, 2)) v(p)", "p column2"},
		{"SELECT * FROM generate_series(1, 3)", "generate_series"},
		{"SELECT * FROM generate_series(1, 3) g", "g"},
		{"SELECT * FROM pg_catalog.generate_series(1, 3) g(n)", "n"},
		{"SELECT * FROM generate_series(1, 3) WITH ORDINALITY g", "g ordinality"},
		{"SELECT * FROM unnest(ARRAY[1], ARRAY['a']) u", "unnest unnest"},
		{"SELECT * FROM unnest(ARRAY[1], ARRAY['a']) u(a, b)", "a b"},
		{"SELECT * FROM unnest(ARRAY[1], ARRAY[2]) WITH ORDINALITY", "unnest unnest ordinality"},
		{"SELECT * FROM ROWS FROM (generate_series(1,2), generate_series(1,3)) r", "generate_series generate_series"},
		{"SELECT * FROM ROWS FROM (generate_series(1,2)) r", "r"},
		{"SELECT * FROM ROWS FROM (json_to_record('{}') AS (a int, b text), generate_series(1, 2)) WITH ORDINALITY AS r", "a b generate_series ordinality"},
		{"SELECT * FROM jsonb_each('{}') e", "key value"},
		{"SELECT * FROM jsonb_array_elements('[]') AS e", "value"},
		{"SELECT * FROM json_to_record('{}') AS r(a int, b text)", "a b"},
		{"SELECT * FROM string_to_table('a,b', ',') WITH ORDINALITY AS t", "t ordinality"},
		{"SELECT * FROM (SELECT 1 AS a) x JOIN (SELECT 1 AS a, 2 AS b) y USING (a)", "a b"},
		{"SELECT * FROM (SELECT 1 AS a, 3 AS c) x NATURAL JOIN (SELECT 1 AS a, 2 AS b) y", "a c b"},
		{"SELECT x.*, y.b FROM (SELECT 1 AS a) x, (SELECT 2 AS b) y", "a b"},
		{"SELECT *, 1 AS z FROM (SELECT 1 AS a) x CROSS JOIN (SELECT 2 AS b) y", "a b z"},
		{"SELECT j.* FROM ((SELECT 1 AS a) x JOIN (SELECT 1 AS a, 2 AS b) y USING (a)) AS j", "a b"},
		{"SELECT j.* FROM (SELECT 1 AS a) x JOIN (SELECT 1 AS a) y USING (a) AS j", "a"},
		{"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SEARCH DEPTH FIRST BY n SET ord SELECT * FROM r", "n ord"},
		{"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SEARCH BREADTH FIRST BY n SET ord CYCLE n SET c TO 'y' DEFAULT 'n' USING p SELECT * FROM r", "n ord c p"},
		{"WITH c AS (SELECT 1 AS a) TABLE c", "a"},
		{"SELECT * FROM LATERAL (SELECT 1 AS a) x, generate_series(1,2) WITH ORDINALITY AS g(n, o)", "a n o"},
		{"SELECT (SELECT * FROM (SELECT 1 AS q) s) FROM (SELECT 1) x", "q"},
		{"WITH a AS (SELECT 1 AS x), b AS (SELECT * FROM a) SELECT * FROM b", "x"},
		{"WITH a AS (SELECT 1 AS x) SELECT * FROM (WITH a AS (SELECT 2 AS y) SELECT * FROM a) s", "y"},
		{"SELECT * FROM (SELECT 1 AS a UNION SELECT 2) u", "a"},
		{"SELECT * FROM (SELECT 1 AS a) x LEFT JOIN (SELECT 2 AS b) y ON x.a = 1 AND y.b IN (SELECT 1) LEFT JOIN (SELECT 3 AS c) z ON left('ab', 1) = 'a'", "a b c"},
		{"SELECT * FROM ((SELECT 1 AS a) x CROSS JOIN (SELECT 2 AS b) y)", "a b"},
		{"SELECT * FROM t", ""},
		{"SELECT * FROM ONLY t", ""},
		{"TABLE t", ""},
		{"SELECT x.*, t.* FROM (SELECT 1 AS a) x, t", ""},
		{"SELECT * FROM (SELECT 1 AS a) x, t", ""},
		{"SELECT * FROM (SELECT * FROM t) x", ""},
		{"SELECT (SELECT * FROM t) FROM u", ""},
		{"WITH t AS (SELECT 1 AS x) SELECT * FROM public.t", ""},
		{"WITH c(x) AS (SELECT * FROM t) SELECT * FROM c", ""},
		{"SELECT * FROM my_function() f", ""},
		{"SELECT * FROM my_function() f(a)", ""},
		{"SELECT (t).* FROM t", ""},
		{"SELECT *", ""},
		{"WITH RECURSIVE r AS (SELECT * FROM r) SELECT * FROM r", ""},
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
		if got := strings.Join(names, " "); got != tt.want || a.Star != (tt.want == "") {
			t.Errorf("Analyze(%q) columns\n got  %q (star %v)\n want %q", tt.src, got, a.Star, tt.want)
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
		"WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n FROM r) SEARCH BREADTH FIRST BY n SET o SELECT * FROM r",
		"WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n FROM r) CYCLE n SET c TO 1 DEFAULT 0 USING p SELECT * FROM r",
		"TABLE ONLY t",
		"TABLE t *",
		"SELECT FROM t",
		"SELECT 'a'\n'b'",
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

// TestFallbackRelations: statements the bridge cannot make TiDB read in full fall back to
// the token stream, which still finds every table, including one that TiDB would parse
// but keep outside the tree it walks.
func TestFallbackRelations(t *testing.T) {
	tests := []struct{ src, want string }{
		{"SELECT a FROM t TABLESAMPLE SYSTEM ((SELECT 1 FROM w))", "t@t w@w"},
		{"(SELECT a FROM t) LIMIT (SELECT 1 FROM w)", "t@t w@w"},
		{"SELECT a FROM dm.t FOR UPDATE OF t SKIP LOCKED", "dm.t@dm.t"},
	}
	for _, tt := range tests {
		a, err := Analyze(tt.src)
		if err != nil {
			t.Fatalf("Analyze(%q): %v", tt.src, err)
		}
		if !a.Fallback || a.Warning == "" {
			t.Errorf("Analyze(%q): want a fallback with a warning", tt.src)
		}
		if got := rels(tt.src, a.Relations); got != tt.want {
			t.Errorf("Analyze(%q) relations\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
}
