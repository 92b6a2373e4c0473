package materialize

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func setupSchemas(e *pgEnv) {
	e.exec("CREATE SCHEMA dsa", "CREATE SCHEMA dm", "CREATE SCHEMA mart",
		"CREATE TABLE dsa.src (k int, k2 text, maaned date, v int)",
		// Roles are cluster-wide and tests share a cluster.
		`DO $$ BEGIN CREATE ROLE flis_mat_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$`)
}

func leftovers(e *pgEnv) string {
	return e.rows(`SELECT relname FROM pg_class WHERE relname LIKE '%\_\_flis\_%' ORDER BY 1`)
}

func TestPGTableSwapKeepsDependentViews(t *testing.T) {
	e := newPG(t)
	setupSchemas(e)
	e.exec("INSERT INTO dsa.src (k, v) VALUES (1, 10), (2, 20)")
	m := Model{ID: "t", Relation: dm("t"), Materialized: KindTable, SQL: "SELECT k, v FROM dsa.src",
		Indexes: []Index{{Columns: []string{"k"}, Unique: true}},
		Grants:  []Grant{{Role: "flis_mat_reader", Except: []string{"v"}}}}
	e.mustRun(m, runOpts{})
	e.exec("CREATE VIEW mart.v AS SELECT k, v FROM dm.t",
		"CREATE VIEW mart.v2 AS SELECT sum(v) AS s FROM mart.v",
		"GRANT SELECT ON mart.v2 TO flis_mat_reader",
		"UPDATE dsa.src SET v = v + 1")

	e.mustRun(m, runOpts{}) // same columns: views are replaced in place
	wantRows(t, "mart.v2 after swap", e.rows("SELECT s FROM mart.v2"), "32")
	wantRows(t, "grant on dependent kept", e.rows("SELECT has_table_privilege('flis_mat_reader', 'mart.v2', 'SELECT')"), "t")
	wantRows(t, "index names", e.rows("SELECT indexname FROM pg_indexes WHERE schemaname = 'dm' ORDER BY 1"), "t__k_uidx")
	wantRows(t, "column grants", e.rows(`SELECT has_column_privilege('flis_mat_reader', 'dm.t', 'k', 'SELECT'),
		has_column_privilege('flis_mat_reader', 'dm.t', 'v', 'SELECT')`), "t|f")

	// A type change of a column the views read: they are dropped and created again.
	m.SQL = "SELECT k, (v * 2)::numeric AS v FROM dsa.src"
	e.mustRun(m, runOpts{})
	wantRows(t, "mart.v after retype", e.rows("SELECT k, v FROM mart.v ORDER BY k"), "1|22\n2|42")
	wantRows(t, "mart.v2 after retype", e.rows("SELECT s FROM mart.v2"), "64")
	wantRows(t, "no leftovers", leftovers(e), "")
}

