package materialize

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// This file plans partitioned incremental tables (config partition_by): the table is a
// PostgreSQL RANGE-partitioned table with one partition per period of a date column.
//
// Why: deleting and inserting a month of rows in a table of twelve million costs far more
// than writing them — every deleted row is a WAL record on a page scattered through the
// heap, every inserted one an entry in each big index, and the dead rows stay until vacuum.
// (fact_dream_benchmark, 1.7M of 11.8M rows: DELETE 40 s, INSERT 39 s; writing those rows
// into a fresh table and indexing it takes a few seconds.) So a change is applied partition
// by partition, copy-on-write: each partition the change touches is built anew beside the
// table (the rows it keeps, then the stage's rows for its period, then its indexes) and
// swapped in with DETACH/ATTACH inside the publish transaction. Partitions the change does
// not touch are not read at all.
//
// The period of a row is date_trunc(granularity, column); rows whose column is NULL live in
// a DEFAULT partition, which is changed in place (it only ever holds those rows).

// Partitioning configures a partitioned table: one partition per Granularity of Column.
type Partitioning struct {
	Column      string `json:"column"`
	Granularity string `json:"granularity"` // day | week | month | quarter | year
}

// Partition is a partition of the existing table as the catalog reports it.
type Partition struct {
	Relation Relation
	// From and To are the bounds as dates (YYYY-MM-DD); both empty for the DEFAULT
	// partition.
	From, To string
}

// IsDefault reports whether p is the DEFAULT partition.
func (p Partition) IsDefault() bool { return p.From == "" && p.To == "" }

// partitionSuffix marks partition names: flis-owned, like the stage.
const partitionSuffix = "__flis_p"

// PeriodsSQL returns the query that lists the distinct periods of rel's rows under m's
// partitioning, as YYYY-MM-DD text (NULL for rows without a value). The runner runs it on
// the stage and passes the result in State.StagePeriods.
func PeriodsSQL(m Model, rel Relation) string {
	return fmt.Sprintf("SELECT DISTINCT %s FROM %s", periodExpr(m.PartitionBy, ""), rel)
}

// periodExpr is the start of the period holding column (qualified by alias when given).
func periodExpr(p *Partitioning, alias string) string {
	col := pgsql.QuoteIdent(p.Column)
	if alias != "" {
		col = alias + "." + col
	}
	return fmt.Sprintf("date_trunc(%s, %s::timestamp)::date::text", pgsql.QuoteString(p.Granularity), col)
}

// PartitionSchema is where the partitions of the tables in schema live: beside it, not in
// it, so that readers listing the target schema (BI tools, the programs that read the DM
// contract) see the tables they know and not a hundred partitions. Readers go through the
// parent, whose grants apply to them.
func PartitionSchema(schema string) string {
	return derivedName(schema, "__flis_partitions")
}

// partitionName names a new partition of t for the period starting at from ("" for the
// DEFAULT partition). token makes the name differ from the partition it replaces, which
// exists until the publish swaps them.
func partitionName(t Relation, from, token string) Relation {
	period := "default"
	if from != "" {
		period = strings.ReplaceAll(from, "-", "")
	}
	return Relation{Schema: PartitionSchema(t.Schema), Name: derivedName(t.Name, partitionSuffix+period+"_"+token)}
}

// nextPeriod returns the start of the period after the one starting at from.
func nextPeriod(from string, granularity string) (string, error) {
	d, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return "", fmt.Errorf("period %q is not a date", from)
	}
	switch granularity {
	case "day":
		d = d.AddDate(0, 0, 1)
	case "week":
		d = d.AddDate(0, 0, 7)
	case "month":
		d = d.AddDate(0, 1, 0)
	case "quarter":
		d = d.AddDate(0, 3, 0)
	case "year":
		d = d.AddDate(1, 0, 0)
	default:
		return "", fmt.Errorf("unknown granularity %q", granularity)
	}
	return d.Format(time.DateOnly), nil
}

