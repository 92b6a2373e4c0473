package runner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/runner/materialize"
)

// This file reads what the planner of partitioned tables (materialize/partition.go) needs
// from the warehouse: how the existing table is partitioned, and which periods the rows
// being written fall in.

// readPartitions fills st.PartitionedBy and st.Partitions for an existing table.
func (r *Runner) readPartitions(ctx context.Context, n *compiler.Node, st *materialize.State) error {
	// A single-column RANGE key names its column; any other key (LIST, HASH, several
	// columns, an expression) reads as "?", which no partition_by matches.
	const keyQ = `SELECT CASE WHEN pt.partstrat = 'r' AND pt.partnatts = 1 THEN coalesce(a.attname::text, '?') ELSE '?' END
FROM pg_catalog.pg_partitioned_table pt
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
WHERE pt.partrelid = pg_catalog.to_regclass($1)`
	by, err := queryAll[string](ctx, r.db, keyQ, n.Relation.Quoted())
	if err != nil || len(by) == 0 {
		return err
	}
	st.PartitionedBy = by[0]
	const partsQ = `SELECT n.nspname::text, c.relname::text, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE i.inhparent = pg_catalog.to_regclass($1)
ORDER BY 3`
	rows, err := r.db.Query(ctx, partsQ, n.Relation.Quoted())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p materialize.Partition
		var bound string
		if err := rows.Scan(&p.Relation.Schema, &p.Relation.Name, &bound); err != nil {
			return err
		}
		if bound != "DEFAULT" {
			m := rangeBound.FindStringSubmatch(bound)
			if m == nil {
				// Not a partition flis made (bounds that are not dates): rebuild.
				st.PartitionedBy = "?"
				continue
			}
			p.From, p.To = m[1], m[2]
		}
		st.Partitions = append(st.Partitions, p)
	}
	return rows.Err()
}

// rangeBound reads pg_get_expr of a partition bound over a date column.
var rangeBound = regexp.MustCompile(`^FOR VALUES FROM \('(\d{4}-\d{2}-\d{2})(?: 00:00:00)?'\) TO \('(\d{4}-\d{2}-\d{2})(?: 00:00:00)?'\)$`)

// readPeriods sets st.StagePeriods to the periods of rel's rows.
func (r *Runner) readPeriods(ctx context.Context, m materialize.Model, st *materialize.State, rel materialize.Relation) error {
	periods, err := queryAll[*string](ctx, r.db, materialize.PeriodsSQL(m, rel))
	if err != nil {
		return fmt.Errorf("reading the periods of %s: %w", rel, err)
	}
	st.StagePeriods = st.StagePeriods[:0]
	for _, p := range periods {
		if p == nil {
			st.StagePeriods = append(st.StagePeriods, "")
			continue
		}
		st.StagePeriods = append(st.StagePeriods, *p)
	}
	return nil
}

// partitionToken returns a fresh token for the names of the partitions one build creates,
// one that no existing partition's name ends with.
func partitionToken(existing []materialize.Partition) string {
	for {
		var b [3]byte
		rand.Read(b[:])
		token := hex.EncodeToString(b[:])
		if !slices.ContainsFunc(existing, func(p materialize.Partition) bool { return strings.HasSuffix(p.Relation.Name, "_"+token) }) {
			return token
		}
	}
}

// partitionStage finishes a partitioned full build: partitions for the periods that landed
// in the DEFAULT partition, indexes, statistics.
func (r *Runner) partitionStage(ctx context.Context, m materialize.Model, st *materialize.State, bp *materialize.BuildPlan) error {
	if err := r.readPeriods(ctx, m, st, bp.DefaultPartition); err != nil {
		return err
	}
	stmts, err := r.planner.PlanPartitionedStage(m, *st)
	if err != nil {
		return err
	}
	for _, stmt := range stmts {
		if _, err := r.db.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("partitioning %s: %w", bp.Stage, err)
		}
	}
	return nil
}
