package materialize

import (
	"fmt"
	"slices"
	"strings"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// This file plans the materializations that replace the whole relation: views, tables and
// full builds of incremental models.

func buildEphemeral(c *planCtx) (*BuildPlan, error) {
	return &BuildPlan{Model: c.m.ID, Materialized: KindEphemeral, AuditPhase: AuditNone}, nil
}

func publishEphemeral(*planCtx, []Column) (*PublishPlan, error) { return &PublishPlan{}, nil }

// buildView creates the view under the stage name. That checks the SQL before anything
// readers see changes, gives the runner the new columns from the catalog, and gives the
// audits a relation to run against.
func buildView(c *planCtx) (*BuildPlan, error) {
	if c.directView() {
		return &BuildPlan{Model: c.m.ID, Materialized: KindView, AuditPhase: AuditNone}, nil
	}
	return &BuildPlan{
		Model: c.m.ID, Materialized: KindView, Stage: c.stage,
		Statements: []string{
			c.d.DropIfExists(c.stage),
			c.d.DropIfExists(c.old), // a table → view switch moves the table there
			fmt.Sprintf("CREATE VIEW %s AS\n%s\n", c.stage, body(c.m.SQL)),
		},
		AuditRelation: c.stage, AuditPhase: AuditStage,
	}, nil
}

// directView reports whether a view can be created under its own name without a stage: it
// does not exist yet (no reader can see a half-built state, and a failed CREATE leaves
// nothing), nothing audits it, and no grants need its columns. It saves four round trips
// per new view, which is most of flis's per-node overhead on a fresh warehouse.
func (c *planCtx) directView() bool {
	return c.st.Kind == "" && c.m.NoAudits && len(c.m.Grants) == 0
}

// publishView replaces the view in place when PostgreSQL allows it (CREATE OR REPLACE VIEW
// only lets a view gain columns at the end), which keeps its grants and dependents
// untouched; otherwise it drops and recreates the view together with its dependents.
func publishView(c *planCtx, stageCols []Column) (*PublishPlan, error) {
	t, m := c.m.Relation, c.m
	create := fmt.Sprintf("CREATE VIEW %s AS\n%s\n", t, body(m.SQL))
	stmts := []string{c.lockTimeout()}
	if c.directView() {
		return &PublishPlan{Statements: append(stmts, create)}, nil
	}
	switch c.st.Kind {
	case "":
		stmts = append(stmts, create)
	case KindView:
		if viewReplaceable(c.st.Columns, stageCols) {
			stmts = append(stmts, fmt.Sprintf("CREATE OR REPLACE VIEW %s AS\n%s\n", t, body(m.SQL)))
			break
		}
		stmts = append(stmts, dropDependents(c.st.DependentViews)...)
		stmts = append(stmts, "DROP VIEW "+t.String(), create)
		stmts = append(stmts, createDependents(c.st.DependentViews)...)
	case KindTable:
		// table → view: move the table away, so dependents can be rebound before it goes.
		rebind := rebindDependents(c.st, stageCols)
		stmts = append(stmts, rebind.drop...)
		stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s RENAME TO %s", t, pgsql.QuoteIdent(c.old.Name)), create)
		stmts = append(stmts, rebind.create...)
		stmts = append(stmts, "DROP TABLE "+c.old.String())
	}
	stmts = append(stmts, "DROP VIEW "+c.stage.String())
	grants, err := grantStatements(m, stageCols)
	if err != nil {
		return nil, err
	}
	return &PublishPlan{Statements: append(stmts, grants...)}, nil
}

func buildTable(c *planCtx) (*BuildPlan, error) {
	return c.fullBuild(KindTable), nil
}

func publishTable(c *planCtx, stageCols []Column) (*PublishPlan, error) {
	return c.swap(stageCols)
}

// fullBuild fills the stage with the complete relation. The stage is created empty and
// then filled: CREATE TABLE AS with data cannot be distributed by Citus, create-empty +
// INSERT can, and the dialect gets its hook in between.
func (c *planCtx) fullBuild(kind string) *BuildPlan {
	sql := body(c.m.SQL)
	stmts := []string{
		c.d.DropIfExists(c.stage),
		c.d.DropIfExists(c.old),
		fmt.Sprintf("CREATE TABLE %s AS\n%s\nWITH NO DATA", c.stage, sql),
	}
	stmts = append(stmts, c.d.AfterCreateStage(c.m, c.stage)...)
	stmts = append(stmts, fmt.Sprintf("INSERT INTO %s\n%s\n", c.stage, sql))
	for _, ix := range c.m.Indexes {
		stmts = append(stmts, createIndex(ix, stageIndexName(c.m.Relation, ix), c.stage, false))
	}
	// Fresh statistics before readers (and a merge) plan against the new table.
	stmts = append(stmts, "ANALYZE "+c.stage.String())
	return &BuildPlan{
		Model: c.m.ID, Materialized: kind, Strategy: c.strategy, Full: true, Stage: c.stage,
		Statements: stmts, AuditRelation: c.stage, AuditPhase: AuditStage,
	}
}

// swap publishes a fully built stage in place of whatever the target is now.
func (c *planCtx) swap(stageCols []Column) (*PublishPlan, error) {
	for _, ix := range c.m.Indexes {
		if err := needColumns(c.m.ID, "indexes", ix.Columns, stageCols); err != nil {
			return nil, err
		}
	}
	t := c.m.Relation
	rebind := rebindDependents(c.st, stageCols)
	stmts := []string{c.lockTimeout()}
	stmts = append(stmts, rebind.drop...)
	switch c.st.Kind {
	case KindTable:
		stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s RENAME TO %s", t, pgsql.QuoteIdent(c.old.Name)))
	case KindView:
		stmts = append(stmts, fmt.Sprintf("ALTER VIEW %s RENAME TO %s", t, pgsql.QuoteIdent(c.old.Name)))
	}
	stmts = append(stmts, fmt.Sprintf("ALTER TABLE %s RENAME TO %s", c.stage, pgsql.QuoteIdent(t.Name)))
	stmts = append(stmts, rebind.create...)
	// Without CASCADE: if a dependent was missed, the drop fails and the transaction rolls
	// back, instead of silently taking someone's view with it.
	switch c.st.Kind {
	case KindTable:
		stmts = append(stmts, "DROP TABLE "+c.old.String())
	case KindView:
		stmts = append(stmts, "DROP VIEW "+c.old.String())
	}
	// The old table's indexes went with it, so the stable names are free now.
	for _, ix := range c.m.Indexes {
		stmts = append(stmts, fmt.Sprintf("ALTER INDEX %s RENAME TO %s",
			Relation{Schema: t.Schema, Name: stageIndexName(t, ix)}, pgsql.QuoteIdent(indexName(t, ix))))
	}
	grants, err := grantStatements(c.m, stageCols)
	if err != nil {
		return nil, err
	}
	return &PublishPlan{Statements: append(stmts, grants...)}, nil
}

// rebound holds the statements that move dependent views from the old relation to the new
// one: drop (before the old relation goes) and create (after the new one is in place).
type rebound struct{ drop, create []string }

// rebindDependents replays dependent views against the new relation. After a rename the
// views still point at the old relation's OID, so each is re-created from its definition,
// which resolves the names afresh. CREATE OR REPLACE keeps the views' grants, comments and
// owners; it cannot change a view column's type nor rebind a materialized view, so when a
// column of the relation disappears or changes type, or a materialized view depends on it,
// the views are dropped (last created first) and created again with their Restore.
func rebindDependents(st State, newCols []Column) rebound {
	if len(st.DependentViews) == 0 {
		return rebound{}
	}
	hasMatview := slices.ContainsFunc(st.DependentViews, func(v View) bool { return v.Materialized })
	if columnsKept(st.Columns, newCols) && !hasMatview {
		var r rebound
		for _, v := range st.DependentViews {
			r.create = append(r.create, createView(v, true))
		}
		return r
	}
	return rebound{drop: dropDependents(st.DependentViews), create: createDependents(st.DependentViews)}
}

func dropDependents(views []View) []string {
	var stmts []string
	for _, v := range slices.Backward(views) {
		stmts = append(stmts, DropView(v))
	}
	return stmts
}

func createDependents(views []View) []string {
	var stmts []string
	for _, v := range views {
		stmts = append(stmts, CreateView(v)...)
	}
	return stmts
}

// DropView returns the statement dropping a dependent view. It never cascades: a
// dependent that was not captured makes the drop fail instead of vanishing with it.
func DropView(v View) string {
	if v.Materialized {
		return "DROP MATERIALIZED VIEW " + v.Relation.String()
	}
	return "DROP VIEW " + v.Relation.String()
}

// CreateView returns the statements recreating a dropped dependent view as it was: the
// CREATE with its options (and WITH NO DATA for an unpopulated materialized view), then
// v.Restore.
func CreateView(v View) []string {
	return append([]string{createView(v, false)}, v.Restore...)
}

// createView renders CREATE [OR REPLACE] [MATERIALIZED] VIEW. The options are repeated on
// a replace too: CREATE OR REPLACE VIEW resets the view's options to those it is given,
// which would silently drop a security_barrier.
func createView(v View, replace bool) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if replace {
		b.WriteString("OR REPLACE ")
	}
	if v.Materialized {
		b.WriteString("MATERIALIZED ")
	}
	b.WriteString("VIEW " + v.Relation.String())
	if len(v.Options) > 0 {
		b.WriteString(" WITH (" + strings.Join(v.Options, ", ") + ")")
	}
	fmt.Fprintf(&b, " AS\n%s\n", body(v.Definition))
	if v.Materialized && v.WithNoData {
		b.WriteString("WITH NO DATA")
	}
	return b.String()
}