// partitioningMatches reports whether the existing table is partitioned as m asks: by the
// same column, every partition exactly one period of the configured granularity. When it is
// not (partition_by was added, removed or changed), the table is rebuilt.
func partitioningMatches(m Model, st State) bool {
	if m.Materialized != KindIncremental || m.PartitionBy == nil {
		return st.PartitionedBy == ""
	}
	if st.PartitionedBy != m.PartitionBy.Column {
		return false
	}
	for _, p := range st.Partitions {
		if p.IsDefault() {
			continue
		}
		d, err := time.Parse(time.DateOnly, p.From)
		if err != nil {
			return false
		}
		start, err := periodStart(d, m.PartitionBy.Granularity, 0)
		if err != nil || !start.Equal(d) {
			return false
		}
		if to, err := nextPeriod(p.From, m.PartitionBy.Granularity); err != nil || to != p.To {
			return false
		}
	}
	return true
}

// periodEnd returns the start of the period after the one starting at from.
func (c *planCtx) periodEnd(from string) (string, error) {
	to, err := nextPeriod(from, c.m.PartitionBy.Granularity)
	if err != nil {
		return "", fmt.Errorf("model %s: %v", c.m.ID, err)
	}
	return to, nil
}

// forValues is the bound of the partition holding [from, to).
func forValues(from, to string) string {
	return fmt.Sprintf("FOR VALUES FROM (%s) TO (%s)", pgsql.QuoteString(from), pgsql.QuoteString(to))
}

// createPartition creates this build's partition of parent for the period starting at from
// ("" for the DEFAULT partition).
func (c *planCtx) createPartition(parent Relation, from string) (string, error) {
	b := "DEFAULT"
	if from != "" {
		to, err := c.periodEnd(from)
		if err != nil {
			return "", err
		}
		b = forValues(from, to)
	}
	return fmt.Sprintf("CREATE TABLE %s PARTITION OF %s %s", partitionName(c.m.Relation, from, c.st.PartitionToken), parent, b), nil
}

// foreseen lists the periods of the existing table's partitions, which a full build gives
// its stage before writing a row; none when partition_by changed since.
func foreseen(m Model, st State) []string {
	if !partitioningMatches(m, st) {
		return nil
	}
	var out []string
	for _, p := range st.Partitions {
		if !p.IsDefault() {
			out = append(out, p.From)
		}
	}
	return out
}

// rowsRelation is where a partitioned full build moves the rows that fell into the DEFAULT
// partition while their periods' partitions are created.
func rowsRelation(r Relation) Relation {
	return Relation{Schema: PartitionSchema(r.Schema), Name: derivedName(r.Name, "__flis_rows")}
}

// partitionedFullBuild is fullBuild for a partitioned model. The periods of the rows are
// only known once they are written, so the stage starts with a partition for every period
// the existing table has, plus a DEFAULT partition; the model's rows are written once,
// straight into their partitions. Rows of a period not seen before land in the DEFAULT
// partition, and PlanPartitionedStage moves them out. A first build writes everything
// there and moves it once; a full refresh of an existing table, almost nothing.
func (c *planCtx) partitionedFullBuild(kind string) (*BuildPlan, error) {
	sql := body(c.m.SQL)
	t := c.m.Relation
	shape := rowsRelation(t)
	stmts := []string{
		c.d.DropIfExists(c.stage),
		c.d.DropIfExists(c.old),
		c.d.DropIfExists(shape),
		// The stage gets the query's column types from an empty table made by the query.
		fmt.Sprintf("CREATE UNLOGGED TABLE %s AS\n%s\nWITH NO DATA", shape, sql),
		fmt.Sprintf("CREATE TABLE %s (LIKE %s) PARTITION BY RANGE (%s)", c.stage, shape, pgsql.QuoteIdent(c.m.PartitionBy.Column)),
		"DROP TABLE " + shape.String(),
	}
	for _, from := range append(foreseen(c.m, c.st), "") {
		create, err := c.createPartition(c.stage, from)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, create)
	}
	stmts = append(stmts, fmt.Sprintf("INSERT INTO %s\n%s\n", c.stage, sql))
	return &BuildPlan{
		Model: c.m.ID, Materialized: kind, Strategy: c.strategy, Full: true, Stage: c.stage,
		Rows: shape, DefaultPartition: partitionName(t, "", c.st.PartitionToken),
		Statements: stmts, AuditRelation: c.stage, AuditPhase: AuditStage,
	}, nil
}

