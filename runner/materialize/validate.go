package materialize

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// ConfigError is a model configuration this package cannot plan. Field names the offending
// config key as written in the sidecar (e.g. "range.granularity"), so the compiler can point
// at its position.
type ConfigError struct {
	Model string
	Field string
	Msg   string
	Hint  string
}

func (e *ConfigError) Error() string {
	s := fmt.Sprintf("model %s: %s: %s", e.Model, e.Field, e.Msg)
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Validate checks a model's configuration without planning anything. The compiler calls it
// to report configuration errors at compile time, with positions.
func Validate(m Model) error {
	m.Strategy = resolveStrategy(m)
	return validate(m)
}

// resolveStrategy fills in the default incremental strategy.
func resolveStrategy(m Model) string {
	if m.Materialized != KindIncremental || m.Strategy != "" {
		return m.Strategy
	}
	switch {
	case m.Range != nil:
		return StrategyRange
	case len(m.UniqueKey) > 0:
		return StrategyMerge
	}
	return StrategyAppend
}

var granularities = []string{"day", "week", "month", "quarter", "year"}

func validate(m Model) error {
	bad := func(field, hint, format string, args ...any) error {
		return &ConfigError{Model: m.ID, Field: field, Msg: fmt.Sprintf(format, args...), Hint: hint}
	}
	if err := checkIdent("relation", m.Relation.Name, m.ID); err != nil {
		return err
	}
	if err := checkIdent("schema", m.Relation.Schema, m.ID); err != nil {
		return err
	}
	switch m.Materialized {
	case KindView, KindTable, KindEphemeral, KindIncremental:
	case "":
		return bad("materialized", "one of view, table, ephemeral, incremental", "missing")
	default:
		return bad("materialized", "one of view, table, ephemeral, incremental", "unknown materialization %q", m.Materialized)
	}
	if m.Materialized != KindEphemeral {
		sql, err := pgsql.TrimStatement(m.SQL)
		var perr *pgsql.Error
		switch {
		case errors.As(err, &perr) && perr.Msg == pgsql.MsgMultipleStatements:
			return bad("sql", "a model is one SELECT", "%s", perr.Msg)
		case errors.As(err, &perr):
			return bad("sql", perr.Hint, "%s at byte %d", perr.Msg, perr.Off)
		case err != nil:
			return bad("sql", "", "%v", err)
		case sql == "":
			return bad("sql", "", "the model has no SQL")
		}
	}
	if m.Materialized != KindIncremental {
		if m.Strategy != "" {
			return bad("incremental_strategy", "only incremental models have a strategy", "set on a %s model", m.Materialized)
		}
		if m.Range != nil {
			return bad("range", "only range incremental models have a range", "set on a %s model", m.Materialized)
		}
		if m.PartitionBy != nil {
			return bad("partition_by", "set materialized: incremental, or remove partition_by", "set on a %s model", m.Materialized)
		}
	}
	if (m.Materialized == KindView || m.Materialized == KindEphemeral) && len(m.Indexes) > 0 {
		return bad("indexes", "indexes need a table or incremental model", "a %s cannot have indexes", m.Materialized)
	}
	if m.Materialized == KindEphemeral && len(m.Grants) > 0 {
		return bad("grants", "ephemeral models are inlined and have no relation to grant on", "an ephemeral model cannot have grants")
	}
	switch m.OnSchemaChange {
	case "", SchemaChangeFail, SchemaChangeAppend, SchemaChangeSync:
	default:
		return bad("on_schema_change", "one of fail, append_new_columns, sync_all_columns", "unknown value %q", m.OnSchemaChange)
	}
	if m.Materialized == KindIncremental {
		if err := validateStrategy(m, bad); err != nil {
			return err
		}
	}
	if err := checkColumns("unique_key", m.UniqueKey, m.ID); err != nil {
		return err
	}
	seen := map[string]int{}
	for i, ix := range m.Indexes {
		field := fmt.Sprintf("indexes[%d].columns", i)
		if len(ix.Columns) == 0 {
			return bad(field, "", "an index needs at least one column")
		}
		if err := checkColumns(field, ix.Columns, m.ID); err != nil {
			return err
		}
		name := indexName(m.Relation, ix)
		if j, dup := seen[name]; dup {
			return bad(fmt.Sprintf("indexes[%d]", i), "", "the same index as indexes[%d]", j)
		}
		seen[name] = i
	}
	if err := validatePartitioning(m, bad); err != nil {
		return err
	}
	for i, g := range m.Grants {
		if strings.TrimSpace(g.Role) == "" {
			return bad(fmt.Sprintf("grants[%d].role", i), "", "missing")
		}
		if err := checkColumns(fmt.Sprintf("grants[%d].except", i), g.Except, m.ID); err != nil {
			return err
		}
	}
	return nil
}

func validateStrategy(m Model, bad func(field, hint, format string, args ...any) error) error {
	switch m.Strategy {
	case StrategyAppend:
	case StrategyMerge, StrategyDeleteInsert:
		if len(m.UniqueKey) == 0 {
			return bad("unique_key", "list the columns that identify a row", "the %s strategy needs a unique_key", m.Strategy)
		}
	case StrategyRange:
		if m.Range == nil {
			return bad("range", "e.g. range: {column: maaned, granularity: month, lookback: 1}", "the range strategy needs a range")
		}
	default:
		return bad("incremental_strategy", "one of append, merge, delete+insert, range", "unknown strategy %q", m.Strategy)
	}
	if m.Range != nil {
		if m.Strategy != StrategyRange {
			return bad("range", "set incremental_strategy: range, or remove range", "range is only used by the range strategy, not %s", m.Strategy)
		}
		if m.Range.Column == "" {
			return bad("range.column", "", "missing")
		}
		if !slices.Contains(granularities, m.Range.Granularity) {
			return bad("range.granularity", "one of "+strings.Join(granularities, ", "), "unknown granularity %q", m.Range.Granularity)
		}
		if m.Range.Lookback < 0 {
			return bad("range.lookback", "0 rebuilds only the latest period", "must not be negative, got %d", m.Range.Lookback)
		}
	}
	return nil
}

// validatePartitioning checks partition_by. PostgreSQL requires the partition column in
// every unique index of a partitioned table, so it must be in the unique key and in every
// unique index; a key without it could not be enforced per partition.
func validatePartitioning(m Model, bad func(field, hint, format string, args ...any) error) error {
	p := m.PartitionBy
	if p == nil {
		return nil
	}
	if p.Column == "" {
		return bad("partition_by.column", "e.g. partition_by: {column: maaned, granularity: month}", "missing")
	}
	if !slices.Contains(granularities, p.Granularity) {
		return bad("partition_by.granularity", "one of "+strings.Join(granularities, ", "), "unknown granularity %q", p.Granularity)
	}
	hint := "PostgreSQL requires the partition column in every unique key of a partitioned table: add " + p.Column
	if len(m.UniqueKey) > 0 && !slices.Contains(m.UniqueKey, p.Column) {
		return bad("partition_by.column", hint+" to unique_key", "column %q is not in unique_key [%s]", p.Column, strings.Join(m.UniqueKey, ", "))
	}
	for i, ix := range m.Indexes {
		if ix.Unique && !slices.Contains(ix.Columns, p.Column) {
			return bad(fmt.Sprintf("indexes[%d].columns", i), hint+" to the index", "column %q is not in this unique index", p.Column)
		}
	}
	return nil
}

// checkIdent rejects names PostgreSQL would silently truncate, and names that could end the
// dollar quote of a DO block.
func checkIdent(field, name, model string) error {
	switch {
	case name == "":
		return &ConfigError{Model: model, Field: field, Msg: "missing"}
	case len(name) > maxIdentLen:
		return &ConfigError{Model: model, Field: field, Msg: fmt.Sprintf("%q is %d bytes, PostgreSQL allows %d", name, len(name), maxIdentLen), Hint: "choose a shorter alias"}
	case strings.Contains(name, "$flis$"):
		return &ConfigError{Model: model, Field: field, Msg: fmt.Sprintf("%q contains $flis$", name)}
	}
	return nil
}

func checkColumns(field string, cols []string, model string) error {
	seen := map[string]bool{}
	for _, c := range cols {
		if c == "" {
			return &ConfigError{Model: model, Field: field, Msg: "empty column name"}
		}
		if seen[c] {
			return &ConfigError{Model: model, Field: field, Msg: fmt.Sprintf("column %q listed twice", c)}
		}
		seen[c] = true
	}
	return nil
}
