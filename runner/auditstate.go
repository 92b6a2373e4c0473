package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/compiler/pgsql"
	"github.com/flis-dk/flis/runner/datatest"
)

// Incremental audits. A month's change to an 11-million-row fact touches a tenth of it, but
// auditing the whole table after every change made the audits cost more than the change
// (14 scans of 2 GB for fact_dream). So the runner keeps, in the warehouse, a record per
// incremental table of the tests the whole table passed, each with a fingerprint of what
// the test was: its query (kind, columns, arguments, rendered variables) and, for a
// relationships test, the parent's set of keys. When a change is published and a test's
// record matches its fingerprint now, only the changed rows are checked (see
// datatest.ScopedCountSQL): the others passed the same test before and were not touched.
//
// The record lives beside the data it describes and changes with it: it is written in the
// publish transaction, so it is committed exactly when the table is. Every publish of the
// table replaces the table's records with the tests it verified, so a test that was not
// run (deselected, flis run, a warn test) has no record, and the next build checks it
// whole. What no record can see: rows changed behind flis's back. Run with --full-refresh
// after editing a table by hand.

// auditStateTable is the record table inside Options.StateSchema.
const auditStateTable = "audits"

func (r *Runner) auditState() string {
	return pgsql.QuoteQualified(r.opts.StateSchema, auditStateTable)
}

// keepsAuditState reports whether this run reads and writes audit records.
func (r *Runner) keepsAuditState() bool {
	return r.opts.StateSchema != "" && (r.opts.Command == CmdBuild || r.opts.Command == CmdRun)
}

// prepareAuditState creates the record table, once per run, before anything is published.
// A warehouse where flis may not create it (no CREATE on the database) still builds: every
// audit then checks the whole table, and the run says so once.
func (r *Runner) prepareAuditState(ctx context.Context) error {
	if !r.keepsAuditState() {
		return nil
	}
	if err := r.createAuditState(ctx); err != nil {
		if ctx.Err() != nil {
			return err
		}
		r.opts.Emit(Event{Type: "warning", Time: time.Now(), Message: fmt.Sprintf(
			"warning: %v\n  incremental models are audited over their whole tables in this run "+
				"(let flis create schema %s, or grant it CREATE on that schema)", err, r.opts.StateSchema)})
		r.opts.StateSchema = ""
	}
	return nil
}

func (r *Runner) createAuditState(ctx context.Context) error {
	for _, stmt := range []string{
		"CREATE SCHEMA IF NOT EXISTS " + pgsql.QuoteIdent(r.opts.StateSchema),
		`CREATE TABLE IF NOT EXISTS ` + r.auditState() + ` (
    relation    text NOT NULL,
    test        text NOT NULL,
    fingerprint text NOT NULL,
    checked_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (relation, test))`,
	} {
		if _, err := r.db.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("creating the audit record %s: %w", r.auditState(), err)
		}
	}
	return r.createBuildsState(ctx)
}

// auditScope says how a model's audits run. A nil scope: the whole relation, no records.
type auditScope struct {
	// change holds the rows an incremental publish wrote; empty: check everything.
	change compiler.Relation
	// before maps test ID → fingerprint of the tests the table passed as a whole before
	// this change.
	before map[string]string
}

