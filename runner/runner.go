// Package runner executes a compiled project against the warehouse: it walks the selected
// part of the graph in parallel, builds seeds and models through the materializations, runs
// data tests (as audits before a model is published, where it can), and reports every node
// as an Event. It never decides what SQL a materialization is: runner/materialize does, and
// the warehouse is reached only through the small interfaces of runner/warehouse.
package runner

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/runner/materialize"
	"github.com/flis-dk/flis/runner/warehouse"
)

// DB is the warehouse as the runner uses it: statements, transactions, and the few facts
// about existing relations that planning a materialization needs.
type DB interface {
	warehouse.Execer
	warehouse.Querier
	Begin(ctx context.Context) (warehouse.Tx, error)
	ServerVersion(ctx context.Context) (int, string, error)
	RelationKind(ctx context.Context, schema, name string) (warehouse.Kind, error)
	Columns(ctx context.Context, schema, name string) ([]warehouse.Column, error)
	DependentViews(ctx context.Context, schema, name string) ([]warehouse.View, error)
}

// SeedLoader loads one seed node; the CLI provides it (seeds need a dedicated connection for
// COPY) and returns the rows loaded.
type SeedLoader func(ctx context.Context, n *compiler.Node) (int64, error)

// Commands.
const (
	CmdBuild = "build" // seeds, models and tests, each node's tests right after it
	CmdRun   = "run"   // models
	CmdTest  = "test"  // tests
	CmdSeed  = "seed"  // seeds
)

// Options configure one run.
type Options struct {
	Command string
	// Selected are the node IDs chosen by the selectors, in graph order; the command keeps
	// the kinds it runs.
	Selected      []string
	Threads       int
	FullRefresh   bool
	StoreFailures bool
	// FailFast stops the run at the first error or failed test.
	FailFast bool
	// AuditSchema receives failing rows with StoreFailures.
	AuditSchema string
	// StateSchema holds the audit record of incremental tables (auditstate.go); empty:
	// every audit checks the whole table.
	StateSchema string
	LockTimeout time.Duration
	LoadSeed    SeedLoader
	Emit        func(Event)
}

// Runner is one run.
type Runner struct {
	res     *compiler.Result
	db      DB
	opts    Options
	planner materialize.Planner
	version int

	mu      sync.Mutex
	index   int
	total   int
	results []Result
	audited map[string]Event // test ID → the result of the audit that already ran it
	// selected is opts.Selected as a set, built once: every model's audit lookup asks it.
	selected map[string]bool
	// published maps an incremental model published in this run to its change and the
	// audit record it had before (auditstate.go).
	published map[string]auditScope
	// scans are the shared scans of test nodes, by the node they test (sharedscan.go).
	scans map[string]*sharedScan
}

// Run executes the command over the selection and returns what happened to every node.
func Run(ctx context.Context, res *compiler.Result, db DB, opts Options) (*RunResults, error) {
	start := time.Now()
	if opts.Emit == nil {
		opts.Emit = func(Event) {}
	}
	if opts.Threads < 1 {
		opts.Threads = 1
	}
	r := &Runner{res: res, db: db, opts: opts, audited: map[string]Event{}, published: map[string]auditScope{},
		scans: map[string]*sharedScan{}, planner: materialize.Planner{LockTimeout: opts.LockTimeout}}
	r.selected = make(map[string]bool, len(opts.Selected))
	for _, id := range opts.Selected {
		r.selected[id] = true
	}
	nodes := r.runnable()
	r.total = len(nodes)
	if err := r.prepare(ctx, nodes); err != nil {
		return nil, err
	}
	deps := map[string][]string{}
	for _, id := range nodes {
		deps[id] = r.runDeps(id)
	}
	// With --fail-fast the first failure cancels the run's context: running statements are
	// cancelled on the server and nothing else starts. The caller's ctx stays as it was, so
	// the summary can tell a fail-fast stop from Ctrl-C.
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	exec := r.exec
	if opts.FailFast {
		exec = func(ctx context.Context, id string) Status {
			st := r.exec(ctx, id)
			if st == StatusError || st == StatusFail {
				cancel(errFailFast)
			}
			return st
		}
	}
	schedule(runCtx, nodes, deps, opts.Threads, exec, r.skip)
	r.dropChanges()

	sum := &Summary{Seconds: time.Since(start).Seconds(), Interrupted: ctx.Err() != nil}
	for _, res := range r.results {
		switch res.Status {
		case StatusOK:
			sum.OK++
		case StatusPass:
			sum.Pass++
		case StatusWarn:
			sum.Warn++
		case StatusError:
			sum.Error++
		case StatusFail:
			sum.Fail++
		case StatusSkip:
			sum.Skip++
		}
	}
	if opts.StoreFailures && (sum.Fail > 0 || sum.Warn > 0) {
		sum.StoredFailures = opts.AuditSchema
	}
	opts.Emit(Event{Type: "run_finish", Time: time.Now(), Summary: sum})
	sort.SliceStable(r.results, func(i, j int) bool { return r.results[i].Index < r.results[j].Index })
	return &RunResults{Command: opts.Command, Results: r.results, Summary: sum, Elapsed: sum.Seconds}, nil
}

// runnable keeps the selected nodes the command runs: ephemeral models and sources never run.
func (r *Runner) runnable() []string {
	var out []string
	for _, id := range r.opts.Selected {
		n := r.res.Nodes[id]
		if n == nil {
			continue
		}
		keep := false
		switch n.Kind {
		case compiler.KindModel:
			keep = (r.opts.Command == CmdBuild || r.opts.Command == CmdRun) && n.Model.Config.Materialized != "ephemeral"
		case compiler.KindSeed:
			keep = r.opts.Command == CmdBuild || r.opts.Command == CmdSeed
		case compiler.KindTest:
			keep = r.opts.Command == CmdBuild || r.opts.Command == CmdTest
		}
		if keep {
			out = append(out, id)
		}
	}
	return out
}

