package seed

import (
	"context"
	"fmt"

	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/runner/materialize"
	"github.com/flis-dk/flis/runner/warehouse"
)

// Replacing a table by renaming would leave the views on it pointing at the old table, and
// PostgreSQL will not drop a table that views depend on. So before the swap flis captures
// every view that depends on the seed, directly or through other views, with what recreates
// it as it was (options, comment, grants, owner, a materialized view's indexes), then drops
// them with the old table and recreates them on the new one. All of it happens inside the
// load's transaction, so nobody sees the views missing, and a view that no longer fits the
// new columns fails the load and leaves everything as it was.
//
// The capture is runner/warehouse's and the SQL that drops and recreates a view is
// runner/materialize's: a table model's swap does the same with the same code.

// swap replaces target by stage: rename the old table away, rename the stage in, drop the
// views and the old table, recreate the views, and give the new table the old one's grants,
// comments and indexes. It returns the number of views recreated.
func (l *loader) swap(ctx context.Context, target, stage string, old materialize.Relation) (int, error) {
	q := warehouse.FromPgx(l.conn)
	captured, err := warehouse.CaptureDependentViews(ctx, q, l.seed.Schema, l.seed.Table)
	if err != nil {
		return 0, &StmtError{Seed: l.seed.Name, SQL: "capture views depending on " + target, Err: err}
	}
	// Column comments and grants are kept only for columns the new file still has.
	extras, err := warehouse.CaptureExtras(ctx, q, l.seed.Schema, l.seed.Table)
	if err != nil {
		return 0, &StmtError{Seed: l.seed.Name, SQL: "capture grants and comments of " + target, Err: err}
	}
	views := make([]materialize.View, len(captured))
	for i, v := range captured {
		views[i] = materialize.View{Relation: materialize.Relation{Schema: v.Schema, Name: v.Name},
			Definition: v.Definition, Materialized: v.Materialized, WithNoData: !v.Populated,
			Options: v.Options, Restore: v.Restore}
	}
	stmts := []string{
		"ALTER TABLE " + target + " RENAME TO " + pgsql.QuoteIdent(old.Name),
		"ALTER TABLE " + stage + " RENAME TO " + pgsql.QuoteIdent(l.seed.Table),
	}
	for i := len(views) - 1; i >= 0; i-- { // furthest from the table first
		stmts = append(stmts, materialize.DropView(views[i]))
	}
	// Not CASCADE: anything else depending on the old table (a foreign key, a function's
	// table type) must stop the load rather than vanish with it.
	stmts = append(stmts, "DROP TABLE "+old.String())
	for _, stmt := range stmts {
		if err := l.exec(ctx, stmt); err != nil {
			return 0, err
		}
	}
	for _, v := range views {
		for _, stmt := range materialize.CreateView(v) {
			if _, err := l.conn.Exec(ctx, stmt); err != nil {
				return 0, &StmtError{Seed: l.seed.Name, SQL: stmt, Err: fmt.Errorf("view %s.%s depends on %s.%s and cannot be "+
					"recreated on the new file (change the view, or keep the columns it uses): %w",
					v.Relation.Schema, v.Relation.Name, l.seed.Schema, l.seed.Table, err)}
			}
		}
	}
	have := make(map[string]bool, len(l.specs))
	for _, c := range l.specs {
		have[c.Name] = true
	}
	for _, e := range extras {
		if e.Column != "" && !have[e.Column] {
			continue
		}
		if err := l.exec(ctx, e.SQL); err != nil {
			return 0, err
		}
	}
	return len(views), nil
}