// TestPGRecreatedDependentsKeepWhatTheyHad: dependents that must be dropped and created
// again — because a column changed type, or because a materialized view reads the model —
// come back with their options, comments, grants, indexes and data.
func TestPGRecreatedDependentsKeepWhatTheyHad(t *testing.T) {
	e := newPG(t)
	setupSchemas(e)
	e.exec("INSERT INTO dsa.src (k, v) VALUES (1, 10), (2, 20)")
	m := Model{ID: "t", Relation: dm("t"), Materialized: KindTable, SQL: "SELECT k, v FROM dsa.src"}
	e.mustRun(m, runOpts{})
	e.exec("CREATE VIEW mart.v WITH (security_barrier) AS SELECT k, v FROM dm.t",
		"CREATE VIEW mart.v2 AS SELECT sum(v) AS s FROM mart.v",
		"CREATE MATERIALIZED VIEW mart.m AS SELECT count(*) AS n, sum(v) AS s FROM mart.v",
		"CREATE UNIQUE INDEX m_n ON mart.m (n)",
		"CREATE MATERIALIZED VIEW mart.m_empty AS SELECT k FROM dm.t WITH NO DATA",
		"COMMENT ON VIEW mart.v2 IS 'Summen'",
		"COMMENT ON COLUMN mart.v.k IS 'Nøglen'",
		"GRANT SELECT ON mart.v2, mart.m TO flis_mat_reader",
		"GRANT SELECT (k) ON mart.v TO flis_mat_reader",
		"UPDATE dsa.src SET v = v + 1")
	check := func(step, wantData string) {
		t.Helper()
		wantRows(t, step+": data", e.rows("SELECT (SELECT s FROM mart.v2), n, s FROM mart.m"), wantData)
		wantRows(t, step+": grants", e.rows(`SELECT has_table_privilege('flis_mat_reader', 'mart.v2', 'SELECT'),
			has_table_privilege('flis_mat_reader', 'mart.m', 'SELECT'),
			has_column_privilege('flis_mat_reader', 'mart.v', 'k', 'SELECT'),
			has_column_privilege('flis_mat_reader', 'mart.v', 'v', 'SELECT')`), "t|t|t|f")
		wantRows(t, step+": comments", e.rows(`SELECT obj_description('mart.v2'::regclass, 'pg_class'), col_description('mart.v'::regclass, 1)`), "Summen|Nøglen")
		wantRows(t, step+": options", e.rows(`SELECT reloptions::text FROM pg_class WHERE oid = 'mart.v'::regclass`), "{security_barrier=true}")
		wantRows(t, step+": index", e.rows(`SELECT indexname FROM pg_indexes WHERE schemaname = 'mart'`), "m_n")
		wantRows(t, step+": unpopulated", e.rows(`SELECT relispopulated FROM pg_class WHERE oid = 'mart.m_empty'::regclass`), "f")
		wantRows(t, step+": no leftovers", leftovers(e), "")
	}
	e.mustRun(m, runOpts{}) // same columns, but a materialized view cannot be replaced in place
	check("same columns", "32|2|32")
	m.SQL = "SELECT k, (v * 2)::numeric AS v FROM dsa.src"
	e.mustRun(m, runOpts{}) // a type change: every dependent is dropped and created again
	check("retyped", "64|2|64")

	// A dependent view alone with unchanged columns is replaced in place, options kept.
	e.exec("DROP MATERIALIZED VIEW mart.m", "DROP MATERIALIZED VIEW mart.m_empty")
	e.mustRun(m, runOpts{})
	wantRows(t, "replaced in place: options", e.rows(`SELECT reloptions::text FROM pg_class WHERE oid = 'mart.v'::regclass`), "{security_barrier=true}")
}

func TestPGFailingAuditKeepsPublished(t *testing.T) {
	for _, m := range []Model{
		{ID: "table", Materialized: KindTable},
		{ID: "merge", Materialized: KindIncremental, Strategy: StrategyMerge, UniqueKey: []string{"k"}},
		{ID: "append", Materialized: KindIncremental, Strategy: StrategyAppend},
	} {
		t.Run(m.ID, func(t *testing.T) {
			e := newPG(t)
			setupSchemas(e)
			e.exec("INSERT INTO dsa.src (k, v) VALUES (1, 10), (2, 20)")
			m.Relation, m.SQL = dm("t"), "SELECT k, v FROM dsa.src"
			noNegatives := runOpts{audits: []audit{failIf("v < 0")}}
			e.mustRun(m, noNegatives)
			e.exec("UPDATE dsa.src SET v = -v")
			err := e.run(m, noNegatives)
			if err == nil || !strings.Contains(err.Error(), "audit: 2 rows where v < 0") {
				t.Fatalf("want the audit to fail, got %v", err)
			}
			wantRows(t, "published rows", e.rows("SELECT k, v FROM dm.t ORDER BY k"), "1|10\n2|20")
		})
	}
}

