package seed

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/compiler/pgsql"
)

// Replacing a table by renaming would leave the views on it pointing at the old table, and
// PostgreSQL will not drop a table that views depend on. So before the swap flis captures
// every view that depends on the seed, directly or through other views, as SQL that
// recreates it (definition, options, comment, grants, owner, and a materialized view's
// indexes), then drops them with the old table and recreates them on the new one. All of it
// happens inside the load's transaction, so nobody sees the views missing, and a view that
// no longer fits the new columns fails the load and leaves everything as it was.
//
// TODO(runner/materialize): a table model rebuilt by swap has the same need; when that
// package exports its helper this one should be replaced by it.

// depView is a dependent view, captured as the statements that rebuild it.
type depView struct {
	name    string // schema-qualified, quoted
	display string // schema.name as people write it
	matv    bool
	create  []string // CREATE, then comments, grants, indexes, owner
}

// captureViews returns the views depending on rel (a quoted qualified name), the ones
// nearest the table first, which is the order they can be recreated in.
func (l *loader) captureViews(ctx context.Context, rel string) ([]depView, error) {
	// With an empty search_path pg_get_viewdef qualifies every relation, so the captured
	// text means the same whatever search_path the recreating session has.
	var saved string
	if err := l.conn.QueryRow(ctx, `SELECT current_setting('search_path')`).Scan(&saved); err != nil {
		return nil, &StmtError{Seed: l.seed.Name, SQL: "SHOW search_path", Err: err}
	}
	if err := l.exec(ctx, `SELECT set_config('search_path', '', true)`); err != nil {
		return nil, err
	}
	views, err := l.queryViews(ctx, rel)
	if rerr := l.exec(ctx, `SELECT set_config('search_path', $1, true)`, saved); err == nil {
		err = rerr
	}
	return views, err
}

const dependentViewsSQL = `
WITH RECURSIVE deps(oid, depth) AS (
    SELECT r.ev_class, 1
    FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
    WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.refobjid = $1::text::regclass AND r.ev_class <> $1::text::regclass
  UNION
    SELECT r.ev_class, deps.depth + 1
    FROM deps
    JOIN pg_depend d ON d.refobjid = deps.oid AND d.refclassid = 'pg_class'::regclass
                    AND d.classid = 'pg_rewrite'::regclass
    JOIN pg_rewrite r ON r.oid = d.objid
    WHERE r.ev_class <> deps.oid
)
SELECT c.oid::int8, format('%I.%I', n.nspname, c.relname), n.nspname || '.' || c.relname, c.relkind = 'm', max(deps.depth) AS depth,
       pg_get_viewdef(c.oid), coalesce(array_to_string(c.reloptions, ', '), ''), c.relispopulated,
       coalesce(obj_description(c.oid, 'pg_class'), ''),
       CASE WHEN c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) THEN ''
            ELSE quote_ident(pg_get_userbyid(c.relowner)) END
FROM deps JOIN pg_class c ON c.oid = deps.oid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
GROUP BY c.oid, n.nspname
ORDER BY depth, 2`

// extrasSQL returns the statements that restore a relation's comments and grants: COMMENT
// ON for the relation and its columns, GRANT for table and column privileges (the owner's
// own are implicit and skipped), and a materialized view's indexes.
const extrasSQL = `
SELECT a.attname::text, format('COMMENT ON COLUMN %s.%I IS %L', $2::text, a.attname, d.description)
FROM pg_description d JOIN pg_attribute a ON a.attrelid = d.objoid AND a.attnum = d.objsubid
WHERE d.objoid = $1::int8::oid AND d.classoid = 'pg_class'::regclass AND d.objsubid > 0
UNION ALL
SELECT NULL, format('GRANT %s ON %s TO %s%s', g.privilege_type, $2::text,
              CASE g.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,
              CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
FROM pg_class c, aclexplode(c.relacl) g
WHERE c.oid = $1::int8::oid AND g.grantee <> c.relowner
UNION ALL
SELECT a.attname::text, format('GRANT %s (%I) ON %s TO %s%s', g.privilege_type, a.attname, $2::text,
              CASE g.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,
              CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid, aclexplode(a.attacl) g
WHERE a.attrelid = $1::int8::oid AND a.attnum > 0 AND NOT a.attisdropped AND g.grantee <> c.relowner
UNION ALL
SELECT NULL, pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = $1::int8::oid`

