package warehouse

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/flis-dk/flis/runner/materialize"
)

// TestCaptureRestoresWhatCreateDoesNot captures views with comments, grants, an owner, an
// index and no data, checks the restoring statements, and then does what a swap does —
// drop the views, replace the table, recreate them from the capture — and checks that
// everything came back.
func TestCaptureRestoresWhatCreateDoesNot(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	reader, owner := "wh_capture_reader", "wh_capture_owner"
	for _, r := range []string{reader, owner} {
		mustExec(t, db, `DO $$ BEGIN CREATE ROLE `+r+`; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`)
	}
	mustExec(t, db,
		`CREATE SCHEMA dm`, `CREATE SCHEMA "Mart"`,
		`CREATE TABLE dm.base (id int, v text)`,
		`CREATE VIEW "Mart"."V" WITH (security_barrier) AS SELECT id, v FROM dm.base`,
		`COMMENT ON VIEW "Mart"."V" IS 'It''s the view'`,
		`COMMENT ON COLUMN "Mart"."V".v IS 'Værdi'`,
		`GRANT SELECT ON "Mart"."V" TO `+reader+` WITH GRANT OPTION`,
		`GRANT UPDATE (v) ON "Mart"."V" TO PUBLIC`,
		`CREATE MATERIALIZED VIEW dm.m AS SELECT count(*) AS n FROM "Mart"."V" WITH NO DATA`,
		`CREATE UNIQUE INDEX m_n ON dm.m (n)`,
		`ALTER MATERIALIZED VIEW dm.m OWNER TO `+owner,
	)
	t.Cleanup(func() {
		for _, r := range []string{reader, owner} {
			db.Exec(context.Background(), "DROP OWNED BY "+r)
		}
	})

	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	views, err := CaptureDependentViews(ctx, tx, "dm", "base")
	if err != nil {
		t.Fatal(err)
	}
	var path string
	if err := scanOne(ctx, tx, `SELECT current_setting('search_path')`, &path); err != nil || path == `""` {
		t.Errorf("search_path after the capture = %q, %v; want it set back", path, err)
	}
	tx.Rollback(ctx)

	want := []View{
		{Schema: "Mart", Name: "V", Definition: " SELECT base.id,\n    base.v\n   FROM dm.base;", Populated: true,
			Options: []string{"security_barrier=true"},
			Restore: []string{
				`COMMENT ON VIEW "Mart"."V" IS 'It''s the view'`,
				`COMMENT ON COLUMN "Mart"."V".v IS 'Værdi'`,
				`GRANT SELECT ON "Mart"."V" TO ` + reader + ` WITH GRANT OPTION`,
				`GRANT UPDATE (v) ON "Mart"."V" TO PUBLIC`,
			}},
		{Schema: "dm", Name: "m", Definition: ` SELECT count(*) AS n
   FROM "Mart"."V";`, Materialized: true, Options: []string{},
			Restore: []string{
				`CREATE UNIQUE INDEX m_n ON dm.m USING btree (n)`,
				`ALTER MATERIALIZED VIEW "dm"."m" OWNER TO "` + owner + `"`,
			}},
	}
	if !reflect.DeepEqual(views, want) {
		t.Fatalf("captured\n%#v\nwant\n%#v", views, want)
	}

	// Replace the table the way a swap does, with the statements materialize plans.
	var stmts []string
	for i := len(views) - 1; i >= 0; i-- {
		stmts = append(stmts, materialize.DropView(planView(views[i])))
	}
	stmts = append(stmts, `DROP TABLE dm.base`, `CREATE TABLE dm.base (id int, v text, extra int)`)
	for _, v := range views {
		stmts = append(stmts, materialize.CreateView(planView(v))...)
	}
	mustExec(t, db, stmts...)
	checks := []struct{ sql, want string }{
		{`SELECT obj_description('"Mart"."V"'::regclass, 'pg_class') || '|' || col_description('"Mart"."V"'::regclass, 2)`, "It's the view|Værdi"},
		{`SELECT reloptions::text FROM pg_class WHERE oid = '"Mart"."V"'::regclass`, "{security_barrier=true}"},
		{`SELECT has_table_privilege('` + reader + `', '"Mart"."V"', 'SELECT WITH GRANT OPTION')::text || '|' ||
			has_column_privilege('public', '"Mart"."V"', 'v', 'UPDATE')::text || '|' ||
			has_column_privilege('public', '"Mart"."V"', 'id', 'UPDATE')::text`, "true|true|false"},
		{`SELECT pg_get_userbyid(relowner) || '|' || relispopulated::text FROM pg_class WHERE oid = 'dm.m'::regclass`, owner + "|false"},
		{`SELECT string_agg(indexname, ',') FROM pg_indexes WHERE schemaname = 'dm' AND tablename = 'm'`, "m_n"},
	}
	for _, c := range checks {
		got, _, err := db.ScalarString(ctx, c.sql)
		if err != nil || got != c.want {
			t.Errorf("%s\n got: %q, %v\nwant: %q", c.sql, got, err, c.want)
		}
	}
}