func TestPGNullKeysNeverDuplicate(t *testing.T) {
	for _, c := range []struct {
		strategy string
		version  int
	}{
		{StrategyMerge, 0}, // the server's own version: MERGE on 15+
		{StrategyMerge, 140000},
		{StrategyDeleteInsert, 0},
		{StrategyDeleteInsert, 140000},
	} {
		t.Run(fmt.Sprintf("%s_%d", c.strategy, c.version), func(t *testing.T) {
			e := newPG(t)
			setupSchemas(e)
			e.exec(`INSERT INTO dsa.src (k, k2, v) VALUES (1, 'a', 1), (1, NULL, 1), (NULL, NULL, 1)`)
			m := Model{ID: "t", Relation: dm("t"), Materialized: KindIncremental, Strategy: c.strategy,
				UniqueKey: []string{"k", "k2"}, SQL: "SELECT k, k2, v FROM dsa.src"}
			o := runOpts{}
			if c.version != 0 {
				o.overrides = func(st *State) { st.ServerVersion = c.version }
			}
			for i := 0; i < 3; i++ {
				e.exec("UPDATE dsa.src SET v = v + 1")
				e.mustRun(m, o)
			}
			e.exec(`INSERT INTO dsa.src (k, k2, v) VALUES (2, NULL, 7)`)
			e.mustRun(m, o)
			wantRows(t, "rows", e.rows("SELECT k, k2, v FROM dm.t ORDER BY k, k2"),
				"1|a|4\n1|<nil>|4\n2|<nil>|7\n<nil>|<nil>|4")
		})
	}
}

func TestPGRangeReplacesOnlyTheTail(t *testing.T) {
	e := newPG(t)
	setupSchemas(e)
	e.exec(`INSERT INTO dsa.src (maaned, v) VALUES ('2024-01-15', 1), ('2024-02-15', 1), ('2024-03-15', 1), ('2024-04-15', 1)`)
	m := Model{ID: "t", Relation: dm("t"), Materialized: KindIncremental, Strategy: StrategyRange,
		Range: &Range{Column: "maaned", Granularity: "month", Lookback: 1},
		SQL:   "SELECT maaned, v FROM dsa.src WHERE maaned >= ${range_start}"}
	e.mustRun(m, runOpts{})
	// Every source row changes and April disappears; only March onwards may be rebuilt.
	e.exec("UPDATE dsa.src SET v = 2", "DELETE FROM dsa.src WHERE maaned = '2024-04-15'",
		"INSERT INTO dsa.src (maaned, v) VALUES ('2024-05-01', 2)")
	e.mustRun(m, runOpts{})
	wantRows(t, "after incremental run", e.rows("SELECT maaned, v FROM dm.t ORDER BY maaned"),
		"2024-01-15|1\n2024-02-15|1\n2024-03-15|2\n2024-05-01|2")
	e.mustRun(m, runOpts{full: true})
	wantRows(t, "after full refresh", e.rows("SELECT maaned, v FROM dm.t ORDER BY maaned"),
		"2024-01-15|2\n2024-02-15|2\n2024-03-15|2\n2024-05-01|2")
	wantRows(t, "no leftovers", leftovers(e), "")
}

func TestPGKindSwitchesKeepDependents(t *testing.T) {
	e := newPG(t)
	setupSchemas(e)
	e.exec("INSERT INTO dsa.src (k, v) VALUES (1, 10)")
	m := Model{ID: "t", Relation: dm("t"), SQL: "SELECT k, v FROM dsa.src"}
	steps := []struct {
		kind, strategy, wantKind string
	}{
		{KindView, "", "v"},
		{KindTable, "", "r"},
		{KindView, "", "v"},
		{KindIncremental, StrategyAppend, "r"},
		{KindView, "", "v"},
		{KindView, "", "v"}, // replace in place
	}
	for i, s := range steps {
		m.Materialized, m.Strategy = s.kind, s.strategy
		e.exec(fmt.Sprintf("UPDATE dsa.src SET v = %d", i))
		e.mustRun(m, runOpts{})
		if i == 0 {
			e.exec("CREATE VIEW mart.dep AS SELECT k, v FROM dm.t")
		}
		wantRows(t, fmt.Sprintf("step %d kind", i), e.rows("SELECT relkind FROM pg_class WHERE oid = 'dm.t'::regclass"), s.wantKind)
		wantRows(t, fmt.Sprintf("step %d dependent", i), e.rows("SELECT k, v FROM mart.dep"), fmt.Sprintf("1|%d", i))
	}
	// A view whose column type changes is dropped and created again, with its dependent.
	m.SQL = "SELECT k, v::text AS v FROM dsa.src"
	e.mustRun(m, runOpts{})
	wantRows(t, "dependent after view retype", e.rows("SELECT pg_typeof(v) FROM mart.dep"), "text")
	wantRows(t, "no leftovers", leftovers(e), "")
}