// columnsKept reports whether every old column is still there with the same type.
func columnsKept(old, cur []Column) bool {
	types := map[string]string{}
	for _, c := range cur {
		types[c.Name] = c.Type
	}
	for _, c := range old {
		if t, ok := types[c.Name]; !ok || t != c.Type {
			return false
		}
	}
	return true
}

// viewReplaceable reports whether CREATE OR REPLACE VIEW accepts the new columns: the old
// ones must come first, in order, with the same names and types.
func viewReplaceable(old, cur []Column) bool {
	if len(cur) < len(old) {
		return false
	}
	for i, c := range old {
		if cur[i] != c {
			return false
		}
	}
	return true
}

func createIndex(ix Index, name string, on Relation, ifNotExists bool) string {
	var b strings.Builder
	b.WriteString("CREATE ")
	if ix.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX ")
	if ifNotExists {
		b.WriteString("IF NOT EXISTS ")
	}
	if name != "" { // unnamed: PostgreSQL picks a free name
		b.WriteString(pgsql.QuoteIdent(name) + " ")
	}
	fmt.Fprintf(&b, "ON %s (%s)", on, quoteList(ix.Columns, ""))
	return b.String()
}

// grantStatements recomputes the configured grants on the model's relation, whose columns
// are cols. REVOKE ALL first also revokes earlier column grants, so a column added to
// `except` loses its grant.
func grantStatements(m Model, cols []Column) ([]string, error) {
	var stmts []string
	have := map[string]bool{}
	for _, c := range cols {
		have[c.Name] = true
	}
	for i, g := range m.Grants {
		role := pgsql.QuoteIdent(g.Role)
		if strings.EqualFold(g.Role, "public") {
			role = "PUBLIC" // the pseudo-role, not a role named "public"
		}
		for _, e := range g.Except {
			if !have[e] {
				return nil, &ConfigError{Model: m.ID, Field: fmt.Sprintf("grants[%d].except", i),
					Msg: fmt.Sprintf("column %q is not a column of %s", e, m.Relation)}
			}
		}
		stmts = append(stmts, fmt.Sprintf("REVOKE ALL ON %s FROM %s", m.Relation, role))
		if len(g.Except) == 0 {
			stmts = append(stmts, fmt.Sprintf("GRANT SELECT ON %s TO %s", m.Relation, role))
			continue
		}
		var granted []string
		for _, c := range cols {
			if !slices.Contains(g.Except, c.Name) {
				granted = append(granted, c.Name)
			}
		}
		if len(granted) > 0 {
			stmts = append(stmts, fmt.Sprintf("GRANT SELECT (%s) ON %s TO %s", quoteList(granted, ""), m.Relation, role))
		}
	}
	return stmts, nil
}

// needColumns checks that configured columns exist in the built relation; the compiler
// cannot know a model's columns, so this is where a typo in a key is caught.
func needColumns(model, field string, want []string, cols []Column) error {
	for _, w := range want {
		if !slices.ContainsFunc(cols, func(c Column) bool { return c.Name == w }) {
			return &ConfigError{Model: model, Field: field,
				Msg:  fmt.Sprintf("column %q is not produced by the model's SQL", w),
				Hint: "columns are: " + strings.Join(columnNames(cols), ", ")}
		}
	}
	return nil
}