func (l *loader) queryViews(ctx context.Context, rel string) ([]depView, error) {
	rows, err := l.conn.Query(ctx, dependentViewsSQL, rel)
	if err != nil {
		return nil, &StmtError{Seed: l.seed.Name, SQL: "capture views depending on " + rel, Err: err}
	}
	type raw struct {
		oid                                      int64
		name, display, def, opts, comment, owner string
		matv, populated                          bool
		depth                                    int32
	}
	var found []raw
	for rows.Next() {
		var r raw
		if err := rows.Scan(&r.oid, &r.name, &r.display, &r.matv, &r.depth, &r.def, &r.opts, &r.populated, &r.comment, &r.owner); err != nil {
			rows.Close()
			return nil, &StmtError{Seed: l.seed.Name, SQL: "capture views depending on " + rel, Err: err}
		}
		found = append(found, r)
	}
	if err := rows.Err(); err != nil {
		return nil, &StmtError{Seed: l.seed.Name, SQL: "capture views depending on " + rel, Err: err}
	}

	views := make([]depView, 0, len(found))
	for _, r := range found {
		v := depView{name: r.name, display: r.display, matv: r.matv}
		kw := "VIEW"
		if r.matv {
			kw = "MATERIALIZED VIEW"
		}
		stmt := "CREATE " + kw + " " + r.name
		if r.opts != "" {
			stmt += " WITH (" + r.opts + ")"
		}
		stmt += " AS " + strings.TrimSuffix(strings.TrimSpace(r.def), ";")
		if r.matv && !r.populated {
			stmt += " WITH NO DATA"
		}
		v.create = append(v.create, stmt)
		if r.comment != "" {
			v.create = append(v.create, "COMMENT ON "+kw+" "+r.name+" IS "+pgsql.QuoteString(r.comment))
		}
		extras, err := l.extras(ctx, r.oid, r.name)
		if err != nil {
			return nil, err
		}
		for _, e := range extras {
			v.create = append(v.create, e.stmt)
		}
		if r.owner != "" {
			// After the grants: changing the owner rewrites their grantor to the new owner.
			v.create = append(v.create, "ALTER "+kw+" "+r.name+" OWNER TO "+r.owner)
		}
		views = append(views, v)
	}
	return views, nil
}

// extra is a statement restoring a comment, grant or index; column is set when it is
// about one column.
type extra struct {
	column *string
	stmt   string
}

// extras lists the statements that restore the comments, grants and indexes of relation
// oid under the name rel.
func (l *loader) extras(ctx context.Context, oid int64, rel string) ([]extra, error) {
	rows, err := l.conn.Query(ctx, extrasSQL, oid, rel)
	if err != nil {
		return nil, &StmtError{Seed: l.seed.Name, SQL: "capture grants and comments of " + rel, Err: err}
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (extra, error) {
		var e extra
		err := row.Scan(&e.column, &e.stmt)
		return e, err
	})
	if err != nil {
		return nil, &StmtError{Seed: l.seed.Name, SQL: "capture grants and comments of " + rel, Err: err}
	}
	return out, nil
}

// swap replaces target by stage: rename the old table away, rename the stage in, drop the
// views and the old table, recreate the views, and give the new table the old one's grants
// and comment. It returns the number of views recreated.
func (l *loader) swap(ctx context.Context, target, stage, oldName string) (int, error) {
	views, err := l.captureViews(ctx, target)
	if err != nil {
		return 0, err
	}
	var tableOID int64
	if err := l.conn.QueryRow(ctx, `SELECT $1::text::regclass::oid::int8`, target).Scan(&tableOID); err != nil {
		return 0, &StmtError{Seed: l.seed.Name, SQL: "look up " + target, Err: err}
	}
	// Column comments and grants are kept only for columns the new file still has.
	tableExtras, err := l.tableExtras(ctx, tableOID, target)
	if err != nil {
		return 0, err
	}
	schema := pgsql.QuoteIdent(l.seed.Schema)
	stmts := []string{
		"ALTER TABLE " + target + " RENAME TO " + pgsql.QuoteIdent(oldName),
		"ALTER TABLE " + stage + " RENAME TO " + pgsql.QuoteIdent(l.seed.Table),
	}
	for i := len(views) - 1; i >= 0; i-- { // furthest from the table first
		kw := "VIEW"
		if views[i].matv {
			kw = "MATERIALIZED VIEW"
		}
		stmts = append(stmts, "DROP "+kw+" "+views[i].name)
	}
	// Not CASCADE: anything else depending on the old table (a foreign key, a function's
	// table type) must stop the load rather than vanish with it.
	stmts = append(stmts, "DROP TABLE "+schema+"."+pgsql.QuoteIdent(oldName))
	for _, stmt := range stmts {
		if err := l.exec(ctx, stmt); err != nil {
			return 0, err
		}
	}
	for _, v := range views {
		for _, stmt := range v.create {
			if _, err := l.conn.Exec(ctx, stmt); err != nil {
				return 0, &StmtError{Seed: l.seed.Name, SQL: stmt, Err: fmt.Errorf("view %s depends on %s.%s and cannot be "+
					"recreated on the new file (change the view, or keep the columns it uses): %w",
					v.display, l.seed.Schema, l.seed.Table, err)}
			}
		}
	}
	for _, stmt := range tableExtras {
		if err := l.exec(ctx, stmt); err != nil {
			return 0, err
		}
	}
	return len(views), nil
}

// tableExtras captures the seed table's comment, column comments and grants, keeping
// column-level ones only for columns the new file has.
func (l *loader) tableExtras(ctx context.Context, oid int64, target string) ([]string, error) {
	var comment string
	if err := l.conn.QueryRow(ctx, `SELECT coalesce(obj_description($1::int8::oid, 'pg_class'), '')`, oid).Scan(&comment); err != nil {
		return nil, &StmtError{Seed: l.seed.Name, SQL: "capture the comment of " + target, Err: err}
	}
	var out []string
	if comment != "" {
		out = append(out, "COMMENT ON TABLE "+target+" IS "+pgsql.QuoteString(comment))
	}
	all, err := l.extras(ctx, oid, target)
	if err != nil {
		return nil, err
	}
	have := make(map[string]bool, len(l.specs))
	for _, c := range l.specs {
		have[c.Name] = true
	}
	for _, e := range all {
		if e.column == nil || have[*e.column] {
			out = append(out, e.stmt)
		}
	}
	return out, nil
}
