package seed

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/flis-dk/flis/internal/pgtest"
)

func execAll(t *testing.T, conn *pgx.Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := conn.Exec(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestLoadKeepsDependentViews replaces a seed that has a view on it, a view on that view
// (in another schema), and a materialized view with an index, with grants and comments on
// all of them and on the table: after the reload everything is there, reads the new rows,
// and keeps its grants and comments.
func TestLoadKeepsDependentViews(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode,navn\n101,København\n751,Aarhus\n"})
	mustLoad(t, conn, kommuner(), root)

	role := "seed_reader_" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "_"))
	execAll(t, conn,
		`DO $$ BEGIN CREATE ROLE `+role+`; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
		`CREATE SCHEMA mart`,
		`CREATE VIEW dm.v_kommuner WITH (security_barrier = true) AS SELECT kode, upper(navn) AS navn FROM dm.kommuner`,
		`CREATE VIEW mart.v_store AS SELECT * FROM dm.v_kommuner WHERE kode > 500`,
		`CREATE MATERIALIZED VIEW dm.m_antal AS SELECT count(*) AS n FROM dm.kommuner`,
		`CREATE UNIQUE INDEX m_antal_n ON dm.m_antal (n)`,
		`COMMENT ON VIEW dm.v_kommuner IS 'Kommuner med store bogstaver'`,
		`COMMENT ON COLUMN mart.v_store.navn IS 'Navnet'`,
		`COMMENT ON TABLE dm.kommuner IS 'Seed: kommuner'`,
		`GRANT SELECT ON dm.v_kommuner TO `+role,
		`GRANT SELECT (kode) ON mart.v_store TO `+role,
		`GRANT SELECT ON dm.kommuner TO `+role,
	)
	t.Cleanup(func() {
		_, _ = conn.Exec(context.Background(), "DROP OWNED BY "+role)
		_, _ = conn.Exec(context.Background(), "DROP ROLE "+role)
	})

	// The new file adds a column and a row; the views still fit.
	writeSeed(t, root, "kommuner.csv", "kode,navn,region\n101,København,H\n751,Aarhus,M\n825,Læsø,N\n")
	res := mustLoad(t, conn, kommuner(), root)
	if res.Views != 3 {
		t.Errorf("recreated %d views, want 3", res.Views)
	}
	checks := []struct{ sql, want string }{
		{`SELECT kode, navn FROM mart.v_store ORDER BY kode`, "751|AARHUS\n825|LÆSØ"},
		{`SELECT n FROM dm.m_antal`, "3"},
		{`SELECT reloptions::text FROM pg_class WHERE oid = 'dm.v_kommuner'::regclass`, "{security_barrier=true}"},
		{`SELECT obj_description('dm.v_kommuner'::regclass, 'pg_class')`, "Kommuner med store bogstaver"},
		{`SELECT col_description('mart.v_store'::regclass, 2)`, "Navnet"},
		{`SELECT obj_description('dm.kommuner'::regclass, 'pg_class')`, "Seed: kommuner"},
		{`SELECT indexname FROM pg_indexes WHERE schemaname = 'dm' AND tablename = 'm_antal'`, "m_antal_n"},
		{`SELECT has_table_privilege('` + role + `', 'dm.v_kommuner', 'SELECT'),
		         has_column_privilege('` + role + `', 'mart.v_store', 'kode', 'SELECT'),
		         has_column_privilege('` + role + `', 'mart.v_store', 'navn', 'SELECT'),
		         has_table_privilege('` + role + `', 'dm.kommuner', 'SELECT')`, "t|t|f|t"},
		{`SELECT count(*) FROM pg_class WHERE relname LIKE '%__flis_%'`, "0"},
	}
	for _, c := range checks {
		if got := query(t, conn, c.sql); got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.sql, got, c.want)
		}
	}
}

// TestLoadFailsWhenAViewNoLongerFits: a new file without a column a view reads must fail
// and leave the old table and the view as they were.
func TestLoadFailsWhenAViewNoLongerFits(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode,navn\n101,København\n"})
	mustLoad(t, conn, kommuner(), root)
	execAll(t, conn, `CREATE VIEW dm.v_navne AS SELECT navn FROM dm.kommuner`)

	writeSeed(t, root, "kommuner.csv", "kode,kommunenavn\n101,København\n")
	_, err := Load(context.Background(), conn, kommuner(), Options{Root: root})
	want := "seed kommuner: view dm.v_navne depends on dm.kommuner and cannot be recreated on the new file " +
		"(change the view, or keep the columns it uses): ERROR: column kommuner.navn does not exist (SQLSTATE 42703)\n" +
		"  in: CREATE VIEW \"dm\".\"v_navne\" AS\n SELECT kommuner.navn"

	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("error\n got: %v\nwant: %s...", err, want)
	}
	if got := query(t, conn, `SELECT navn FROM dm.v_navne`); got != "København" {
		t.Errorf("view reads %q after the failed load", got)
	}
}

// TestLoadRefusesToDropOtherDependents: a foreign key on the seed is not a view flis can
// recreate; the load must fail rather than drop it.
func TestLoadRefusesToDropOtherDependents(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode,navn\n101,København\n"})
	s := kommuner()
	mustLoad(t, conn, s, root)
	execAll(t, conn,
		`ALTER TABLE dm.kommuner ADD PRIMARY KEY (kode)`,
		`CREATE TABLE dm.sager (kode integer REFERENCES dm.kommuner)`)
	_, err := Load(context.Background(), conn, s, Options{Root: root})
	if err == nil || !strings.Contains(err.Error(), "cannot drop table") {
		t.Fatalf("error %v, want PostgreSQL's refusal to drop the old table", err)
	}
	if got := query(t, conn, `SELECT conname FROM pg_constraint WHERE conrelid = 'dm.sager'::regclass`); got != "sager_kode_fkey" {
		t.Errorf("foreign key: %q", got)
	}
}

func TestLoadRefusesToReplaceAView(t *testing.T) {
	conn := pgtest.Conn(t)
	root := project(t, map[string]string{"seeds/kommuner.csv": "kode\n1\n"})
	execAll(t, conn, `CREATE SCHEMA dm`, `CREATE VIEW dm.kommuner AS SELECT 1 AS kode`)
	_, err := Load(context.Background(), conn, kommuner(), Options{Root: root})
	want := `seed kommuner: "dm"."kommuner" exists and is not a table (relkind v); drop it or rename the seed`
	if err == nil || err.Error() != want {
		t.Fatalf("error\n got: %v\nwant: %s", err, want)
	}
}
