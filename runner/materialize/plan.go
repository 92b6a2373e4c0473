package materialize

import (
	"fmt"
	"strings"
	"time"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// AuditPhase says when and against what the runner runs a model's error-severity tests.
type AuditPhase string

const (
	// AuditNone: nothing is built (ephemeral models).
	AuditNone AuditPhase = "none"
	// AuditStage: after the build, before publishing, against the stage. A failure means
	// the publish plan is never run and readers keep the old relation.
	AuditStage AuditPhase = "stage"
	// AuditInPublish: inside the publish transaction, after PublishPlan.Statements and
	// before COMMIT, against the target itself. A failure rolls the change back. Used where
	// the tested thing only exists after the change (an incremental merge's result).
	AuditInPublish AuditPhase = "in_publish"
)

// BuildPlan is the first phase: statements run one by one in autocommit mode.
type BuildPlan struct {
	Model        string
	Materialized string
	Strategy     string // resolved strategy for incremental models, "" otherwise
	// Full is true when the stage holds the complete relation and publishing swaps it in
	// (tables; incremental models that are absent, full-refreshed or switching kind).
	Full       bool
	Stage      Relation
	Statements []string
	// DefaultPartition, for a full build of a partitioned model, is the stage's DEFAULT
	// partition: the runner reads the periods of the rows in it (PeriodsSQL) and runs
	// PlanPartitionedStage. Rows is the scratch table the plans use, dropped on failure.
	DefaultPartition, Rows Relation
	// RangeStart is the value of ${range_start} for range incrementals (see RangeStart).
	RangeStart    string
	AuditRelation Relation
	AuditPhase    AuditPhase
}

// PublishPlan is the third phase.
type PublishPlan struct {
	// Statements run in ONE transaction, in order; the runner opens and commits it. When
	// the build plan's AuditPhase is AuditInPublish, the audits run after the last
	// statement and before COMMIT.
	Statements []string
	// Cleanup runs after the transaction ended, committed or not. Failures here are worth
	// a warning only: the next build drops leftovers anyway.
	Cleanup []string
	// Change, when set, holds exactly the rows the publish writes into the target, with
	// every column the target has: the stage of an incremental change. Every other row of
	// the target is left as it was (or deleted), so a row-by-row check of the change is a
	// check of everything the publish can have broken. Empty when the publish replaces the
	// whole relation, or when written rows differ from the stage (a schema change left
	// target columns the stage lacks NULL).
	Change Relation
}

// DefaultLockTimeout bounds how long a publish waits for a lock: a swap that queues behind
// a long report would otherwise make every new reader queue behind the swap.
const DefaultLockTimeout = 10 * time.Second

// Planner plans materializations for one dialect. The zero value plans for PostgreSQL
// with DefaultLockTimeout.
type Planner struct {
	Dialect     Dialect
	LockTimeout time.Duration
}

// PlanBuild plans the build phase with the default Planner.
func PlanBuild(m Model, st State) (*BuildPlan, error) { return Planner{}.PlanBuild(m, st) }

// PlanPublish plans the publish phase with the default Planner.
func PlanPublish(m Model, st State, stageCols []Column) (*PublishPlan, error) {
	return Planner{}.PlanPublish(m, st, stageCols)
}

// PlanBuild plans the build phase of m given the warehouse state st.
func (p Planner) PlanBuild(m Model, st State) (*BuildPlan, error) {
	c, mat, err := p.prepare(m, st)
	if err != nil {
		return nil, err
	}
	return mat.build(c)
}

// PlanPublish plans the publish phase. stageCols are the stage's columns as the warehouse
// reports them after the build (nil for ephemeral models).
func (p Planner) PlanPublish(m Model, st State, stageCols []Column) (*PublishPlan, error) {
	c, mat, err := p.prepare(m, st)
	if err != nil {
		return nil, err
	}
	if m.Materialized != KindEphemeral && !(m.Materialized == KindView && c.directView()) && len(stageCols) == 0 {
		return nil, fmt.Errorf("model %s: the stage %s has no columns (was the build run?)", m.ID, c.stage)
	}
	return mat.publish(c, stageCols)
}

// key selects a materializer: kind and, for incremental models, strategy.
type key struct{ kind, strategy string }

// materializer is one row of the registry: a pair of pure planning functions.
type materializer struct {
	build   func(c *planCtx) (*BuildPlan, error)
	publish func(c *planCtx, stageCols []Column) (*PublishPlan, error)
}

// registry is the lookup table of materializations. Adding a strategy means adding a row
// here and a strategy function in incremental.go.
var registry = map[key]materializer{
	{KindView, ""}:                          {buildView, publishView},
	{KindTable, ""}:                         {buildTable, publishTable},
	{KindEphemeral, ""}:                     {buildEphemeral, publishEphemeral},
	{KindIncremental, StrategyAppend}:       incremental(appendStatements),
	{KindIncremental, StrategyMerge}:        incremental(mergeStatements),
	{KindIncremental, StrategyDeleteInsert}: incremental(deleteInsertStatements),
	{KindIncremental, StrategyRange}:        incremental(rangeStatements),
}

// planCtx carries what every planning function needs.
type planCtx struct {
	p        Planner
	d        Dialect
	m        Model
	st       State
	strategy string
	stage    Relation
	old      Relation
}

func (p Planner) prepare(m Model, st State) (*planCtx, materializer, error) {
	d := p.Dialect
	if d == nil {
		d = Postgres{}
	}
	m.Strategy = resolveStrategy(m)
	if err := validate(m); err != nil {
		return nil, materializer{}, err
	}
	if err := d.Validate(m); err != nil {
		return nil, materializer{}, err
	}
	switch st.Kind {
	case "", KindTable, KindView:
	default:
		return nil, materializer{}, fmt.Errorf("model %s: %s exists as a %s, which flis cannot replace (hint: drop it by hand)", m.ID, m.Relation, st.Kind)
	}
	strategy := ""
	if m.Materialized == KindIncremental {
		strategy = m.Strategy
	}
	mat, ok := registry[key{m.Materialized, strategy}]
	if !ok {
		// validate accepts only registered combinations; this guards the two drifting apart.
		return nil, materializer{}, fmt.Errorf("model %s: no materialization %q with strategy %q", m.ID, m.Materialized, strategy)
	}
	return &planCtx{
		p: p, d: d, m: m, st: st, strategy: strategy,
		stage: StageRelation(m.Relation), old: OldRelation(m.Relation),
	}, mat, nil
}

// lockTimeout is the first statement of every publish transaction.
func (c *planCtx) lockTimeout() string {
	t := c.p.LockTimeout
	if t <= 0 {
		t = DefaultLockTimeout
	}
	v := fmt.Sprintf("%dms", t.Milliseconds())
	if t%time.Second == 0 {
		v = fmt.Sprintf("%ds", int64(t/time.Second))
	}
	return "SET LOCAL lock_timeout = " + pgsql.QuoteString(v)
}

func quoteList(names []string, prefix string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = prefix + pgsql.QuoteIdent(n)
	}
	return strings.Join(q, ", ")
}

func columnNames(cols []Column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}