func TestPGSchemaChange(t *testing.T) {
	e := newPG(t)
	setupSchemas(e)
	e.exec("INSERT INTO dsa.src (k, k2, v) VALUES (1, 'a', 10)")
	m := Model{ID: "t", Relation: dm("t"), Materialized: KindIncremental, Strategy: StrategyAppend,
		SQL: "SELECT k, v FROM dsa.src"}
	e.mustRun(m, runOpts{})

	m.SQL = "SELECT k, k2, v FROM dsa.src"
	var sce *SchemaChangeError
	if err := e.run(m, runOpts{}); !errors.As(err, &sce) || len(sce.Added) != 1 || sce.Added[0].Name != "k2" {
		t.Fatalf("want a SchemaChangeError adding k2, got %v", err)
	}
	m.OnSchemaChange = SchemaChangeAppend
	e.mustRun(m, runOpts{})
	wantRows(t, "append_new_columns", e.rows("SELECT k, k2, v FROM dm.t ORDER BY k2 NULLS FIRST"), "1|<nil>|10\n1|a|10")

	m.OnSchemaChange = SchemaChangeSync
	m.SQL = "SELECT k::bigint AS k, v::numeric / 4 AS w FROM dsa.src"
	e.mustRun(m, runOpts{})
	wantRows(t, "sync_all_columns columns", fmt.Sprint(e.columns(m.Relation)), "[{k bigint} {w numeric}]")
	wantRows(t, "sync_all_columns rows", e.rows("SELECT k, w::text FROM dm.t ORDER BY w NULLS FIRST"), "1|<nil>\n1|<nil>\n1|2.5000000000000000")
}

func TestPGLeftoversOfAKilledRun(t *testing.T) {
	e := newPG(t)
	setupSchemas(e)
	e.exec("INSERT INTO dsa.src (k, v) VALUES (1, 10)",
		"CREATE VIEW dm.t__flis_stage AS SELECT 1 AS x", "CREATE TABLE dm.t__flis_old (y int)")
	m := Model{ID: "t", Relation: dm("t"), Materialized: KindTable, SQL: "SELECT k, v FROM dsa.src",
		Indexes: []Index{{Columns: []string{"k"}}}}
	e.mustRun(m, runOpts{})
	e.exec("CREATE TABLE dm.t__flis_stage (z int)")
	e.mustRun(m, runOpts{})
	wantRows(t, "rows", e.rows("SELECT k, v FROM dm.t"), "1|10")
	wantRows(t, "no leftovers", leftovers(e), "")
}

// TestPGKeyJoinsAreNotNestedLoops guards keyMatch's hashable conjunct: with IS NOT DISTINCT
// FROM alone PostgreSQL can only nested-loop the stage against the table.
func TestPGKeyJoinsAreNotNestedLoops(t *testing.T) {
	e := newPG(t)
	setupSchemas(e)
	e.exec("INSERT INTO dsa.src (k, k2, v) SELECT i, (i % 7)::text, i FROM generate_series(1, 20000) i")
	for _, c := range []struct {
		strategy string
		version  int
	}{{StrategyMerge, 0}, {StrategyMerge, 140000}, {StrategyDeleteInsert, 0}} {
		t.Run(fmt.Sprintf("%s_%d", c.strategy, c.version), func(t *testing.T) {
			m := Model{ID: "t", Relation: dm("t_" + strings.ReplaceAll(c.strategy, "+", "_")), Materialized: KindIncremental,
				Strategy: c.strategy, UniqueKey: []string{"k", "k2"}, SQL: "SELECT k, k2, v FROM dsa.src"}
			e.mustRun(m, runOpts{})
			st := e.state(m, false)
			if c.version != 0 {
				st.ServerVersion = c.version
			}
			bp, err := PlanBuild(m, st)
			if err != nil {
				t.Fatal(err)
			}
			e.exec(bp.Statements...)
			pp, err := PlanPublish(m, st, e.columns(bp.Stage))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range pp.Statements {
				if !strings.Contains(s, "IS NOT DISTINCT FROM") {
					continue
				}
				if plan := e.rows("EXPLAIN (COSTS OFF) " + s); strings.Contains(plan, "Nested Loop") {
					t.Errorf("nested loop in\n%s\nplan:\n%s", s, plan)
				}
			}
			e.exec(pp.Cleanup...)
		})
	}
}
