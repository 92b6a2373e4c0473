// Package project loads a flis project from disk into plain data: flis.yaml, every model (a
// .sql file and its optional .yml sidecar), source declarations, CSV seeds and singular data
// tests, each value carrying the file, line and column it came from. It exists so that every
// later stage (SQL analysis, reference resolution, the runner) works from one validated,
// position-carrying description of the project and never reads a project file itself, and so
// that every mistake in the project's YAML is reported at once, at its place, with a hint.
//
// Load is the entry point. It decodes every YAML file strictly (an unknown key is an error
// with a did-you-mean), resolves each model's configuration (built-in defaults, then the
// folder tree under `models:` in flis.yaml from the root folder to the deepest, then the
// sidecar's `config:`; tags accumulate) and validates what can be validated without reading
// SQL. Files are read and decoded in parallel; the result is sorted by path so that it is the
// same on every run.
package project

import "github.com/flis-dk/flis/compiler/diag"

// Built-in defaults for values neither the folder tree nor a sidecar sets.
const (
	DefaultMaterialized   = "view"
	DefaultSchema         = "public"
	DefaultTarget         = "dev"
	DefaultGranularity    = "month"
	DefaultOnSchemaChange = "fail"
	DefaultSeverity       = "error"
)

// Allowed values of the enumerated configuration keys.
var (
	Materializations      = []string{"view", "table", "ephemeral", "incremental"}
	IncrementalStrategies = []string{"append", "merge", "delete+insert", "range"}
	OnSchemaChanges       = []string{"fail", "append_new_columns", "sync_all_columns"}
	Granularities         = []string{"day", "week", "month", "quarter", "year"}
	Severities            = []string{"error", "warn"}
	TestKinds             = []string{"not_null", "unique", "accepted_values", "relationships",
		"expression_is_true", "row_count", "recency"}
)

// Project is a loaded project. Models, Seeds, Sources and Tests are sorted by path (then by
// name), so two loads of the same tree give the same Project.
//
//	Project{Root, Config, Models, Seeds, Sources, Tests, Files}
//	Model{Name, Area, Path, YAMLPath, SQL, Hash, Description, Config, Columns, Tests, DependsOn, Pos}
//	ModelConfig{Materialized, Schema, Alias, Tags, UniqueKey, IncrementalStrategy,
//	            OnSchemaChange, Range, PartitionBy, Indexes, Grants, Pos}
//	RangeConfig{Column, Granularity, Lookback}; PartitionConfig{Column, Granularity}
//	IndexConfig{Columns, Unique}; GrantConfig{Role, Except}
//	Column{Name, Description, Type, Tests, Pos}
//	TestSpec{Kind, Name, Column, Args, Severity, Where, Pos}
//	SourceTable{Source, Name, Area, Description, Path, Columns, Freshness, Tests, Pos}
//	Freshness{Column, WarnAfter, ErrorAfter}
//	Seed{Name, Path, YAMLPath, Hash, Description, Header, ColumnTypes, Config, Columns, Tests, Pos}
//	SeedConfig{Schema, Alias, Tags, Delimiter, QuoteColumns, Pos}
//	SingularTest{Name, Path, YAMLPath, SQL, Hash, Severity, Tags, Pos}
//	Config{Name, Version, Paths, Vars, Targets, DefaultTarget, Secrets, OnRunStart, SampleData, Pos}
//	Paths{Models, Seeds, Tests}; Var{Value, Pos}; Target{Name, DSN, SchemaSuffix, Threads, Pos}
//	Secret{Env, Embedded, Pos}; SampleData{Generator, Citizens}
//
// All of it is plain data with lower snake_case JSON tags: target/manifest.json serialises it.
type Project struct {
	Root    string          `json:"root"`
	Config  *Config         `json:"config"`
	Models  []*Model        `json:"models"`
	Seeds   []*Seed         `json:"seeds"`
	Sources []*SourceTable  `json:"sources"`
	Tests   []*SingularTest `json:"tests"`
	// Files maps every project file that was read (relative path) to its sha256 (hex), so a
	// cache can tell whether anything changed without reading the tree again.
	Files map[string]string `json:"files"`
}

