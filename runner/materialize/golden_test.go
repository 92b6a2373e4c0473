package materialize

import (
	"fmt"
	"github.com/flis-dk/flis/internal/golden"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// goldenCase is one planning situation; its golden file holds every statement of the build
// and publish phases, or the error.
type goldenCase struct {
	name      string
	planner   Planner
	model     Model
	state     State
	stageCols []Column
}

var (
	dm     = func(name string) Relation { return Relation{Schema: "dm", Name: name} }
	pg15   = 150004
	pg14   = 140011
	cols3  = []Column{{"sag_id", "text"}, {"maaned", "date"}, {"antal", "bigint"}}
	facts  = Model{ID: "model.fact_ky_sager", Relation: dm("fact_ky_sager"), SQL: "SELECT sag_id, maaned, antal FROM \"dsa\".\"ky_sag\" -- trailing comment\n;"}
	depVws = []View{
		{Relation: Relation{"mart", "v_sager"}, Definition: " SELECT fact_ky_sager.sag_id,\n    fact_ky_sager.antal\n   FROM dm.fact_ky_sager;"},
		{Relation: Relation{"mart", "v_sager_sum"}, Definition: " SELECT sum(v_sager.antal) AS sum\n   FROM mart.v_sager;"},
	}
	// depRich are dependents as warehouse.CaptureDependentViews reports them in full:
	// options, restoring statements, a materialized view.
	depRich = []View{
		{Relation: Relation{"mart", "v_sager"}, Definition: " SELECT fact_ky_sager.sag_id,\n    fact_ky_sager.antal\n   FROM dm.fact_ky_sager;",
			Options: []string{"security_barrier=true"},
			Restore: []string{`COMMENT ON VIEW "mart"."v_sager" IS 'Sager til DREAM'`, `GRANT SELECT ON "mart"."v_sager" TO dream_limited_access`}},
		{Relation: Relation{"mart", "m_antal"}, Definition: " SELECT count(*) AS n\n   FROM mart.v_sager;", Materialized: true,
			Restore: []string{`CREATE UNIQUE INDEX m_antal_n ON mart.m_antal USING btree (n)`, `ALTER MATERIALIZED VIEW "mart"."m_antal" OWNER TO rapport`}},
		{Relation: Relation{"mart", "m_tom"}, Definition: " SELECT v_sager.sag_id\n   FROM mart.v_sager;", Materialized: true, WithNoData: true},
	}
)

func with(m Model, f func(*Model)) Model {
	m.UniqueKey = append([]string(nil), m.UniqueKey...)
	f(&m)
	return m
}

func incr(strategy string, f func(*Model)) Model {
	return with(facts, func(m *Model) {
		m.Materialized = KindIncremental
		m.Strategy = strategy
		if strategy == StrategyMerge || strategy == StrategyDeleteInsert {
			m.UniqueKey = []string{"sag_id", "maaned"}
		}
		if strategy == StrategyRange {
			m.Range = &Range{Column: "maaned", Granularity: "month", Lookback: 1}
		}
		if f != nil {
			f(m)
		}
	})
}

// parted is incr with partition_by maaned by month and a unique index on the key.
func parted(strategy string, f func(*Model)) Model {
	return incr(strategy, func(m *Model) {
		m.PartitionBy = &Partitioning{Column: "maaned", Granularity: "month"}
		m.Indexes = []Index{{Columns: []string{"maaned", "sag_id"}, Unique: strategy != StrategyAppend}}
		if f != nil {
			f(m)
		}
	})
}

// partedState is an existing table partitioned by month, January to March 2024 plus a
// DEFAULT partition.
func partedState(f func(*State)) State {
	return stateWith(func(s *State) {
		s.StageKeysNotNull = true
		s.PartitionedBy = "maaned"
		s.RangeMin = "2024-01-01"
		s.PartitionToken = "t2"
		p := func(name, from, to string) Partition { return Partition{Relation: dm(name), From: from, To: to} }
		s.Partitions = []Partition{
			p("fact_ky_sager__flis_p20240101_t1", "2024-01-01", "2024-02-01"),
			p("fact_ky_sager__flis_p20240201_t1", "2024-02-01", "2024-03-01"),
			p("fact_ky_sager__flis_p20240301_t1", "2024-03-01", "2024-04-01"),
			p("fact_ky_sager__flis_pdefault_t1", "", ""),
		}
		if f != nil {
			f(s)
		}
	})
}

func kind(k string, f func(*Model)) Model {
	return with(facts, func(m *Model) {
		m.Materialized = k
		if f != nil {
			f(m)
		}
	})
}

var existing = State{Kind: KindTable, Columns: cols3, ServerVersion: pg15, RangeMax: "2024-03-31"}

func stateWith(f func(*State)) State {
	s := existing
	f(&s)
	return s
}

var goldenCases = []goldenCase{
	// views
	{name: "view_absent", model: kind(KindView, nil), stageCols: cols3},
	{name: "view_absent_no_audits", model: kind(KindView, func(m *Model) { m.NoAudits = true })},
	{name: "view_exists_no_audits", model: kind(KindView, func(m *Model) { m.NoAudits = true }),
		state: State{Kind: KindView, Columns: cols3}, stageCols: cols3},
	{name: "view_same_columns", model: kind(KindView, nil), state: State{Kind: KindView, Columns: cols3, DependentViews: depVws}, stageCols: cols3},
	{name: "view_column_appended", model: kind(KindView, nil), state: State{Kind: KindView, Columns: cols3[:2]}, stageCols: cols3},
	{name: "view_column_changed_with_dependents", model: kind(KindView, nil), state: State{Kind: KindView, Columns: cols3, DependentViews: depVws},
		stageCols: []Column{{"sag_id", "text"}, {"maaned", "date"}, {"antal", "numeric"}}},
	{name: "view_from_table_with_dependents", model: kind(KindView, nil), state: stateWith(func(s *State) { s.DependentViews = depVws }), stageCols: cols3},
	{name: "view_grants", model: kind(KindView, func(m *Model) {
		m.Grants = []Grant{{Role: "dream_limited_access", Except: []string{"sag_id"}}, {Role: "public"}}
	}), stageCols: cols3},
	// tables
	{name: "table_absent", model: kind(KindTable, nil), stageCols: cols3},
	{name: "table_exists", model: kind(KindTable, nil), state: existing, stageCols: cols3},
	{name: "table_dependents_kept_columns", model: kind(KindTable, nil), state: stateWith(func(s *State) { s.DependentViews = depVws }),
		stageCols: append(cols3, Column{"ny", "integer"})},
	{name: "table_dependents_changed_type", model: kind(KindTable, nil), state: stateWith(func(s *State) { s.DependentViews = depVws }),
		stageCols: []Column{{"sag_id", "text"}, {"maaned", "date"}, {"antal", "numeric"}}},
	{name: "table_dependents_options_kept_columns", model: kind(KindTable, nil),
		state: stateWith(func(s *State) { s.DependentViews = depRich[:1] }), stageCols: cols3},
	{name: "table_dependents_matview_restored", model: kind(KindTable, nil),
		state: stateWith(func(s *State) { s.DependentViews = depRich }), stageCols: cols3},
	{name: "view_column_changed_with_rich_dependents", model: kind(KindView, nil), state: State{Kind: KindView, Columns: cols3, DependentViews: depRich},
		stageCols: []Column{{"sag_id", "text"}, {"maaned", "date"}, {"antal", "numeric"}}},
	{name: "table_from_view", model: kind(KindTable, nil), state: State{Kind: KindView, Columns: cols3, DependentViews: depVws[:1]}, stageCols: cols3},
	{name: "table_indexes_grants", model: kind(KindTable, func(m *Model) {
		m.Indexes = []Index{{Columns: []string{"sag_id"}}, {Columns: []string{"sag_id", "maaned"}, Unique: true}}
		m.Grants = []Grant{{Role: "dream_limited_access", Except: []string{"sag_id", "antal"}}, {Role: "all_but_all", Except: []string{"sag_id", "maaned", "antal"}}}
	}), state: existing, stageCols: cols3},
	{name: "table_long_name", model: kind(KindTable, func(m *Model) {
		m.Relation = dm("fact_ky_sager_med_et_meget_langt_navn_der_næsten_fylder_alt")
		m.Indexes = []Index{{Columns: []string{"sag_id"}}}
	}), state: existing, stageCols: cols3},
	{name: "table_lock_timeout", planner: Planner{LockTimeout: 2500 * time.Millisecond}, model: kind(KindTable, nil), state: existing, stageCols: cols3},
	{name: "table_quoted_names", model: kind(KindTable, func(m *Model) {
		m.Relation = Relation{Schema: `My"Schema`, Name: "Sager"}
		m.Grants = []Grant{{Role: `rolle "x"`, Except: []string{`weird "col"`}}}
	}), stageCols: []Column{{"id", "integer"}, {`weird "col"`, "text"}}},
	{name: "ephemeral", model: kind(KindEphemeral, nil), state: existing},
	// incremental: append
	{name: "append_absent", model: incr(StrategyAppend, nil), stageCols: cols3},
	{name: "append_exists", model: incr(StrategyAppend, nil), state: existing, stageCols: cols3},
	{name: "append_full_refresh", model: incr(StrategyAppend, func(m *Model) { m.Indexes = []Index{{Columns: []string{"maaned"}}} }),
		state: stateWith(func(s *State) { s.FullRefresh = true }), stageCols: cols3},
	{name: "append_from_view", model: incr(StrategyAppend, nil), state: State{Kind: KindView, Columns: cols3}, stageCols: cols3},
	{name: "append_stale_index_dropped", model: incr(StrategyAppend, func(m *Model) { m.Indexes = []Index{{Columns: []string{"maaned"}}} }),
		state: stateWith(func(s *State) {
			s.Indexes = []string{"fact_ky_sager__maaned_idx", "fact_ky_sager__sag_id_maaned_uidx", "fact_ky_sager_pkey", "mit_eget_indeks"}
		}), stageCols: cols3},
	{name: "append_indexes_grants", model: incr(StrategyAppend, func(m *Model) {
		m.Indexes = []Index{{Columns: []string{"maaned"}}}
		m.Grants = []Grant{{Role: "dream_limited_access", Except: []string{"sag_id"}}}
	}), state: existing, stageCols: cols3},
	{name: "schema_change_fail", model: incr(StrategyAppend, nil), state: existing,
		stageCols: []Column{{"sag_id", "text"}, {"antal", "numeric"}, {"ny", "integer"}}},
	{name: "schema_change_append_new_columns", model: incr(StrategyAppend, func(m *Model) { m.OnSchemaChange = SchemaChangeAppend }), state: existing,
		stageCols: []Column{{"sag_id", "text"}, {"antal", "numeric"}, {"ny", "integer"}}},
	{name: "schema_change_sync_all_columns", model: incr(StrategyMerge, func(m *Model) {
		m.OnSchemaChange = SchemaChangeSync
		m.UniqueKey = []string{"sag_id"}
	}), state: existing, stageCols: []Column{{"sag_id", "text"}, {"antal", "numeric"}, {"ny", "integer"}}},
	// incremental: merge
	{name: "merge_pg15", model: incr(StrategyMerge, nil), state: existing, stageCols: cols3},
	{name: "merge_pg14", model: incr(StrategyMerge, nil), state: stateWith(func(s *State) { s.ServerVersion = pg14 }), stageCols: cols3},
	{name: "merge_keys_only_pg15", model: incr(StrategyMerge, nil), state: existing, stageCols: cols3[:2]},
	{name: "merge_keys_only_pg14", model: incr(StrategyMerge, nil), state: State{Kind: KindTable, Columns: cols3[:2], ServerVersion: pg14}, stageCols: cols3[:2]},
	{name: "merge_default_strategy", model: incr("", func(m *Model) { m.UniqueKey = []string{"sag_id"} }), state: existing, stageCols: cols3},
	{name: "merge_absent", model: incr(StrategyMerge, nil), stageCols: cols3},
	// incremental: delete+insert
	{name: "delete_insert_exists", model: incr(StrategyDeleteInsert, nil), state: existing, stageCols: cols3},
	{name: "delete_insert_keys_not_null", model: incr(StrategyDeleteInsert, nil), state: stateWith(func(s *State) { s.StageKeysNotNull = true }), stageCols: cols3},
	{name: "merge_keys_not_null_pg15", model: incr(StrategyMerge, nil), state: stateWith(func(s *State) { s.StageKeysNotNull = true }), stageCols: cols3},
	{name: "merge_keys_not_null_pg14", model: incr(StrategyMerge, nil), state: stateWith(func(s *State) { s.StageKeysNotNull = true; s.ServerVersion = pg14 }), stageCols: cols3},
	{name: "delete_insert_pg14", model: incr(StrategyDeleteInsert, nil), state: stateWith(func(s *State) { s.ServerVersion = pg14 }), stageCols: cols3},
	// incremental: range
	{name: "range_absent", model: incr(StrategyRange, nil), stageCols: cols3},
	{name: "range_month_lookback_1", model: incr(StrategyRange, nil), state: existing, stageCols: cols3},
	{name: "range_covers_table", model: incr(StrategyRange, nil), state: stateWith(func(s *State) { s.RangeMin = "2024-02-01" }), stageCols: cols3},
	{name: "range_empty_table", model: incr(StrategyRange, nil), state: stateWith(func(s *State) { s.RangeMax = "" }), stageCols: cols3},
	{name: "range_full_refresh", model: incr(StrategyRange, nil), state: stateWith(func(s *State) { s.FullRefresh = true }), stageCols: cols3},
	{name: "range_week_timestamp", model: incr(StrategyRange, func(m *Model) { m.Range.Granularity = "week"; m.Range.Lookback = 2 }),
		state: stateWith(func(s *State) { s.RangeMax = "2024-03-31 23:59:59+02" }), stageCols: cols3},
	{name: "range_column_missing", model: incr(StrategyRange, func(m *Model) { m.Range.Column = "periode" }), state: existing, stageCols: cols3},
	// partitioned (partition_by)
	{name: "partitioned_absent", model: parted(StrategyDeleteInsert, nil),
		state: State{StagePeriods: []string{"2024-03-01", "2024-01-01", "", "2024-02-01"}, PartitionToken: "t1"}, stageCols: cols3},
	{name: "partitioned_full_refresh_new_month", model: parted(StrategyDeleteInsert, nil),
		state: partedState(func(s *State) { s.FullRefresh = true; s.StagePeriods = []string{"2024-04-01"} }), stageCols: cols3},
	{name: "partitioned_full_refresh_foreseen", model: parted(StrategyRange, nil),
		state: partedState(func(s *State) { s.FullRefresh = true; s.StagePeriods = nil }), stageCols: cols3},
	{name: "partitioned_delete_insert", model: parted(StrategyDeleteInsert, nil), state: partedState(func(s *State) {
		s.StagePeriods = []string{"2024-03-01", "2024-04-01"}
	}), stageCols: cols3},
	{name: "partitioned_delete_insert_null_period", model: parted(StrategyDeleteInsert, nil), state: partedState(func(s *State) {
		s.StagePeriods = []string{"", "2024-02-01"}
	}), stageCols: cols3},
	{name: "partitioned_range", model: parted(StrategyRange, nil), state: partedState(func(s *State) {
		// lookback 1 from 2024-03-31: February and March are rebuilt; the stage has no
		// March rows any more, so March's partition is dropped.
		s.StagePeriods = []string{"2024-02-01"}
	}), stageCols: cols3},
	{name: "partitioned_range_week_in_month", model: parted(StrategyRange, func(m *Model) { m.Range.Granularity = "week"; m.Range.Lookback = 0 }),
		state: partedState(func(s *State) { s.StagePeriods = []string{"2024-03-01"} }), stageCols: cols3},
	{name: "partitioned_append", model: parted(StrategyAppend, nil), state: partedState(func(s *State) {
		s.StagePeriods = []string{"2024-03-01", "2024-04-01"}
	}), stageCols: cols3},
	{name: "partitioned_schema_change", model: parted(StrategyDeleteInsert, func(m *Model) { m.OnSchemaChange = SchemaChangeAppend }),
		state:     partedState(func(s *State) { s.StagePeriods = []string{"2024-03-01"} }),
		stageCols: append(cols3, Column{"ny", "integer"})},
	{name: "partitioned_from_plain_table", model: parted(StrategyDeleteInsert, nil),
		state: stateWith(func(s *State) { s.StagePeriods = []string{"2024-03-01"}; s.PartitionToken = "t2" }), stageCols: cols3},
	{name: "partitioned_granularity_changed", model: parted(StrategyDeleteInsert, func(m *Model) { m.PartitionBy.Granularity = "quarter" }),
		state: partedState(func(s *State) { s.StagePeriods = []string{"2024-01-01"} }), stageCols: cols3},
	{name: "unpartitioned_from_partitioned", model: incr(StrategyDeleteInsert, nil), state: partedState(nil), stageCols: cols3},
	{name: "error_partition_column_not_in_key", model: parted(StrategyDeleteInsert, func(m *Model) { m.UniqueKey = []string{"sag_id"} })},
	{name: "error_partition_column_not_in_unique_index", model: parted(StrategyAppend, func(m *Model) {
		m.Indexes = []Index{{Columns: []string{"sag_id"}, Unique: true}}
	})},
	{name: "error_partition_on_table", model: kind(KindTable, func(m *Model) { m.PartitionBy = &Partitioning{Column: "maaned", Granularity: "month"} })},
	// errors
	{name: "error_unknown_kind", model: kind("materialized_view", nil)},
	{name: "error_unknown_strategy", model: incr("upsert", nil)},
	{name: "error_merge_without_key", model: incr(StrategyMerge, func(m *Model) { m.UniqueKey = nil })},
	{name: "error_unique_key_not_produced", model: incr(StrategyMerge, func(m *Model) { m.UniqueKey = []string{"sagid"} }), state: existing, stageCols: cols3},
	{name: "error_grant_except_unknown", model: kind(KindTable, func(m *Model) { m.Grants = []Grant{{Role: "r", Except: []string{"cpr"}}} }), stageCols: cols3},
	{name: "error_bad_range_max", model: incr(StrategyRange, nil), state: stateWith(func(s *State) { s.RangeMax = "31-03-2024" }), stageCols: cols3},
	{name: "error_strategy_on_table", model: kind(KindTable, func(m *Model) { m.Strategy = StrategyMerge })},
	{name: "error_index_on_view", model: kind(KindView, func(m *Model) { m.Indexes = []Index{{Columns: []string{"a"}}} })},
	{name: "error_two_statements", model: kind(KindTable, func(m *Model) { m.SQL = "SELECT 1 AS a; DROP TABLE x" })},
	{name: "error_unterminated_string", model: kind(KindTable, func(m *Model) { m.SQL = "SELECT 'a AS a" })},
	{name: "error_no_sql", model: kind(KindView, func(m *Model) { m.SQL = "-- nothing here\n;" })},
	{name: "error_state_matview", model: kind(KindTable, nil), state: State{Kind: "materialized view"}},
}

// render prints a plan the way the golden files hold it.
func render(c goldenCase) string {
	var b strings.Builder
	bp, err := c.planner.PlanBuild(c.model, c.state)
	if err != nil {
		return "-- error --\n" + err.Error() + "\n"
	}
	fmt.Fprintf(&b, "-- build: full=%t stage=%s audit=%s", bp.Full, bp.Stage, bp.AuditPhase)
	if bp.AuditPhase != AuditNone {
		fmt.Fprintf(&b, " on %s", bp.AuditRelation)
	}
	if bp.RangeStart != "" {
		fmt.Fprintf(&b, " range_start=%s", bp.RangeStart)
	}
	b.WriteString("\n")
	writeStatements(&b, bp.Statements)
	if bp.DefaultPartition.Name != "" {
		fmt.Fprintf(&b, "-- partitioned stage: periods %q in %s --\n", c.state.StagePeriods, bp.DefaultPartition)
		stmts, err := c.planner.PlanPartitionedStage(c.model, c.state)
		if err != nil {
			return b.String() + "-- error --\n" + err.Error() + "\n"
		}
		writeStatements(&b, stmts)
	}
	pp, err := c.planner.PlanPublish(c.model, c.state, c.stageCols)
	if err != nil {
		return b.String() + "-- publish error --\n" + err.Error() + "\n"
	}
	b.WriteString("-- publish (one transaction) --")
	if pp.Change.Name != "" {
		fmt.Fprintf(&b, " change=%s", pp.Change)
	}
	b.WriteString("\n")
	writeStatements(&b, pp.Statements)
	if len(pp.Cleanup) > 0 {
		b.WriteString("-- cleanup --\n")
		writeStatements(&b, pp.Cleanup)
	}
	return b.String()
}

func writeStatements(b *strings.Builder, stmts []string) {
	for _, s := range stmts {
		// Kept as is: a statement ending in a line comment ends in a newline, so
		// the file stays a runnable script.
		b.WriteString(s)
		b.WriteString(";\n\n")
	}
}

func TestGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range goldenCases {
		if seen[c.name] {
			t.Fatalf("duplicate case %s", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			got := render(c)
			path := filepath.Join("testdata", c.name+".golden")
			golden.Check(t, path, got)
		})
	}
	// A golden file without a case is a case someone deleted by accident.
	files, _ := filepath.Glob(filepath.Join("testdata", "*.golden"))
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".golden"); !seen[name] {
			if *golden.Update {
				os.Remove(f)
				continue
			}
			t.Errorf("%s has no case in goldenCases", f)
		}
	}
}
