// Package materialize turns a compiled model into the SQL statements that build and publish
// it. It exists so that the riskiest part of a run — replacing a table that people are
// reading, merging into a fact table, keeping dependent views alive — is a set of pure
// functions that can be read, golden-tested and reviewed without a database.
//
// The runner drives a model through three phases and this package plans two of them:
//
//  1. Build (PlanBuild): statements run in autocommit mode that fill a staging relation
//     in the target schema. Nothing readers see changes.
//  2. Audit: the runner runs the model's error-severity data tests against
//     BuildPlan.AuditRelation, either before publishing (AuditStage) or inside the publish
//     transaction after the change and before COMMIT (AuditInPublish).
//  3. Publish (PlanPublish): statements run in ONE transaction that make the stage visible
//     (swap, merge, insert ...), followed by cleanup statements run after COMMIT.
//
// Publishing needs the stage's columns (schema-change handling, grants, column lists),
// which only the warehouse knows after the build, hence the split into two calls.
//
// Every string returned is exactly one SQL statement: a distributed dialect (Citus) fails on
// multi-statement strings.
package materialize

import "github.com/flis-dk/flis/compiler/pgsql"

// Relation is a schema-qualified relation name, unquoted.
type Relation struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
}

// String returns the quoted, qualified name, ready to be put into SQL.
func (r Relation) String() string {
	return pgsql.QuoteQualified(r.Schema, r.Name)
}

// Range configures the range incremental strategy: the table is rebuilt from the start of
// the period holding the current maximum of Column, minus Lookback periods.
type Range struct {
	Column      string `json:"column"`
	Granularity string `json:"granularity"` // day | week | month | quarter | year
	Lookback    int    `json:"lookback"`
}

// Index is an index the model's relation carries.
type Index struct {
	Columns []string `json:"columns"`
	Unique  bool     `json:"unique,omitempty"`
}

// Grant gives Role SELECT on every column of the relation except those in Except.
type Grant struct {
	Role   string   `json:"role"`
	Except []string `json:"except,omitempty"`
}

// Model is what the compiler hands over: configuration plus compiled SQL.
type Model struct {
	ID       string
	Relation Relation
	// SQL is the compiled SELECT: references resolved, variables rendered (including
	// ${range_start}, see RangeStart). Trailing semicolons are tolerated.
	SQL string

	Materialized string // view | table | ephemeral | incremental
	// Strategy applies to incremental models: append | merge | delete+insert | range.
	// Empty means range when Range is set, merge when UniqueKey is set, append otherwise.
	Strategy  string
	UniqueKey []string
	Range     *Range
	// OnSchemaChange: fail (default) | append_new_columns | sync_all_columns.
	OnSchemaChange string
	Indexes        []Index
	Grants         []Grant
	// PartitionBy makes an incremental model's table RANGE-partitioned (partition.go).
	PartitionBy *Partitioning
	// NoAudits says the runner will run no audits on this build. A new view then needs no
	// stage: nothing tests it before publishing, and nothing readers see exists yet.
	NoAudits bool
}

// Column is a column of a relation as the warehouse reports it; Type is the text of
// format_type(atttypid, atttypmod) and is put into DDL verbatim.
type Column struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// View is a view that depends (directly or transitively) on the model's relation; the
// runner fills it from warehouse.CaptureDependentViews.
type View struct {
	Relation Relation
	// Definition is the view's SELECT as pg_get_viewdef returns it. It must have been read
	// with a search_path that forces schema-qualified names (e.g. SET search_path =
	// pg_catalog), so it binds to the same relations when replayed.
	Definition string
	// Materialized views hold data bound to the old relation: they are always dropped and
	// created again (which refills them), never replaced in place.
	Materialized bool
	WithNoData   bool     // a materialized view that was not populated is recreated empty
	Options      []string // reloptions, e.g. "security_barrier=true"; kept on every rebind
	// Restore are the statements that give the view back what CREATE does not (comments,
	// grants, indexes, owner), run after it is created again under its name.
	Restore []string
}

// State is what the runner read from the warehouse before planning.
type State struct {
	Kind    string   // "" (absent) | "table" | "view"
	Columns []Column // the existing relation's columns, in order
	// DependentViews lists every view depending on the relation, directly or through other
	// views, in creation order (a view after the views it reads).
	DependentViews []View
	FullRefresh    bool
	ServerVersion  int    // server_version_num, e.g. 150004
	RangeMax       string // max(range column) of the existing table as text, "" if empty
	RangeMin       string // min(range column) of the existing table as text, "" if unknown
	// StageKeysNotNull is set by the runner before PlanPublish when no stage row has a NULL
	// in a unique-key column. Keys then match with plain equality, which PostgreSQL can
	// join through the table's index or a hash on the columns themselves; the NULL-safe
	// match must compute a jsonb key for every row of the target (28 s against 14 s for
	// deleting 1.6M of 11.8M rows).
	StageKeysNotNull bool
	// Indexes are the names of the existing table's indexes.
	Indexes []string
	// PartitionedBy is the column the existing table is RANGE-partitioned by, "" when it
	// is not partitioned, "?" when it is partitioned some other way.
	PartitionedBy string
	// Partitions are the existing table's partitions.
	Partitions []Partition
	// StagePeriods are set by the runner for a partitioned model before the partitioned
	// stage (full build) or the publish (incremental) is planned: the distinct periods of
	// the rows written (PeriodsSQL), "" for rows whose column is NULL.
	StagePeriods []string
	// PartitionToken, set with StagePeriods, makes the names of new partitions unique.
	PartitionToken string
	// NoPrevious is set when the model reads ${prev.name} variables and no record of its
	// last build holds them: a change cannot be computed, so the table is rebuilt.
	NoPrevious bool
}

// Materializations, strategies and schema-change policies.
const (
	KindView        = "view"
	KindTable       = "table"
	KindEphemeral   = "ephemeral"
	KindIncremental = "incremental"

	StrategyAppend       = "append"
	StrategyMerge        = "merge"
	StrategyDeleteInsert = "delete+insert"
	StrategyRange        = "range"

	SchemaChangeFail   = "fail"
	SchemaChangeAppend = "append_new_columns"
	SchemaChangeSync   = "sync_all_columns"
)