// planView is the conversion the runner and the seed loader make.
func planView(v View) materialize.View {
	return materialize.View{Relation: materialize.Relation{Schema: v.Schema, Name: v.Name}, Definition: v.Definition,
		Materialized: v.Materialized, WithNoData: !v.Populated, Options: v.Options, Restore: v.Restore}
}

func TestCaptureExtrasKeepsColumns(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	mustExec(t, db,
		`CREATE SCHEMA dm`,
		`CREATE TABLE dm.k (kode int PRIMARY KEY, navn text)`,
		`COMMENT ON TABLE dm.k IS 'Kommuner'`,
		`COMMENT ON COLUMN dm.k.navn IS 'Navn'`,
		`GRANT SELECT ON dm.k TO PUBLIC`,
		`GRANT SELECT (navn) ON dm.k TO PUBLIC`)
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	got, err := CaptureExtras(ctx, tx, "dm", "k")
	if err != nil {
		t.Fatal(err)
	}
	want := []Extra{
		{SQL: `COMMENT ON TABLE "dm"."k" IS 'Kommuner'`},
		{Column: "navn", SQL: `COMMENT ON COLUMN "dm"."k".navn IS 'Navn'`},
		{SQL: `GRANT SELECT ON "dm"."k" TO PUBLIC`},
		{Column: "navn", SQL: `GRANT SELECT (navn) ON "dm"."k" TO PUBLIC`},
		{SQL: `CREATE UNIQUE INDEX k_pkey ON dm.k USING btree (kode)`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CaptureExtras =\n%#v\nwant\n%#v", got, want)
	}
	if got, err := CaptureExtras(ctx, tx, "dm", "absent"); err != nil || len(got) != 0 {
		t.Errorf("CaptureExtras of an absent relation = %v, %v", got, err)
	}
}

// baseWithView opens a database holding dm.base and the view dm.v on it.
func baseWithView(t *testing.T) (*DB, context.Context) {
	t.Helper()
	db := open(t, Config{})
	mustExec(t, db, `CREATE SCHEMA dm`, `CREATE TABLE dm.base (id int)`, `CREATE VIEW dm.v AS SELECT id FROM dm.base`)
	return db, context.Background()
}

// TestCaptureNeedsATransaction: outside a transaction the empty search_path would not last
// to the capture query, and definitions would depend on the session's search_path.
func TestCaptureNeedsATransaction(t *testing.T) {
	t.Parallel()
	db, ctx := baseWithView(t)
	_, err := CaptureDependentViews(ctx, db, "dm", "base")
	if err == nil || !strings.Contains(err.Error(), "must run inside a transaction") {
		t.Errorf("capture on the pool: %v, want a refusal", err)
	}
}

// TestDependentViewsQualifyNames: with dm on the session's search_path pg_get_viewdef
// would write "FROM base"; the capture must write "FROM dm.base" all the same.
func TestDependentViewsQualifyNames(t *testing.T) {
	t.Parallel()
	dsn := open(t, Config{}).config.ConnString()
	db := open(t, Config{DSN: dsn, RuntimeParams: map[string]string{"search_path": "dm, public"}})
	ctx := context.Background()
	mustExec(t, db, `CREATE SCHEMA dm`, `CREATE TABLE dm.base (id int)`, `CREATE VIEW dm.v AS SELECT id FROM base`)
	views, err := db.DependentViews(ctx, "dm", "base")
	if err != nil || len(views) != 1 || !strings.Contains(views[0].Definition, "FROM dm.base") {
		t.Fatalf("DependentViews = %#v, %v; want the definition qualified", views, err)
	}
}

// TestFromPgx captures through a pgx transaction, as the seed loader's connection does.
func TestFromPgx(t *testing.T) {
	t.Parallel()
	db, ctx := baseWithView(t)
	tx, err := db.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	views, err := CaptureDependentViews(ctx, FromPgx(tx), "dm", "base")
	if err != nil || len(views) != 1 || views[0].Name != "v" {
		t.Errorf("views = %#v, %v", views, err)
	}
	_, err = FromPgx(tx).Query(ctx, "SELECT nope")
	var se *StmtError
	if !errors.As(err, &se) || se.Stmt != "SELECT nope" {
		t.Errorf("a failing query: %v, want a *StmtError", err)
	}
}
