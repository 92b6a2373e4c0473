package freshness

import (
	"context"
	"testing"
	"time"

	"github.com/flis-dk/flis/internal/pgtest"
	"github.com/flis-dk/flis/runner/warehouse"
)

func TestMonthName(t *testing.T) {
	for in, want := range map[string]string{"2024-03": "marts 2024", "2023-12": "december 2023", "x": "x"} {
		if got := MonthName(in); got != want {
			t.Errorf("MonthName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSQL(t *testing.T) {
	got := SQL(Check{Schema: "dsa", Table: "ky_sag", Column: "oprettet_dato", WarnAfter: "35 days"})
	want := `SELECT max("oprettet_dato")::text, to_char(max("oprettet_dato")::date, 'YYYY-MM'), ` +
		`coalesce(max("oprettet_dato")::timestamp < $1::timestamp - '35 days'::interval, true), $1::timestamp IS NULL FROM "dsa"."ky_sag"`
	if got != want {
		t.Errorf("SQL:\n got %s\nwant %s", got, want)
	}
}

func TestRun(t *testing.T) {
	ctx := context.Background()
	db, err := warehouse.Open(ctx, warehouse.Config{DSN: pgtest.DSN(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`CREATE SCHEMA dsa`,
		`CREATE TABLE dsa.t (d date)`,
		`INSERT INTO dsa.t VALUES ('2024-03-31'), ('2024-01-15')`,
		`CREATE TABLE dsa.empty (d date)`,
	} {
		if _, err := db.Exec(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	asOf := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC) // 40 days after the newest row
	base := Check{Schema: "dsa", Table: "t", Column: "d"}
	tests := []struct {
		name, warn, errAfter, table, column string
		want                                string
	}{
		{"fresh", "45 days", "90 days", "t", "d", Pass},
		{"warn", "35 days", "90 days", "t", "d", Warn},
		{"error", "10 days", "35 days", "t", "d", Error},
		{"empty table is stale", "35 days", "90 days", "empty", "d", Error},
		{"no thresholds", "", "", "t", "d", Pass},
		{"missing column", "1 day", "", "t", "nope", Fail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			c.WarnAfter, c.ErrorAfter, c.Table, c.Column = tt.warn, tt.errAfter, tt.table, tt.column
			r := Run(ctx, db, []Check{c}, asOf)[0]
			if r.Status != tt.want {
				t.Fatalf("status %q (%s), want %q", r.Status, r.Message, tt.want)
			}
			if tt.table == "t" && tt.want != Fail && (r.Newest != "2024-03-31" || r.DataThrough != "marts 2024") {
				t.Errorf("newest %q, data through %q", r.Newest, r.DataThrough)
			}
		})
	}
}
