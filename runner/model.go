package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/runner/datatest"
	"github.com/flis-dk/flis/runner/materialize"
	"github.com/flis-dk/flis/runner/warehouse"
)

// model builds one model: read the state of its relation, plan, build the stage, audit it
// with the model's error-severity tests, and publish in one transaction. Whatever fails,
// readers keep the relation as it was: the stage is never visible under the model's name
// before the publish transaction commits.
func (r *Runner) model(ctx context.Context, n *compiler.Node, e Event) Event {
	m := toModel(n)
	st, err := r.state(ctx, n, m)
	if err != nil {
		return failEvent(e, err)
	}
	if m.PartitionBy != nil {
		st.PartitionToken = partitionToken(st.Partitions)
	}
	builtins := map[string]string{"is_incremental": "FALSE"}
	if len(n.PrevVars) > 0 && m.Materialized == materialize.KindIncremental && !materialize.RebuildsAll(m, st) {
		prev, ok, err := r.prevVars(ctx, n)
		if err != nil {
			return failEvent(e, err)
		}
		st.NoPrevious = !ok
		for k, v := range prev {
			builtins[k] = v
		}
	}
	if m.Range != nil && m.Materialized == materialize.KindIncremental {
		rangeStart, err := materialize.RangeStart(m, st)
		if err != nil {
			return failEvent(e, err)
		}
		builtins["range_start"] = pgsql.Literal(rangeStart)
	}
	if m.Materialized == materialize.KindIncremental && !materialize.RebuildsAll(m, st) {
		builtins["is_incremental"] = "TRUE"
	}
	var smap *compiler.SourceMap
	if m.SQL, smap, err = r.res.RenderMapped(n, builtins); err != nil {
		return failEvent(e, err)
	}
	audits := r.auditTests(n)
	m.NoAudits = len(audits) == 0
	bp, err := r.planner.PlanBuild(m, st)
	if err != nil {
		return failEvent(e, err)
	}
	e.Rows = -1
	for _, stmt := range bp.Statements {
		rows, err := r.db.Exec(ctx, stmt)
		if err != nil {
			r.cleanupStage(bp)
			return failEvent(e, locateInSource(n, smap, m.SQL, stmt, err))
		}
		if strings.HasPrefix(strings.TrimSpace(stmt), "INSERT") {
			e.Rows = rows
		}
	}
	if bp.DefaultPartition.Name != "" {
		// A partitioned full build: the rows are in; give the periods that were not
		// foreseen partitions of their own.
		if err := r.partitionStage(ctx, m, &st, bp); err != nil {
			r.cleanupStage(bp)
			return failEvent(e, err)
		}
	}
	var stageCols []materialize.Column
	if bp.Stage.Name != "" {
		cols, err := r.db.Columns(ctx, bp.Stage.Schema, bp.Stage.Name)
		if err != nil {
			r.cleanupStage(bp)
			return failEvent(e, err)
		}
		stageCols = toColumns(cols)
	}
	// An incremental table keeps a record of the tests it passed whole (auditstate.go); any
	// other table it replaces loses its record, since nothing of it was vouched for.
	var sc *auditScope
	record := r.keepsAuditState() && m.Materialized != materialize.KindView && m.Materialized != materialize.KindEphemeral
	if record && m.Materialized == materialize.KindIncremental {
		sc = &auditScope{}
	}
	var verified map[string]string
	if bp.AuditPhase == materialize.AuditStage && len(audits) > 0 {
		var failedTests []string
		if failedTests, verified = r.audit(ctx, r.db, audits, fromMat(bp.AuditRelation), true, sc); len(failedTests) > 0 {
			r.cleanupStage(bp)
			return auditFailed(e, failedTests)
		}
	}
	if bp.AuditPhase == materialize.AuditInPublish && len(m.UniqueKey) > 0 {
		if st.StageKeysNotNull, err = r.keysNotNull(ctx, bp.Stage, m.UniqueKey); err != nil {
			r.cleanupStage(bp)
			return failEvent(e, err)
		}
	}
	if bp.AuditPhase == materialize.AuditInPublish && m.PartitionBy != nil {
		if err := r.readPeriods(ctx, m, &st, bp.Stage); err != nil {
			r.cleanupStage(bp)
			return failEvent(e, err)
		}
	}
	if err := r.ensureRoles(ctx, m); err != nil {
		r.cleanupStage(bp)
		return failEvent(e, err)
	}
	pp, err := r.planner.PlanPublish(m, st, stageCols)
	if err != nil {
		r.cleanupStage(bp)
		return failEvent(e, err)
	}
	pub := publishing{model: n.ID, pp: pp, bp: bp, audits: audits, scope: sc, verified: verified}
	if pub.buildRecord, err = r.buildRecordStatements(n); err != nil {
		r.cleanupStage(bp)
		return failEvent(e, err)
	}
	if record {
		pub.record = &n.Relation
	}
	if err := r.publish(ctx, pub, &e); err != nil {
		// The transaction was rolled back: the stage was not swapped in, and a swap's plan
		// has no cleanup of its own for it (on success the stage has become the table).
		r.cleanupStage(bp)
		return failEvent(e, locateInSource(n, smap, m.SQL, "", err))
	}
	if e.Status == StatusError {
		r.cleanupStage(bp) // an audit inside the publish transaction failed
	}
	if e.Status == "" {
		e.Status = StatusOK
	}
	return e
}