// Model is one SQL model: models/<area>/.../<name>.sql and its optional sidecar <name>.yml.
type Model struct {
	Name string `json:"name"`
	// Area is the first folder under the models path: the model's data area ("" for a model
	// directly in the models folder).
	Area        string      `json:"area"`
	Path        string      `json:"path"`                // the .sql file, relative to the root
	YAMLPath    string      `json:"yaml_path,omitempty"` // the sidecar, "" when there is none
	SQL         string      `json:"sql"`
	Hash        string      `json:"hash"` // sha256 (hex) of the .sql file
	Description string      `json:"description,omitempty"`
	Config      ModelConfig `json:"config"`
	Columns     []*Column   `json:"columns,omitempty"`
	Tests       []*TestSpec `json:"tests,omitempty"` // model-level tests; column tests hang on Columns
	// DependsOn are edges the SQL analysis cannot see, from the sidecar's depends_on.
	DependsOn []Ref    `json:"depends_on,omitempty"`
	Pos       diag.Pos `json:"pos"`
}

// Ref names another node, at the place it was written.
type Ref struct {
	Name string   `json:"name"`
	Pos  diag.Pos `json:"pos"`
}

// ModelConfig is a model's resolved configuration.
type ModelConfig struct {
	Materialized string   `json:"materialized"`
	Schema       string   `json:"schema"`
	Alias        string   `json:"alias,omitempty"` // relation name; "" means the model name
	Tags         []string `json:"tags,omitempty"`  // union over the folder tree and the sidecar, sorted
	UniqueKey    []string `json:"unique_key,omitempty"`
	// IncrementalStrategy is set for incremental models: explicitly, or "delete+insert" when a
	// unique_key is given and "append" otherwise (as dbt-postgres does).
	IncrementalStrategy string           `json:"incremental_strategy,omitempty"`
	OnSchemaChange      string           `json:"on_schema_change,omitempty"` // "fail" by default for incremental models
	Range               *RangeConfig     `json:"range,omitempty"`
	PartitionBy         *PartitionConfig `json:"partition_by,omitempty"` // incremental models only
	Indexes             []IndexConfig    `json:"indexes,omitempty"`
	Grants              []GrantConfig    `json:"grants,omitempty"`
	// Pos records, for each config key that was set ("materialized", "tags", ...), where
	// the value that won was written: flis.yaml for the folder tree, else the sidecar.
	Pos map[string]diag.Pos `json:"pos,omitempty"`
}

// RangeConfig configures the range incremental strategy: rebuild the periods from the last
// loaded one minus Lookback periods.
type RangeConfig struct {
	Column      string `json:"column"`
	Granularity string `json:"granularity"`
	Lookback    int    `json:"lookback"`
}

// PartitionConfig makes an incremental model a PostgreSQL RANGE-partitioned table with one
// partition per Granularity period of Column (always set; "month" by default).
type PartitionConfig struct {
	Column      string `json:"column"`
	Granularity string `json:"granularity"`
}

// IndexConfig is one index built on a table or incremental model.
type IndexConfig struct {
	Columns []string `json:"columns"`
	Unique  bool     `json:"unique,omitempty"`
}

// GrantConfig grants Role read access to every column of the relation except Except.
type GrantConfig struct {
	Role   string   `json:"role"`
	Except []string `json:"except,omitempty"`
}

// Column documents (and tests) one column of a model, seed or source table.
type Column struct {
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	Type        string      `json:"type,omitempty"`
	Tests       []*TestSpec `json:"tests,omitempty"`
	Pos         diag.Pos    `json:"pos"`
}

// TestSpec is one generic data test as written in YAML.
type TestSpec struct {
	Kind string `json:"kind"` // one of TestKinds
	// Name is the user's `name:` override, unique across the project, or "": the compiler
	// then names the test after its kind, node and column (not_null_fact_ky_sager_sag_id).
	Name string `json:"name,omitempty"`
	// Column is the column under test: the column a column-level test is listed under, or a
	// model-level test's `column` argument.
	Column string `json:"column,omitempty"`
	// Args are the remaining arguments (values, to, field, expression, min, max, max_age,
	// columns, quote) with their YAML scalar types: string, int, float64, bool, nil; lists
	// are []any. severity, where, name and column are lifted out of Args.
	Args     map[string]any `json:"args,omitempty"`
	Severity string         `json:"severity"` // "error" or "warn"
	Where    string         `json:"where,omitempty"`
	Pos      diag.Pos       `json:"pos"`
}

// SourceTable is one table of a declared source; Source is its schema.
type SourceTable struct {
	Source      string      `json:"source"`
	Name        string      `json:"name"`
	Area        string      `json:"area"` // the folder of the declaring file under models/
	Description string      `json:"description,omitempty"`
	Path        string      `json:"path"`
	Columns     []*Column   `json:"columns,omitempty"`
	Freshness   *Freshness  `json:"freshness,omitempty"`
	Tests       []*TestSpec `json:"tests,omitempty"`
	Pos         diag.Pos    `json:"pos"`
}

