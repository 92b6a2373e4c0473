package warehouse

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestRelationKindAndColumns(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	mustExec(t, db,
		`CREATE SCHEMA dm`,
		`CREATE TABLE dm."Fact" (sag_id text, maaned date, beløb numeric(10,2), dropped int, n int)`,
		`ALTER TABLE dm."Fact" DROP COLUMN dropped`,
		`CREATE VIEW dm.v AS SELECT sag_id FROM dm."Fact"`,
		`CREATE MATERIALIZED VIEW dm.m AS SELECT 1 AS one`,
		`CREATE TABLE dm.p (k int) PARTITION BY RANGE (k)`,
		`CREATE SEQUENCE dm.s`,
	)
	kinds := map[string]Kind{"Fact": KindTable, "v": KindView, "m": KindMaterializedView,
		"p": KindTable, "s": KindOther, "fact": KindNone, "absent": KindNone}
	for name, want := range kinds {
		got, err := db.RelationKind(ctx, "dm", name)
		if err != nil || got != want {
			t.Errorf("RelationKind(dm, %s) = %v, %v; want %v", name, got, err, want)
		}
	}
	cols, err := db.Columns(ctx, "dm", "Fact")
	if err != nil {
		t.Fatal(err)
	}
	want := []Column{{"sag_id", "text"}, {"maaned", "date"}, {"beløb", "numeric(10,2)"}, {"n", "integer"}}
	if !reflect.DeepEqual(cols, want) {
		t.Errorf("Columns = %v, want %v", cols, want)
	}
	if cols, err := db.Columns(ctx, "dm", "absent"); err != nil || len(cols) != 0 {
		t.Errorf("Columns of an absent relation = %v, %v", cols, err)
	}
}

func TestDependentViewsInRecreationOrder(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	// base <- a <- b <- d, d also reads base directly, c reads a (materialized);
	// "z_first" in schema aa sorts first by name but sits deepest. other is unrelated.
	mustExec(t, db,
		`CREATE SCHEMA dm`, `CREATE SCHEMA aa`,
		`CREATE TABLE dm.base (id int, v text)`,
		`CREATE VIEW dm.a AS SELECT id, v FROM dm.base WHERE id > 0`,
		`CREATE VIEW dm.b WITH (security_barrier) AS SELECT id FROM dm.a`,
		`CREATE MATERIALIZED VIEW dm.c AS SELECT count(*) AS n FROM dm.a`,
		`CREATE VIEW dm.d AS SELECT b.id, base.v FROM dm.b JOIN dm.base USING (id)`,
		`CREATE VIEW aa.z_first AS SELECT id FROM dm.d`,
		`CREATE VIEW dm.other AS SELECT 1 AS one`,
	)
	views, err := db.DependentViews(ctx, "dm", "base")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range views {
		got = append(got, v.Schema+"."+v.Name)
	}
	want := []string{"dm.a", "dm.b", "dm.c", "dm.d", "aa.z_first"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DependentViews = %v, want %v", got, want)
	}
	if !views[2].Materialized || views[1].Materialized {
		t.Errorf("Materialized flags wrong: %+v", views)
	}
	if !reflect.DeepEqual(views[1].Options, []string{"security_barrier=true"}) {
		t.Errorf("options of dm.b = %v", views[1].Options)
	}

	// The point of the order: replace the table and recreate the views from Definition.
	mustExec(t, db, `DROP TABLE dm.base CASCADE`, `CREATE TABLE dm.base (id int, v text, extra int)`)
	for _, v := range views {
		kw := "VIEW"
		if v.Materialized {
			kw = "MATERIALIZED VIEW"
		}
		with := ""
		if len(v.Options) > 0 {
			with = " WITH (" + strings.Join(v.Options, ", ") + ")"
		}
		mustExec(t, db, fmt.Sprintf("CREATE %s %s%s AS %s", kw, pgx.Identifier{v.Schema, v.Name}.Sanitize(),
			with, strings.TrimSuffix(strings.TrimSpace(v.Definition), ";")))
	}
	again, err := db.DependentViews(ctx, "dm", "base")
	if err != nil || len(again) != len(views) {
		t.Errorf("after recreation: %d views, %v", len(again), err)
	}

	if views, err := db.DependentViews(ctx, "dm", "absent"); err != nil || len(views) != 0 {
		t.Errorf("DependentViews of an absent relation = %v, %v", views, err)
	}
	if views, err := db.DependentViews(ctx, "dm", "other"); err != nil || len(views) != 0 {
		t.Errorf("DependentViews of a view nobody reads = %v, %v", views, err)
	}
}

func TestScalarString(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	mustExec(t, db, `CREATE TABLE f (maaned date)`, `INSERT INTO f VALUES ('2024-01-01'), ('2024-03-01')`)
	tests := []struct {
		sql    string
		want   string
		wantOK bool
	}{
		{"SELECT max(maaned) FROM f", "2024-03-01", true},
		{"SELECT max(maaned) FROM f WHERE false", "", false},
		{"SELECT maaned FROM f WHERE false", "", false},
		{"SELECT 1.50::numeric", "1.50", true},
		{"SELECT 'Åbne sager'::text", "Åbne sager", true},
	}
	for _, tt := range tests {
		got, ok, err := db.ScalarString(ctx, tt.sql)
		if err != nil || got != tt.want || ok != tt.wantOK {
			t.Errorf("ScalarString(%q) = %q, %v, %v; want %q, %v", tt.sql, got, ok, err, tt.want, tt.wantOK)
		}
	}
	if _, _, err := db.ScalarString(ctx, "SELECT max(nope) FROM f"); err == nil {
		t.Error("ScalarString of a bad query succeeded")
	}
}

func TestServerVersion(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	num, text, err := db.ServerVersion(context.Background())
	if err != nil || num < 100000 || !strings.HasPrefix(text, fmt.Sprint(num/10000)+".") {
		t.Errorf("ServerVersion = %d, %q, %v", num, text, err)
	}
}
