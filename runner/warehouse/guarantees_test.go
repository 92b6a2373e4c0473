package warehouse

import (
	"context"
	"reflect"
	"testing"

	"github.com/flis-dk/flis/runner/datatest"
)

// guaranteesDDL builds one relation per case of TestRelationGuarantees, with data that a
// test the catalog does not prove would fail on.
var guaranteesDDL = []string{
	`CREATE SCHEMA dm`,
	`CREATE TABLE dm.pk (a int PRIMARY KEY, b text, dropped int)`,
	`ALTER TABLE dm.pk DROP COLUMN dropped`,
	`INSERT INTO dm.pk VALUES (1, NULL), (2, NULL)`,
	`CREATE TABLE dm.comp (a int NOT NULL, b date NOT NULL, c text, CONSTRAINT comp_ab UNIQUE (a, b))`,
	`INSERT INTO dm.comp VALUES (1, '2024-01-01', 'x'), (1, '2024-01-08', 'x')`,
	`CREATE TABLE dm.nullable (a int, CONSTRAINT nullable_a UNIQUE (a))`,
	`INSERT INTO dm.nullable VALUES (NULL), (NULL)`,
	`CREATE TABLE dm.nnd (a int, CONSTRAINT nnd_a UNIQUE NULLS NOT DISTINCT (a))`,
	`INSERT INTO dm.nnd VALUES (NULL), (1)`,
	`CREATE TABLE dm.part (a int NOT NULL)`,
	`CREATE UNIQUE INDEX part_a ON dm.part (a) WHERE a > 0`,
	`INSERT INTO dm.part VALUES (-1), (-1)`,
	`CREATE TABLE dm.expr (t text NOT NULL)`,
	`CREATE UNIQUE INDEX expr_lower ON dm.expr (lower(t))`,
	`INSERT INTO dm.expr VALUES ('a'), ('b')`,
	`CREATE TABLE dm.incl (a int NOT NULL, b int NOT NULL)`,
	`CREATE UNIQUE INDEX incl_a ON dm.incl (a) INCLUDE (b)`,
	`CREATE TABLE dm.deferred (a int NOT NULL, CONSTRAINT deferred_a UNIQUE (a) DEFERRABLE INITIALLY DEFERRED)`,
	`CREATE TABLE dm.coll (t text NOT NULL)`,
	`CREATE UNIQUE INDEX coll_c ON dm.coll (t COLLATE "C")`,
	`CREATE TABLE dm.opclass (t text NOT NULL)`,
	`CREATE UNIQUE INDEX opclass_pattern ON dm.opclass (t text_pattern_ops)`,
	`CREATE TABLE dm.invalid (a int NOT NULL)`,
	`INSERT INTO dm.invalid VALUES (1), (1)`,
	`CREATE VIEW dm.v AS SELECT a, b FROM dm.pk`,
	`CREATE TABLE dm.parent (a int PRIMARY KEY)`,
	`CREATE TABLE dm.child () INHERITS (dm.parent)`,
	`INSERT INTO dm.parent VALUES (1)`,
	`INSERT INTO dm.child VALUES (1)`,
	`CREATE TABLE dm.parted (a int, b int, PRIMARY KEY (a, b)) PARTITION BY RANGE (a)`,
	`CREATE TABLE dm.parted_1 PARTITION OF dm.parted FOR VALUES FROM (0) TO (10)`,
	`CREATE MATERIALIZED VIEW dm.mv_empty AS SELECT 1 AS a WITH NO DATA`,
	`CREATE UNIQUE INDEX mv_empty_a ON dm.mv_empty (a)`,
	`CREATE MATERIALIZED VIEW dm.mv AS SELECT 1 AS a`,
	`CREATE UNIQUE INDEX mv_a ON dm.mv (a)`,
}