// publishing is what publish needs to know about one model.
type publishing struct {
	model  string
	pp     *materialize.PublishPlan
	bp     *materialize.BuildPlan
	audits []string
	// scope: an incremental model's audits keep records; nil otherwise.
	scope *auditScope
	// verified are the fingerprints of the tests the stage passed (AuditStage).
	verified map[string]string
	// record is the relation whose audit record the publish replaces; nil: none.
	record *compiler.Relation
	// buildRecord writes the variables the model reads as ${prev.name} (prevvars.go).
	buildRecord []string
}

// publish runs the publish statements in one transaction, with in-transaction audits where
// the plan asks for them, the relation's audit record, and the cleanup after it, whatever
// happened.
func (r *Runner) publish(ctx context.Context, p publishing, e *Event) (err error) {
	retained := false
	defer func() {
		if retained {
			return // the change is dropped at the end of the run
		}
		for _, stmt := range p.pp.Cleanup {
			// The next build drops leftovers too; a failed cleanup is not the model's failure.
			r.db.Exec(context.WithoutCancel(ctx), stmt)
		}
	}()
	tx, err := r.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if p.scope != nil && p.bp.AuditPhase == materialize.AuditInPublish && p.record != nil {
		// Read before the change: the record describes the table as it was.
		p.scope.change = fromMat(p.pp.Change)
		if p.scope.before, err = r.passedBefore(ctx, tx, *p.record); err != nil {
			return err
		}
	}
	for _, stmt := range p.pp.Statements {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return err
		}
	}
	verified := p.verified
	if p.bp.AuditPhase == materialize.AuditInPublish && len(p.audits) > 0 {
		var failedTests []string
		if failedTests, verified = r.audit(ctx, tx, p.audits, fromMat(p.bp.AuditRelation), false, p.scope); len(failedTests) > 0 {
			*e = auditFailed(*e, failedTests)
			return nil // the deferred rollback undoes the change
		}
	}
	for _, stmt := range p.buildRecord {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("writing the build record of %s: %w", p.model, err)
		}
	}
	if p.record != nil {
		for _, stmt := range r.recordStatements(*p.record, verified) {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("writing the audit record of %s: %w", *p.record, err)
			}
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	if p.scope != nil {
		// The model's other tests run later, as nodes of their own: they check the change
		// too (testNode), so it is kept until the run ends.
		retained = !p.scope.change.IsZero()
		r.retain(p.model, *p.scope)
	}
	return nil
}

// keysNotNull reports whether no row of stage has a NULL in a key column, which lets the
// publish match keys with plain equality (materialize.State.StageKeysNotNull).
func (r *Runner) keysNotNull(ctx context.Context, stage materialize.Relation, key []string) (bool, error) {
	hasNull, err := queryOne[bool](ctx, r.db, datatest.AnyNullSQL(stage.String(), key))
	return !hasNull, err
}