// PlanPartitionedStage plans the end of a partitioned full build, once the periods of the
// rows in the stage's DEFAULT partition are known (st.StagePeriods): a partition for each
// of those periods, filled from the DEFAULT partition, which stays only for rows without a
// period; then the indexes and statistics.
func (p Planner) PlanPartitionedStage(m Model, st State) ([]string, error) {
	c, _, err := p.prepare(m, st)
	if err != nil {
		return nil, err
	}
	if m.PartitionBy == nil {
		return nil, fmt.Errorf("model %s: not partitioned", m.ID)
	}
	t := m.Relation
	def, rows := partitionName(t, "", st.PartitionToken), rowsRelation(t)
	periods := sortedPeriods(st.StagePeriods)
	nulls := slices.Contains(periods, "")
	periods = slices.DeleteFunc(periods, func(s string) bool { return s == "" })
	var stmts []string
	switch {
	case len(periods) > 0:
		stmts = append(stmts,
			fmt.Sprintf("ALTER TABLE %s DETACH PARTITION %s", c.stage, def),
			fmt.Sprintf("ALTER TABLE %s RENAME TO %s", def, pgsql.QuoteIdent(rows.Name)))
		created := periods
		if nulls {
			created = append(slices.Clone(periods), "")
		}
		for _, from := range created {
			create, err := c.createPartition(c.stage, from)
			if err != nil {
				return nil, err
			}
			stmts = append(stmts, create)
		}
		stmts = append(stmts,
			fmt.Sprintf("INSERT INTO %s\nSELECT * FROM %s", c.stage, rows),
			"DROP TABLE "+rows.String())
	case !nulls:
		stmts = append(stmts, "DROP TABLE "+def.String()) // empty
	}
	for _, ix := range m.Indexes {
		stmts = append(stmts, createIndex(ix, stageIndexName(m.Relation, ix), c.stage, false))
	}
	// The new periods are periods the existing table does not have: they add up.
	return append(stmts, analyzePartitioned(c.stage, len(foreseen(m, st))+len(periods))), nil
}

// analyzePartitioned analyzes a partitioned table of n partitions. ANALYZE of a partitioned
// table samples the whole tree for the parent's statistics and then every partition for its
// own, each with the full sample: 27 monthly partitions of fact_dream_benchmark took 9.6 s
// against 0.57 s for the same rows in one table. The statistics target is scaled down so
// the partitions' samples add up to about three samples of one table (1.0 s there); a
// month's statistics from 3,000 rows still tell the planner its size, its distinct counts
// and its common values.
func analyzePartitioned(t Relation, n int) string {
	target := min(100, max(10, 300/max(n, 1)))
	return fmt.Sprintf("DO $flis$ BEGIN SET LOCAL default_statistics_target = %d; ANALYZE %s; END $flis$", target, t)
}