// runDeps are the nodes id waits for. An ephemeral model never runs: its SQL is inlined
// into its dependents, so they wait for what it reads instead, through any chain of
// ephemeral models, selected or not.
func (r *Runner) runDeps(id string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		for _, d := range r.res.Nodes[id].DependsOn {
			if seen[d] {
				continue
			}
			seen[d] = true
			if n := r.res.Nodes[d]; n != nil && n.Kind == compiler.KindModel && n.Model.Config.Materialized == "ephemeral" {
				walk(d)
				continue
			}
			out = append(out, d)
		}
	}
	walk(id)
	return out
}

// prepare creates the schemas the run writes to, once and serially: CREATE SCHEMA IF NOT
// EXISTS is not safe against itself in parallel sessions.
func (r *Runner) prepare(ctx context.Context, nodes []string) error {
	v, _, err := r.db.ServerVersion(ctx)
	if err != nil {
		return err
	}
	r.version = v
	schemas := map[string]bool{}
	for _, id := range nodes {
		n := r.res.Nodes[id]
		if (n.Kind == compiler.KindModel || n.Kind == compiler.KindSeed) && n.Relation.Schema != "" {
			schemas[n.Relation.Schema] = true
			if n.Model != nil && n.Model.Config.PartitionBy != nil {
				schemas[materialize.PartitionSchema(n.Relation.Schema)] = true
			}
		}
	}
	if r.opts.StoreFailures && r.opts.AuditSchema != "" {
		schemas[r.opts.AuditSchema] = true
	}
	names := make([]string, 0, len(schemas))
	for s := range schemas {
		names = append(names, s)
	}
	sort.Strings(names)
	for _, s := range names {
		if _, err := r.db.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgsql.QuoteIdent(s)); err != nil {
			return fmt.Errorf("creating schema %s: %w", s, err)
		}
	}
	return r.prepareAuditState(ctx)
}

// start numbers a node and announces it.
func (r *Runner) start(n *compiler.Node) Event {
	r.mu.Lock()
	r.index++
	e := Event{Type: "node_start", Time: time.Now(), Index: r.index, Total: r.total, ID: n.ID, Kind: n.Kind,
		What: what(n), Relation: display(n)}
	r.mu.Unlock()
	r.opts.Emit(e)
	return e
}

// finish records and reports a node's outcome.
func (r *Runner) finish(e Event, began time.Time) Status {
	e.Type = "node_finish"
	e.Time = time.Now()
	if !e.Audit {
		// An audit's time is the time it took inside its model's build, not the moment
		// its result is reported.
		e.Seconds = time.Since(began).Seconds()
	}
	r.mu.Lock()
	r.results = append(r.results, resultOf(e, r.res.Nodes[e.ID]))
	r.mu.Unlock()
	r.opts.Emit(e)
	return e.Status
}

func (r *Runner) exec(ctx context.Context, id string) Status {
	n := r.res.Nodes[id]
	began := time.Now()
	e := r.start(n)
	switch n.Kind {
	case compiler.KindSeed:
		e = r.seed(ctx, n, e)
	case compiler.KindModel:
		e = r.model(ctx, n, e)
	case compiler.KindTest:
		if a, ok := r.auditedResult(id); ok {
			a.Index, a.Total = e.Index, e.Total
			e = a
		} else {
			e = r.testNode(ctx, n, e)
		}
	}
	if e.Status == StatusError && ctx.Err() != nil {
		// The node failed because the run was interrupted, not because of its SQL: say so,
		// rather than print the driver's "context canceled" as if it were the model's fault.
		e.Message = stopReason(ctx) + ": the running statement was cancelled on the server; nothing of " +
			display(n) + " was published"
	}
	return r.finish(e, began)
}

// errFailFast is the cancel cause of a run stopped by --fail-fast.
var errFailFast = errors.New("fail-fast")

// stopReason says why a run's context ended: Ctrl-C, or --fail-fast after a failure.
func stopReason(ctx context.Context) string {
	if errors.Is(context.Cause(ctx), errFailFast) {
		return "stopped by --fail-fast after another node failed"
	}
	return "interrupted"
}

// skip reports a node that does not run. A test that already ran as an audit of its model
// reports that result instead: a failed audit is why the model failed.
func (r *Runner) skip(id, cause string) {
	n := r.res.Nodes[id]
	began := time.Now()
	e := r.start(n)
	if a, ok := r.auditedResult(id); ok {
		a.Index, a.Total = e.Index, e.Total
		r.finish(a, began)
		return
	}
	e.Status = StatusSkip
	e.Message = cause
	r.finish(e, began)
}

func (r *Runner) auditedResult(id string) (Event, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.audited[id]
	return e, ok
}

// what describes how a node runs, for the progress line.
func what(n *compiler.Node) string {
	switch n.Kind {
	case compiler.KindModel:
		c := n.Model.Config
		if c.Materialized == "incremental" {
			return "incremental " + c.IncrementalStrategy
		}
		return c.Materialized
	case compiler.KindTest:
		if n.Test.Kind == "singular" {
			return "test"
		}
		return "test " + n.Test.Kind
	}
	return n.Kind
}

func display(n *compiler.Node) string {
	if n.Kind == compiler.KindTest {
		return n.Name
	}
	return n.Relation.String()
}