// Freshness says how old a source table's newest row may be; the durations are PostgreSQL
// intervals ("35 days").
type Freshness struct {
	Column     string `json:"column"`
	WarnAfter  string `json:"warn_after,omitempty"`
	ErrorAfter string `json:"error_after,omitempty"`
}

// Seed is a CSV file under the seeds path and its optional sidecar.
type Seed struct {
	Name        string `json:"name"`
	Path        string `json:"path"`
	YAMLPath    string `json:"yaml_path,omitempty"`
	Hash        string `json:"hash"`
	Description string `json:"description,omitempty"`
	// Header is the CSV's first record: the column names, in order.
	Header []string `json:"header"`
	// ColumnTypes are the declared PostgreSQL types, from config.column_types and columns[].type;
	// columns not named here get an inferred type when the seed is loaded.
	ColumnTypes map[string]string `json:"column_types,omitempty"`
	Config      SeedConfig        `json:"config"`
	Columns     []*Column         `json:"columns,omitempty"`
	Tests       []*TestSpec       `json:"tests,omitempty"`
	Pos         diag.Pos          `json:"pos"`
}

// SeedConfig is a seed's resolved configuration.
type SeedConfig struct {
	Schema       string              `json:"schema"`
	Alias        string              `json:"alias,omitempty"`
	Tags         []string            `json:"tags,omitempty"`
	Delimiter    string              `json:"delimiter"` // one character, "," by default
	QuoteColumns bool                `json:"quote_columns,omitempty"`
	Pos          map[string]diag.Pos `json:"pos,omitempty"`
}

// SingularTest is tests/<name>.sql: a SELECT returning the failing rows.
type SingularTest struct {
	Name     string   `json:"name"`
	Path     string   `json:"path"`
	YAMLPath string   `json:"yaml_path,omitempty"`
	SQL      string   `json:"sql"`
	Hash     string   `json:"hash"`
	Severity string   `json:"severity"`
	Tags     []string `json:"tags,omitempty"`
	Pos      diag.Pos `json:"pos"`
}

// Config is flis.yaml.
type Config struct {
	Name          string            `json:"name"`
	Version       string            `json:"version,omitempty"`
	Paths         Paths             `json:"paths"`
	Vars          map[string]Var    `json:"vars,omitempty"`
	Targets       map[string]Target `json:"targets,omitempty"`
	DefaultTarget string            `json:"default_target,omitempty"`
	// Secrets are session settings (flis.<name>) set at connect; never written anywhere.
	Secrets    map[string]Secret `json:"secrets,omitempty"`
	OnRunStart []string          `json:"on_run_start,omitempty"`
	SampleData *SampleData       `json:"sample_data,omitempty"`
	// Pos is where each top-level key was written.
	Pos map[string]diag.Pos `json:"pos,omitempty"`
}

// Paths are the project's folders, relative to the root, with forward slashes.
type Paths struct {
	Models string `json:"models"`
	Seeds  string `json:"seeds"`
	Tests  string `json:"tests"`
}

// Var is a variable's default. Value is a string, int, float64, bool or nil; dates stay
// strings.
type Var struct {
	Value any      `json:"value"`
	Pos   diag.Pos `json:"pos"`
}

// Target is a place to build into. An empty DSN means the embedded default cluster.
type Target struct {
	Name         string   `json:"name"`
	DSN          string   `json:"dsn,omitempty"`
	SchemaSuffix string   `json:"schema_suffix,omitempty"`
	Threads      int      `json:"threads,omitempty"` // 0: the runner's default
	Pos          diag.Pos `json:"pos"`
}

// Secret says where a session secret comes from: an environment variable, or, for the
// embedded default, a value generated once ("generate").
type Secret struct {
	Env      string   `json:"env,omitempty"`
	Embedded string   `json:"embedded,omitempty"`
	Pos      diag.Pos `json:"pos"`
}

// SampleData asks the embedded default to fill an empty dsa schema with generated data.
type SampleData struct {
	Generator string `json:"generator"`
	Citizens  int    `json:"citizens"`
}

// Options tune Load.
type Options struct {
	// Workers bounds the goroutines reading and decoding files; 0 means 4 × GOMAXPROCS
	// (reading is partly I/O-bound).
	Workers int
	// CacheDir holds the cache of parsed YAML keyed by file content hash (.flis/cache); ""
	// parses every file.
	CacheDir string
}