// sortedPeriods orders periods with the DEFAULT partition's ("") last.
func sortedPeriods(periods []string) []string {
	out := slices.Clone(periods)
	slices.SortFunc(out, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "":
			return 1
		case b == "":
			return -1
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(out)
}

// partitionedApply applies the stage to a partitioned target. cols are the stage columns to
// write, final the target's columns after schema-change handling. Append and merge write
// through the parent once every period has a partition; delete+insert and range rebuild the
// partitions they touch (see the file comment).
func (c *planCtx) partitionedApply(apply strategyFunc, cols []string, final []Column) ([]string, error) {
	t, pb := c.m.Relation, c.m.PartitionBy
	existing := map[string]Partition{}
	for _, p := range c.st.Partitions {
		existing[p.From] = p
	}
	periods := sortedPeriods(c.st.StagePeriods)
	inStage := map[string]bool{}
	for _, p := range periods {
		inStage[p] = true
	}
	if c.strategy == StrategyAppend || c.strategy == StrategyMerge {
		var stmts []string
		for _, from := range periods {
			if _, ok := existing[from]; ok {
				continue
			}
			create, err := c.createPartition(t, from)
			if err != nil {
				return nil, err
			}
			stmts = append(stmts, create)
		}
		return append(stmts, apply(c, cols)...), nil
	}

	// The periods to rebuild: every period of the stage, and for range every existing
	// partition that may hold rows at or after the range's start.
	var start string
	rebuild := map[string]bool{}
	for _, from := range periods {
		if from != "" {
			rebuild[from] = true
		}
	}
	if c.strategy == StrategyRange {
		var err error
		if start, err = RangeStart(c.m, c.st); err != nil {
			return nil, err
		}
		for from, p := range existing {
			if !p.IsDefault() && p.To > start {
				rebuild[from] = true
			}
		}
	}
	order := make([]string, 0, len(rebuild))
	for from := range rebuild {
		order = append(order, from)
	}
	slices.Sort(order)

	col := pgsql.QuoteIdent(pb.Column)
	finalNames := columnNames(final)
	var build, swap []string
	for _, from := range order {
		old, had := existing[from]
		// Range deletes every row at or after start: a partition starting there keeps none.
		keeps := had && !(c.strategy == StrategyRange && from >= start)
		if had {
			swap = append(swap, fmt.Sprintf("ALTER TABLE %s DETACH PARTITION %s", t, old.Relation), "DROP TABLE "+old.Relation.String())
		}
		if !keeps && !inStage[from] {
			continue // emptied by a range change: detached and dropped, nothing replaces it
		}
		next := partitionName(t, from, c.st.PartitionToken)
		build = append(build, fmt.Sprintf("CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS)", next, t))
		to, err := c.periodEnd(from)
		if err != nil {
			return nil, err
		}
		inPeriod := fmt.Sprintf("s.%s >= %s AND s.%s < %s", col, pgsql.QuoteString(from), col, pgsql.QuoteString(to))
		if keeps {
			// The key holds the partition column, so only stage rows of this period can
			// match: saying so spares hashing the whole stage once per partition.
			keep := fmt.Sprintf("NOT EXISTS (SELECT FROM %s AS s WHERE %s\n  AND %s)", c.stage, inPeriod, keyMatch(c.m.UniqueKey, c.st.StageKeysNotNull))
			if c.strategy == StrategyRange {
				keep = fmt.Sprintf("t.%s < %s", col, pgsql.QuoteString(start))
			}
			build = append(build, fmt.Sprintf("INSERT INTO %s (%s)\nSELECT %s FROM %s AS t\nWHERE %s",
				next, quoteList(finalNames, ""), quoteList(finalNames, "t."), old.Relation, keep))
		}
		if inStage[from] {
			build = append(build, fmt.Sprintf("INSERT INTO %s (%s)\nSELECT %s FROM %s AS s\nWHERE %s",
				next, quoteList(cols, ""), quoteList(cols, "s."), c.stage, inPeriod))
		}
		// Built before ATTACH, the indexes are adopted by the parent's; ATTACH would
		// otherwise build them while holding the parent's lock.
		for _, ix := range c.m.Indexes {
			build = append(build, createIndex(ix, "", next, false))
		}
		build = append(build, "ANALYZE "+next.String())
		swap = append(swap, fmt.Sprintf("ALTER TABLE %s ATTACH PARTITION %s %s", t, next, forValues(from, to)))
	}
	// Rows without a period: changed in place in the DEFAULT partition (delete+insert only;
	// a range change has no NULL in its column).
	var nulls []string
	if inStage[""] {
		if _, ok := existing[""]; !ok {
			create, _ := c.createPartition(t, "") // the DEFAULT partition has no period to fail on
			nulls = append(nulls, create)
		}
		nulls = append(nulls,
			fmt.Sprintf("DELETE FROM %s AS t\nWHERE t.%s IS NULL AND EXISTS (SELECT FROM %s AS s WHERE %s)", t, col, c.stage, keyMatch(c.m.UniqueKey, c.st.StageKeysNotNull)),
			fmt.Sprintf("INSERT INTO %s (%s)\nSELECT %s FROM %s AS s\nWHERE s.%s IS NULL", t, quoteList(cols, ""), quoteList(cols, "s."), c.stage, col))
	}
	// The copies run before the first DETACH, which locks readers out of the table until
	// COMMIT: they wait for the swaps and the audits only, not for the copying.
	return append(append(build, swap...), nulls...), nil
}