// cleanupStage drops a stage that will not be published, whatever kind it is (a view's
// stage is a view). It runs even when the run was interrupted: Ctrl-C must leave nothing
// half done behind. A failure is not reported: the next build drops leftovers first.
func (r *Runner) cleanupStage(bp *materialize.BuildPlan) {
	if bp.Stage.Name == "" {
		return
	}
	d := r.planner.Dialect
	if d == nil {
		d = materialize.Postgres{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r.db.Exec(ctx, d.DropIfExists(bp.Stage))
	if bp.Rows.Name != "" {
		r.db.Exec(ctx, d.DropIfExists(bp.Rows))
	}
}

// state reads what the warehouse holds for the model's relation.
func (r *Runner) state(ctx context.Context, n *compiler.Node, m materialize.Model) (materialize.State, error) {
	st := materialize.State{FullRefresh: r.opts.FullRefresh, ServerVersion: r.version}

	kind, err := r.db.RelationKind(ctx, n.Relation.Schema, n.Relation.Name)
	if err != nil {
		return st, err
	}
	switch kind {
	case warehouse.KindNone:
		return st, nil
	case warehouse.KindTable:
		st.Kind = "table"
	case warehouse.KindView:
		st.Kind = "view"
	default:
		return st, fmt.Errorf("%s exists as a %s; flis only replaces tables and views it can rebuild (drop it first)", n.Relation, kind)
	}
	cols, err := r.db.Columns(ctx, n.Relation.Schema, n.Relation.Name)
	if err != nil {
		return st, err
	}
	st.Columns = toColumns(cols)
	views, err := r.db.DependentViews(ctx, n.Relation.Schema, n.Relation.Name)
	if err != nil {
		return st, err
	}
	for _, v := range views {
		// Everything CREATE does not bring back (grants, comments, indexes of materialized
		// views, owner) travels in Restore, so a recreated view keeps what it had.
		st.DependentViews = append(st.DependentViews, materialize.View{
			Relation: materialize.Relation{Schema: v.Schema, Name: v.Name}, Definition: v.Definition,
			Materialized: v.Materialized, WithNoData: !v.Populated, Options: v.Options, Restore: v.Restore})
	}
	if st.Kind == "table" && m.Materialized == materialize.KindIncremental {
		// Only an incremental change needs the partitions and the indexes of the table it
		// changes: any other build replaces the table whole. Two catalog reads a table
		// model need not pay.
		if err := r.readPartitions(ctx, n, &st); err != nil {
			return st, err
		}
		const q = `SELECT c.relname::text FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = pg_catalog.to_regclass($1) ORDER BY 1`
		if st.Indexes, err = queryAll[string](ctx, r.db, q, n.Relation.Quoted()); err != nil {
			return st, err
		}
	}
	if m.Range != nil && st.Kind == "table" && !st.FullRefresh {
		// The last row sets the range; the first tells whether the range reaches back past
		// it (then the table is rebuilt). One pass reads both.
		col := pgsql.QuoteIdent(m.Range.Column)
		rows, err := r.db.Query(ctx, fmt.Sprintf("SELECT coalesce(min(%s)::text, ''), coalesce(max(%s)::text, '') FROM %s", col, col, n.Relation.Quoted()))
		if err != nil {
			return st, err
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(&st.RangeMin, &st.RangeMax); err != nil {
				return st, err
			}
		}
		if err := rows.Err(); err != nil {
			return st, err
		}
	}
	return st, nil
}

// ensureRoles creates the roles a model grants to, when missing: a grant to a role that does
// not exist fails, and the roles are part of the project's contract (SPEC: DREAM access).
func (r *Runner) ensureRoles(ctx context.Context, m materialize.Model) error {
	for _, g := range m.Grants {
		stmt := fmt.Sprintf(`DO $flis$ BEGIN CREATE ROLE %s NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $flis$`, pgsql.QuoteIdent(g.Role))
		if _, err := r.db.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("creating role %s for grants: %w", g.Role, err)
		}
	}
	return nil
}

// locateInSource turns a statement error into one that starts with the user's file:line:col
// when the failing character lies in the model's own SQL (found inside the statement that
// ran), else with the file and the statement's excerpt.
func locateInSource(n *compiler.Node, smap *compiler.SourceMap, rendered, stmt string, err error) error {
	var se *warehouse.StmtError
	if !errors.As(err, &se) || stmt == "" || se.Position <= 0 {
		return located(n, err)
	}
	body := strings.TrimLeft(rendered, " \t\r\n")
	lead := len(rendered) - len(body)
	probe := body
	if len(probe) > 80 {
		probe = probe[:80]
	}
	at := strings.Index(stmt, probe)
	off := byteOffset(stmt, se.Position-1)
	if at < 0 || off < at {
		return located(n, err)
	}
	pos, ok := smap.Pos(off - at + lead)
	if !ok {
		return located(n, err)
	}
	return fmt.Errorf("%s: %s", pos, stripLineCol(se.Error()))
}

// byteOffset converts a 0-based character position (PostgreSQL counts characters) to a byte
// offset in s.
func byteOffset(s string, chars int) int {
	n := 0
	for i := range s {
		if n == chars {
			return i
		}
		n++
	}
	return len(s)
}

// stripLineCol drops the "3:7: " statement position StmtError.Error starts with.
func stripLineCol(msg string) string {
	i := strings.Index(msg, ": ")
	if i < 0 {
		return msg
	}
	for _, r := range msg[:i] {
		if r != ':' && (r < '0' || r > '9') {
			return msg
		}
	}
	return msg[i+2:]
}

// located adds the node's file to a statement error, so the message starts where the
// user's SQL or test is.
func located(n *compiler.Node, err error) error {
	var se *warehouse.StmtError
	if !errors.As(err, &se) {
		return err
	}
	if n.Kind == compiler.KindTest && n.Test.Kind != "singular" {
		// The statement is generated from the test's YAML: point there, and say where in
		// the generated query the database stopped.
		return fmt.Errorf("%s: %s test: in its generated query at %w%s", n.Test.Pos, n.Test.Kind, err, below(se.Excerpt()))
	}
	if line, _ := se.Line(); line > 0 && err.Error() == se.Error() {
		// The message starts with the statement's "line:col: ": join it to the file.
		return fmt.Errorf("%s:%w%s", n.Path, err, below(se.Excerpt()))
	}
	return fmt.Errorf("%s: %w%s", n.Path, err, below(se.Excerpt()))
}

// below puts an excerpt on the lines under a message, if there is one.
func below(excerpt string) string {
	if excerpt == "" {
		return ""
	}
	return "\n" + excerpt
}

func failEvent(e Event, err error) Event {
	e.Status = StatusError
	e.Message = err.Error()
	return e
}

func auditFailed(e Event, tests []string) Event {
	e.Status = StatusError
	e.Message = "not published: audit failed: " + strings.Join(tests, ", ") +
		"\nthe published relation was left as it was"
	return e
}

// toModel converts a compiled node to the materializations' input.
func toModel(n *compiler.Node) materialize.Model {
	c := n.Model.Config
	m := materialize.Model{ID: n.ID, Relation: materialize.Relation{Schema: n.Relation.Schema, Name: n.Relation.Name},
		SQL: n.CompiledSQL, Materialized: c.Materialized, Strategy: c.IncrementalStrategy, UniqueKey: c.UniqueKey,
		OnSchemaChange: c.OnSchemaChange}
	if c.Range != nil {
		m.Range = &materialize.Range{Column: c.Range.Column, Granularity: c.Range.Granularity, Lookback: c.Range.Lookback}
	}
	if c.PartitionBy != nil {
		m.PartitionBy = &materialize.Partitioning{Column: c.PartitionBy.Column, Granularity: c.PartitionBy.Granularity}
	}
	for _, i := range c.Indexes {
		m.Indexes = append(m.Indexes, materialize.Index{Columns: i.Columns, Unique: i.Unique})
	}
	for _, g := range c.Grants {
		m.Grants = append(m.Grants, materialize.Grant{Role: g.Role, Except: g.Except})
	}
	return m
}

func toColumns(cols []warehouse.Column) []materialize.Column {
	out := make([]materialize.Column, len(cols))
	for i, c := range cols {
		out[i] = materialize.Column{Name: c.Name, Type: c.Type}
	}
	return out
}

func fromMat(r materialize.Relation) compiler.Relation {
	return compiler.Relation{Schema: r.Schema, Name: r.Name}
}
