package runner

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/compiler/pgsql"
)

// ${prev.name}: a model may read what a variable was when its table was last built, so that
// it can compute exactly the rows that moving the variable changes (fact_dream: the weeks
// between the previous data_tom and the new one) instead of a safe margin around them.
// The values are kept in the state schema's builds table, one row per relation, written in
// the publish transaction: the record changes exactly when the table does. Without a record
// (the first build, a table built before the record existed, a state schema flis may not
// create) there is nothing to compare with, and the table is rebuilt whole.

// buildsTable is the record table inside Options.StateSchema.
const buildsTable = "builds"

func (r *Runner) buildsState() string {
	return pgsql.QuoteQualified(r.opts.StateSchema, buildsTable)
}

// createBuildsState is part of prepareAuditState.
func (r *Runner) createBuildsState(ctx context.Context) error {
	_, err := r.db.Exec(ctx, `CREATE TABLE IF NOT EXISTS `+r.buildsState()+` (
    relation text PRIMARY KEY,
    vars     jsonb NOT NULL,
    built_at timestamptz NOT NULL DEFAULT now())`)
	if err != nil {
		return fmt.Errorf("creating the build record %s: %w", r.buildsState(), err)
	}
	return nil
}

// prevVars returns the literals of n's ${prev.name} variables as recorded at the last build
// of its table, keyed "prev.name"; ok is false when there is no complete record.
func (r *Runner) prevVars(ctx context.Context, n *compiler.Node) (lits map[string]string, ok bool, err error) {
	if !r.keepsAuditState() {
		return nil, false, nil
	}
	raw, err := queryAll[[]byte](ctx, r.db, "SELECT vars FROM "+r.buildsState()+" WHERE relation = $1", n.Relation.String())
	if err != nil || len(raw) == 0 {
		return nil, false, err
	}
	var rec map[string]string
	if err := json.Unmarshal(raw[0], &rec); err != nil {
		return nil, false, fmt.Errorf("reading the build record of %s: %w", n.Relation, err)
	}
	lits = map[string]string{}
	for _, name := range n.PrevVars {
		lit, found := rec[name]
		if !found {
			return nil, false, nil // the variable was not read last time: no record of it
		}
		lits["prev."+name] = lit
	}
	return lits, true, nil
}

// buildRecordStatements replace rel's build record by the current values of the variables
// n reads as ${prev.name}, rendered as the SQL literals the next build substitutes.
func (r *Runner) buildRecordStatements(n *compiler.Node) ([]string, error) {
	if len(n.PrevVars) == 0 || !r.keepsAuditState() {
		return nil, nil
	}
	rec := map[string]string{}
	for _, name := range n.PrevVars {
		rec[name] = pgsql.Literal(r.res.Vars[name])
	}
	js, err := json.Marshal(rec) // map keys are sorted: the record is deterministic
	if err != nil {
		return nil, err
	}
	rel := pgsql.QuoteString(n.Relation.String())
	return []string{fmt.Sprintf("INSERT INTO %s (relation, vars) VALUES (%s, %s)\nON CONFLICT (relation) DO UPDATE SET vars = EXCLUDED.vars, built_at = now()",
		r.buildsState(), rel, pgsql.QuoteString(string(js)))}, nil
}
