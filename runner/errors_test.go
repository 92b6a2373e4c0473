package runner

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/flis-dk/flis/compiler"
	"github.com/flis-dk/flis/compiler/diag"
	"github.com/flis-dk/flis/runner/warehouse"
)

// TestLocated pins how a failed statement is reported for a node: the file, the position
// inside the statement when the server gave one, the database's message, and the excerpt.
func TestLocated(t *testing.T) {
	pgErr := &pgconn.PgError{Message: `column "nope" does not exist`, Code: "42703", Position: 12}
	positioned := &warehouse.StmtError{Stmt: "SELECT id,\n  nope FROM t", Position: 14, Cause: pgErr}
	unpositioned := &warehouse.StmtError{Stmt: "MERGE INTO t ...", Cause: &pgconn.PgError{
		Message: "MERGE command cannot affect row a second time", Code: "21000"}}
	model := &compiler.Node{Kind: compiler.KindModel, Path: "models/ky/m.sql"}
	generic := &compiler.Node{Kind: compiler.KindTest, Path: "models/ky/m.yml",
		Test: &compiler.Test{Kind: "unique", Pos: diag.Pos{File: "models/ky/m.yml", Line: 4, Col: 9}}}
	tests := []struct {
		name string
		n    *compiler.Node
		err  error
		want string
	}{
		{"model, position", model, positioned,
			"models/ky/m.sql:2:3: column \"nope\" does not exist (SQLSTATE 42703)\n  nope FROM t\n  ^"},
		{"model, no position: no dangling colon or empty excerpt", model, unpositioned,
			"models/ky/m.sql: MERGE command cannot affect row a second time (SQLSTATE 21000)"},
		{"model, wrapped statement error keeps its context", model, fmt.Errorf("creating role r: %w", positioned),
			"models/ky/m.sql: creating role r: 2:3: column \"nope\" does not exist (SQLSTATE 42703)\n  nope FROM t\n  ^"},
		{"generic test points at its YAML", generic, positioned,
			"models/ky/m.yml:4:9: unique test: in its generated query at 2:3: column \"nope\" does not exist (SQLSTATE 42703)\n  nope FROM t\n  ^"},
		{"not a statement error: unchanged", model, errors.New("boom"), "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := located(tt.n, tt.err)
			if got.Error() != tt.want {
				t.Errorf("\ngot  %q\nwant %q", got.Error(), tt.want)
			}
			if !errors.Is(got, tt.err) {
				t.Errorf("the result does not unwrap to the original error")
			}
		})
	}
}

func TestStripLineCol(t *testing.T) {
	for in, want := range map[string]string{
		"3:7: column x":    "column x",
		"12:1: a: b":       "a: b",
		"column x: 3:7: y": "column x: 3:7: y",
		"no colon":         "no colon",
		"statement interrupted: context canceled": "statement interrupted: context canceled",
	} {
		if got := stripLineCol(in); got != want {
			t.Errorf("stripLineCol(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestByteOffset(t *testing.T) {
	s := "SELECT 'æøå', x"
	for chars, want := range map[int]int{0: 0, 8: 8, 9: 10, 11: 14, 14: 17, 100: len(s)} {
		if got := byteOffset(s, chars); got != want {
			t.Errorf("byteOffset(%q, %d) = %d, want %d", s, chars, got, want)
		}
	}
}

// TestInterruptedNodeMessage: a node whose statement failed because the run was interrupted
// says so, instead of the driver's "context canceled".
func TestInterruptedNodeMessage(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := &compiler.Node{ID: "seed.k", Kind: compiler.KindSeed, Name: "k", Relation: compiler.Relation{Schema: "dm", Name: "k"}}
	res := &compiler.Result{Nodes: map[string]*compiler.Node{n.ID: n}}
	var got []Event
	r := &Runner{res: res, total: 1, audited: map[string]Event{}, opts: Options{
		Emit:     func(e Event) { got = append(got, e) },
		LoadSeed: func(ctx context.Context, _ *compiler.Node) (int64, error) { return 0, ctx.Err() },
	}}
	if st := r.exec(ctx, n.ID); st != StatusError {
		t.Fatalf("status %s, want ERROR", st)
	}
	last := got[len(got)-1]
	if want := "interrupted: the running statement was cancelled on the server; nothing of dm.k was published"; last.Message != want {
		t.Errorf("message %q, want %q", last.Message, want)
	}
}
