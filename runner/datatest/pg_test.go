package datatest

import (
	"context"
	"testing"
	"time"

	"github.com/flis-dk/flis/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// TestPGFailures runs every kind of test against real data and checks how many rows fail:
// the golden files say what the SQL is, this says that it means what it should.
func TestPGFailures(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn := pgtest.Conn(t)
	for _, s := range []string{
		"CREATE SCHEMA dm",
		"CREATE TABLE dm.dim (id int)",
		"INSERT INTO dm.dim VALUES (1), (2)",
		`CREATE TABLE dm.f (id int, k text, status text, n int, d date, ts timestamptz)`,
		`INSERT INTO dm.f VALUES
			(1, 'a', 'Åben', 1, current_date, now()),
			(2, 'a', 'Lukket', 2, current_date - 3, now() - interval '3 days'),
			(3, NULL, NULL, 3, NULL, NULL),
			(NULL, NULL, 'Åben', -1, NULL, NULL)`,
		"CREATE TABLE dm.empty (d date)",
	} {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	f := Relation{Schema: "dm", Name: "f"}
	audit := Relation{Schema: "dm", Name: "audit_failures"}
	for _, c := range []struct {
		name string
		test Test
		want int
	}{
		{"not_null", Test{Kind: NotNull, Relation: f, Column: "id"}, 1},
		{"not_null where", Test{Kind: NotNull, Relation: f, Column: "id", Where: "n > 0"}, 0},
		{"unique passes", Test{Kind: Unique, Relation: f, Column: "id"}, 0},
		{"unique duplicate", Test{Kind: Unique, Relation: f, Column: "k"}, 2}, // 'a' twice, NULL twice
		{"unique composite", Test{Kind: Unique, Relation: f, Columns: []string{"id", "k"}}, 0},
		{"accepted_values", Test{Kind: AcceptedValues, Relation: f, Column: "status", Args: map[string]any{"values": []any{"Åben"}}}, 1},
		{"accepted_values numbers", Test{Kind: AcceptedValues, Relation: f, Column: "n", Args: map[string]any{"values": []any{1, 2, 3}, "quote": false}}, 1},
		{"relationships", Test{Kind: Relationships, Relation: f, Column: "id", Args: map[string]any{"to": Relation{"dm", "dim"}, "field": "id"}}, 1},
		{"expression_is_true", Test{Kind: ExpressionIsTrue, Relation: f, Args: map[string]any{"expression": "n > 0"}}, 1},
		{"row_count inside", Test{Kind: RowCount, Relation: f, Args: map[string]any{"min": 1, "max": 4}}, 0},
		{"row_count above", Test{Kind: RowCount, Relation: f, Args: map[string]any{"max": 3}}, 1},
		{"row_count empty", Test{Kind: RowCount, Relation: Relation{"dm", "empty"}, Args: map[string]any{"min": 1}}, 1},
		{"recency date fresh", Test{Kind: Recency, Relation: f, Column: "d", Args: map[string]any{"max_age": "1 day"}}, 0},
		{"recency date stale", Test{Kind: Recency, Relation: f, Where: "id = 2", Args: map[string]any{"column": "d", "max_age": "2 days"}}, 1},
		{"recency timestamp stale", Test{Kind: Recency, Relation: f, Where: "id = 2", Args: map[string]any{"column": "ts", "max_age": "2 days"}}, 1},
		{"recency empty", Test{Kind: Recency, Relation: Relation{"dm", "empty"}, Args: map[string]any{"column": "d", "max_age": "1 year"}}, 1},
		{"singular", Test{Kind: Singular, SQL: "SELECT * FROM dm.f WHERE n < 0; -- negative"}, 1},
		{"singular where", Test{Kind: Singular, SQL: "SELECT * FROM dm.f", Where: "id > 1"}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, err := CountSQL(c.test)
			if err != nil {
				t.Fatal(err)
			}
			var n int
			if err := conn.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol).Scan(&n); err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
			if n != c.want {
				t.Errorf("%d failing rows, want %d\n%s", n, c.want, q)
			}
			stmts, err := StoreFailuresSQL(c.test, audit)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range stmts {
				if _, err := conn.Exec(ctx, s, pgx.QueryExecModeSimpleProtocol); err != nil {
					t.Fatalf("%v\n%s", err, s)
				}
			}
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM dm.audit_failures", pgx.QueryExecModeSimpleProtocol).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != c.want {
				t.Errorf("stored %d failing rows, want %d", n, c.want)
			}
		})
	}
}