func colSet(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

func TestRelationGuarantees(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	mustExec(t, db, guaranteesDDL...)
	// A failed CREATE INDEX CONCURRENTLY leaves an invalid index behind.
	if _, err := db.Exec(ctx, `CREATE UNIQUE INDEX CONCURRENTLY invalid_a ON dm.invalid (a)`); err == nil {
		t.Fatal("building a unique index over duplicates succeeded")
	}
	none := datatest.Guarantees{}
	for _, c := range []struct {
		rel  string
		want datatest.Guarantees
	}{
		{"pk", datatest.Guarantees{Columns: colSet("a", "b"), NotNull: colSet("a"),
			Unique: []datatest.UniqueKey{{Name: "pk_pkey", Columns: []string{"a"}, Primary: true}}}},
		{"comp", datatest.Guarantees{Columns: colSet("a", "b", "c"), NotNull: colSet("a", "b"),
			Unique: []datatest.UniqueKey{{Name: "comp_ab", Columns: []string{"a", "b"}}}}},
		{"nullable", datatest.Guarantees{Columns: colSet("a"), NotNull: colSet(),
			Unique: []datatest.UniqueKey{{Name: "nullable_a", Columns: []string{"a"}}}}},
		{"nnd", datatest.Guarantees{Columns: colSet("a"), NotNull: colSet(),
			Unique: []datatest.UniqueKey{{Name: "nnd_a", Columns: []string{"a"}, NullsNotDistinct: true}}}},
		{"part", datatest.Guarantees{Columns: colSet("a"), NotNull: colSet("a")}},
		{"expr", datatest.Guarantees{Columns: colSet("t"), NotNull: colSet("t")}},
		{"incl", datatest.Guarantees{Columns: colSet("a", "b"), NotNull: colSet("a", "b"),
			Unique: []datatest.UniqueKey{{Name: "incl_a", Columns: []string{"a"}}}}},
		{"deferred", datatest.Guarantees{Columns: colSet("a"), NotNull: colSet("a")}},
		{"coll", datatest.Guarantees{Columns: colSet("t"), NotNull: colSet("t")}},
		{"opclass", datatest.Guarantees{Columns: colSet("t"), NotNull: colSet("t")}},
		{"invalid", datatest.Guarantees{Columns: colSet("a"), NotNull: colSet("a")}},
		{"v", none},
		{"parent", none},
		{"child", datatest.Guarantees{Columns: colSet("a"), NotNull: colSet("a")}},
		{"parted", datatest.Guarantees{Columns: colSet("a", "b"), NotNull: colSet("a", "b"),
			Unique: []datatest.UniqueKey{{Name: "parted_pkey", Columns: []string{"a", "b"}, Primary: true}}}},
		{"mv_empty", none},
		{"mv", datatest.Guarantees{Columns: colSet("a"), NotNull: colSet(),
			Unique: []datatest.UniqueKey{{Name: "mv_a", Columns: []string{"a"}}}}},
		{"absent", none},
	} {
		got, err := RelationGuarantees(ctx, db, "dm", c.rel)
		if err != nil {
			t.Errorf("dm.%s: %v", c.rel, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("dm.%s:\n got %+v\nwant %+v", c.rel, got, c.want)
		}
	}
}

// TestProofsAgreeWithTheScan runs each test both ways: a proven test's query must find no
// failing rows, and the tests over data that breaks them must not be proven.
func TestProofsAgreeWithTheScan(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	mustExec(t, db, guaranteesDDL...)
	// fails: the data breaks the test, so the scan must find rows and nothing may prove it.
	cases := []struct {
		rel    string
		test   datatest.Test
		proven bool
		fails  bool
	}{
		{"pk", datatest.Test{Kind: datatest.Unique, Column: "a"}, true, false},
		{"pk", datatest.Test{Kind: datatest.Unique, Columns: []string{"a", "b"}}, true, false}, // b is NULL twice
		{"pk", datatest.Test{Kind: datatest.NotNull, Column: "a"}, true, false},
		{"pk", datatest.Test{Kind: datatest.NotNull, Column: "b"}, false, true},
		{"comp", datatest.Test{Kind: datatest.Unique, Columns: []string{"b", "a"}, Where: "a > 0"}, true, false},
		{"comp", datatest.Test{Kind: datatest.Unique, Column: "a"}, false, true},
		{"nullable", datatest.Test{Kind: datatest.Unique, Column: "a"}, false, true}, // two NULLs
		{"nnd", datatest.Test{Kind: datatest.Unique, Column: "a"}, true, false},
		{"part", datatest.Test{Kind: datatest.Unique, Column: "a"}, false, true},
		{"expr", datatest.Test{Kind: datatest.Unique, Column: "t"}, false, false}, // holds, unproven
		{"invalid", datatest.Test{Kind: datatest.Unique, Column: "a"}, false, true},
		{"parent", datatest.Test{Kind: datatest.Unique, Column: "a"}, false, true}, // the child repeats 1
	}
	for _, c := range cases {
		c.test.Relation = datatest.Relation{Schema: "dm", Name: c.rel}
		name := datatest.DefaultName(c.test)
		g, err := RelationGuarantees(ctx, db, "dm", c.rel)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		reason, proven := datatest.Proof(c.test, g)
		if proven != c.proven {
			t.Errorf("%s: proven = %v (%q), want %v", name, proven, reason, c.proven)
		}
		q, err := datatest.CountSQL(c.test)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var failures int64
		if err := db.Pool().QueryRow(ctx, q).Scan(&failures); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if proven && failures != 0 {
			t.Errorf("%s: proven (%s), yet the scan finds %d failing rows", name, reason, failures)
		}
		if c.fails && failures == 0 {
			t.Errorf("%s on dm.%s: the data was meant to fail this test, the scan finds nothing", name, c.rel)
		}
	}
}

// TestRelationGuaranteesInTransaction reads the catalog through a transaction: a key added
// in it is seen there and not outside until commit.
func TestRelationGuaranteesInTransaction(t *testing.T) {
	t.Parallel()
	db := open(t, Config{})
	ctx := context.Background()
	mustExec(t, db, `CREATE SCHEMA dm`, `CREATE TABLE dm.t (a int NOT NULL)`)
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	mustExec(t, tx, `ALTER TABLE dm.t ADD PRIMARY KEY (a)`)
	in, err := RelationGuarantees(ctx, tx, "dm", "t")
	if err != nil {
		t.Fatal(err)
	}
	out, err := RelationGuarantees(ctx, db, "dm", "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Unique) != 1 || in.Unique[0].Name != "t_pkey" {
		t.Errorf("inside the transaction: %+v, want the primary key t_pkey", in)
	}
	if len(out.Unique) != 0 || !out.NotNull["a"] {
		t.Errorf("outside the transaction: %+v, want NOT NULL a and no key yet", out)
	}
	// The catalog reads leave the transaction usable.
	if _, err := tx.Exec(ctx, `SELECT 1`); err != nil {
		t.Errorf("transaction after reading guarantees: %v", err)
	}
}