// passedBefore reads the records of rel.
func (r *Runner) passedBefore(ctx context.Context, q querier, rel compiler.Relation) (map[string]string, error) {
	rows, err := q.Query(ctx, "SELECT test, fingerprint FROM "+r.auditState()+" WHERE relation = $1", rel.String())
	if err != nil {
		return nil, fmt.Errorf("reading the audit record of %s: %w", rel, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, fp string
		if err := rows.Scan(&id, &fp); err != nil {
			return nil, err
		}
		out[id] = fp
	}
	return out, rows.Err()
}

// fingerprint identifies what test n checks of its model's relation now. A relationships
// test also depends on the parent: its fingerprint covers the parent's keys, so a parent
// that lost a key (or gained one) makes the next check a whole one.
func (r *Runner) fingerprint(ctx context.Context, q querier, n *compiler.Node) (string, error) {
	t := r.toDataTest(n, r.testedRelation(n))
	sql, err := datatest.CountSQL(t)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(sql))
	if t.Kind == datatest.Relationships {
		to, _ := t.Args["to"].(datatest.Relation)
		field, _ := t.Args["field"].(string)
		f := pgsql.QuoteIdent(field)
		keys := fmt.Sprintf(`SELECT md5(coalesce(string_agg(k, E'\n' ORDER BY k), ''))
FROM (SELECT DISTINCT %s::text COLLATE "C" AS k FROM %s WHERE %s IS NOT NULL) AS flis_k`, f, to, f)
		sum, err := queryOne[string](ctx, q, keys)
		if err != nil {
			return "", located(n, err)
		}
		h.Write([]byte("\x00" + sum))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// recordStatements replace rel's records by verified (test ID → fingerprint), inside the
// publish transaction.
func (r *Runner) recordStatements(rel compiler.Relation, verified map[string]string) []string {
	name := pgsql.QuoteString(rel.String())
	stmts := []string{"DELETE FROM " + r.auditState() + " WHERE relation = " + name}
	if len(verified) == 0 {
		return stmts
	}
	ids := make([]string, 0, len(verified))
	for id := range verified {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	values := make([]string, len(ids))
	for i, id := range ids {
		values[i] = fmt.Sprintf("(%s, %s, %s)", name, pgsql.QuoteString(id), pgsql.QuoteString(verified[id]))
	}
	return append(stmts, "INSERT INTO "+r.auditState()+" (relation, test, fingerprint) VALUES\n"+strings.Join(values, ",\n"))
}

// retain keeps what the publish of an incremental model knew for the model's tests that run
// later as nodes of their own.
func (r *Runner) retain(model string, sc auditScope) {
	r.mu.Lock()
	r.published[model] = sc
	r.mu.Unlock()
}

// dropChanges drops the retained changes at the end of the run, interrupted or not. A
// change left by a killed run is dropped by the model's next build, which starts by
// dropping its stage.
func (r *Runner) dropChanges() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, sc := range r.published {
		if !sc.change.IsZero() {
			r.db.Exec(ctx, "DROP TABLE IF EXISTS "+sc.change.Quoted())
		}
	}
}

// testNode runs a test as a node of its own. A test of an incremental model this build
// published checks only the change when the table passed it whole before, and a pass is
// recorded: the table is as the publish left it, since nothing else writes it in the run.
func (r *Runner) testNode(ctx context.Context, n *compiler.Node, e Event) Event {
	rel := r.testedRelation(n)
	r.mu.Lock()
	sc, ok := r.published[n.Test.Attached]
	r.mu.Unlock()
	if !ok || r.opts.Command != CmdBuild {
		return r.test(ctx, n, e, r.db, rel, r.opts.StoreFailures, r.siblingScan(ctx, n))
	}
	fp, err := r.fingerprint(ctx, r.db, n)
	if err != nil {
		return failEvent(e, err)
	}
	if !sc.change.IsZero() && fp == sc.before[n.ID] && r.scopable(ctx, r.db, n, sc.change) {
		e = r.scopedTest(ctx, n, e, r.db, sc.change)
		if e.Status == StatusFail || e.Status == StatusWarn {
			if r.opts.StoreFailures {
				e.Message += "\nfailing rows not stored: only the changed rows were checked; `flis test --store-failures` stores them all"
			}
		}
	} else {
		e = r.test(ctx, n, e, r.db, rel, r.opts.StoreFailures, nil)
	}
	if e.Status == StatusPass {
		stmt := "INSERT INTO " + r.auditState() + " (relation, test, fingerprint) VALUES ($1, $2, $3)\n" +
			"ON CONFLICT (relation, test) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, checked_at = now()"
		rows, err := r.db.Query(ctx, stmt, rel.String(), n.ID, fp)
		if err == nil {
			rows.Close()
			err = rows.Err()
		}
		if err != nil {
			// Only the next build's speed depends on it: it will check the whole table.
			e.Message = fmt.Sprintf("could not record the pass in %s: %v", r.auditState(), err)
		}
	}
	return e
}
